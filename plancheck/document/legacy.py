"""Convert legacy .doc, Kingsoft .wps and .rtf/.odt files to .docx through LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ConversionError, ConverterMissingError

TIMEOUT_SECONDS = 120  # below the reading worker's limit (plancheck.limits), so LibreOffice is never orphaned
INSTALL_HINT = ("读取 .doc / .wps 等旧格式文件需要 LibreOffice，但本机未安装。"
                "请安装后重试（Debian/Ubuntu：sudo apt-get install libreoffice-writer；"
                "Windows/macOS：从 LibreOffice 官网下载安装），或在 Word / WPS 中将文件另存为 .docx 后再检查。")


def _lift_memory_limit() -> None:
    """LibreOffice reserves much address space; the reading worker's soft limit is not meant for it."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: str, source_suffix: str, target: str = "docx") -> Iterator[Path]:
    """Yield the path of `path` converted to `target`; the file is removed afterwards.

    Each call uses its own LibreOffice profile, so parallel conversions never share a lock.
    """
    program = soffice()
    if program is None:
        raise ConverterMissingError(INSTALL_HINT, path)
    with tempfile.TemporaryDirectory(prefix="plancheck-") as workdir:
        work = Path(workdir)
        source = work / f"input{source_suffix}"
        shutil.copyfile(path, source)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                                    preexec_fn=_lift_memory_limit if os.name == "posix" else None)
        except subprocess.TimeoutExpired as error:
            raise ConversionError(f"LibreOffice 转换超时（超过 {TIMEOUT_SECONDS} 秒），文件可能已损坏或过大", path) from error
        output = work / "out" / f"input.{target}"
        if not output.is_file() or output.stat().st_size == 0:
            detail = result.stderr.decode("utf-8", "replace").strip()[-200:]
            raise ConversionError(f"文件已损坏或已加密：LibreOffice 无法转换该文件{('（' + detail + '）') if detail else ''}", path)
        yield output
