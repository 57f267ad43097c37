"""Chinese outline detection: numbering families, levels, shape, diagnostics."""

from __future__ import annotations

from pathlib import Path

import docx

from plancheck import document_from_text, load_document


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


def labels(text: str) -> list[tuple[int, str]]:
    return [(h.level, h.label) for h in document_from_text(text).headings]


def test_numbered_steps_under_an_attachment_are_list_items() -> None:
    text = ("1. 总则\n本预案适用于柳岸镇。\n2. 应急响应\n镇指挥部统一指挥。\n附件3 处置流程\n"
            "1. 接报：值班员接报并登记。\n2. 研判：带班领导研判后报告总指挥。\n3. 结束：险情排除后宣布结束。")
    assert labels(text) == [(1, "1.总则"), (1, "2.应急响应"), (1, "附件3处置流程")]
    steps = [b for b in document_from_text(text).blocks if b.text.startswith("2. 研判")]
    assert steps[0].kind == "paragraph" and steps[0].location.heading_path == ("附件3处置流程",)


def test_labelled_risk_list_right_under_its_heading_is_not_headings() -> None:
    text = ("一、镇情\n（一）风险分析\n1.山洪：南沟两岸42户受威胁。\n2.森林火灾：东坡林区春季火险高。\n"
            "（二）群众转移\n1.转移条件\n接到红色预警时转移。\n2.转移路线\n沿村道向西转移。")
    assert labels(text) == [(1, "一、镇情"), (2, "（一）风险分析"), (2, "（二）群众转移"), (3, "1.转移条件"), (3, "2.转移路线")]


def test_enumeration_comma_number_carries_a_run_in_title() -> None:
    doc = document_from_text("一、预防与预警\n（一）监测\n镇应急办负责日常监测。\n（二）预警\n"
                             "1、预警级别：预警分为四级，分别用红色、橙色、黄色和蓝色标示。\n"
                             "2、预警发布：预警信息由镇应急办通过广播和短信向群众发布。")
    assert [(h.level, h.number, h.title) for h in doc.headings][-2:] == [(3, "1、", "预警级别"), (3, "2、", "预警发布")]
    body = next(b for b in doc.blocks if b.text.startswith("预警信息由"))
    assert body.kind == "paragraph" and body.location.heading_path[-1] == "2、预警发布"


def test_family_that_numbers_a_list_elsewhere_numbers_no_run_in_headings() -> None:
    text = ("第一章 概况\n一、主要风险\n（一）城市内涝：桃园里地势低洼，地下车库易进水。\n（二）燃气事故：老旧小区管线老化。\n"
            "二、工作组\n指挥部下设以下工作组：\n（一）综合协调组：由党政办负责，汇总上报信息。\n（二）抢险救援组：由城管办负责。")
    assert labels(text) == [(1, "第一章概况"), (2, "一、主要风险"), (2, "二、工作组")]


def test_run_in_headings_stay_headings_when_every_chapter_uses_them() -> None:
    text = ("一、总则\n（一）编制目的：为提高本街道应对突发事件的能力，制定本预案。\n（二）适用范围：本预案适用于本街道。\n"
            "二、保障\n（一）物资保障：街道储备必要的应急物资。\n（二）经费保障：应急经费列入年度预算。\n"
            "（三）本预案自印发之日起实施。")
    assert [label for _, label in labels(text)] == ["一、总则", "（一）编制目的", "（二）适用范围", "二、保障", "（一）物资保障",
                                                   "（二）经费保障"]


def test_numbering_used_for_sentences_makes_its_labelled_items_paragraphs() -> None:
    text = ("1 总则\n1.1 编制目的\n为提高应对能力，制定本预案。\n2 信息报告\n2.1 事发村立即向镇值班室报告。\n"
            "2.2 镇值班室30分钟内报告区应急办。\n3 预案管理\n3.1 宣传培训：每年开展一次应急知识宣传。\n3.2 演练：每年组织一次综合演练。")
    assert labels(text) == [(1, "1总则"), (2, "1.1编制目的"), (1, "2信息报告"), (1, "3预案管理")]


