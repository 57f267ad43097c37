"""Evaluate a Document against a Ruleset: one Finding per rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from itertools import product
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..document.model import Document
from ..findings import Check, Finding, Level, Verdict
from .registry import primitives, run
from .scope import ATTACHMENTS, Scope, body_chars, normalized, resolve, unsupplied

if TYPE_CHECKING:
    from .ruleset import Requirement, Rule, Ruleset

# How much each requirement's level counts towards its rule's verdict (not the rule set's score credit).
LEVEL_SHARE = {"met": 1.0, "partial": 0.5, "not_met": 0.0}
# A dedicated section with at least this much content is "present": at worst 基本符合 (present but hollow).
PRESENT_CHARS = 2


Scopes = dict[tuple[str, ...], Scope]


def _resolved(document: Document, within: list[str] | None, as_of: date, scopes: Scopes) -> Scope:
    """One Scope per `within` for a whole evaluation, so each scope's units are built once per document."""
    key = tuple(within or ())
    if key not in scopes:
        scopes[key] = resolve(document, within, as_of)
    return scopes[key]


def _check(requirement: Requirement, rule_scope: Scope, document: Document, as_of: date, scopes: Scopes) -> Check:
    scope = _resolved(document, requirement.within, as_of, scopes) if requirement.within else rule_scope
    return Check(requirement, run(requirement.primitive, scope, requirement.arguments), scope.name)


def _verdict(rule: Rule, levels: Sequence[Level]) -> Verdict:
    """The rule's verdict from its judged requirements' levels."""
    if rule.combine == "worst":
        return min(levels, key=lambda level: LEVEL_SHARE[level])
    share = sum(LEVEL_SHARE[level] for level in levels) / len(levels)
    if share == 1:
        return "met"
    return "partial" if share >= rule.partial_at and share > 0 else "not_met"


def can_be_partial(rule: Rule) -> bool:
    """Whether some document could get 基本符合 on `rule`, judged from the mechanism rather than a list of ids:
    a combination of the levels its primitives can give (see `Primitive.partial`) makes a partial verdict,
    or a dedicated section that is present lifts not met to partial, or `section_required` caps met at partial.
    A single yes-or-no check (a phrase, a date, a defect search) cannot be partial."""
    if rule.section_required and any(not r.within for r in rule.require):
        return True
    possible = [("met", "partial", "not_met") if primitives()[r.primitive].can_be_partial(r.arguments) else ("met", "not_met")
                for r in rule.require]
    verdicts = {_verdict(rule, levels) for levels in product(*possible)}
    present = bool(rule.within) and rule.within[0] != ATTACHMENTS
    return "partial" in verdicts or (present and "not_met" in verdicts)


def _defect_found(rule: Rule, checks: list[Check]) -> bool:
    """A quality rule that quoted a defect in the text that was read: the defect stands whatever the rest holds."""
    return rule.aspect == "quality" and any(e.note for check in checks if check.outcome.level in ("partial", "not_met")
                                            for e in check.outcome.evidence)


def unread_files(document: Document) -> list[str]:
    """A bundle's files that could not be (completely) read: skipped or failed files, scans, truncated copies."""
    return [item["path"] for item in document.unreadable_parts] + [part.source for part in document.parts if not part.complete]


def bears_on(rule: Rule, file: str, known: Iterable[str]) -> bool:
    """Whether an unread bundle file could hold evidence for `rule`, judged from its name: it names one of
    the rule's `evidence_files` words, or it names none of the words any rule of the set looks for (a file
    called 扫描001.pdf could be anything), or the rule does not say which files it looks at."""
    name = normalized(PurePosixPath(file.replace("\\", "/")).name)
    if not rule.evidence_files or any(normalized(word) in name for word in rule.evidence_files):
        return True
    return not any(normalized(word) in name for word in known)


