"""Score findings as the rule set's grading says: weighted credit, aspect subtotals, gate, grade."""

from __future__ import annotations

from .result import AspectScore, Finding, Report

DEFAULT_CREDIT = {"met": 1.0, "partial": 0.5, "not_met": 0.0}


def _percent(earned: float, possible: float) -> float | None:
    return round(earned / possible * 100, 1) if possible else None


def credit_of(finding: Finding, credit: dict[str, float]) -> float:
    """Credit for a verdict: met 1, partial 0.5, not_met and not_checked 0 (values from the YAML)."""
    return credit.get(finding.verdict, 0.0) if finding.verdict != "not_checked" else 0.0


def score(report: Report) -> Report:
    """Fill scores, contributions, gains, aspect subtotals, grade and gate into `report`.

    Score = Σ weight × credit / Σ applicable weight × 100. A finding's contribution is its share
    of that score; its gain is what fixing it would add.
    """
    grading = report.ruleset.grading
    credit = DEFAULT_CREDIT | grading.get("credit", {})
    applicable = [f for f in report.findings if f.verdict != "not_applicable"]
    total_weight = sum(f.rule.weight for f in applicable)
    for finding in applicable:
        finding.credit = credit_of(finding, credit)
        finding.contribution = finding.rule.weight * finding.credit / total_weight * 100 if total_weight else 0.0
        finding.gain = finding.rule.weight * (1 - finding.credit) / total_weight * 100 if total_weight else 0.0
    earned = sum(f.rule.weight * f.credit for f in applicable)
    report.score = _percent(earned, total_weight) or 0.0
    report.aspects = []
    for aspect in report.ruleset.aspects:
        members = [f for f in applicable if f.rule.aspect == aspect["id"]]
        weight = sum(f.rule.weight for f in members)
        got = sum(f.rule.weight * f.credit for f in members)
        report.aspects.append(AspectScore(aspect["id"], aspect["title"], _percent(got, weight), weight, round(got, 2)))
    bands = sorted(grading["bands"], key=lambda band: -band["min"])
    report.grade = next((band["grade"] for band in bands if report.score >= band["min"]), bands[-1]["grade"])
    _gate(report)
    return report


def _gate(report: Report) -> None:
    """不通过 if a gating key rule is not met (or could not be checked) or the score is below the rule
    set's `fail_below`; 基本通过 if anything else is partial or failing, or part of the input could not
    be read; 通过 otherwise."""
    reasons: list[str] = []
    for finding in report.failing_keys:
        reasons.append(f"关键要素 {finding.rule.id}「{finding.rule.title}」{finding.verdict_label}")
    fail_below = report.ruleset.grading.get("fail_below")
    if fail_below is not None and report.score < fail_below:
        reasons.append(f"得分 {report.score} 低于 {fail_below} 分")
    if reasons:
        report.gate, report.gate_reasons = "fail", reasons
        return
    if report.incomplete:
        reasons.append("文件未能完整读取，不能判为通过")
    others = [f for f in report.findings if f.is_gap]
    if others:
        reasons.append(f"有 {len(others)} 项基本符合或不符合的要素需要修改")
    report.gate = "conditional" if reasons else "pass"
    report.gate_reasons = reasons
