"""Content-quality detectors: each with planted defects, and a clean counterpart that must raise nothing."""

from __future__ import annotations

from conftest import AS_OF

from plancheck import document_from_text
from plancheck.rules.evaluate import evaluate_rule
from plancheck.rules.ruleset import load_ruleset

TOWNSHIP = load_ruleset("township")


def notes(rule_id: str, text: str) -> list[str]:
    finding = evaluate_rule(TOWNSHIP.rule(rule_id), document_from_text(text), AS_OF)
    return [e.note for e in finding.evidence if e.note]


CONTACTS = """青林镇突发事件综合应急预案
一、组织体系
综合协调组：由党政办牵头，组长王丽。
抢险救援组：由应急办牵头，组长赵刚。
附件1 应急通讯录
| 职务 | 姓名 | 手机 | 办公电话 |
| 综合协调组组长 | 王丽 | {a} | 022-63211004 |
| 抢险救援组组长 | 赵刚 | {b} | {c} |
| 派出所 | 值班室 | 110 | 022-63290110 |
"""


def test_q1_contacts_clean() -> None:
    assert notes("Q-1", CONTACTS.format(a="13602211004", b="13602211005", c="63211234")) == []


def test_q1_contacts_planted_defects() -> None:
    found = notes("Q-1", CONTACTS.format(a="1360221100", b="13602211005", c="").replace("抢险救援组组长 | 赵刚", "队长 | 钱进")
                  + "值班电话：022-6321123")
    assert found == ["号码“1360221100”无法拨通：手机号应为11位，这里是10位",
                     "号码“022-6321123”无法拨通：区号022后应为8位号码，这里是7位",
                     "组织机构中的“抢险救援组”在通讯录中没有任何成员"]
    shared = notes("Q-1", CONTACTS.format(a="13602211004", b="13602211004", c="022-63211005"))
    assert shared == ["号码13602211004同时登记给王丽、赵刚"] * 2


def test_q1_blank_cells_alone_are_an_unfinished_list() -> None:
    blank = CONTACTS.format(a="13602211004", b="待补充", c="待补充")
    finding = evaluate_rule(TOWNSHIP.rule("Q-1"), document_from_text(blank), AS_OF)
    assert (finding.verdict, [e.note for e in finding.evidence]) == ("partial", ["电话一栏没有填写号码（“待补充”）"])
    wrong = evaluate_rule(TOWNSHIP.rule("Q-1"), document_from_text(blank.replace("13602211004", "1360221100")), AS_OF)
    assert wrong.verdict == "not_met"


def test_q2_template_residue() -> None:
    assert notes("Q-2", "一、组织体系\n总指挥由镇长王建国担任。\n| 姓名 | 电话 |\n| 王建国 | 13602211001 |") == []
    found = notes("Q-2", "一、组织体系\n总指挥由XX镇镇长担任，成员【填写单位】待补充。\n| 姓名 | 电话 |\n|  | 13602211001 |")
    assert found == ["模板占位符未替换：“XX”", "模板占位符未替换：“【填写单位】”", "模板占位符未替换：“待补充”", "“姓名”一栏为空"]


def test_q3_copied_place_and_county_duties() -> None:
    clean = "青林镇突发事件综合应急预案\n一、总则\n本预案适用于青林镇行政区域。与相邻的河东镇建立联动机制。由总指挥决定启动响应。"
    assert notes("Q-3", clean) == []
    copied = ("青林镇突发事件综合应急预案\n一、总则\n本预案适用于河东镇行政区域。\n县级以上地方人民政府负责统一领导。"
              "\n启动Ⅰ级响应。启动Ⅱ级响应。启动Ⅲ级响应。启动Ⅳ级响应。")
    assert notes("Q-3", copied) == [
        "本预案是“青林”的预案，这里却写成了“河东”，疑似照搬其他地方的预案",
        "“县级以上地方人民政府”是区县以上的职责，不应写成本级预案的内容",
        "写了 4 个响应级别（Ⅰ、Ⅱ、Ⅲ、Ⅳ），照搬了区县的多级响应；乡镇(村)预案的响应应比区县简明（不超过 3 级）",
        "照搬的多级响应内容", "照搬的多级响应内容", "照搬的多级响应内容"]


def test_q4_superseded_basis_only_when_relied_on_as_current() -> None:
    current = "一、编制依据\n依据《中华人民共和国突发事件应对法》和《突发事件应急预案管理办法》（国办发〔2024〕5号）。本预案自2025年6月1日起施行。"
    assert notes("Q-4", current) == []
    history = "一、编制依据\n原《突发事件应急预案管理办法》（国办发〔2013〕101号）已废止。本预案自2025年6月1日起施行。"
    assert notes("Q-4", history) == []
    before_change = "一、编制依据\n依据《突发事件应急预案管理办法》（国办发〔2013〕101号）。本预案自2022年6月1日起施行。"
    assert notes("Q-4", before_change) == []
    outdated = "一、编制依据\n依据《突发事件应急预案管理办法》（国办发〔2013〕101号）。本预案自2025年6月1日起施行。"
    assert notes("Q-4", outdated) == ["引用了已被替代的《突发事件应急预案管理办法》(国办发〔2013〕101号)，"
                                      "现行为《突发事件应急预案管理办法》(国办发〔2024〕5号)（自 2024-01-31 起）"]


