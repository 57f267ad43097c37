"""Score findings as the rule set's grading says: weighted credit, aspect subtotals, gate, grade.

`score` is a pure function: it reads findings and returns a new Scorecard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .document.model import Document
from .findings import Finding

DEFAULT_CREDIT: dict[str, float] = {"met": 1.0, "partial": 0.5, "not_met": 0.0}
DEFAULT_GATE_KINDS: tuple[str, ...] = ("C", "P")


@dataclass(frozen=True)
class Band:
    grade: str
    min: float


@dataclass(frozen=True)
class Grading:
    """How a rule set scores, with every default applied once, when the rule set loads."""

    bands: tuple[Band, ...]
    credit: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CREDIT))
    partial_at: float = 0.5
    gate_kinds: tuple[str, ...] = DEFAULT_GATE_KINDS
    fail_below: float | None = None
    # Fewer readable characters than this (outside file names and photo captions): nothing to assess.
    assess_min_chars: int = 1

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Grading:
        """The `grading:` block of a rule set, defaults filled in.

        >>> g = Grading.from_data({"bands": [{"grade": "合格", "min": 60}], "credit": {"partial": 0.25}})
        >>> g.credit, g.gate_kinds, g.partial_at
        ({'met': 1.0, 'partial': 0.25, 'not_met': 0.0}, ('C', 'P'), 0.5)
        """
        bands = tuple(sorted((Band(b["grade"], float(b["min"])) for b in data["bands"]), key=lambda b: -b.min))
        return cls(bands=bands, credit=DEFAULT_CREDIT | {k: float(v) for k, v in (data.get("credit") or {}).items()},
                   partial_at=float(data.get("partial_at", 0.5)),
                   gate_kinds=tuple(data.get("gate_kinds", DEFAULT_GATE_KINDS)), fail_below=data.get("fail_below"),
                   assess_min_chars=int(data.get("assess_min_chars", 1)))

    def unassessable(self, document: Document) -> Unassessable | None:
        """Why `document` cannot be assessed at all (no text layer, empty, essentially no text), or None.

        >>> from plancheck.document.loader import document_from_text
        >>> g = Grading.from_data({"bands": [{"grade": "合格", "min": 0}], "assess_min_chars": 20})
        >>> g.unassessable(document_from_text("一、总则")).cause, g.unassessable(document_from_text("")).cause
        ('little_text', 'empty')
        >>> g.unassessable(document_from_text("一、总则\\n本预案适用于本镇行政区域内各类突发事件的预防和应对工作。")) is None
        True
        """
        chars = document.text_chars
        if chars >= self.assess_min_chars:
            return None
        pages = document.pages or 0
        if chars == 0 and pages and len(document.unread_pages) >= pages:
            cause = "no_text_layer"
        else:
            cause = "empty" if chars == 0 else "little_text"
        return Unassessable(cause, chars, self.assess_min_chars, pages)

    def credit_for(self, verdict: str) -> float:
        """Credit for a verdict: not_checked always earns 0, whatever the table says."""
        return 0.0 if verdict == "not_checked" else self.credit.get(verdict, 0.0)

    def grade_for(self, score: float) -> str:
        return next((band.grade for band in self.bands if score >= band.min), self.bands[-1].grade)


@dataclass(frozen=True)
class Unassessable:
    """Why an input could not be assessed: `cause` is no_text_layer, empty or little_text (the report
    templates word it); `chars` the readable characters found, `min_chars` the rule set's threshold."""

    cause: str
    chars: int
    min_chars: int
    pages: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"cause": self.cause, "chars": self.chars, "min_chars": self.min_chars, "pages": self.pages}


@dataclass(frozen=True)
class AspectScore:
    id: str
    title: str
    score: float | None
    weight: float
    earned: float


@dataclass(frozen=True)
class Credit:
    """One finding's share of the score, and what fixing it would add (points out of 100)."""

    credit: float = 0.0
    contribution: float = 0.0
    gain: float = 0.0


@dataclass(frozen=True)
class Scorecard:
    """Score and grade are None when the input could not be assessed (`unassessable` says why)."""

    score: float | None
    grade: str | None
    gate: str
    gate_reasons: list[str]
    aspects: list[AspectScore]
    credits: dict[str, Credit]
    unassessable: Unassessable | None = None

    def credit_of(self, finding: Finding) -> Credit:
        return self.credits.get(finding.rule.id, Credit())


def _percent(earned: float, possible: float) -> float | None:
    return round(earned / possible * 100, 1) if possible else None


def score(findings: Sequence[Finding], grading: Grading, aspects: Sequence[dict[str, str]], *,
          complete: bool = True, unassessable: Unassessable | None = None) -> Scorecard:
    """Score = Σ weight × credit / Σ applicable weight × 100, with aspect subtotals, grade and gate.

    A finding's contribution is its share of that score; its gain is what fixing it would add.
    An input that cannot be assessed gets no score, no grade and the gate `unassessable` (never a pass).
    """
    if unassessable is not None:
        return Scorecard(None, None, "unassessable", [], [AspectScore(a["id"], a["title"], None, 0.0, 0.0) for a in aspects],
                         {}, unassessable)
    applicable = [f for f in findings if f.verdict != "not_applicable"]
    total = sum(f.rule.weight for f in applicable)
    credits = {}
    for finding in applicable:
        credit = grading.credit_for(finding.verdict)
        weight = finding.rule.weight
        credits[finding.rule.id] = Credit(credit, weight * credit / total * 100 if total else 0.0,
                                          weight * (1 - credit) / total * 100 if total else 0.0)
    earned = sum(f.rule.weight * credits[f.rule.id].credit for f in applicable)
    value = _percent(earned, total) or 0.0
    subtotals = []
    for aspect in aspects:
        members = [f for f in applicable if f.rule.aspect == aspect["id"]]
        weight = sum(f.rule.weight for f in members)
        got = sum(f.rule.weight * credits[f.rule.id].credit for f in members)
        subtotals.append(AspectScore(aspect["id"], aspect["title"], _percent(got, weight), weight, round(got, 2)))
    gate, reasons = _gate(findings, grading, value, complete)
    return Scorecard(value, grading.grade_for(value), gate, reasons, subtotals, credits)


def _gate(findings: Sequence[Finding], grading: Grading, value: float, complete: bool) -> tuple[str, list[str]]:
    """不通过 if a gating key rule is not met (or could not be checked) or the score is below the rule
    set's `fail_below`; 基本通过 if anything else is partial or failing, or part of the input could not
    be read; 通过 otherwise."""
    reasons = [f"关键要素 {f.rule.id}「{f.rule.title}」{f.verdict_label}" for f in findings if f.fails_gate]
    if grading.fail_below is not None and value < grading.fail_below:
        reasons.append(f"得分 {value} 低于 {grading.fail_below} 分")
    if reasons:
        return "fail", reasons
    if not complete:
        reasons.append("文件未能完整读取，不能判为通过")
    gaps = [f for f in findings if f.is_gap]
    if gaps:
        reasons.append(f"有 {len(gaps)} 项基本符合或不符合的要素需要修改")
    return ("conditional" if reasons else "pass"), reasons
