"""Render reports: JSON from `Report.to_dict()`, everything else from Jinja templates in templates/."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from typing import Any

import docxtpl
import jinja2

from ..document.model import Document
from ..outputs import escape_markdown, escape_tree, safe_href, strip_controls
from ..resources import data_dir
from ..result import Report
from .formats import FORMATS


@lru_cache(maxsize=2)
def environment(html: bool = False) -> jinja2.Environment:
    """Templates from templates/. HTML gets its own environment with autoescape on for every template,
    so the shared macros escape what they insert too; text formats are never escaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))), autoescape=html,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def render(report: Report, fmt: str) -> str | bytes:
    """The report as html, md, txt or json text, or as the bytes of a Word (.docx) file."""
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "docx":
        return _render_docx(_context(report, fmt))
    return environment(FORMATS[fmt].escape_html).get_template(FORMATS[fmt].report_template).render(**_context(report, fmt))


def _escaped(data: Any, fmt: str) -> Any:
    """Plan text and file names made safe for the output format: HTML autoescapes (plus safe links),
    Markdown escapes markup and table pipes, text, HTML and Word drop control characters."""
    if fmt == "md":
        return escape_tree(data, escape_markdown)
    if fmt in ("txt", "docx", "html"):
        return escape_tree(data, strip_controls)
    return data


def _context(report: Report, fmt: str = "html") -> dict[str, Any]:
    """What every report template gets: the report data, the gaps of the rule set's defect aspects
    (content quality, shown first, in rule order), the other gaps (largest possible gain first, as
    `Report.gaps` orders them), and whether quotes must name their file (bundles); text escaped for `fmt`."""
    data = report.to_dict()
    defect_aspects = {aspect["id"] for aspect in report.ruleset.aspects if aspect.get("defects")}
    return _escaped({
        "r": data, "multi": len(data["documents"]) > 1,
        "defects": [report.finding_dict(f) for f in report.findings if f.is_gap and f.rule.aspect in defect_aspects],
        "gaps": [report.finding_dict(f) for f in report.gaps if f.rule.aspect not in defect_aspects]}, fmt)


def _render_docx(context: dict[str, Any]) -> bytes:
    """Fill templates/report.docx with docxtpl; the autoescaping environment keeps document text valid XML."""
    template = docxtpl.DocxTemplate(str(data_dir("templates") / "report.docx"))
    template.render(context, environment(html=True))
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def summary_rows(items: list[tuple[str, Report | None, str]]) -> list[dict[str, Any]]:
    """One row per file of a batch: (name, report, its report file) or (name, None, why it could not be read)."""
    rows: list[dict[str, Any]] = []
    for name, r, detail in items:
        if r is None:
            rows.append({"name": name, "report": "", "gate": "error", "gate_label": "无法读取", "score": None,
                         "grade": "", "complete": False, "failing_keys": [], "error": detail})
            continue
        rows.append({"name": name, "report": detail, "gate": r.gate, "gate_label": r.gate_label, "score": r.score,
                     "grade": r.grade, "complete": not r.incomplete, "error": "",
                     "failing_keys": [f.rule.id for f in r.failing_keys]})
    return rows


def render_summary(items: list[tuple[str, Report | None, str]], fmt: str) -> str:
    """A batch summary (one row per file) as txt, md, html or json."""
    rows = summary_rows(items)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "html":
        rows = [{**row, "report": safe_href(row["report"]) if row["report"] else ""} for row in rows]
    rows = _escaped(rows, fmt)
    first = next((r for _, r, _ in items if r is not None), None)
    return environment(FORMATS[fmt].escape_html).get_template(f"summary.{fmt}.j2").render(
        rows=rows, ruleset=f"{first.ruleset.id} {first.ruleset.version}" if first else "",
        checked_at=first.as_of if first else "")


def inspect_data(document: Document) -> dict[str, Any]:
    """How a file was read: outline, tables, pages, encoding, warnings and diagnostics."""
    return {
        "path": document.source, "format": document.format, "title": document.title, "sha256": document.sha256,
        "pages": document.pages, "unread_pages": document.unread_pages, "encoding": document.encoding,
        "complete": document.complete, "blocks": len(document.blocks),
        "outline": [{"level": h.level, "number": h.number, "title": h.title, "location": h.location.to_dict()}
                    for h in document.headings],
        "contents": [entry.to_dict() for entry in document.contents],
        "tables": [{"location": t.location.to_dict(), "rows": t.rows} for t in document.tables],
        "figures": [{"caption": f.text, "location": f.location.to_dict()} for f in document.blocks if f.kind == "figure"],
        "warnings": [n.to_dict() for n in document.warnings],
        "diagnostics": [n.to_dict() for n in document.diagnostics],
    }


def render_inspect(document: Document, fmt: str) -> str:
    data = inspect_data(document)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return environment().get_template("inspect.txt.j2").render(d=data)
