"""Verdict semantics of the domain (issue 10): a part the contents list names but the text never
reaches is absent, not 'present but hollow'; stock phrasing is present but not specific."""

from __future__ import annotations

from datetime import date

from plancheck.api import check_document
from plancheck.document.loader import document_from_text
from plancheck.rules.ruleset import load_ruleset

AS_OF = date(2026, 11, 30)
CONTENTS = "目录\n一、总则 - 1 -\n二、组织体系 - 2 -\n三、应急处置 - 3 -\n四、预案管理 - 4 -\n"
BODY = ("一、总则\n为保障青林镇群众生命安全，制定本预案。\n二、组织体系\n镇党委书记任总指挥，镇长任副总指挥，"
        "成员单位包括党政办、派出所、卫生院。抢险救援组负责设置警戒、搜救被困人员，并立即上报区应急管理局。\n")


def verdicts(text: str) -> dict:
    report = check_document(document_from_text(text, "<plan>"), load_ruleset("township"), as_of=AS_OF)
    return {finding.rule.id: finding for finding in report.findings}


def test_a_chapter_listed_in_the_contents_but_never_supplied_is_absent():
    cut = verdicts("青林镇突发事件综合应急预案\n" + CONTENTS + BODY)
    assert cut["T-15"].verdict == "not_met"  # first response: 三、应急处置 never reached
    assert any("目录中列有“三、应急处置" in note and "未提供" in note for note in cut["T-15"].notes)
    assert cut["T-21"].verdict == "not_met"
    assert cut["T-07"].verdict == "met"  # a chapter the text does reach is judged as usual


def test_a_chapter_the_text_reaches_is_judged_on_its_content():
    whole = verdicts("青林镇突发事件综合应急预案\n" + CONTENTS + BODY
                     + "三、应急处置\n做好各项处置工作。\n四、预案管理\n加强宣传培训，每年组织演练。\n")
    assert whole["T-15"].verdict == "partial"
    assert not any("目录中列有" in note for note in whole["T-15"].notes)


def test_stock_principles_are_present_but_not_adapted():
    stock = verdicts("青林镇突发事件综合应急预案\n一、总则\n（一）工作原则\n以人为本，减少危害；居安思危，预防为主；统一领导，分级负责；快速反应，协同应对。")
    local = verdicts("青林镇突发事件综合应急预案\n一、总则\n（一）工作原则\n人民至上、生命至上；属地为主、镇村联动，"
                     "村(社区)第一时间喊人、报信、撤人，镇负责组织先期处置。")
    assert stock["T-04"].verdict == "partial"
    assert "结合本地实际的内容（现有内容均为通用表述）" in stock["T-04"].checks[-1].outcome.missing
    assert local["T-04"].verdict == "met"
    assert "通用表述之外写有" in local["T-04"].checks[-1].outcome.evidence[0].note
