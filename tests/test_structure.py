"""Document structure of real plans (issue 9): contents lists, list items, inline titles, titles,
incomplete copies, plain-text tables and `plancheck inspect` in every format."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from plancheck import document_from_text, load_document
from plancheck.cli import main
from plancheck.report import render_inspect


def outline(text: str) -> list[tuple[int, str]]:
    return [(h.level, h.label) for h in document_from_text(text).headings]


@pytest.mark.parametrize("line", ["一、总则……………………1", "一、总则\t1", "一、总则 - 1 -", "一、总则—1—", "一、总则－1－",
                                  "一、总则..........1"])
def test_contents_lines_of_every_shape_leave_the_body(line: str) -> None:
    second = line.replace("一、总则", "二、组织体系").replace("1", "3")
    doc = document_from_text(f"青林镇突发事件综合应急预案\n目  录\n{line}\n{second}\n一、总则\n为了提高能力，制定本预案。\n二、组织体系\n镇长任总指挥。")
    assert [h.label for h in doc.headings] == ["一、总则", "二、组织体系"]
    assert [(c.number, c.title) for c in doc.contents] == [("一、", "总则"), ("二、", "组织体系")]
    assert not any("目" in b.text and "录" in b.text for b in doc.blocks)


def test_contents_without_page_numbers_end_where_the_body_repeats_them() -> None:
    doc = document_from_text("青林镇突发事件综合应急预案\n目录\n一、总则\n（一）编制目的\n二、组织体系\n附件\n"
                             "一、总则\n（一）编制目的\n为了提高能力，制定本预案。\n二、组织体系\n镇长任总指挥。")
    assert [h.label for h in doc.headings] == ["一、总则", "（一）编制目的", "二、组织体系"]
    assert [c.text for c in doc.contents] == ["一、总则", "（一）编制目的", "二、组织体系", "附件"]


def test_list_items_are_not_headings() -> None:
    text = ("一、总则\n（一）编制依据\n（1）《中华人民共和国突发事件应对法》；\n（2）《天津市突发事件应对条例》；\n"
            "（3）《突发事件应急预案管理办法》\n（二）主要风险\n经评估，本镇主要风险为：\n1.暴雨内涝：低洼村约1300人；\n"
            "2.森林火灾：林地1860亩。\n（三）工作原则\n1. 每年组织一次演练。\n2. 演练后进行评估。")
    assert outline(text) == [(1, "一、总则"), (2, "（一）编制依据"), (2, "（二）主要风险"), (2, "（三）工作原则")]


def test_inline_titles_are_split_from_their_body() -> None:
    doc = document_from_text("第一章 总则\n第二条【适用范围】本预案适用于本镇。\n一、组织\n（二）适用范围。本预案适用于本镇。\n"
                             "二、依据\n（一）编制依据：根据有关法律制定。")
    assert [(h.number, h.title) for h in doc.headings][1] == ("第二条", "适用范围")
    assert "（二）适用范围" in [h.label for h in doc.headings]
    assert ("（一）", "编制依据") in [(h.number, h.title) for h in doc.headings]
    assert any(b.kind == "paragraph" and b.text == "本预案适用于本镇。" and b.location.heading_path[-1] == "第二条适用范围"
               for b in doc.blocks)


def test_ocr_glued_fullwidth_and_decimal_numbers() -> None:
    text = "一、总  则\nl、编制目的\n2基本情况\n二、组织\n１．１ 指挥部\n1.1. 工作组\n3个工作组负责抢险。"
    doc = document_from_text(text)
    assert [(h.level, h.number, h.title) for h in doc.headings][:3] == [(1, "一、", "总  则"), (2, "l、", "编制目的"),
                                                                       (2, "2", "基本情况")]
    assert doc.headings[0].norm == "总则"
    assert not any(b.kind == "heading" and b.text.startswith("3个") for b in doc.blocks)


def test_numbering_continuity_accepts_a_correct_decimal_sequence() -> None:
    doc = document_from_text("1 总则\n1.1 目的\n1.2 依据\n1.2.1 法律\n1.2.2 文件\n2 组织\n2.1 指挥部\n2.2 工作组")
    assert [d.message for d in doc.diagnostics if d.code == "number_skip"] == []
    assert any("1.3" in d.message for d in document_from_text("1 总则\n1.1 目的\n1.3 依据").diagnostics)


def test_two_line_cover_title_after_an_issuing_notice(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("关于印发《青溪镇突发事件综合应急预案》的通知\n各村（社区）：\n现印发给你们，请认真贯彻落实。\n"
                    "天津市滨河区青溪镇\n突发事件综合应急预案\n（2024年修订）\n一、总则\n为了提高能力，制定本预案。\n"
                    "二、组织体系\n镇长任总指挥。", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "天津市滨河区青溪镇突发事件综合应急预案"
    assert [h.label for h in doc.headings] == ["一、总则", "二、组织体系"]
    assert doc.complete


PLAN = ("青林镇突发事件综合应急预案\n目  录\n一、总则……1\n二、组织体系……2\n三、应急保障……3\n四、附则……4\n"
        "一、总则\n为了提高能力，制定本预案。\n二、组织体系\n镇长任总指挥，分管副镇长任副总指挥，负责组织")


def test_truncated_copy_is_incomplete_and_never_passes(tmp_path: Path) -> None:
    from plancheck import check

    path = tmp_path / "web.txt"
    path.write_text(PLAN, encoding="utf-8")
    doc = load_document(path)
    assert not doc.complete and len(doc.truncated) == 2
    assert "三、应急保障" in doc.truncated[1] and doc.warnings[0].code == "incomplete"
    report = check(path, "township")
    assert report.gate != "pass" and report.incomplete
    data = report.to_dict()
    assert data["complete"] is False and data["documents"][0]["warnings"][0]["message"].startswith("文件不完整")
    assert any("所提供的文本" in note for f in data["findings"] for note in f.get("notes", []))


def test_complete_copy_is_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "whole.txt"
    path.write_text(PLAN.replace("，负责组织", "。\n三、应急保障\n储备物资。\n四、附则\n本预案自印发之日起实施。"), encoding="utf-8")
    doc = load_document(path)
    assert doc.complete and doc.truncated == []


def test_plain_text_tables_from_tabs_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "contacts.txt"
    path.write_text("附件1 应急通讯录\n职务\t姓名\t电话\n镇长\t张伟\t13812345678\n\n附件2 救援队伍\n"
                    "队伍      队长    电话\n应急队    刘卫东  13602211001\n民兵排    王五    0593 3361110\n总  则\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert [t.rows for t in doc.tables] == [[["职务", "姓名", "电话"], ["镇长", "张伟", "13812345678"]],
                                            [["队伍", "队长", "电话"], ["应急队", "刘卫东", "13602211001"],
                                             ["民兵排", "王五", "0593 3361110"]]]


def test_word_toc_entries_are_contents(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("青林镇突发事件综合应急预案")
    for text in ("一、总则\t1", "二、组织体系\t2"):
        document.add_paragraph(text, style=document.styles.add_style(f"toc {len(document.paragraphs)}", 1))
    for text in ("一、总则", "为了提高能力，制定本预案。", "二、组织体系", "镇长任总指挥。"):
        document.add_paragraph(text)
    document.save(tmp_path / "toc.docx")
    doc = load_document(tmp_path / "toc.docx")
    assert [h.label for h in doc.headings] == ["一、总则", "二、组织体系"]
    assert [c.page for c in doc.contents] == [1, 2]


@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_inspect_every_format_with_notes_without_a_page(tmp_path: Path, capsys, fmt: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    path2 = tmp_path / "gaps.txt"
    path2.write_text("一、总则\n1.1 目的\n1.3 适用\n", encoding="utf-8")
    for target in (path, path2):
        assert main(["inspect", str(target), "--format", fmt]) == 0
        out = capsys.readouterr().out
        if fmt == "json":
            data = json.loads(out)
            assert "contents" in data and "outline" in data
        else:
            assert "目录层级" in out
    assert "前应为第2项" in render_inspect(load_document(path2), "txt")
    assert "文件自带目录" in render_inspect(load_document(path), "txt")


def test_word_toc_field_and_hyperlinked_entries_are_contents(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("青林镇突发事件综合应急预案")
    body = document.element.body
    first = ('<w:p {ns}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1"><w:r><w:t>一、总则</w:t></w:r></w:hyperlink></w:p>')
    middle = '<w:p {ns}><w:hyperlink w:anchor="_Toc2"><w:r><w:t>二、组织体系</w:t></w:r></w:hyperlink></w:p>'
    last = '<w:p {ns}><w:r><w:t>三、附则</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    for xml in (first, middle, last):
        body.insert(len(body) - 1, parse_xml(xml.format(ns=ns)))
    for text in ("一、总则", "为了提高能力，制定本预案。", "二、组织体系", "镇长任总指挥。", "三、附则", "本预案自印发之日起实施。"):
        document.add_paragraph(text)
    document.save(tmp_path / "field.docx")
    doc = load_document(tmp_path / "field.docx")
    assert [c.text for c in doc.contents] == ["一、总则", "二、组织体系", "三、附则"]
    assert [h.label for h in doc.headings] == ["一、总则", "二、组织体系", "三、附则"]
