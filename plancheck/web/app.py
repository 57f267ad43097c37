"""The web application: a page where township staff drop their plan and read the report, and the
HTTP API (`/api/v1/…`) that platforms call. Both send the uploads to the same bounded pool of
worker processes (`jobs.run`); nothing uploaded is kept after the response.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import json
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..inputs import Upload, safe_name
from ..report.formats import FORMATS
from ..report.rendering import environment
from ..result import report_schema
from ..rules.ruleset import SHIPPED
from ..errors import WaiverError
from ..waivers import WaiverSet, read_waivers
from ..version import __version__
from . import jobs
from .openapi import openapi
from .settings import MB, Settings

TOKEN_COOKIE = "plancheck_token"
STATUS = {  # error code → HTTP status; codes are stable (docs/api.md), messages may be reworded
    "bad_request": 400, "no_files": 400, "invalid_ruleset": 400, "invalid_parameter": 400, "pattern_timeout": 400,
    "bad_host": 400, "invalid_waivers": 400, "unauthorized": 401, "not_found": 404, "too_many_files": 413,
    "upload_too_large": 413,
    "too_large": 413, "unsupported_format": 415, "corrupt_file": 422, "encrypted_file": 422, "read_timeout": 422,
    "conversion_failed": 422, "converter_missing": 422, "error": 422, "internal": 500, "busy": 503, "timeout": 504,
}
STANDARD_TITLES = {"auto": "自动判断（乡镇或村按预案标题）", "township": "乡镇(街道)应急预案", "village": "村(社区)应急预案",
                   "standardization": "乡镇(街道)应急管理标准化材料包"}
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "txt": "text/plain; charset=utf-8",
         "json": "application/json", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv; charset=utf-8"}
DOWNLOAD_LABELS = {"docx": "Word 评审表", "xlsx": "Excel 评审表", "html": "网页报告 (HTML)", "csv": "表格 (CSV)"}
SUMMARY_LABELS = {"html": "汇总表 (HTML)", "xlsx": "汇总表 (Excel)", "csv": "汇总表 (CSV)"}
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class ApiError(Exception):
    """A request that cannot be served: a stable code and a Chinese message."""

    def __init__(self, code: str, message: str, file: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.file = code, message, file

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 422)

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **({"file": self.file} if self.file else {})}}


class _UploadTooLarge(Exception):
    pass


class Checker:
    """The bounded pool of worker processes that run the checks, and its admission count."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool: ProcessPoolExecutor | None = None
        self.pending = 0

    def start(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.settings.workers, mp_context=multiprocessing.get_context("spawn"))
            for _ in range(self.settings.workers):
                self.pool.submit(jobs.warm)

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    async def run(self, job: jobs.Job) -> dict[str, Any]:
        if self.pending >= self.settings.max_pending:
            raise ApiError("busy", "服务器正忙：正在检查的文件太多，请稍后再试")
        self.start()
        assert self.pool is not None
        self.pending += 1
        try:
            future = self.pool.submit(jobs.run, job)
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.settings.timeout)
        except asyncio.TimeoutError:
            future.cancel()
            raise ApiError("timeout", f"检查超时：超过 {self.settings.timeout:g} 秒仍未完成，请减少文件数量或稍后再试") from None
        except BrokenProcessPool:
            self.stop()
            raise ApiError("internal", "内部错误：检查进程意外退出，请重试；如再次出现请联系维护人员") from None
        finally:
            self.pending -= 1
        if "error" in result:
            raise ApiError(result["error"]["code"], result["error"]["message"])
        return result


# ---------------------------------------------------------------- reading a request

async def read_upload(request: Request, settings: Settings) -> tuple[list[Upload], dict[str, Any]]:
    """The uploaded files and the other form fields (a `waivers` file among them), within the size and count limits."""
    limit = settings.max_upload_bytes
    too_large = ApiError("upload_too_large", f"上传内容超过上限 {limit // MB} MB，请分批上传或压缩图片后再试")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + 64 * 1024:
        raise too_large
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit + 64 * 1024:
            raise _UploadTooLarge
        return message

    try:
        form = await Request(request.scope, receive).form(max_files=settings.max_files, max_fields=50)
    except _UploadTooLarge:
        raise too_large from None
    except (MultiPartException, HTTPException) as error:  # Starlette turns the former into the latter
        if "too many files" in str(getattr(error, "detail", error)).lower():
            raise ApiError("too_many_files", f"文件太多：一次最多上传 {settings.max_files} 个文件，请分批检查") from None
        raise ApiError("bad_request", "上传内容格式有误（应为 multipart/form-data 表单）") from None
    except Exception:  # noqa: BLE001 - a malformed body is the client's error
        raise ApiError("bad_request", "上传内容格式有误（应为 multipart/form-data 表单）") from None
    try:
        uploads, fields = [], {}
        total = 0
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if not value.filename:
                    continue
                data = await value.read()
                total += len(data)
                if total > limit:
                    raise too_large
                if key == "waivers":
                    fields[key] = Upload(value.filename, data)
                else:
                    uploads.append(Upload(value.filename, data))
            else:
                fields[key] = value
        return uploads, fields
    finally:
        await form.close()


