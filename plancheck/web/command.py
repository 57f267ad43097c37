"""The `plancheck serve` command's options and what it runs (kept here so cli.py only names it)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .settings import MB, Settings, is_loopback


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1（只有本机可以访问）；其他地址必须设置 --token")
    parser.add_argument("--port", "-p", type=int, default=8000, help="端口，默认 8000")
    parser.add_argument("--token", default=os.environ.get("PLANCHECK_TOKEN"),
                        help="访问令牌（至少 8 个字符；也可用环境变量 PLANCHECK_TOKEN）")
    parser.add_argument("--max-files", type=int, default=20, help="一次最多上传的文件数，默认 20")
    parser.add_argument("--max-mb", type=int, default=50, help="一次上传的总大小上限（MB），默认 50")
    parser.add_argument("--workers", type=int, default=Settings().workers, help="同时检查的进程数，默认为 CPU 数（最多 2）")
    parser.add_argument("--timeout", type=float, default=300, help="一次检查最长等待秒数，默认 300")
    parser.add_argument("--results", metavar="文件夹", help="把每份报告（JSON 和 HTML）另存到此文件夹；默认不保存任何内容")
    parser.add_argument("--no-browser", action="store_true", help="启动后不自动打开浏览器")


def run(args: argparse.Namespace) -> int:
    settings = Settings(host=args.host, port=args.port, token=args.token or None, max_files=args.max_files,
                        max_upload_bytes=args.max_mb * MB, workers=args.workers, timeout=args.timeout,
                        results_dir=Path(args.results) if args.results else None)
    try:
        settings.validate()
    except ValueError as error:
        sys.stderr.write(f"错误：{error}\n")
        return 2
    try:
        from . import serve
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        sys.stderr.write("错误：网页功能需要另外安装：pip install \"plancheck[web]\"（在本仓库中：pip install -e \".[web]\"）\n")
        return 2
    serve(settings, open_browser=is_loopback(settings.host) and not args.no_browser)
    return 0
