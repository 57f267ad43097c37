"""Build templates/report.docx, the docxtpl template of the Word review sheet (评审表). Run after editing this file:

    python templates/build_report_docx.py

The layout lives here; the wording comes from the macros in _sheet.j2 (shared with the Excel sheet).
`{%p … %}` / `{%tr … %}` are docxtpl's paragraph and table-row tags. The document properties are
templates too: docxtpl renders the title, author, subject and language of the filled sheet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

A4 = (Cm(21), Cm(29.7))


def fixed_widths(grid, widths_cm: list[float]) -> None:
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm):
        column.width = Cm(width)  # the table grid, which LibreOffice and WPS follow
        for cell in column.cells:
            cell.width = Cm(width)  # the cell widths, which Word follows


def repeat_header(row) -> None:
    """The row is repeated at the top of every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def bold(cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def main() -> None:
    document = docx.Document()
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    normal.font.size = Pt(10.5)
    properties = document.core_properties
    properties.title = '{% import "_sheet.j2" as sh %}{{ sh.sheet_title(sheet) }}'
    properties.author = '{% import "_sheet.j2" as sh %}{{ sh.author(r) }}'
    properties.last_modified_by = "plancheck"
    properties.subject = "{{ r.ruleset.title }}"
    properties.language = "zh-CN"
    properties.comments = ""
    properties.keywords = "应急预案 评审表"
    properties.revision = 1
    properties.created = properties.modified = datetime(2026, 1, 1)  # replaced when a sheet is filled

    document.add_paragraph('{%p import "_sheet.j2" as sh %}')
    document.add_paragraph('{%p import "_macros.j2" as m %}')
    title = document.add_heading("{{ sh.sheet_heading(sheet.bundle) }}", 0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    info = document.add_table(rows=3, cols=2)
    info.style = "Table Grid"
    fixed_widths(info, [4, 13])
    info.rows[0].cells[0].text = "{%tr for key in sh.INFO %}"
    info.rows[1].cells[0].text = "{{ sh.info_label(key, sheet) }}"
    info.rows[1].cells[1].text = "{{ sh.info_value(key, sheet, r) }}"
    bold(info.rows[1].cells[0])
    info.rows[2].cells[0].text = "{%tr endfor %}"

    document.add_paragraph("{%p if r.chosen_because %}")
    document.add_paragraph("选用规则集：{{ r.chosen_because }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for n in r.notices %}")
    document.add_paragraph("提示：{{ n }}")
    document.add_paragraph("{%p endfor %}")

    document.add_heading("一、逐项评审", 1)
    grid = document.add_table(rows=4, cols=5)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(grid, [1.3, 2.9, 3.5, 2.3, 7.0])  # 评审结果 wide enough for 基本符合 on one line
    for column, heading in enumerate(["序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见"]):
        grid.rows[0].cells[column].text = heading
        bold(grid.rows[0].cells[column])
    repeat_header(grid.rows[0])
    grid.rows[1].cells[0].text = "{%tr for f in rows %}"
    for column, content in enumerate(["{{ loop.index }}", "{{ sh.element(f) }}", "{{ sh.basis(f) }}",
                                      "{{ f.verdict_label }}{{ m.waived_mark(f) }}", "{{ sh.opinion(f, multi) }}"]):
        grid.rows[2].cells[column].text = content
    grid.rows[3].cells[0].text = "{%tr endfor %}"

    document.add_heading("二、总体评审结论", 1)
    document.add_paragraph("{{ sh.conclusion(r, failing) }}")

    document.add_heading("三、修改意见汇总（关键要素在前，按可增加的分数从高到低）", 1)
    document.add_paragraph("{%p for f in revisions %}")
    document.add_paragraph("{{ loop.index }}. {{ sh.revision(f) }}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ sh.no_revisions() }}")
    document.add_paragraph("{%p endfor %}")

    document.add_paragraph("{%p if r.waivers %}")
    document.add_heading("四、豁免记录", 1)
    document.add_paragraph("{{ m.waiver_summary(r.waivers) }}")
    document.add_paragraph("{%p for f in waived %}")
    document.add_paragraph("· {{ m.waived_line(f) }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for n in r.waivers.notices %}")
    document.add_paragraph("· 未采用：{{ m.waiver_notice(n) }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")

    document.add_heading("{{ '五' if r.waivers else '四' }}、评审人签字", 1)
    for _ in range(2):
        document.add_paragraph("{{ sh.signature() }}").paragraph_format.space_before = Pt(18)
    footer = document.add_paragraph("{{ sh.footer(r) }}")
    footer.runs[0].font.size = Pt(9)
    document.save(Path(__file__).with_name("report.docx"))


if __name__ == "__main__":
    main()