def job_from(uploads: list[Upload], fields: dict[str, Any], settings: Settings, *, downloads: tuple[str, ...] = (),
             page: bool = False) -> jobs.Job:
    """Validate the request's options and build the job."""
    if not uploads:
        raise ApiError("no_files", "没有收到文件：请选择或拖入要检查的预案文件")
    if len(uploads) > settings.max_files:
        raise ApiError("too_many_files", f"文件太多：一次最多上传 {settings.max_files} 个文件，请分批检查")
    standard = fields.get("standard") or "auto"
    if standard != "auto" and standard not in SHIPPED:
        raise ApiError("bad_request", f"没有名为“{standard}”的规则集，可选：auto、{'、'.join(SHIPPED)}")
    as_of = fields.get("as_of") or None
    if as_of:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise ApiError("bad_request", f"检查日期应写成 2026-01-31 的形式，而不是 {as_of!r}") from None
    overrides: dict[str, Any] = {}
    if fields.get("params"):
        try:
            overrides = json.loads(fields["params"])
        except ValueError:
            overrides = None  # type: ignore[assignment]
        if not isinstance(overrides, dict):
            raise ApiError("bad_request", 'params 应为 JSON 对象，例如 {"drills_per_year": 2}')
    return jobs.Job(tuple(uploads), standard, as_of, overrides, downloads, page, settings.max_files,
                    settings.max_upload_bytes * 4, _waivers(fields.get("waivers")))


def _waivers(field: Upload | str | None) -> WaiverSet | None:
    """The request's waiver file (a file field, or YAML text), validated; its rule ids are checked per report."""
    if not field:
        return None
    upload = field if isinstance(field, Upload) else Upload("waivers.yaml", field.encode("utf-8"))
    try:
        return read_waivers(upload.data, upload.name)
    except WaiverError as error:
        raise ApiError("invalid_waivers", error.message) from None


# ---------------------------------------------------------------- the page

def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment(html=True).get_template(f"web/{template}").render(
        version=__version__, standards=STANDARD_TITLES, **context)
    return HTMLResponse(html, status_code=status)


def _data_url(content: str | bytes, fmt: str) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return f"data:{MEDIA[fmt].split(';')[0]};base64,{base64.b64encode(data).decode('ascii')}"


def _downloads(item: dict[str, Any]) -> list[dict[str, str]]:
    stem = safe_name(item["name"]).rsplit(".", 1)[0] or "预案"
    links = [{"label": DOWNLOAD_LABELS.get(fmt, fmt),
              "file": f"{stem}-检查报告{FORMATS[fmt].suffix}", "href": _data_url(content, fmt), "fmt": fmt}
             for fmt, content in item["downloads"].items()]
    links.append({"label": "数据 (JSON)", "file": f"{stem}-检查报告.json", "fmt": "json",
                  "href": _data_url(json.dumps(item["report"], ensure_ascii=False, indent=2), "json")})
    return links