def test_a_titled_item_whose_body_ends_in_a_semicolon_is_still_a_heading() -> None:
    text = ("一、预警\n1、预警接收：信息员接收乡政府发布的预警信息；\n2、通知群众：用大喇叭广播，组长打电话通知各户；\n"
            "停电时敲锣通知。\n二、转移\n（一）【转移条件】接到乡里通知时转移；\n（二）【转移路线】沿村道向西转移；")
    assert labels(text) == [(1, "一、预警"), (3, "1、预警接收"), (3, "2、通知群众"), (1, "二、转移"), (2, "（一）转移条件"),
                            (2, "（二）转移路线")]


def test_a_list_of_attachment_names_is_not_attachment_headings() -> None:
    text = ("一、总则\n本预案适用于本镇。\n二、附件\n附件1.应急通讯录\n附件2.应急物资清单\n附件3.避难场所清单")
    assert labels(text) == [(1, "一、总则"), (1, "二、附件")]
    supplied = labels("一、总则\n本预案适用于本镇。\n附件1 应急通讯录\n| 姓名 | 电话 |\n| 王立 | 13812345678 |\n"
                      "附表2 物资清单\n| 物资 | 数量 |\n| 沙袋 | 500条 |")
    assert supplied == [(1, "一、总则"), (1, "附件1应急通讯录"), (1, "附表2物资清单")]


def test_a_superior_notice_above_the_plan_does_not_take_its_title() -> None:
    doc = document_from_text("柳河县应急管理局关于做好村级应急预案修订工作的通知\n各镇：\n请各村修订完善后报所在镇备案。\n"
                             "东坪村突发事件应急预案\n一、总则\n为提高本村应对能力，制定本预案。")
    assert doc.title == "东坪村突发事件应急预案"
    assert labels("东坪村突发事件应急预案\n一、总则\n为提高本村应对能力，制定本预案。") == [(1, "一、总则")]


def test_a_decimal_number_glued_to_its_title_is_not_a_quantity() -> None:
    text = "9 专项处置\n9.1适用范围\n本节适用于地质灾害。\n9.2组织指挥\n由副镇长任现场指挥。\n2.1万人需要转移时报请区政府支援。"
    assert labels(text) == [(1, "9专项处置"), (2, "9.1适用范围"), (2, "9.2组织指挥")]


def test_a_wrapped_numbered_sentence_that_fills_the_line_is_joined() -> None:
    sentence = ("镇值班室接收区气象局、区应急管理局、区水务局和市海洋预报台发布的预警信息，值班员接报后十分钟内报告带班"
                "领导，同时通过工作群和短信平台发送到各村书记和包村领导手中，做到叫应到人。")
    body = "为了提高本镇应对突发事件的能力，保障人民群众生命财产安全，依据有关法律法规和上级预案，结合本镇实际制定本预案。" * 3
    width = 24
    wrap = lambda text: [text[i:i + width] for i in range(0, len(text), width)]  # noqa: E731
    lines = ["1 总则", *wrap(body), "2 预警", "2.1 预警信息", *wrap("2.1.1 " + sentence), "2.1.2 村干部接到预警后通知到户。"]
    doc = document_from_text("\n".join(lines))
    assert [h.label for h in doc.headings] == ["1总则", "2预警", "2.1预警信息"]
    assert any(b.kind == "paragraph" and b.text.startswith("2.1.1 镇值班室") and b.text.endswith("叫应到人。") for b in doc.blocks)


def test_attachments_nest_under_the_chapter_that_holds_them() -> None:
    text = ("一、总则\n本预案适用于本镇。\n二、附件\n附件1 应急通讯录\n| 姓名 | 电话 |\n| 王立 | 13812345678 |\n"
            "附件2 物资清单\n| 物资 | 数量 |\n| 沙袋 | 500条 |")
    assert labels(text) == [(1, "一、总则"), (1, "二、附件"), (2, "附件1应急通讯录"), (2, "附件2物资清单")]


def test_unnumbered_bold_titles_are_siblings(tmp_path: Path) -> None:
    document = docx.Document()
    for text, bold in (("我们村的风险", True), ("后山有滑坡隐患，雨季要巡查。", False), ("谁来管", True),
                       ("村支书任组长。", False), ("记住这些电话", True), ("村委会值班电话13812345678。", False)):
        document.add_paragraph().add_run(text).bold = bold
    document.save(tmp_path / "plan.docx")
    assert [(h.level, h.title) for h in load_document(tmp_path / "plan.docx").headings] == [
        (1, "我们村的风险"), (1, "谁来管"), (1, "记住这些电话")]


