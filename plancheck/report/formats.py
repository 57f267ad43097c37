"""The one table of output formats: adding a format means adding a row here (and its templates)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    """An output format: how a report and a batch summary are produced in it."""

    name: str
    suffixes: tuple[str, ...]          # file endings that choose this format for -o (first one is used for names)
    report_template: str | None        # Jinja template in templates/; None for formats rendered in code (json, docx)
    summary_format: str                # the format the batch summary is written in
    escape_html: bool = False          # autoescape the templates (HTML, and the XML inside Word files)
    binary: bool = False               # the rendered report is bytes

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", (".html", ".htm"), "report.html.j2", "html", escape_html=True),
    Format("md", (".md", ".markdown"), "report.md.j2", "md"),
    Format("txt", (".txt", ".text"), "report.txt.j2", "txt"),
    Format("json", (".json",), None, "json"),
    Format("docx", (".docx",), None, "md", escape_html=True, binary=True),
)}
DEFAULT_FORMAT = "txt"


def format_for_path(path: Path | None) -> str:
    """The format an output path's ending asks for, or the default.

    >>> format_for_path(Path("报告.HTM")), format_for_path(Path("r.docx")), format_for_path(None)
    ('html', 'docx', 'txt')
    """
    suffix = path.suffix.lower() if path else ""
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), DEFAULT_FORMAT)
