"""National rule sets (GB/T 46793.2/.3), rules borrowed across rule sets, the citation audit and the current-document note."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF, EXAMPLES

from plancheck import check
from plancheck.cli import main
from plancheck.errors import PlancheckError
from plancheck.document.loader import document_from_text
from plancheck.report import render
from plancheck.rules.citations import parse
from plancheck.rules.evaluate import evaluate_rule
from plancheck.rules.ruleset import load_ruleset, validate_file

PAIRS = {"township_strong.docx": ("township", "gb-township"), "village.docx": ("village", "gb-village")}


@pytest.fixture(scope="module")
def verdicts() -> dict:
    return {(name, standard): {f.rule.id: f.verdict for f in check(EXAMPLES / name, standard, as_of=AS_OF).findings}
            for name, standards in PAIRS.items() for standard in standards}


def test_borrowed_rules_keep_the_lenders_checks_and_take_their_own_basis() -> None:
    tianjin, national = load_ruleset("township"), load_ruleset("gb-township")
    for rule_id in ("T-01", "T-07", "T-26A", "T-28"):
        assert national.rule(rule_id).require == tianjin.rule(rule_id).require
        assert national.rule(rule_id).examples == tianjin.rule(rule_id).examples
    assert "DB12/T" not in " ".join(r.citation + " ".join(r.basis.get("also", [])) for r in national.rules)
    assert national.rule("T-28").citation == "GB/T 46793.2—2025 第4章 应急预案编制流程"
    assert not national.rule("T-26A").key and tianjin.rule("T-26A").key


def test_national_appendix_rules_never_fail_the_gate() -> None:
    national = load_ruleset("gb-township")
    for rule_id in ("GT-A", "GT-B", "GT-C", "GT-D"):
        assert not national.rule(rule_id).key and national.rule(rule_id).basis["document"] == "GB/T 46793.2—2025"


def test_strong_examples_against_tianjin_and_national_sets(verdicts: dict) -> None:
    town, gb_town = verdicts[("township_strong.docx", "township")], verdicts[("township_strong.docx", "gb-township")]
    assert set(town) - set(gb_town) == {"T-26B", "T-26C", "T-26D", "T-26E", "T-26F"}
    assert set(gb_town) - set(town) == {"GT-A", "GT-B", "GT-C", "GT-D"}
    assert {rule_id: gb_town[rule_id] for rule_id in ("GT-A", "GT-B", "GT-C", "GT-D")} == {
        "GT-A": "met", "GT-B": "met", "GT-C": "not_met", "GT-D": "not_met"}
    assert all(town[rule_id] == gb_town[rule_id] for rule_id in set(town) & set(gb_town))
    village, gb_village = verdicts[("village.docx", "village")], verdicts[("village.docx", "gb-village")]
    assert set(gb_village) - set(village) == {"T-28"}
    assert all(village[rule_id] == gb_village[rule_id] for rule_id in village)


def test_national_report_states_its_jurisdiction_and_passes_the_strong_plan() -> None:
    report = check(EXAMPLES / "township_strong.docx", "gb-township", as_of=AS_OF)
    assert report.gate_label == "基本通过"
    text = render(report, "txt")
    assert "适用地区：全国　依据标准：GB/T 46793.2—2025" in text
    assert "| 适用地区 | 天津市：DB12/T 1451—2025" in render(check(EXAMPLES / "township_strong.docx", "township", as_of=AS_OF), "md")


def test_invented_clause_fails_validation(tmp_path: Path) -> None:
    text = (Path(load_ruleset("township").path)).read_text("utf-8").replace(
        'clause: "第5章 预案体系"', 'clause: "5.3 预案体系"')
    (tmp_path / "township.yaml").write_text(text, "utf-8")
    for fragment in ("plan-grading.yaml", "quality.yaml", "lexicon.yaml", "national-basis.yaml"):
        (tmp_path / fragment).write_text((Path(load_ruleset("township").path).parent / fragment).read_text("utf-8"), "utf-8")
    problems = [p.text() for p in validate_file(tmp_path / "township.yaml")]
    assert problems == ["[错误] " + str(tmp_path / "township.yaml") + "：规则 T-05，键 basis：引用了DB12/T 1451—2025中不存在或未经确认的条款“5.3”；"
                        "已知条款：第1章、第4章、第5章、第6章、第7章、第8章、第9章、附录A、附录B、附录C、附录D、附录E、附录F"]


@pytest.mark.parametrize("name", ["township", "village", "standardization", "gb-township", "gb-village"])
def test_shipped_citations_are_all_known(name: str) -> None:
    assert validate_file(load_ruleset(name).path) == []


def test_citation_status() -> None:
    assert parse("DB12/T 1452—2025", "第4章 编制原则").status == "确认"
    assert parse("DB12/T 1452—2025", "第6章").unknown == ("第6章",)
    assert parse("GB/T 46793.2—2025", "附录C").status == "部分确认"
    assert parse("GB/T 46793.3—2025").status == "推定"
    assert parse("应对法 第58—60条").status == "推定" and parse("应对法", "第60—61条").status == "确认"
    assert parse("某区应急预案编制指引", "第3条").source is None


def test_current_basis_note_only_for_plans_written_after_the_national_standard() -> None:
    rule = load_ruleset("gb-township").rule("N-1")
    older = document_from_text("一、总则\n依据《乡镇(街道)突发事件应急预案编制参考》。\n本预案自2026年3月1日起施行。", "x")
    newer = document_from_text("一、总则\n依据《乡镇(街道)突发事件应急预案编制参考》。\n本预案自2026年9月1日起施行。", "x")
    assert evaluate_rule(rule, older, AS_OF).verdict == "not_applicable"
    finding = evaluate_rule(rule, newer, AS_OF)
    assert finding.verdict == "not_met" and not finding.rule.key
    assert "GB/T 46793.2—2025《突发事件应急预案编制导则 第2部分：乡镇(街道)》（2026-07-01 起实施）" in finding.checks[0].outcome.missing


def test_tianjin_report_also_lists_national_conformity_without_changing_its_gate() -> None:
    report = check(EXAMPLES / "township_strong.docx", "township", as_of=AS_OF)
    assert report.gate == "pass" and [other.ruleset.id for other in report.also] == ["gb-township"]
    national = report.to_dict()["also"][0]
    assert (national["gate_label"], national["score"]) == ("基本通过", report.also[0].score)
    assert [(g["rule_id"], g["here"], g["differs"]) for g in national["gaps"]] == [
        ("GT-C", None, True), ("GT-D", None, True)]
    text = render(report, "txt")
    assert "同时按“乡镇(街道)突发事件综合应急预案检查（国家标准 GB/T 46793.2—2025）”（规则集 gb-township）核对：基本通过" in text
    assert "[GT-C] 附录C 应急组织体系图 —— 不符合（本报告的规则集没有这一要素）" in text
    assert "<li>[GT-D] 附录D 应急工作手册 —— 不符合（本报告的规则集没有这一要素）</li>" in render(report, "html")


def test_shared_gaps_are_counted_not_repeated_in_the_national_part() -> None:
    report = check(EXAMPLES / "township_weak.docx", "township", as_of=AS_OF)
    national = report.to_dict()["also"][0]
    shown = [g["rule_id"] for g in national["gaps"] if g["differs"]]
    assert shown and all(rule_id.startswith("GT-") for rule_id in shown)
    same = len(national["gaps"]) - len(shown)
    assert f"另有 {same} 项要素两者结论相同，按上文修改即可。" in render(report, "md")


def test_also_can_be_chosen_or_switched_off(tmp_path: Path) -> None:
    assert check(EXAMPLES / "village.docx", "village", as_of=AS_OF, also=()).also == ()
    national_first = check(EXAMPLES / "township_strong.docx", "gb-township", as_of=AS_OF, also=["township"])
    assert national_first.gate_label == "基本通过" and national_first.also[0].gate == "pass"
    with pytest.raises(PlancheckError, match="检查的对象不同"):
        check(EXAMPLES / "township_strong.docx", "township", as_of=AS_OF, also=["village"])


def test_cli_also_options_and_exit_code_follow_the_main_rule_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "township_strong.docx"), "--as-of", AS_OF.isoformat()]) == 0
    assert "（规则集 gb-township）核对：基本通过" in capsys.readouterr().out
    assert main(["check", str(EXAMPLES / "township_strong.docx"), "--no-also", "--as-of", AS_OF.isoformat()]) == 0
    assert "核对：" not in capsys.readouterr().out


def test_the_rule_sets_checked_alongside_are_loaded_once_per_process() -> None:
    """Every check also checks gb-township: it is not loaded (parsed, substituted, hashed) again for each plan."""
    from datetime import date

    from plancheck import check

    first, second = (check("examples/township_strong.docx", "township", as_of=date(2026, 11, 29)) for _ in range(2))
    assert first.also[0].ruleset.id == "gb-township" and first.also[0].ruleset is second.also[0].ruleset
    assert first.ruleset is second.ruleset
