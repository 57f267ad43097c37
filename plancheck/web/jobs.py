"""What one web request asks to be checked, done in a worker process: plain data in, plain data out.

A job carries the uploaded files as bytes (never a server path), the standard and options; the
result carries, per file, the report JSON, the data the page templates need and the downloads
asked for — or the error's stable code and Chinese message. Nothing is written anywhere but the
library's private temporary folder, which is gone when the job returns.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from ..api import check, check_document, load_document
from ..bundle import _member_name
from ..document.loader import SUFFIX_FORMAT
from ..errors import FileTooLargeError, PlancheckError, UnsupportedFormatError
from ..inputs import Upload
from ..resources import data_dir
from ..report.rendering import _context, render, render_summary
from ..rules.ruleset import SHIPPED, Ruleset, load_ruleset
from ..waivers import WaiverSet

AUTO = "auto"
SUMMARY_DOWNLOADS = ("html", "xlsx", "csv")  # the batch summary's downloads on the page
BUNDLE = "standardization_bundle"
# Automatic choice between the two plan rule sets: a village (community) plan names itself so.
VILLAGE_TITLE = re.compile(r"村|社区|居委会|嘎查")


@dataclass(frozen=True)
class Job:
    uploads: tuple[Upload, ...]
    standard: str = AUTO                      # a shipped rule set name, or "auto"
    as_of: str | None = None                  # ISO date; today when None
    overrides: dict[str, Any] = field(default_factory=dict)
    downloads: tuple[str, ...] = ()           # formats to render for each report besides its JSON
    page: bool = False                        # include the page templates' data
    max_files: int = 20                       # zip members count against it
    max_bytes: int = 50 * 1024 * 1024         # unpacked size of everything in zips
    waivers: WaiverSet | None = None          # applied to every report (rule ids checked per rule set)


# Codes of the error classes, for an errors module whose classes do not carry their `code` yet.
_CODES = {"UnsupportedFormatError": "unsupported_format", "CorruptFileError": "corrupt_file",
          "EncryptedFileError": "encrypted_file", "FileTooLargeError": "too_large", "ConverterMissingError":
          "converter_missing", "ConversionError": "conversion_failed", "RulesetError": "invalid_ruleset"}


def error_dict(error: BaseException) -> dict[str, str]:
    """The stable code and the Chinese message of an error (an unexpected one is "internal")."""
    if isinstance(error, PlancheckError):
        code = vars(type(error)).get("code") or next(
            (_CODES[c.__name__] for c in type(error).__mro__ if c.__name__ in _CODES), getattr(error, "code", "error"))
        return {"code": code, "message": error.message.replace(str(data_dir("standards")), "standards")}
    return {"code": "internal", "message": f"内部错误：检查时出现意外问题（{type(error).__name__}），请联系维护人员"}


@lru_cache(maxsize=8)
def _shipped(name: str) -> Ruleset:
    return load_ruleset(name)


def ruleset_for(name: str, overrides: dict[str, Any]) -> Ruleset:
    return load_ruleset(name, overrides=overrides) if overrides else _shipped(name)


def _is_zip(upload: Upload) -> bool:
    return upload.name.lower().endswith(".zip") and upload.data[:4] == b"PK\x03\x04"


def expand(uploads: tuple[Upload, ...], max_files: int, max_bytes: int) -> tuple[list[Upload], list[dict[str, Any]]]:
    """Plans to check one by one: the uploads, a zip's plan files in its place; and what was skipped."""
    plans: list[Upload] = []
    skipped: list[dict[str, Any]] = []
    unpacked = 0
    for upload in uploads:
        if not _is_zip(upload):
            plans.append(upload)
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(upload.data))
        except zipfile.BadZipFile:
            skipped.append({"name": upload.name, "error": {"code": "corrupt_file", "message": "文件已损坏：压缩包无法打开"}})
            continue
        with archive:
            for info in archive.infolist():
                member = PurePosixPath(_member_name(info).replace("\\", "/"))
                if info.is_dir() or member.name.startswith((".", "~$")) or "__MACOSX" in member.parts:
                    continue
                name = f"{upload.name}/{member}"
                if member.suffix.lower() not in SUFFIX_FORMAT:
                    skipped.append({"name": name, "error": {"code": "unsupported_format",
                                                            "message": f"不是可检查的文件类型（{member.suffix or '无扩展名'}），已跳过"}})
                    continue
                if len(plans) >= max_files:
                    raise FileTooLargeError(f"文件太多：压缩包内的预案超过 {max_files} 份，请分批上传", upload.name)
                unpacked += info.file_size
                if unpacked > max_bytes:
                    raise FileTooLargeError(f"压缩包解压后超过 {max_bytes // (1024 * 1024)} MB，请分批上传", upload.name)
                with archive.open(info) as handle:
                    data = handle.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise FileTooLargeError(f"压缩包解压后超过 {max_bytes // (1024 * 1024)} MB，请分批上传", upload.name)
                plans.append(Upload(name, data))
    return plans, skipped


