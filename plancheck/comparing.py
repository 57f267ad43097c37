"""Compare two drafts of a plan against one rule set: score and gate before and after, and per element
what was fixed, what is new, what persists (and whether it got better), and how many stayed met."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .api import Source, Waivers, check, load_standard
from .findings import VERDICT_LABELS, Finding
from .result import Report
from .rules.ruleset import Ruleset

Trend = Literal["better", "worse", "same"]
# How far a gap is from met: a partial element is nearer than one not met or not checked.
GAP_RANK = {"not_checked": 0, "not_met": 0, "partial": 1}
PASSING_GATES = ("pass", "conditional")


@dataclass(frozen=True)
class Change:
    """One element in the old draft (`before`) and in the new one (`after`)."""

    before: Finding
    after: Finding

    @property
    def trend(self) -> Trend:
        """For an element that is a gap in both drafts: better (不符合 → 基本符合), worse, or the same."""
        old, new = GAP_RANK.get(self.before.verdict, 2), GAP_RANK.get(self.after.verdict, 2)
        return "better" if new > old else "worse" if new < old else "same"

    def to_dict(self) -> dict[str, Any]:
        rule, waived = self.after.rule, self.after.waived
        return {"rule_id": rule.id, "title": rule.title, "key": rule.key,
                "before": self.before.verdict, "before_label": VERDICT_LABELS[self.before.verdict],
                "after": self.after.verdict, "after_label": VERDICT_LABELS[self.after.verdict],
                "trend": self.trend, "remedy": rule.remedy,
                "waived": None if waived is None else {**waived.waiver.to_dict(), "original_verdict": waived.original,
                                                        "original_verdict_label": VERDICT_LABELS[waived.original]}}


@dataclass(frozen=True)
class Comparison:
    """Two reports on two drafts of one plan, checked against the same rule set on the same date."""

    before: Report
    after: Report

    @property
    def changes(self) -> list[Change]:
        """Every element of the rule set, in rule order, paired across the drafts."""
        old = {f.rule.id: f for f in self.before.findings}
        return [Change(old[f.rule.id], f) for f in self.after.findings if f.rule.id in old]

    @property
    def fixed(self) -> list[Change]:
        """A gap in the old draft, no longer one in the new."""
        return [c for c in self.changes if c.before.is_gap and not c.after.is_gap]

    @property
    def new(self) -> list[Change]:
        """A gap in the new draft that the old one did not have."""
        return [c for c in self.changes if c.after.is_gap and not c.before.is_gap]

    @property
    def persisting(self) -> list[Change]:
        """A gap in both drafts; `trend` says whether it got better."""
        return [c for c in self.changes if c.before.is_gap and c.after.is_gap]

    @property
    def unchanged_met(self) -> int:
        """Elements met in both drafts."""
        return sum(1 for c in self.changes if c.before.verdict == "met" and c.after.verdict == "met")

    @property
    def score_change(self) -> float:
        return round(self.after.score - self.before.score, 1)

    @property
    def passes(self) -> bool:
        """The new draft passes the gate (通过 or 基本通过)."""
        return self.after.gate in PASSING_GATES

    def to_dict(self) -> dict[str, Any]:
        ruleset = self.after.ruleset

        def draft(report: Report) -> dict[str, Any]:
            return {"path": "；".join(d.source for d in report.documents), "score": report.score,
                    "grade": report.grade, "gate": report.gate, "gate_label": report.gate_label,
                    "gate_reasons": report.gate_reasons, "waived": len(report.waived)}

        return {"ruleset": {"id": ruleset.id, "title": ruleset.title, "version": ruleset.version},
                "checked_at": self.after.as_of, "before": draft(self.before), "after": draft(self.after),
                "score_change": self.score_change, "passes": self.passes,
                "fixed": [c.to_dict() for c in self.fixed], "new": [c.to_dict() for c in self.new],
                "persisting": [c.to_dict() for c in self.persisting], "unchanged_met": self.unchanged_met}


def compare(old: Source, new: Source, standard: str | Path | Ruleset = "township", *, as_of: date | None = None,
            overrides: dict[str, Any] | None = None, old_waivers: Waivers | None = None,
            new_waivers: Waivers | None = None) -> Comparison:
    """Check two drafts of one plan against the same rule set on the same date and pair their findings.
    Each draft given as a path uses its own waiver file (`<stem>.waivers.yaml`) unless waivers are given.

    >>> c = compare("examples/township_weak.docx", "examples/township_strong.docx", as_of=date(2026, 11, 29))
    >>> c.before.gate, c.after.gate, c.passes, len(c.new)
    ('fail', 'pass', True, 0)
    """
    ruleset = load_standard(standard, overrides)
    as_of = as_of or date.today()
    return Comparison(check(old, ruleset, as_of=as_of, waivers=old_waivers),
                      check(new, ruleset, as_of=as_of, waivers=new_waivers))
