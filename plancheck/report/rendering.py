"""Render reports: JSON from `Report.to_dict()`, everything else from Jinja templates in templates/."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jinja2

from ..document.model import Document
from ..outputs import escape_markdown, escape_tree, safe_href, strip_controls
from ..resources import data_dir
from ..result import Report
from ..version import __version__
from .formats import FORMATS
from .sheet import heading_parts, plan_place, plan_title, sheet_context


@lru_cache(maxsize=2)
def environment(html: bool = False) -> jinja2.Environment:
    """Templates from templates/. HTML gets its own environment with autoescape on for every template,
    so the shared macros escape what they insert too; text formats are never escaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))), autoescape=html,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["heading"] = heading_parts
    return env


def render(report: Report, fmt: str) -> str | bytes:
    """The report as html, md, txt or json text, or as the bytes of a Word (.docx) or Excel (.xlsx) review
    sheet or of its CSV table."""
    spec = FORMATS[fmt]
    if spec.writer == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if spec.writer == "docx":
        from .word import render_docx  # docxtpl only for a Word report

        return render_docx({**_context(report, fmt), **_escaped(sheet_context(report), fmt)})
    if spec.writer in ("xlsx", "csv"):
        context = {**_context(report, fmt), **_escaped(sheet_context(report), fmt)}
        return _write_book(environment().get_template(spec.report_template).render(**context), spec.writer)
    return environment(spec.escape_html).get_template(spec.report_template).render(**_context(report, fmt))


def _write_book(description: str, writer: str) -> bytes:
    from . import workbook  # openpyxl only for a workbook or CSV

    book = workbook.parse(description)
    return workbook.to_xlsx(book) if writer == "xlsx" else workbook.to_csv(book)


def _escaped(data: Any, fmt: str) -> Any:
    """Plan text and file names made safe for the output format: HTML autoescapes (plus safe links),
    Markdown escapes markup and table pipes, text, HTML and Word drop control characters."""
    if fmt == "md":
        return escape_tree(data, escape_markdown)
    if fmt in ("txt", "docx", "html", "xlsx", "csv"):
        return escape_tree(data, strip_controls)
    return data


def _context(report: Report, fmt: str = "html") -> dict[str, Any]:
    """What every report template gets: the report data, the gaps of the rule set's defect aspects
    (content quality, shown first, in rule order), the other gaps (largest possible gain first, as
    `Report.gaps` orders them), the findings a waiver set (`waived`), whether quotes must name their
    file (bundles), and the report's title (a plan's or a bundle's, worded in templates/_macros.j2);
    text escaped for `fmt`."""
    data = report.to_dict()
    title = environment().get_template("_macros.j2").module.report_title(report.is_bundle)
    gaps = {f.rule.id for f in report.gaps}  # none when the input could not be assessed
    defect_aspects = {aspect["id"] for aspect in report.ruleset.aspects if aspect.get("defects")}
    return _escaped({
        "r": data, "title": str(title), "multi": len(data["documents"]) > 1,
        "waived": [f for f in data["findings"] if f["waived"]],
        "defects": [report.finding_dict(f) for f in report.findings if f.rule.id in gaps and f.rule.aspect in defect_aspects],
        "gaps": [report.finding_dict(f) for f in report.gaps if f.rule.aspect not in defect_aspects]}, fmt)


def summary_rows(items: list[tuple[str, Report | None, str]]) -> list[dict[str, Any]]:
    """One row per file of a batch: (name, report, its report file) or (name, None, why it could not be read).
    A row has the plan's title and place, the failing key elements (ids and titles), the report's notices
    and warnings, and the verdict of every element (for the element × plan matrix)."""
    rows: list[dict[str, Any]] = []
    for name, r, detail in items:
        if r is None:
            rows.append({"name": name, "report": "", "gate": "error", "gate_label": "无法读取", "score": None,
                         "grade": "", "complete": False, "failing_keys": [], "failing": [], "error": detail,
                         "title": "", "place": "", "notices": [], "verdicts": {}, "kind": "", "standard": ""})
            continue
        data = r.to_dict()
        notices = list(r.notices) + [n["message"] for d in data["documents"] for n in d["warnings"]]
        rows.append({"name": name, "report": detail, "gate": r.gate, "gate_label": r.gate_label, "score": r.score,
                     "grade": r.grade, "complete": not r.incomplete, "error": "",
                     "failing_keys": [f.rule.id for f in r.failing_keys],
                     "failing": [{"id": f.rule.id, "title": f.rule.title} for f in r.failing_keys],
                     "title": plan_title(r), "place": plan_place(r), "notices": list(dict.fromkeys(notices)),
                     "verdicts": {f.rule.id: {"verdict": f.verdict, "label": f.verdict_label} for f in r.findings},
                     "kind": r.kind.label if r.kind else "", "standard": r.ruleset.id})
    return [{**row, "index": index} for index, row in enumerate(rows, 1)]


def summary_elements(items: list[tuple[str, Report | None, str]]) -> list[dict[str, Any]]:
    """The elements of the batch's rule sets, in rule order, once each: the rows of the element × plan matrix."""
    elements = {f.rule.id: {"id": f.rule.id, "title": f.rule.title, "key": f.rule.key}
                for _, r, _ in items if r is not None for f in r.findings}
    return list(elements.values())


def render_summary(items: list[tuple[str, Report | None, str]], fmt: str) -> str | bytes:
    """A batch summary (one row per file, counts, element × plan matrix) in a format with a summary:
    txt, md, html, json, or the bytes of an xlsx or csv file."""
    spec = FORMATS[fmt]
    if not spec.has_summary:
        raise ValueError(f"format {fmt} has no batch summary")
    rows = summary_rows(items)
    if spec.writer == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "html":
        rows = [{**row, "report": safe_href(row["report"]) if row["report"] else ""} for row in rows]
    first = next((r for _, r, _ in items if r is not None), None)
    context = {"rows": _escaped(rows, fmt), "elements": _escaped(summary_elements(items), fmt),
               "ruleset": "、".join(dict.fromkeys(f"{r.ruleset.id} {r.ruleset.version}" for _, r, _ in items if r)),
               "checked_at": first.as_of if first else "", "tool": {"name": "plancheck", "version": __version__}}
    if spec.writer in ("xlsx", "csv"):
        return _write_book(environment().get_template(spec.summary_template).render(**context), spec.writer)
    return environment(spec.escape_html).get_template(spec.summary_template).render(**context)


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
