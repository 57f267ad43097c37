"""Scoring from the rule set's grading: formula, aspects, gate, grade bands, inference-based key rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plancheck.findings import Finding
from plancheck.rules.ruleset import load_ruleset
from plancheck.scoring import Scorecard, score


def ruleset(tmp_path: Path, **grading):
    def rule(rule_id: str, aspect: str, key: bool, weight: float, kind: str = "C") -> dict:
        return {"id": rule_id, "title": rule_id, "aspect": aspect, "key": key, "weight": weight,
                "basis": {"document": "编制参考", "kind": kind},
                "require": [{"label": "x", "phrases": {"any_of": ["总指挥"]}}], "remedy": "写明总指挥。"}

    data = {"id": "demo", "title": "示例", "version": "1", "applies_to": "township_plan",
            "sources": [{"id": "x", "title": "x"}], "aspects": [{"id": "a", "title": "甲"}, {"id": "b", "title": "乙"}],
            "grading": {"bands": [{"grade": "优秀", "min": 90}, {"grade": "合格", "min": 60}, {"grade": "不合格", "min": 0}]} | grading,
            "rules": [rule("T-01", "a", True, 6), rule("T-02", "a", False, 2), rule("T-03", "b", False, 2),
                      rule("T-04", "b", False, 2, kind="I")]}
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_ruleset(path)


def scored(rules, verdicts: dict[str, str], complete: bool = True) -> Scorecard:
    findings = [Finding(rule, verdicts[rule.id], []) for rule in rules.rules]
    return score(findings, rules.grading, rules.aspects, complete=complete)


def test_formula_aspects_and_gains(tmp_path: Path) -> None:
    report = scored(ruleset(tmp_path), {"T-01": "met", "T-02": "partial", "T-03": "not_met", "T-04": "not_applicable"})
    assert report.score == pytest.approx(70.0)  # (6 + 1) / 10 applicable weight
    assert [(a.title, a.score, a.weight, a.earned) for a in report.aspects] == [("甲", 87.5, 8, 7.0), ("乙", 0.0, 2, 0.0)]
    assert {rule_id: round(c.gain, 1) for rule_id, c in report.credits.items() if c.gain} == {"T-03": 20.0, "T-02": 10.0}
    assert (report.gate, report.grade) == ("conditional", "合格")


def test_gate_fails_on_a_key_rule_and_passes_only_when_everything_is_met(tmp_path: Path) -> None:
    rules = ruleset(tmp_path)
    failing = scored(rules, {"T-01": "not_met", "T-02": "met", "T-03": "met", "T-04": "met"})
    assert failing.gate == "fail" and failing.gate_reasons == ["关键要素 T-01「T-01」不符合"]
    partial_key = scored(rules, {"T-01": "partial", "T-02": "met", "T-03": "met", "T-04": "met"})
    assert partial_key.gate == "conditional"
    clean = scored(rules, {"T-01": "met", "T-02": "met", "T-03": "met", "T-04": "met"})
    assert (clean.gate, clean.score, clean.grade, clean.gate_reasons) == ("pass", 100.0, "优秀", [])
    unchecked = scored(rules, {"T-01": "not_checked", "T-02": "met", "T-03": "met", "T-04": "met"})
    assert unchecked.gate == "fail" and unchecked.gate_reasons == ["关键要素 T-01「T-01」未能检查"]


def test_score_floor_and_custom_credit(tmp_path: Path) -> None:
    rules = ruleset(tmp_path, fail_below=80, credit={"partial": 0.25})
    report = scored(rules, {"T-01": "met", "T-02": "partial", "T-03": "not_met", "T-04": "met"})
    assert report.score == pytest.approx(70.8)  # (6 + 2 × 0.25 + 0 + 2) / 12
    assert report.gate == "fail" and report.gate_reasons == ["得分 70.8 低于 80 分"]


def test_incomplete_input_is_never_a_clean_pass(tmp_path: Path) -> None:
    rules = ruleset(tmp_path)
    report = scored(rules, {rule.id: "met" for rule in rules.rules}, complete=False)
    assert report.score == 100.0 and report.gate == "conditional"
    assert report.gate_reasons == ["文件未能完整读取，不能判为通过"]