def _item(name: str, report: Any, job: Job, chosen: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"name": name, "report": report.to_dict(), "standard": report.ruleset.id,
                            "auto": chosen is not None}
    if job.page:
        item["context"] = _context(report)
    item["downloads"] = {fmt: render(report, fmt) for fmt in job.downloads}
    item["gate"], item["gate_label"], item["score"], item["grade"] = (report.gate, report.gate_label, report.score,
                                                                      report.grade)
    item["failing_keys"] = [f.rule.id for f in report.failing_keys]
    item["complete"] = not report.incomplete
    return item


def _check_plan(upload: Upload, job: Job, as_of: date | None) -> tuple[dict[str, Any], Any]:
    try:
        if job.standard == AUTO:
            document = load_document(upload)
            village = VILLAGE_TITLE.search(f"{document.title} {upload.name}")
            name = "village" if village else "township"
            report = check_document(document, ruleset_for(name, job.overrides), as_of=as_of, waivers=job.waivers)
            return _item(upload.name, report, job, name), report
        report = check(upload, ruleset_for(job.standard, job.overrides), as_of=as_of, waivers=job.waivers)
        return _item(upload.name, report, job, None), report
    except Exception as error:  # noqa: BLE001 - one file's failure is reported in its row, the batch goes on
        return {"name": upload.name, "error": error_dict(error)}, None


def run(job: Job) -> dict[str, Any]:
    """Check the job's files. Returns {"kind": "single"|"batch"|"bundle", "items": [...], ...} or {"error": ...}."""
    try:
        as_of = date.fromisoformat(job.as_of) if job.as_of else None
        if job.standard != AUTO and job.standard not in SHIPPED:
            raise PlancheckError(f"没有名为“{job.standard}”的规则集，可选：{'、'.join(SHIPPED)}")
        if job.standard != AUTO and ruleset_for(job.standard, job.overrides).applies_to == BUNDLE:
            report = check(list(job.uploads), ruleset_for(job.standard, job.overrides), as_of=as_of,
                           waivers=job.waivers)
            name = job.uploads[0].name if len(job.uploads) == 1 else "材料包"
            return {"kind": "bundle", "items": [_item(name, report, job, None)], "skipped": []}
        if job.standard == AUTO:
            for name in ("township", "village"):
                ruleset_for(name, job.overrides)  # a bad parameter is the request's error, not each file's
        plans, skipped = expand(job.uploads, job.max_files, job.max_bytes)
        if not plans:
            raise UnsupportedFormatError("没有可检查的文件：请上传 .docx、.doc、.wps、.pdf、.txt 预案文件，或装有这些文件的 .zip")
        results = [_check_plan(upload, job, as_of) for upload in plans]
        items = [item for item, _ in results]
        if len(plans) == 1 and not skipped and not _is_zip(job.uploads[0]):
            return {"kind": "single", "items": items, "skipped": []}
        summaries = {}
        if job.page:
            rows = [(item["name"], report, item.get("error", {}).get("message", "")) for item, report in results]
            rows += [(s["name"], None, s["error"]["message"]) for s in skipped]
            summaries = {fmt: render_summary(rows, fmt) for fmt in SUMMARY_DOWNLOADS}
        return {"kind": "batch", "items": items, "skipped": skipped, "summaries": summaries}
    except Exception as error:  # noqa: BLE001 - the request's error, sent back as data
        return {"error": error_dict(error)}


def warm() -> bool:
    """Load the shipped rule sets once in a fresh worker, so the first request is not the slow one."""
    for name in SHIPPED:
        _shipped(name)
    return True
