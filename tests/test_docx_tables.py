"""Merged table cells: the reader lays each row out as python-docx's `row.cells` does, from the XML directly."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docxgen import W

from plancheck import load_document
from plancheck.errors import CorruptFileError


def _python_docx_rows(path: Path) -> list[list[str]]:
    """python-docx's own reading of the first table: each grid cell's text, paragraphs stripped, one a line."""
    table = docx.Document(str(path)).tables[0]
    return [["\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip()) for cell in row.cells] for row in table.rows]


def test_spans_and_vertical_merges_read_as_python_docx_lays_them_out(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("应急物资储备情况如下。")
    table = document.add_table(rows=4, cols=4)
    for r in range(4):
        for c in range(4):
            table.cell(r, c).text = f"物资{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 2))   # a horizontal span
    table.cell(1, 1).merge(table.cell(3, 1))   # a vertical merge over three rows
    table.cell(2, 2).merge(table.cell(3, 3))   # a block merge, two by two
    path = tmp_path / "merged.docx"
    document.save(str(path))

    rows = load_document(path).tables[0].rows
    assert rows == _python_docx_rows(path)
    assert rows[0][:3] == ["物资00\n物资01\n物资02"] * 3
    assert rows[3][1] == rows[1][1] == "物资11\n物资21\n物资31"
    assert rows[3][2:] == rows[2][2:] == ["物资22\n物资23\n物资32\n物资33"] * 2


def _table_docx(path: Path, rows_xml: str) -> Path:
    document = docx.Document()
    document.add_paragraph("正文")
    document.element.body.insert(1, parse_xml(f"<w:tbl {W}>{rows_xml}</w:tbl>"))
    document.save(str(path))
    return path


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_rows_starting_late_find_the_merged_cell_above_by_grid_offset(tmp_path: Path) -> None:
    path = _table_docx(tmp_path / "before.docx",
                       f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr><w:tc>{_p('值班员')}</w:tc><w:tc>{_p('电话')}</w:tc></w:tr>"
                       f"<w:tr><w:tc>{_p('张三')}</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr>{_p('不显示')}</w:tc></w:tr>")
    assert load_document(path).tables[0].rows == [["值班员", "电话"], ["张三", "值班员"]] == _python_docx_rows(path)


def test_a_merge_continued_from_nothing_is_a_corrupt_file(tmp_path: Path) -> None:
    path = _table_docx(tmp_path / "orphan.docx", f"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{_p('甲')}</w:tc></w:tr>")
    with pytest.raises(CorruptFileError, match="文件已损坏"):
        load_document(path)
