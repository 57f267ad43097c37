"""Evaluate a Document against a Ruleset: one Finding per rule."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..document.model import Document
from ..findings import Check, Finding, Verdict
from .registry import run
from .scope import ATTACHMENTS, Scope, body_chars, resolve

if TYPE_CHECKING:
    from .ruleset import Requirement, Rule, Ruleset

# How much each requirement's level counts towards its rule's verdict (not the rule set's score credit).
LEVEL_SHARE = {"met": 1.0, "partial": 0.5, "not_met": 0.0}
# A dedicated section with at least this much content is "present": at worst 基本符合 (present but hollow).
PRESENT_CHARS = 2


def _check(requirement: Requirement, rule_scope: Scope, document: Document, as_of: date) -> Check:
    scope = resolve(document, requirement.within, as_of) if requirement.within else rule_scope
    return Check(requirement, run(requirement.primitive, scope, requirement.arguments), scope.name)


def _verdict(rule: Rule, checks: list[Check]) -> Verdict:
    share = sum(LEVEL_SHARE[check.outcome.level] for check in checks) / len(checks)
    if share == 1:
        return "met"
    return "partial" if share >= rule.partial_at and share > 0 else "not_met"


def evaluate_rule(rule: Rule, document: Document, as_of: date | None = None) -> Finding:
    """Judge one rule. A rule that is not met on a partly unreadable document is 'not_checked'."""
    as_of = as_of or date.today()
    if not document.blocks:
        return Finding(rule, "not_checked", [], ["文件中没有可读取的文字，无法检查"])
    rule_scope = resolve(document, rule.within, as_of)
    if rule.applies_if:
        condition = _check(rule.applies_if, rule_scope, document, as_of)
        if condition.outcome.level != "met":
            return Finding(rule, "not_applicable", [condition], [f"{rule.applies_if.label}（未发现）"])
    checks = [_check(requirement, rule_scope, document, as_of) for requirement in rule.require]
    judged = [check for check in checks if check.outcome.level != "not_applicable"]
    if not judged:  # nothing to examine: no points, the reason instead of a free 符合
        return Finding(rule, "not_applicable", checks, [m for check in checks for m in check.outcome.missing])
    verdict = _verdict(rule, judged)
    notes: list[str] = []
    if (verdict == "not_met" and rule.within and rule.within[0] != ATTACHMENTS and not rule_scope.fallback
            and body_chars(rule_scope.blocks) >= PRESENT_CHARS):  # an attachment with no list is not there
        notes.append(f"已有{rule_scope.name}，但内容不具体，缺少所需要素，评为基本符合")
        verdict = "partial"
    if rule.section_required and rule_scope.fallback and any(not r.within for r in rule.require):
        notes.append(f"未找到标题含“{'、'.join(rule.within[:4])}”的章节，已在全文中查找；缺少专门章节时最高评为基本符合")
        if verdict == "met":
            verdict = "partial"
    if verdict != "met" and not document.complete:
        notes.append(document.incomplete_note)
        verdict = "not_checked"
    return Finding(rule, verdict, checks, notes)


def evaluate(document: Document, ruleset: Ruleset, as_of: date | None = None) -> list[Finding]:
    return [evaluate_rule(rule, document, as_of) for rule in ruleset.rules]