def test_q5_stale_or_undated_plan() -> None:
    assert notes("Q-5", "青林镇突发事件综合应急预案\n二〇二五年四月十日印发\n一、总则") == []
    assert notes("Q-5", "青林镇突发事件综合应急预案\n二〇二一年四月十日印发\n一、总则") == [
        "最近的日期为 2021-04-10，距今已超过 3 年"]
    revised = "青林镇突发事件综合应急预案\n二〇二一年四月十日印发\n一、附则\n本预案于2025年3月修订。"
    assert notes("Q-5", revised) == []
    finding = evaluate_rule(TOWNSHIP.rule("Q-5"), document_from_text("青林镇应急预案\n一、总则\n内容。"), AS_OF)
    assert finding.verdict == "not_met" and finding.checks[0].outcome.missing == ["预案日期（封面、落款或修订记录）"]


def test_q6_hollow_sections() -> None:
    full = ("一、信息报告\n事发后30分钟内由应急办主任向区应急管理局电话报告事件时间、地点、伤亡和已采取的措施。\n"
            "二、物资清单\n详见附件1。\n附件1 应急物资清单\n| 名称 | 数量 |\n| 救生衣 | 200件 |")
    assert notes("Q-6", full) == []
    hollow = "一、信息报告\n（略）\n二、先期处置\n及时处置。\n三、应急保障\n详见附件2。\n四、附则\n附件1 通讯录\n| 姓名 |\n| 王丽 |"
    assert notes("Q-6", hollow) == ["只写了“略”，没有实际内容", "只有一句笼统的话，没有写明谁、何时、做什么",
                                    "只写了“详见附件2”，但文件中没有附件2", "标题下没有任何内容"]
    assert evaluate_rule(TOWNSHIP.rule("Q-6"), document_from_text(hollow), AS_OF).verdict == "not_met"
    one = "一、信息报告\n事发后30分钟内由应急办主任向区应急管理局电话报告。\n二、后期处置\n按有关规定做好善后工作。"
    assert evaluate_rule(TOWNSHIP.rule("Q-6"), document_from_text(one), AS_OF).verdict == "partial"


def test_q7_cross_references() -> None:
    consistent = ("一、工作组\n抢险救援组：应急办。\n二、先期处置\n抢险救援组赶赴现场。\n三、人员转移\n群众转移至青林中学。\n"
                  "四、物资保障\n储备救生衣。\n附件1 应急避难场所清单\n| 名称 |\n| 青林中学 |\n附件2 应急物资清单\n| 名称 |\n| 救生衣 |")
    assert notes("Q-7", consistent) == []
    broken = consistent.replace("抢险救援组赶赴现场", "有关人员赶赴现场").replace("青林中学。", "东岗小学。").replace("储备救生衣", "储备冲锋舟")
    assert notes("Q-7", broken) == ["“抢险救援组”没有列入应急处置各环节", "“东岗小学”没有列入避难场所清单",
                                    "“冲锋舟”没有列入应急物资清单"]


def test_q8_vague_slogans() -> None:
    concrete = "一、先期处置\n带班领导和抢险救援组在30分钟内到达现场，治安维护组设置警戒，医疗救护组救治伤员，综合协调组向区应急管理局报告。"
    assert notes("Q-8", concrete) == []
    slogans = "一、先期处置\n要高度重视，加强领导，强化措施，狠抓落实，确保各项工作落到实处，切实维护人民群众生命财产安全和社会稳定。"
    assert notes("Q-8", slogans) == ["行动章节 1 句中有 1 句没有写明由谁（哪个组、哪个人）在何时何地做，看不出谁在什么时候做什么"]
    one_slogan = concrete + "\n治安维护组在路口设置警戒线。医疗救护组在卫生院救治伤员。各部门要高度重视，切实加强领导。"  # one slogan among concrete steps: the plan is judged as a whole
    assert notes("Q-8", one_slogan) == []


def test_q3_names_the_plan_s_own_places_the_same_in_every_run() -> None:
    """The own places quoted in the note do not depend on the process's string hashing (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    text = ("青林镇突发事件综合应急预案\n一、基本情况\n本镇辖东岗村、西岗村、南岗村。\n二、组织指挥\n河东镇人民政府负责组织实施。")
    script = ("import sys; from plancheck import document_from_text; from plancheck.rules.evaluate import evaluate_rule; "
              "from plancheck.rules.ruleset import load_ruleset; "
              "f = evaluate_rule(load_ruleset('township').rule('Q-3'), document_from_text(sys.argv[1])); "
              "print([e.note for e in f.evidence if e.note][0])")
    notes_by_seed = {subprocess.run([sys.executable, "-c", script, text], capture_output=True, text=True, check=True,
                                    env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2", "3")}
    assert len(notes_by_seed) == 1, notes_by_seed
    assert "这里却写成了“河东”" in notes_by_seed.pop()


def test_q3_a_purpose_clause_before_the_township_s_own_body_is_no_place() -> None:
    """为了提高镇政府…: the verb is not part of a place name (neither is 做好 in a notice title on the cover)."""
    text = ("关于做好乡镇突发事件应急预案修编工作的通知\n青林镇突发事件综合应急预案\n一、总则\n"
            "为了提高镇政府应对突发事件的能力，制定本预案。由总指挥决定启动响应。")
    assert notes("Q-3", text) == []
