"""Findings and reports: the plain data that scoring fills and templates render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import __version__  # defined before plancheck/__init__ imports anything
from .document.model import Document
from .rules.registry import Outcome
from .rules.scope import Evidence

if TYPE_CHECKING:
    from .rules.ruleset import Requirement, Rule, Ruleset

Verdict = Literal["met", "partial", "not_met", "not_applicable", "not_checked"]
VERDICT_LABELS: dict[str, str] = {"met": "符合", "partial": "基本符合", "not_met": "不符合",
                                  "not_applicable": "不适用", "not_checked": "未能检查"}
GATE_LABELS: dict[str, str] = {"pass": "通过", "conditional": "基本通过", "fail": "不通过"}


@dataclass
class Check:
    """One requirement of a rule and what its primitive found."""

    requirement: Requirement
    outcome: Outcome
    scope: str

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.requirement.label, "primitive": self.requirement.primitive, "level": self.outcome.level,
                "scope": self.scope, "missing": self.outcome.missing,
                "evidence": [e.to_dict() for e in self.outcome.evidence]}


@dataclass
class Finding:
    rule: Rule
    verdict: Verdict
    checks: list[Check]
    notes: list[str] = field(default_factory=list)
    credit: float = 0.0
    contribution: float = 0.0
    gain: float = 0.0

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def evidence(self) -> list[Evidence]:
        return [e for check in self.checks for e in check.outcome.evidence]

    @property
    def is_gap(self) -> bool:
        """Something to fix: partial, not met, or not checkable."""
        return self.verdict in ("partial", "not_met", "not_checked")

    @property
    def fails_gate(self) -> bool:
        """A key rule that may fail the gate on its own, and is not met or could not be checked."""
        return self.rule.gating and self.verdict in ("not_met", "not_checked")

    def to_dict(self) -> dict[str, Any]:
        rule = self.rule
        return {
            "rule_id": rule.id, "title": rule.title, "aspect": rule.aspect, "key": rule.key, "gating": rule.gating,
            "weight": rule.weight, "verdict": self.verdict, "verdict_label": self.verdict_label,
            "basis": {"citation": rule.citation, **rule.basis}, "remedy": rule.remedy,
            "evidence": [e.to_dict() for e in self.evidence], "checks": [c.to_dict() for c in self.checks],
            "notes": self.notes, "credit": self.credit, "contribution": self.contribution, "gain_if_fixed": self.gain,
        }


@dataclass
class AspectScore:
    id: str
    title: str
    score: float | None
    weight: float
    earned: float


@dataclass
class Report:
    """The result of checking one plan (or one evidence bundle) against one rule set."""

    ruleset: Ruleset
    documents: list[Document]
    findings: list[Finding]
    score: float = 0.0
    grade: str = ""
    gate: str = "fail"
    gate_reasons: list[str] = field(default_factory=list)
    aspects: list[AspectScore] = field(default_factory=list)
    as_of: str = ""
    unreadable: list[dict[str, str]] = field(default_factory=list)

    @property
    def gate_label(self) -> str:
        return GATE_LABELS[self.gate]

    @property
    def gaps(self) -> list[Finding]:
        """Findings to fix, the ones that add most points first."""
        return sorted((f for f in self.findings if f.is_gap), key=lambda f: (-f.gain, not f.rule.key, f.rule.id))

    @property
    def failing_keys(self) -> list[Finding]:
        return [f for f in self.findings if f.fails_gate]

    @property
    def incomplete(self) -> bool:
        return bool(self.unreadable) or any(not d.complete for d in self.documents)

    def to_dict(self) -> dict[str, Any]:
        ruleset = self.ruleset
        return {
            "schema_version": "1.0",
            "tool": {"name": "plancheck", "version": __version__},
            "checked_at": self.as_of,
            "ruleset": {"id": ruleset.id, "title": ruleset.title, "version": ruleset.version, "sha256": ruleset.sha256,
                        "path": ruleset.path, "changes": ruleset.changes,
                        "params": {name: p["value"] for name, p in ruleset.params.items()}},
            "documents": [{"path": d.source, "format": d.format, "sha256": d.sha256, "title": d.title,
                           "pages": d.pages, "unread_pages": d.unread_pages, "complete": d.complete,
                           "warnings": [n.to_dict() for n in d.warnings]} for d in self.documents],
            "unreadable": self.unreadable,
            "complete": not self.incomplete,
            "score": self.score, "grade": self.grade, "gate": self.gate, "gate_label": self.gate_label,
            "gate_reasons": self.gate_reasons,
            "aspects": [{"id": a.id, "title": a.title, "score": a.score, "weight": a.weight, "earned": a.earned}
                        for a in self.aspects],
            "findings": [f.to_dict() for f in self.findings],
        }
