"""Chinese outline detection: numbering families, levels, shape, diagnostics."""

from __future__ import annotations

from plancheck import document_from_text


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.number, h.title) for h in document_from_text(text).headings]


def test_cn_and_paren_and_decimal_families_nest_in_official_order() -> None:
    text = "青林镇突发事件综合应急预案\n一、总则\n（一）编制目的\n1.目的说明\n（1）细项\n①再细\n二、组织体系\n(一)应急指挥部"
    assert outline(text) == [
        (1, "一、", "总则"), (2, "（一）", "编制目的"), (3, "1.", "目的说明"), (4, "（1）", "细项"),
        (5, "①", "再细"), (1, "二、", "组织体系"), (2, "(一)", "应急指挥部")]


def test_decimal_outline_with_spaces_inside_titles() -> None:
    text = "1 总  则\n1.1 编制目的\n1.1.1 法律依据\n1.2 适用范围\n2、组织体系"
    assert outline(text) == [(1, "1", "总  则"), (2, "1.1", "编制目的"), (3, "1.1.1", "法律依据"),
                             (2, "1.2", "适用范围"), (1, "2、", "组织体系")]
    assert document_from_text(text).headings[0].norm == "总则"


def test_chapter_section_and_article_style() -> None:
    text = ("第一章 总则\n第一条 目的\n第二条 为了规范本镇突发事件应对工作，根据有关法律，制定本预案。\n第二章 组织体系\n"
            "第一节 应急指挥部\n第三条 组成")
    doc = document_from_text(text)
    assert [(h.level, h.number, h.title) for h in doc.headings] == [
        (1, "第一章", "总则"), (3, "第一条", "目的"), (1, "第二章", "组织体系"), (2, "第一节", "应急指挥部"), (3, "第三条", "组成")]
    article = next(b for b in doc.blocks if b.text.startswith("第二条"))
    assert article.kind == "paragraph" and article.location.heading_path == ("第一章总则", "第一条目的")


def test_numbered_sentence_stays_a_paragraph() -> None:
    doc = document_from_text("一、预案管理\n1. 每年组织一次演练。\n2. 演练后进行评估。")
    assert [h.title for h in doc.headings] == ["预案管理"]
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["1. 每年组织一次演练。", "2. 演练后进行评估。"]


def test_run_in_heading_is_split_from_its_body() -> None:
    doc = document_from_text("一、组织体系\n（一）应急指挥部。由镇长任总指挥，分管副镇长任副总指挥。")
    heading = doc.headings[1]
    assert (heading.level, heading.number, heading.title) == (2, "（一）", "应急指挥部")
    body = doc.blocks[2]
    assert body.text == "由镇长任总指挥，分管副镇长任副总指挥。"
    assert body.location.heading_path == ("一、组织体系", "（一）应急指挥部")


def test_table_of_contents_lines_are_not_headings() -> None:
    doc = document_from_text("目  录\n一、总则……………………1\n二、组织体系........3\n一、总则\n内容。")
    assert [(h.number, h.title) for h in doc.headings] == [("一、", "总则")]


def test_attachments_are_top_level_headings() -> None:
    doc = document_from_text("一、总则\n（一）目的\n附件1 应急通讯录\n| 姓名 | 电话 |\n| 张伟 | 13812345678 |\n附件2：主要风险清单")
    assert [(h.level, h.number, h.title) for h in doc.headings][-2:] == [(1, "附件1", "应急通讯录"), (1, "附件2：", "主要风险清单")]
    assert doc.tables[0].location.heading_path == ("附件1应急通讯录",)


def test_diagnostics_for_skips_jumps_and_order() -> None:
    doc = document_from_text("（一）先出现的二级\n一、总则\n三、组织体系\n（一）指挥部\n（三）工作组")
    messages = [d.message for d in doc.diagnostics]
    assert any("（一）先出现的二级" in m and "之前" in m for m in messages)
    assert "编号不连续：“三、组织体系”前应为第2项" in messages
    assert "编号不连续：“（三）工作组”前应为第2项" in messages


def test_heading_paths_locate_every_block() -> None:
    doc = document_from_text("二、组织体系\n（一）应急指挥机构\n镇长任总指挥。")
    assert doc.blocks[-1].location.heading_path == ("二、组织体系", "（一）应急指挥机构")
    assert doc.blocks[-1].location.paragraph == 3


def test_traditional_characters_match_simplified() -> None:
    doc = document_from_text("一、組織體系\n鎮長任總指揮。")
    assert doc.headings[0].norm == "组织体系"
    assert doc.blocks[1].norm == "镇长任总指挥。"
    assert doc.blocks[1].text == "鎮長任總指揮。"