def test_wrapped_rows_of_a_serial_numbered_table_are_a_table_not_headings(tmp_path: Path) -> None:
    lines = ["一、附件", "附件2 隐患点清单", "序号 隐患点 所在村 类型 责任人 ",
             "电话", "1 北坡滑坡体 石桥村3组 滑坡 周长 ", "13812345678", "2 南沟河道 石桥村5组 山洪 吴", "海 139",
             "- 3 -", "87654321", "3 老街危房 集镇 房屋倒塌 李木森 1", "3700001111", "附件3 物资清单", "铁锹20把。"]
    (tmp_path / "plan.txt").write_text("\n".join(lines), encoding="utf-8")
    doc = load_document(tmp_path / "plan.txt")
    assert [h.label for h in doc.headings] == ["一、附件", "附件2隐患点清单", "附件3物资清单"]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == [["序号", "隐患点", "所在村", "类型", "责任人", "电话"],
                          ["1", "北坡滑坡体", "石桥村3组", "滑坡", "周长", "13812345678"],
                          ["2", "南沟河道", "石桥村5组", "山洪", "吴海", "13987654321"],
                          ["3", "老街危房", "集镇", "房屋倒塌", "李木森", "13700001111"]]


def test_comma_numbered_run_in_headings_are_not_the_dot_numbered_sentences_of_the_plan() -> None:
    text = ("一、镇情\n（一）主要风险\n1.雨季东河水位上涨，沿河42户受威胁。\n2.北山林区春季火险等级高。\n"
            "二、预警\n（一）预警发布\n1、预警级别：预警分为红、橙、黄、蓝四级。\n2、发布渠道：通过广播和短信发布。\n"
            "（二）值班\n镇政府实行24小时值班。")
    assert labels(text)[-4:] == [(2, "（一）预警发布"), (3, "1、预警级别"), (3, "2、发布渠道"), (2, "（二）值班")]


def test_labelled_items_followed_by_text_of_their_section_are_a_list() -> None:
    text = ("第一章 镇情\n一、概况\n本镇面积52平方公里。\n二、主要风险\n（一）山洪：东河沿岸68户受威胁。\n"
            "（二）森林火灾：北山林区春季火险高。\n风险点详见附件2。\n第二章 组织\n一、工作组\n"
            "（一）抢险组：组长王刚，负责抢险救人。\n（二）安置组：组长李梅，负责转移安置。\n二、村级组织\n各村成立应急小组。")
    assert labels(text) == [(1, "第一章镇情"), (2, "一、概况"), (2, "二、主要风险"), (1, "第二章组织"), (2, "一、工作组"),
                            (2, "二、村级组织")]


def test_a_serial_numbered_table_ends_before_the_sentence_after_it(tmp_path: Path) -> None:
    lines = ["三、队伍", "序号 队伍 人数 负责人 电话", "1 镇应急分队 30 孙立 13811112222", "2 民兵排 28 钱江",
             "全镇队伍由镇应急办统一调度。", "四、保障", "序号\t物资\t数量", "1\t铁锹\t20 把", "2\t救生衣\t40 件"]
    (tmp_path / "plan.txt").write_text("\n".join(lines), encoding="utf-8")
    doc = load_document(tmp_path / "plan.txt")
    assert [h.label for h in doc.headings] == ["三、队伍", "四、保障"]
    first, second = [b for b in doc.blocks if b.kind == "table"]
    assert first.rows[-1] == ["2", "民兵排", "28", "钱江"]
    assert second.rows == [["序号", "物资", "数量"], ["1", "铁锹", "20 把"], ["2", "救生衣", "40 件"]]
    sentence = next(b for b in doc.blocks if b.text.startswith("全镇队伍"))
    assert sentence.kind == "paragraph" and sentence.location.heading_path == ("三、队伍",)


def test_a_bare_fu_before_the_name_of_a_list_opens_an_attachment() -> None:
    text = ("一、总则\n本预案适用于本村。\n二、附则\n本预案自印发之日起施行。\n附 联系电话\n村书记 赵明 13800001111\n"
            "附：应急物资清单\n附近村民发现险情立即报告。")
    assert labels(text) == [(1, "一、总则"), (1, "二、附则"), (1, "附联系电话"), (1, "附：应急物资清单")]
