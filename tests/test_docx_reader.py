"""Reading .docx as Word and WPS write it: automatic numbering, text boxes, tables, controls, revisions."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docxgen import W, add_numbering, set_numbering, tiny_png, write_docx

from plancheck import load_document
from plancheck.document.numbering import format_number


def test_heading_numbers_exist_only_through_numpr_with_chinese_counting(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "auto.docx", """
=青林镇突发事件综合应急预案
# 总则
## 编制目的
为了提高应急处置能力，制定本预案。
## 适用范围
### 自然灾害
### 事故灾难
# 组织体系
## 应急指挥部
""", auto_number=True)
    doc = load_document(path)
    assert [(h.level, h.number, h.title) for h in doc.headings] == [
        (1, "一、", "总则"), (2, "（一）", "编制目的"), (2, "（二）", "适用范围"), (3, "1.", "自然灾害"),
        (3, "2.", "事故灾难"), (1, "二、", "组织体系"), (2, "（一）", "应急指挥部")]
    assert doc.blocks[3].location.heading_path == ("一、总则", "（一）编制目的")
    assert doc.title == "青林镇突发事件综合应急预案"


def test_start_override_and_counters_shared_by_abstract_list(tmp_path: Path) -> None:
    document = docx.Document()
    first = add_numbering(document, [("chineseCounting", "%1、")], abstract_id="91", num_id="91")
    for title in ("总则", "组织体系"):
        set_numbering(document.add_paragraph(title), first, 0)
    restarted = add_numbering(document, [("decimal", "（%1）")], abstract_id="92", num_id="92", start_override=5)
    set_numbering(document.add_paragraph("第五项"), restarted, 0)
    set_numbering(document.add_paragraph("第六项"), restarted, 0)
    set_numbering(document.add_paragraph("应急保障"), first, 0)
    document.save(tmp_path / "lists.docx")
    doc = load_document(tmp_path / "lists.docx")
    assert [(h.number, h.title) for h in doc.headings] == [
        ("一、", "总则"), ("二、", "组织体系"), ("（5）", "第五项"), ("（6）", "第六项"), ("三、", "应急保障")]


def test_multilevel_lvltext_and_deeper_levels_reset(tmp_path: Path) -> None:
    document = docx.Document()
    num = add_numbering(document, [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3")], suffix="tab")
    for level, title in [(0, "总则"), (1, "编制目的"), (2, "法律"), (1, "适用范围"), (0, "组织体系"), (1, "指挥部")]:
        set_numbering(document.add_paragraph(title), num, level)
    document.save(tmp_path / "decimal.docx")
    doc = load_document(tmp_path / "decimal.docx")
    assert [(h.level, h.number, h.title) for h in doc.headings] == [
        (1, "1", "总则"), (2, "1.1", "编制目的"), (3, "1.1.1", "法律"), (2, "1.2", "适用范围"),
        (1, "2", "组织体系"), (2, "2.1", "指挥部")]


def test_number_formats() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 21)] == ["一", "十", "十一", "二十一"]
    assert format_number(3, "chineseCountingThousand") == "三"
    assert format_number(11, "taiwaneseCountingThousand") == "十一"  # what LibreOffice writes for 一、二、三
    assert format_number(2, "chineseLegalSimplified") == "贰"
    assert format_number(2025, "ideographDigital") == "二〇二五"
    assert format_number(12, "decimalFullWidth") == "１２"
    assert format_number(3, "decimalEnclosedCircleChinese") == "③"
    assert format_number(9, "lowerRoman") == "ix"
    assert format_number(28, "upperLetter") == "BB"


def test_text_box_is_read_once_and_tables_keep_cells(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "box.docx", """
# 值班值守
[textbox] 镇应急值班电话：022-63211234
| 单位 | 姓名 | 电话 |
| 镇政府 | 刘卫东 | 13602211001 |
| 应急办 | 赵刚 | 022-63211234 |
""")
    doc = load_document(path)
    texts = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert texts.count("镇应急值班电话：022-63211234") == 1
    table = doc.tables[0]
    assert table.rows == [["单位", "姓名", "电话"], ["镇政府", "刘卫东", "13602211001"], ["应急办", "赵刚", "022-63211234"]]
    assert table.location.heading_path == ("值班值守",) and table.location.table == 1


def test_content_controls_insertions_deletions_and_headers(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "青林镇人民政府文件（页眉）"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("一、信息报告")
    paragraph = document.add_paragraph("事发后")
    paragraph._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>30分钟内</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>2小时内</w:delText></w:r></w:del>'))
    paragraph.add_run("报告区应急管理局。")
    document.element.body.insert(len(document.element.body) - 1, parse_xml(
        f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>严禁迟报、谎报、瞒报、漏报。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.save(tmp_path / "controls.docx")
    doc = load_document(tmp_path / "controls.docx")
    texts = [b.text for b in doc.blocks]
    assert texts == ["一、信息报告", "事发后30分钟内报告区应急管理局。", "严禁迟报、谎报、瞒报、漏报。"]
    assert not any("页眉" in t or "— 1 —" in t for t in texts)


def test_images_are_counted_with_captions(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "figure.docx", "# 附件6 应急处置流程图\n[image] 图1 应急处置流程图")
    doc = load_document(path)
    figures = [b for b in doc.blocks if b.kind == "figure"]
    assert [f.text for f in figures] == ["图1 应急处置流程图"]
    assert [n.message for n in doc.warnings] == ["文档含 1 张图片，图片中的文字未读取"]


def test_wps_style_outline_level_and_bold_titles(tmp_path: Path) -> None:
    document = docx.Document()
    heading = document.add_paragraph("总  则")
    heading._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    document.add_paragraph("为了……制定本预案。")
    bold = document.add_paragraph()
    bold.add_run("工作要求").bold = True
    document.add_paragraph("各村要落实责任。")
    document.save(tmp_path / "wps.docx")
    doc = load_document(tmp_path / "wps.docx")
    assert [(h.level, h.title, h.norm) for h in doc.headings] == [(1, "总  则", "总则"), (2, "工作要求", "工作要求")]


def test_table_of_contents_style_paragraphs_are_skipped(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("一、总则\t1", "二、组织体系\t3"):
        paragraph = document.add_paragraph(text)
        paragraph.style = document.styles.add_style(f"toc {len(document.paragraphs)}", 1)
    document.add_paragraph("一、总则")
    document.save(tmp_path / "toc.docx")
    assert [h.title for h in load_document(tmp_path / "toc.docx").headings] == ["总则"]


def test_tiny_png_is_a_png() -> None:
    assert tiny_png().startswith(b"\x89PNG")


def test_table_cells_keep_nested_tables_and_revisions(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "单位", "联系人"
    table.rows[1].cells[0].text = "镇应急办"
    cell = table.rows[1].cells[1]
    cell.paragraphs[0]._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>赵刚</w:t></w:r></w:ins>'))
    cell.paragraphs[0]._p.append(parse_xml(f'<w:moveFrom {W} w:id="2" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'))
    inner = cell.add_table(rows=1, cols=2)
    inner.rows[0].cells[0].text, inner.rows[0].cells[1].text = "手机", "13602211005"
    document.save(tmp_path / "nested.docx")
    rows = load_document(tmp_path / "nested.docx").tables[0].rows
    assert rows == [["单位", "联系人"], ["镇应急办", "赵刚\n手机\n13602211005"]]
