"""Read Excel workbooks (.xlsx) of evidence bundles: every sheet as a table under its sheet name.

Rows above the header that hold a single cell (a ledger's title, its update date) are read as
paragraphs, so the table starts at its header row as the table checks expect.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook

from .model import Notice
from .raw import RawBlock

MAX_ROWS = 20_000  # per sheet; a ledger longer than this is read in part, and the report says so


def cell_text(value: object) -> str:
    """A cell as a reader would write it: dates in Chinese, whole numbers without '.0'.

    >>> cell_text(datetime(2025, 10, 1)), cell_text(12.0), cell_text(2.5), cell_text(None), cell_text(" 救生衣 ")
    ('2025年10月1日', '12', '2.5', '', '救生衣')
    """
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet_blocks(title: str, rows: list[list[str]]) -> list[RawBlock]:
    """The sheet's name as a heading, single-cell rows above the header as paragraphs, the rest as a table."""
    blocks = [RawBlock("paragraph", title, style_level=1)]
    start = 0
    while start < len(rows) and sum(1 for cell in rows[start] if cell) == 1:
        blocks.append(RawBlock("paragraph", next(cell for cell in rows[start] if cell)))
        start += 1
    table = rows[start:]
    if table:
        width = max(max(i + 1 for i, cell in enumerate(row) if cell) for row in table)
        blocks.append(RawBlock("table", rows=[row[:width] + [""] * (width - len(row)) for row in table]))
    return blocks


def read_xlsx(path: str) -> tuple[list[RawBlock], list[Notice]]:
    """The workbook's file name as its title, then every worksheet, in order, with cell values (formulas as
    last saved)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    blocks = [RawBlock("paragraph", Path(path).stem)]
    warnings: list[Notice] = []
    try:
        for sheet in workbook.worksheets:
            rows: list[list[str]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    warnings.append(Notice("sheet_rows", f"工作表“{sheet.title}”超过 {MAX_ROWS} 行，只读取了前 {MAX_ROWS} 行", loss=True))
                    break
                row = [cell_text(value) for value in values]
                if any(row):
                    rows.append(row)
            blocks += _sheet_blocks(sheet.title, rows)
    finally:
        workbook.close()
    return blocks, warnings
