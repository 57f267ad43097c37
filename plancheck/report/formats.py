"""The one table of output formats: adding a format means adding a row here (and its templates)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    """An output format: how a report and a batch summary are produced in it.

    `writer` says what turns a template's output into the file: "text" (the rendered template is the
    report), "json" (`Report.to_dict()`, no template), "docx" (docxtpl fills a Word template) or "xlsx" /
    "csv" (the template renders a workbook description as JSON; report/workbook.py writes the file).
    """

    name: str
    suffixes: tuple[str, ...]          # file endings that choose this format for -o (first one is used for names)
    writer: str                        # text / json / docx / xlsx / csv
    report_template: str | None        # in templates/; None for json
    summary_template: str | None       # the batch summary's template; None when this format has no summary of its own
    summary_format: str                # the format the batch summary is written in by default
    escape_html: bool = False          # autoescape the templates (HTML, and the XML inside Word files)
    binary: bool = False               # the rendered report is bytes

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    @property
    def has_summary(self) -> bool:
        return self.summary_template is not None or self.writer == "json"


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", (".html", ".htm"), "text", "report.html.j2", "summary.html.j2", "html", escape_html=True),
    Format("md", (".md", ".markdown"), "text", "report.md.j2", "summary.md.j2", "md"),
    Format("txt", (".txt", ".text"), "text", "report.txt.j2", "summary.txt.j2", "txt"),
    Format("json", (".json",), "json", None, None, "json"),
    Format("docx", (".docx",), "docx", "report.docx", None, "xlsx", escape_html=True, binary=True),
    Format("xlsx", (".xlsx",), "xlsx", "report.xlsx.j2", "summary.xlsx.j2", "xlsx", binary=True),
    Format("csv", (".csv",), "csv", "report.xlsx.j2", "summary.xlsx.j2", "csv", binary=True),
)}
SUMMARY_FORMATS = tuple(name for name, f in FORMATS.items() if f.has_summary)
DEFAULT_FORMAT = "txt"


def format_for_path(path: Path | None) -> str:
    """The format an output path's ending asks for, or the default.

    >>> format_for_path(Path("报告.HTM")), format_for_path(Path("r.docx")), format_for_path(None)
    ('html', 'docx', 'txt')
    """
    suffix = path.suffix.lower() if path else ""
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), DEFAULT_FORMAT)

# The formats `plancheck compare` writes (text formats with a compare template, and JSON).
COMPARE_FORMATS = ("html", "md", "txt", "json")
