"""Write a workbook that a template described as JSON into an Excel (.xlsx, openpyxl) or CSV file.

The description (rendered from templates/*.xlsx.j2, so all wording stays in templates)::

    {"title": …, "author": …, "sheets": [{"name": …, "landscape": false,
      "above": [[label, value], …],            # lines above the table (header block)
      "columns": [{"title": …, "width": 12}, …],
      "rows": [[cell, …], …],                  # a cell is text, a number, null or {"text": …, "tone": "met"}
      "below": [[label, value], …]}]}          # lines under the table (conclusion, signatures)

Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is neutralised with a
leading apostrophe in both formats.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TONES = {"met": "C6EFCE", "partial": "FFEB9C", "not_met": "FFC7CE", "not_applicable": "E7E6E6",
         "not_checked": "D9D9D9", "pass": "C6EFCE", "conditional": "FFEB9C", "fail": "FFC7CE",
         "unassessable": "D9D9D9", "error": "D9D9D9"}
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def neutralised(value: Any) -> Any:
    """Text made inert for spreadsheets; numbers and empty cells unchanged.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("-1+1"), neutralised("\\tx"), neutralised("符合"), neutralised(3.5)
    ('\\'=HYPERLINK("http://x")', "'-1+1", "'\\tx", '符合', 3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> tuple[Any, str | None]:
    """A described cell's value (neutralised) and tone."""
    if isinstance(value, dict):
        return neutralised(value.get("text")), value.get("tone")
    return neutralised(value), None


def parse(description: str) -> dict[str, Any]:
    return json.loads(description)


def to_csv(book: dict[str, Any]) -> bytes:
    """The first sheet's table (column titles, then rows) as UTF-8 CSV with a BOM, so Excel reads Chinese."""
    sheet = book["sheets"][0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralised(c["title"]) for c in sheet["columns"]])
    writer.writerows([[_cell(value)[0] for value in row] for row in sheet["rows"]])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(book: dict[str, Any]) -> bytes:
    """An Excel workbook: each sheet with its header block, a frozen and bold header row, wrapped text,
    the given column widths, coloured tones, and A4 printing fitted to the page width."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in book["sheets"]:
        _write_sheet(workbook.create_sheet(sheet["name"][:31]), sheet)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    props = workbook.properties
    props.title, props.creator, props.lastModifiedBy = book["title"], book["author"], book["author"]
    props.created = props.modified = now
    props.language = "zh-CN"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws: Worksheet, sheet: dict[str, Any]) -> None:
    width = len(sheet["columns"])
    line = 1
    for label, value in sheet.get("above", []):
        line = _label_line(ws, line, label, value, width)
    header = line
    for column, spec in enumerate(sheet["columns"], 1):
        cell = ws.cell(header, column, neutralised(spec["title"]))
        cell.font, cell.border, cell.alignment = Font(bold=True), _BOX, Alignment(wrap_text=True, vertical="center")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(column)].width = spec.get("width", 12)
    for offset, row in enumerate(sheet["rows"], 1):
        for column, value in enumerate(row, 1):
            text, tone = _cell(value)
            cell = ws.cell(header + offset, column, text)
            cell.border, cell.alignment = _BOX, _WRAP
            if tone in TONES:
                cell.fill = PatternFill("solid", fgColor=TONES[tone])
    line = header + len(sheet["rows"]) + 2
    for label, value in sheet.get("below", []):
        line = _label_line(ws, line, label, value, width)
    ws.freeze_panes = ws.cell(header + 1, 1 + sheet.get("freeze_columns", 0))
    ws.print_title_rows = f"{header}:{header}"
    ws.auto_filter.ref = f"A{header}:{get_column_letter(width)}{header + len(sheet['rows'])}"
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if sheet.get("landscape") else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _label_line(ws: Worksheet, line: int, label: str, value: str, width: int) -> int:
    """A line of the header block or of the part under the table: a bold label, the value across the other columns."""
    ws.cell(line, 1, neutralised(label)).font = Font(bold=True)
    cell = ws.cell(line, 2, neutralised(value))
    cell.alignment = _WRAP
    if width > 2:
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=width)
    lines = str(value or "").count("\n") + 1
    if lines > 1:
        ws.row_dimensions[line].height = 15 * lines
    return line + 1
