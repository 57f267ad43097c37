"""Defect detectors never fail a good plan: valid-but-unusual forms raise nothing, planted defects are found,
and the shipped strong example stays 通过 after ordinary edits (issue 11)."""

from __future__ import annotations

from conftest import AS_OF, ROOT

from plancheck import document_from_text
from plancheck.api import check_document
from plancheck.rules.evaluate import evaluate_rule
from plancheck.rules.ruleset import load_ruleset

TOWNSHIP = load_ruleset("township")
VILLAGE = load_ruleset("village")
STRONG = (ROOT / "standards" / "samples" / "township_strong.txt").read_text("utf-8")


def finding(rule_id: str, text: str, ruleset=TOWNSHIP):
    return evaluate_rule(ruleset.rule(rule_id), document_from_text(text), AS_OF)


def notes(rule_id: str, text: str, ruleset=TOWNSHIP) -> list[str]:
    return [e.note for e in finding(rule_id, text, ruleset).evidence if e.note]


def strong_report(text: str):
    plain = "\n".join(line[1:] if line.startswith("=") else line for line in text.splitlines())
    return check_document(document_from_text(plain), TOWNSHIP, as_of=AS_OF)


def assert_still_passes(text: str) -> None:
    report = strong_report(text)
    gaps = [(f.rule.id, f.verdict, [e.note for e in f.evidence if e.note]) for f in report.findings if f.is_gap]
    assert (report.gate_label, gaps) == ("通过", [])


# --- the strong example after ordinary edits -------------------------------------------------------------

def test_strong_example_passes_as_shipped() -> None:
    assert_still_passes(STRONG)


def test_strong_example_with_a_group_count_sentence() -> None:
    assert_still_passes(STRONG.replace("## 专项工作组\n", "## 专项工作组\n指挥部下设6个工作组：\n"))
    assert_still_passes(STRONG.replace("## 专项工作组\n", "## 专项工作组\n指挥部下设以下工作组：\n"))


def test_strong_example_with_a_neighbour_support_sentence() -> None:
    assert_still_passes(STRONG.replace("立即向区政府请求支援；", "立即向区政府请求支援，必要时请求邻近的江口街道办事处支援；"))


def test_strong_example_with_a_two_line_cover_title() -> None:
    edited = STRONG.replace("=天津市滨河区青林镇突发事件综合应急预案", "=天津市滨河区青林镇\n=突发事件综合应急预案")
    assert_still_passes(edited)  # the outline joins the two cover lines into one title


def test_strong_example_with_a_grouped_mobile_number() -> None:
    assert_still_passes(STRONG.replace("| 13602211004 | 022-63211004 |", "| 136 0221 1004 | 022-63211004 |"))


def test_strong_example_with_a_parenthesised_duty_phone() -> None:
    assert_still_passes(STRONG.replace("镇应急值班电话：022-63211234。", "镇应急值班电话：（022）12345678。"))


# --- phones ------------------------------------------------------------------------------------------------

PHONES = """青林镇突发事件综合应急预案
一、组织体系
综合协调组：由党政办牵头，组长王丽。
附件1 应急通讯录
| 职务 | 姓名 | 办公电话 | 手机 |
| 综合协调组组长 | 王丽 | {office} | {mobile} |
| 值班室 | 值班员 | 022-63211234 | 110 |
"""


def test_every_valid_written_form_of_a_phone_is_accepted() -> None:
    for office, mobile in [("（022）63211234转8001", "138 2213 0044"), ("022—68531234", "138-2213-0044"),
                           ("(0874)5123456", "13822130044、13922130045"), ("0593 3361234", "13822130044/0593-3361119"),
                           ("63211234", "13822130044\n13922130045"), ("3361119", "13822130044"), ("022-63211234-8001", "96655")]:
        assert notes("Q-1", PHONES.format(office=office, mobile=mobile)) == [], (office, mobile)
    text = "一、值班值守\n镇应急值班电话：0593 3361234，夜间3361119。村委会在泮地村110号。"
    assert notes("Q-1", text) == []


def test_wrong_length_is_found_in_every_phone_column_and_labelled_text() -> None:
    found = notes("Q-1", PHONES.format(office="022-6321123", mobile="1382213004") + "值班手机：139 1234 567")
    assert found == ["号码“022-6321123”无法拨通：区号022后应为8位号码，这里是7位",
                     "号码“1382213004”无法拨通：手机号应为11位，这里是10位",
                     "号码“139 1234 567”无法拨通：手机号应为11位，这里是10位"]


def test_label_and_number_in_the_same_row() -> None:
    assert notes("Q-1", "一、值班\n| 镇应急值班电话 | 022-63211234 |") == []
    assert notes("Q-1", "一、值班\n| 镇应急值班电话 | 022-6321123 |") == [
        "号码“022-6321123”无法拨通：区号022后应为8位号码，这里是7位"]


def test_no_phone_at_all_is_not_applicable() -> None:
    result = finding("Q-1", "青林镇应急预案\n一、组织体系\n镇长任总指挥。")
    assert (result.verdict, result.notes) == ("not_applicable", ["未发现通讯录或联系电话，无从核对"])


# --- working groups ----------------------------------------------------------------------------------------

