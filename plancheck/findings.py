"""What checking produces, as plain data below the rules: evidence, outcomes, checks and findings.

Nothing here imports the rule engine, scoring or rendering; they all import this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .document.model import Location

if TYPE_CHECKING:
    from .rules.ruleset import Requirement, Rule
    from .waivers import Waived

Level = Literal["met", "partial", "not_met", "not_applicable"]
Verdict = Literal["met", "partial", "not_met", "not_applicable", "not_checked"]
VERDICT_LABELS: dict[str, str] = {"met": "符合", "partial": "基本符合", "not_met": "不符合",
                                  "not_applicable": "不适用", "not_checked": "未能检查"}
GATE_LABELS: dict[str, str] = {"pass": "通过", "conditional": "基本通过", "fail": "不通过", "unassessable": "无法评定"}


@dataclass(frozen=True)
class Evidence:
    """A quote from the document and where it stands; `note` says what is wrong with it, if anything."""

    quote: str
    location: Location
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "location": self.location.to_dict(), "note": self.note or None}


@dataclass
class Outcome:
    """What one primitive found: its level, supporting or problem evidence, what was missing.

    `not_applicable` means there was nothing to examine (no contact list for the phone check);
    `missing` then holds the reason, in Chinese, and the check earns no points.
    """

    level: Level
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


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


@dataclass(frozen=True)
class Finding:
    """The verdict on one rule, with the checks behind it; `waived` when a waiver set the verdict."""

    rule: Rule
    verdict: Verdict
    checks: list[Check]
    notes: list[str] = field(default_factory=list)
    waived: Waived | None = None

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
