"""Build templates/report.docx, the docxtpl template of the Word report. Run after editing this file:

    python templates/build_report_docx.py

The wording lives here as template text; `{%p … %}` / `{%tr … %}` are docxtpl's paragraph and table-row tags.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def table(document, header: list[str], cells: list[list[str]], loop: str, widths_cm: list[float]) -> None:
    """A table whose body row repeats with docxtpl `{%tr for … %}`; a cell given as a list becomes paragraphs."""
    grid = document.add_table(rows=4, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm):
        column.width = Cm(width)  # the table grid, which LibreOffice and WPS follow
        for cell in column.cells:
            cell.width = Cm(width)  # the cell widths, which Word follows
    for column, title in enumerate(header):
        grid.rows[0].cells[column].text = title
    grid.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for column, content in enumerate(cells[0]):
        cell = grid.rows[2].cells[column]
        lines = content if isinstance(content, list) else [content]
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    grid.rows[3].cells[0].text = "{%tr endfor %}"


def main() -> None:
    document = docx.Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    normal.font.size = Pt(11)
    document.add_paragraph('{%p import "_macros.j2" as m %}')
    title = document.add_heading("应急预案检查报告", 0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = document.add_table(rows=5, cols=2)
    summary.style = "Table Grid"
    for row, (label, value) in enumerate([
            ("文件", '{{ r.documents | map(attribute="path") | join("；") }}'),
            ("规则集", "{{ r.ruleset.title }}（{{ r.ruleset.id }} 版本 {{ r.ruleset.version }}，校验码 {{ r.ruleset.sha256[:12] }}）"),
            ("检查日期", "{{ r.checked_at }}"),
            ("结论", "{{ r.gate_label }}"),
            ("得分", "{{ r.score }} / 100（{{ r.grade }}）")]):
        summary.rows[row].cells[0].text = label
        summary.rows[row].cells[1].text = value
    document.add_paragraph("{%p for c in r.ruleset.changes %}")
    document.add_paragraph("本地调整：{{ c.what }}：{{ c.detail }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if r.chosen_because %}")
    document.add_paragraph("选用规则集：{{ r.chosen_because }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for n in r.notices %}")
    document.add_paragraph("提示：{{ n }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for reason in r.gate_reasons %}")
    document.add_paragraph("· {{ reason }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if not r.complete %}")
    document.add_paragraph("注意：文件未能完整读取，以下结论不完整。")
    document.add_paragraph("{%p for d in r.documents %}")  # one docxtpl {%p %} tag per paragraph
    document.add_paragraph("{%p for n in d.warnings %}")
    document.add_paragraph("· {{ n.message }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for u in r.unreadable %}")
    document.add_paragraph("· {{ u.path }}：{{ u.message }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")

    document.add_heading("一、内容质量问题（请优先修改）", 1)
    document.add_paragraph("{%p if defects %}")
    table(document, ["编号", "问题", "原文和位置", "修改建议"],
          [["{{ f.rule_id }}", "{{ f.title }}（{{ f.verdict_label }}）",
            ["{%p for e in f.evidence[:10] %}", "{{ m.evidence_line(e, multi) }}", "{%p endfor %}",
             '{%p for c in f.checks if c.level != "met" and not c.evidence %}', "缺：{{ m.missing_line(c) }}",
             "{%p endfor %}", ""], "{{ f.remedy }}"]],
          "f in defects", [1.4, 3, 7.6, 5])
    document.add_paragraph("{%p else %}")
    document.add_paragraph("未发现内容质量问题。")
    document.add_paragraph("{%p endif %}")

    document.add_heading("二、需要修改的要素（按修改后可增加的分数从高到低）", 1)
    document.add_paragraph("{%p if gaps %}")
    table(document, ["编号", "要素", "结论", "缺少的内容", "修改建议", "可加分"],
          [["{{ f.rule_id }}", "{{ f.title }}{{ m.key_mark(f) }}", "{{ f.verdict_label }}",
            ['{%p for c in f.checks if c.level != "met" %}', "{{ m.missing_line(c) }}", "{%p endfor %}", ""],
            "{{ f.remedy }}", '{{ "%.2f" | format(f.gain_if_fixed) }}']],
          "f in gaps", [1.4, 3, 1.6, 5.2, 4.4, 1.4])
    document.add_paragraph("{%p else %}")
    document.add_paragraph("没有需要修改的要素。")
    document.add_paragraph("{%p endif %}")

    document.add_heading("三、得分说明", 1)
    document.add_paragraph("得分 = Σ(权重 × 得分系数) ÷ Σ(适用要素权重) × 100；符合 {{ \"%g\" | format(r.ruleset.credit.met) }}，基本符合 {{ \"%g\" | format(r.ruleset.credit.partial) }}，"
                           "不符合 {{ \"%g\" | format(r.ruleset.credit.not_met) }}，未能检查 0，不适用不计。")
    table(document, ["方面", "得分", "已得 / 权重"],
          [["{{ a.title }}", '{{ a.score if a.score is not none else "不适用" }}', "{{ a.earned }} / {{ a.weight }}"]],
          "a in r.aspects", [6, 4, 7])
    table(document, ["编号", "要素", "权重", "结论", "贡献分", "依据"],
          [["{{ f.rule_id }}", "{{ f.title }}", "{{ f.weight }}", "{{ f.verdict_label }}",
            '{{ "%.2f" | format(f.contribution) }}', "{{ m.basis_line(f) }}"]],
          "f in r.findings", [1.4, 5, 1.3, 1.8, 1.8, 5.7])
    document.add_paragraph("由 plancheck {{ r.tool.version }} 生成。结论供编制和评审参考，以评审专家意见为准。")
    document.save(Path(__file__).with_name("report.docx"))


if __name__ == "__main__":
    main()