GROUPS = """青林镇突发事件综合应急预案
一、组织体系
指挥部下设综合协调组、抢险救援组等{count}。
综合协调组：由党政办牵头，组长王丽，负责汇总信息。
抢险救援组：由应急办牵头，组长赵刚，负责抢险。
附件1 应急通讯录
| 职务 | 姓名 | 手机 |
| 党政办主任 | 王丽 | 13602211004 |
| {role} | {name} | 13602211005 |
"""


def test_groups_come_from_enumerations_and_lines_never_from_counting_phrases() -> None:
    assert notes("Q-1", GROUPS.format(count="6个工作组", role="应急办主任", name="赵刚")) == []
    assert notes("Q-1", GROUPS.format(count="以下工作组", role="应急办主任", name="赵刚")) == []
    assert notes("Q-1", GROUPS.format(count="6个工作组", role="派出所所长", name="郑伟")) == [
        "组织机构中的“抢险救援组”在通讯录中没有任何成员"]


def test_groups_are_not_checked_against_a_missing_contact_list() -> None:
    text = GROUPS.format(count="", role="", name="").split("附件1")[0] + "值班电话：022-63211234。"
    assert notes("Q-1", text) == []


# --- place names -------------------------------------------------------------------------------------------

def test_superior_neighbours_and_issuing_verbs_are_not_copied_places() -> None:
    clean = ("关于印发江头街道突发事件综合应急预案的通知\n江头街道突发事件综合应急预案\n一、基本情况\n江头街道东临河口镇，辖东岗村、西岗社区。\n"
             "二、应急处置\n东岗村村委会组织群众转移，必要时请求邻近的江口街道办事处支援，立即报告区政府。"
             "事态扩大时协调河口镇人民政府支援。")
    assert notes("Q-3", clean) == []
    village = "代溪镇泮地村\n突发事件应急预案\n一、信息报告\n立即报告代溪镇人民政府值班室。村委会地处乡政府驻地。"
    assert notes("Q-3", village, VILLAGE) == []
    copied = "江头街道突发事件综合应急预案\n一、总则\n本预案适用于桃源镇行政区域。桃源镇成立应急领导小组。"
    assert notes("Q-3", copied) == ["本预案是“江头”的预案，这里却写成了“桃源”，疑似照搬其他地方的预案",
                                    "本预案是“江头”的预案，这里却写成了“桃源”，疑似照搬其他地方的预案"]


# --- response levels ---------------------------------------------------------------------------------------

def test_three_levels_are_allowed_the_copied_four_level_matrix_is_not() -> None:
    assert notes("Q-3", "青林镇应急预案\n一、响应\n本镇应急响应分为Ⅰ级、Ⅱ级、Ⅲ级。预警级别分为一级、二级、三级和四级。") == []
    found = notes("Q-3", "青林镇应急预案\n一、响应\n本镇应急响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级。")
    assert found[0].startswith("写了 4 个响应级别（Ⅰ、Ⅱ、Ⅲ、Ⅳ）")


# --- dates -------------------------------------------------------------------------------------------------

def test_signature_line_and_year_only_stamps_date_the_plan() -> None:
    assert notes("Q-5", "青林镇应急预案\n一、附则\n本预案自印发之日起施行。\n青林镇人民政府\n二〇二五年三月") == []
    assert notes("Q-5", "青林镇应急预案（2024年修订）\n一、附则\n内容。") == []
    stale = "青林镇应急预案\n一、编制依据\n依据《突发事件应对法》（2024年修订）。\n青林镇人民政府\n2019年4月"
    assert notes("Q-5", stale) == ["最近的日期为 2019-04-01，距今已超过 3 年"]


# --- placeholders ------------------------------------------------------------------------------------------

def test_masks_and_blank_fill_ins_are_placeholders_article_brackets_are_not() -> None:
    assert notes("Q-2", "第一条【编制依据】依据应对法制定。\n第二条【适用范围】本预案适用于本镇。") == []
    found = notes("Q-2", "一、基本情况\n本村东临 ，西邻 ，北邻大河，民族结构为： 族。\n总指挥：张**（村支书）")
    assert found == ["填空处留空未填：“东临 ,”", "填空处留空未填：“西邻 ,”", "填空处留空未填：“: 族。”", "模板占位符未替换：“张**”"]


# --- cross-references --------------------------------------------------------------------------------------

def test_references_to_missing_or_title_only_attachments_and_figures_dangle() -> None:
    resolved = "一、保障\n物资详见附件1，路线见附图1。\n附件1 物资清单\n| 名称 | 数量 |\n| 救生衣 | 20件 |\n附图1 转移路线图\n由村部沿村道向东至村小学，全程1.2公里。"
    assert notes("Q-6", resolved) == []
    dangling = "一、保障\n物资详见附件2，转移路线见附图。\n附件1 物资清单\n| 名称 |\n| 救生衣 |\n附件2 队伍名单"
    assert notes("Q-6", dangling) == ["引用了“附件2”，但附件2只有标题，没有内容", "引用了“附图”，但文件中没有附图"]


# --- nothing to check --------------------------------------------------------------------------------------

def test_nothing_to_examine_is_not_applicable_not_a_free_pass() -> None:
    bare = "青林镇应急预案\n要高度重视。"
    for rule_id in ("Q-1", "Q-7", "Q-8"):
        result = finding(rule_id, bare)
        assert result.verdict == "not_applicable" and result.notes, rule_id