def evaluate_rule(rule: Rule, document: Document, as_of: date | None = None, known: Iterable[str] = (),
                  scopes: Scopes | None = None) -> Finding:
    """Judge one rule. A rule that is not met on a partly unreadable document is 'not_checked'; in a bundle,
    only when an unread file could bear on it (`bears_on`, with `known` the words all rules look for).
    `scopes` holds the scopes already resolved on this document (shared by the rules of one evaluation)."""
    as_of = as_of or date.today()
    scopes = {} if scopes is None else scopes
    if not document.blocks:
        return Finding(rule, "not_checked", [], ["文件中没有可读取的文字，无法检查"])
    rule_scope = _resolved(document, rule.within, as_of, scopes)
    if rule.applies_if:
        condition = _check(rule.applies_if, rule_scope, document, as_of, scopes)
        if condition.outcome.level != "met":
            return Finding(rule, "not_applicable", [condition], [f"{rule.applies_if.label}（未发现）"])
    checks = [_check(requirement, rule_scope, document, as_of, scopes) for requirement in rule.require]
    judged = [check for check in checks if check.outcome.level != "not_applicable"]
    if not judged:  # nothing to examine: no points, the reason instead of a free 符合
        return Finding(rule, "not_applicable", checks, [m for check in checks for m in check.outcome.missing])
    verdict = _verdict(rule, [check.outcome.level for check in judged])
    notes: list[str] = []
    cut_off = unsupplied(document, rule.within[1:] if rule.within and rule.within[0] == ATTACHMENTS else rule.within or [])
    if cut_off is not None:  # listed in the contents, never supplied: what is found elsewhere is not this part
        return Finding(rule, "not_met", checks, [f"目录中列有“{cut_off.text}”，但正文在此之前已中断，未提供这一部分"])
    if (verdict == "not_met" and rule.within and rule.within[0] != ATTACHMENTS and not rule_scope.fallback
            and body_chars(rule_scope.blocks) >= PRESENT_CHARS):  # an attachment with no list is not there
        notes.append(f"已有{rule_scope.name}，但内容不具体，缺少所需要素，评为基本符合")
        verdict = "partial"
    if rule.section_required and rule_scope.fallback and any(not r.within for r in rule.require):
        notes.append(f"未找到标题含“{'、'.join(rule.within[:4])}”的章节，已在全文中查找；缺少专门章节时最高评为基本符合")
        if verdict == "met":
            verdict = "partial"
    if verdict != "met" and document.format == "bundle":
        blocking = [file for file in unread_files(document) if bears_on(rule, file, known)]
        if blocking:
            notes.append(f"材料{'、'.join(f'「{file}」' for file in blocking)}未能完整读取，本项的证据可能在其中，未能检查")
            verdict = "not_checked"
    elif verdict != "met" and not document.complete and not _defect_found(rule, checks):
        notes.append(document.incomplete_note)
        verdict = "not_checked"
    return Finding(rule, verdict, checks, notes)


def evaluate(document: Document, ruleset: Ruleset, as_of: date | None = None,
             judged: dict[str, Finding] | None = None) -> list[Finding]:
    """One finding per rule; none is judged when the input cannot be assessed at all (see `Grading.unassessable`).

    `judged` carries judgements between rule sets checked on the same document: a rule whose checks
    are the same as one already judged (a rule borrowed by the national set) is not evaluated again,
    only re-labelled with its own rule (basis, weight, key)."""
    if ruleset.grading.unassessable(document) is not None:
        return [Finding(rule, "not_checked", []) for rule in ruleset.rules]
    known = {word for rule in ruleset.rules for word in rule.evidence_files}
    judged = {} if judged is None else judged
    scopes: Scopes = {}
    findings = []
    known_words = repr(sorted(known))  # once per rule set (it grows with the rules): part of every rule's signature
    for rule in ruleset.rules:
        signature = repr((rule.require, rule.within, rule.applies_if, rule.partial_at, rule.combine, rule.section_required,
                          rule.evidence_files)) + known_words
        if signature not in judged:
            judged[signature] = evaluate_rule(rule, document, as_of, known, scopes)
        finding = judged[signature]
        findings.append(finding if finding.rule is rule else replace(finding, rule=rule))
    return findings