def _keep(settings: Settings, result: dict[str, Any]) -> None:
    """With a results folder configured, keep each report's JSON and HTML there."""
    if settings.results_dir is None:
        return
    folder = Path(settings.results_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for index, item in enumerate(result["items"]):
        if "report" not in item:
            continue
        stem = f"{stamp}-{index + 1}-{safe_name(item['name']).rsplit('.', 1)[0]}"
        (folder / f"{stem}.json").write_text(json.dumps(item["report"], ensure_ascii=False, indent=2), "utf-8")
        if "html" in item["downloads"]:
            (folder / f"{stem}.html").write_text(item["downloads"]["html"], "utf-8")


async def index(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    return _page("index.html.j2", max_files=settings.max_files, max_mb=settings.max_upload_bytes // MB)


async def check_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    uploads, fields = await read_upload(request, settings)
    job = job_from(uploads, fields, settings, downloads=("docx", "xlsx", "html"), page=True)
    result = await request.app.state.checker.run(job)
    _keep(settings, result)
    for index, item in enumerate(result["items"], 1):
        item["index"] = index
        if "report" in item:
            item["links"] = _downloads(item)
    if result["kind"] in ("single", "bundle"):
        item = result["items"][0]
        if "error" in item:
            raise ApiError(item["error"]["code"], item["error"]["message"], item["name"])
        return _page("result.html.j2", item=item, **item["context"])
    summaries = [{"label": SUMMARY_LABELS[fmt], "file": f"汇总{FORMATS[fmt].suffix}", "href": _data_url(content, fmt),
                  "fmt": fmt} for fmt, content in result["summaries"].items()]
    return _page("batch.html.j2", items=result["items"], skipped=result["skipped"], summaries=summaries,
                 standard=STANDARD_TITLES.get(job.standard, job.standard))


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name == "app.js":
        text = environment().get_template("web/app.js").render()
        return Response(text, media_type="text/javascript; charset=utf-8")
    if name == "summary.js":
        text = environment().get_template("summary.js").render()
        return Response(text, media_type="text/javascript; charset=utf-8")
    if name == "web.css":
        text = environment().get_template("web/web.css.j2").render()
        return Response(text, media_type="text/css; charset=utf-8")
    raise ApiError("not_found", "找不到该页面")


# ---------------------------------------------------------------- the API

async def api_rulesets(request: Request) -> Response:
    found = []
    for name in SHIPPED:
        ruleset = jobs.ruleset_for(name, {})
        found.append({"name": name, "id": ruleset.id, "title": ruleset.title, "version": ruleset.version,
                      "applies_to": ruleset.applies_to, "rules": len(ruleset.rules),
                      "params": {key: {"value": p["value"], "title": p.get("title", "")}
                                 for key, p in ruleset.params.items()}})
    return JSONResponse({"rulesets": found, "auto": "按预案标题在 township 与 village 之间自动选择"})


async def api_check(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    uploads, fields = await read_upload(request, settings)
    fmt = fields.get("format") or "json"
    if fmt not in FORMATS:
        raise ApiError("bad_request", f"format 应为 {'、'.join(FORMATS)} 之一")
    job = job_from(uploads, fields, settings, downloads=() if fmt == "json" else (fmt,))
    result = await request.app.state.checker.run(job)
    _keep(settings, result)
    if result["kind"] in ("single", "bundle"):
        item = result["items"][0]
        if "error" in item:
            raise ApiError(item["error"]["code"], item["error"]["message"], item["name"])
        if fmt == "json":
            return JSONResponse(item["report"])
        name = f"{safe_name(item['name']).rsplit('.', 1)[0]}-report{FORMATS[fmt].suffix}"
        return Response(item["downloads"][fmt], media_type=MEDIA[fmt],
                        headers={"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
    if fmt != "json":
        raise ApiError("bad_request", "多个文件时结果只能是 JSON（format=json）")
    return JSONResponse({"kind": "batch", "items": [
        {"file": item["name"], **({"report": item["report"]} if "report" in item else {"error": item["error"]})}
        for item in result["items"]] + [{"file": s["name"], "skipped": True, "error": s["error"]} for s in result["skipped"]]})


async def api_openapi(request: Request) -> Response:
    return JSONResponse(openapi(request.app.state.settings))


async def api_schema(request: Request) -> Response:
    return JSONResponse(report_schema())


# ---------------------------------------------------------------- errors, access, headers

def error_response(request: Request, error: ApiError) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse(error.to_dict(), status_code=error.status)
    return _page("error.html.j2", status=error.status, error=error)


async def _api_error(request: Request, error: Exception) -> Response:
    return error_response(request, error if isinstance(error, ApiError) else ApiError("internal", "内部错误"))


async def _not_found(request: Request, error: Exception) -> Response:
    return error_response(request, ApiError("not_found", "找不到该页面或接口"))


async def _internal(request: Request, error: Exception) -> Response:
    return error_response(request, ApiError("internal", "内部错误：服务器出现意外问题，请重试；如再次出现请联系维护人员"))


def _host(header: str) -> str:
    """The host name of a Host header, without the port ("[::1]:8000" → "[::1]")."""
    return header if header.endswith("]") else re.sub(r":\d+$", "", header)


class Guard:
    """Host check (loopback servers), access token (other servers) and security headers on every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    def _authorized(self, request: Request) -> bool:
        token = self.settings.token or ""
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or \
            request.headers.get("x-plancheck-token", "") or request.cookies.get(TOKEN_COOKIE, "")
        return hmac.compare_digest(given.encode(), token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        request = Request(scope)
        response: Response | None = None
        hosts = self.settings.hosts
        if hosts and _host(request.headers.get("host", "")) not in hosts:
            response = error_response(request, ApiError("bad_host", "访问地址不对：请使用 http://127.0.0.1 访问本机服务"))
        elif self.settings.token and not self._authorized(request):
            given = request.query_params.get("token", "")
            if request.method == "GET" and given and hmac.compare_digest(given.encode(), self.settings.token.encode()):
                response = RedirectResponse(request.url.path, status_code=303)
                response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
            else:
                response = error_response(request, ApiError(
                    "unauthorized", "需要访问令牌：请使用管理员提供的完整链接（含 ?token=…）打开，接口调用请带 Authorization: Bearer 令牌"))
        if response is None:
            await self.app(scope, receive, secured)
        else:
            await response(scope, receive, secured)


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI application (run it with uvicorn, or `plancheck serve`)."""
    settings = settings or Settings()
    settings.validate()
    checker = Checker(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        checker.start()
        yield
        checker.stop()

    app = Starlette(routes=[
        Route("/", index), Route("/check", check_page, methods=["POST"]),
        Route("/static/{name}", static),
        Route("/api/v1/rulesets", api_rulesets), Route("/api/v1/check", api_check, methods=["POST"]),
        Route("/api/v1/openapi.json", api_openapi), Route("/api/v1/schema/report.json", api_schema),
    ], exception_handlers={ApiError: _api_error, 404: _not_found, 405: _not_found, 500: _internal}, lifespan=lifespan)
    app.state.settings = settings
    app.state.checker = checker
    app.add_middleware(Guard, settings=settings)
    return app
