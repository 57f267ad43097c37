"""Render reports: JSON from `Report.to_dict()`, everything else from Jinja templates in templates/."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jinja2

from ..document.model import Document
from ..resources import data_dir
from ..result import Report

FORMATS = ("html", "md", "txt", "json")
_TEMPLATE = {"html": "report.html.j2", "md": "report.md.j2", "txt": "report.txt.j2"}


@lru_cache(maxsize=2)
def environment(html: bool = False) -> jinja2.Environment:
    """Templates from templates/. HTML gets its own environment with autoescape on for every template,
    so the shared macros escape what they insert too; text formats are never escaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))), autoescape=html,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def render(report: Report, fmt: str) -> str:
    """The report as html, md, txt or json text."""
    data = report.to_dict()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return environment(fmt == "html").get_template(_TEMPLATE[fmt]).render(r=data)


def inspect_data(document: Document) -> dict[str, Any]:
    """How a file was read: outline, tables, pages, encoding, warnings and diagnostics."""
    return {
        "path": document.source, "format": document.format, "title": document.title, "sha256": document.sha256,
        "pages": document.pages, "unread_pages": document.unread_pages, "encoding": document.encoding,
        "complete": document.complete, "blocks": len(document.blocks),
        "outline": [{"level": h.level, "number": h.number, "title": h.title, "location": h.location.to_dict()}
                    for h in document.headings],
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
