"""Reports: the findings on one input, their scorecard, and the JSON form other systems read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .version import __version__
from .document.model import Document
from .findings import GATE_LABELS, VERDICT_LABELS, Evidence, Finding
from .kind import Kind
from .resources import data_dir
from .rules.ruleset import Ruleset
from .rules.evaluate import unread_files
from .scoring import AspectScore, Scorecard, Unassessable
from .waivers import WaiverNotice, WaiverSet

# The report JSON's version; docs/api.md states what bumps it (new optional field: minor; anything a
# reader could trip over — a field removed, renamed, retyped or given a new meaning: major).
SCHEMA_VERSION = "2.0"


def shown_path(path: str) -> str:
    """A shipped rule set's path as `standards/…` (not where this installation happens to live); others as given.

    >>> shown_path(str(data_dir("standards") / "township.yaml")), shown_path("我区要求.yaml")
    ('standards/township.yaml', '我区要求.yaml')
    """
    shipped = str(data_dir("standards"))
    return "standards" + path[len(shipped):].replace("\\", "/") if path.startswith(shipped) else path


def report_schema() -> dict[str, Any]:
    """The JSON Schema that `Report.to_dict()` (and `plancheck check -f json`) follows.

    >>> report_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    True
    """
    return json.loads(data_dir("standards").joinpath("schema", "report.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class Report:
    """The result of checking one plan (or one evidence bundle) against one rule set; `waivers` were
    applied to the findings before scoring, `waiver_notices` say which were expired or matched nothing."""

    ruleset: Ruleset
    document: Document
    findings: list[Finding]
    scorecard: Scorecard
    as_of: str = ""
    also: tuple[Report, ...] = ()  # the same document checked against the rule set's `also_check` sets
    waivers: WaiverSet | None = None
    waiver_notices: list[WaiverNotice] = field(default_factory=list)
    # What plancheck read the file as (township / village / standardization, with the evidence), when it looked.
    kind: Kind | None = None
    # Why this rule set was chosen, one sentence, when plancheck chose it (`--standard auto`).
    chosen_because: str = ""
    # Report-level warnings every format shows near the top (the file looks like another kind than the rule set is for).
    notices: tuple[str, ...] = ()

    def also_dict(self, other: Report) -> dict[str, Any]:
        """Another rule set's verdicts on this document, for the report's "also checked against" part:
        its conclusion, and its gaps, each marked with this report's verdict on the same element
        (`here`: null when this rule set has no such element; `differs` when that verdict is not the same)."""
        here = {f.rule.id: f for f in self.findings}
        return {
            "ruleset": {"id": other.ruleset.id, "title": other.ruleset.title, "version": other.ruleset.version,
                        "jurisdiction": other.ruleset.jurisdiction},
            "score": other.score, "grade": other.grade, "gate": other.gate, "gate_label": other.gate_label,
            "gate_reasons": other.gate_reasons,
            "gaps": [{"rule_id": f.rule.id, "title": f.rule.title, "key": f.rule.key, "gating": f.rule.gating,
                      "verdict": f.verdict, "verdict_label": f.verdict_label, "remedy": f.rule.remedy,
                      "here": here[f.rule.id].verdict if f.rule.id in here else None,
                      "here_label": here[f.rule.id].verdict_label if f.rule.id in here else None,
                      "differs": f.rule.id not in here or here[f.rule.id].verdict != f.verdict}
                     for f in other.gaps],
        }

    @property
    def waived(self) -> list[Finding]:
        """Findings whose verdict a waiver set."""
        return [f for f in self.findings if f.waived]

    @property
    def documents(self) -> list[Document]:
        """The files read: a bundle's parts, or the one plan."""
        return self.document.parts or [self.document]

    @property
    def unreadable(self) -> list[dict[str, str]]:
        """Files of a bundle that could not be read, with the reason."""
        return self.document.unreadable_parts

    @property
    def is_bundle(self) -> bool:
        """An evidence bundle (a folder, zip or several files), not one plan."""
        return self.document.format == "bundle"

    @property
    def unread_files(self) -> list[dict[str, Any]]:
        """A bundle's files that could not be (completely) read: why, and the elements each left unchecked."""
        reasons = {item["path"]: item["message"] for item in self.unreadable}
        reasons |= {part.source: "；".join(n.message for n in part.warnings if n.loss) or part.incomplete_note
                    for part in self.document.parts if not part.complete}
        blocked = {path: [f.rule.id for f in self.findings if f.verdict == "not_checked" and any(f"「{path}」" in n for n in f.notes)]
                   for path in reasons}
        return [{"path": path, "message": reasons[path], "rules": blocked[path]} for path in unread_files(self.document)]

    @property
    def unassessable(self) -> Unassessable | None:
        """Why the input could not be assessed at all (then score and grade are None), or None."""
        return self.scorecard.unassessable

    @property
    def score(self) -> float | None:
        return self.scorecard.score

    @property
    def grade(self) -> str | None:
        return self.scorecard.grade

    @property
    def gate(self) -> str:
        return self.scorecard.gate

    @property
    def gate_reasons(self) -> list[str]:
        return self.scorecard.gate_reasons

    @property
    def aspects(self) -> list[AspectScore]:
        return self.scorecard.aspects

    @property
    def gate_label(self) -> str:
        return GATE_LABELS[self.gate]

    @property
    def gaps(self) -> list[Finding]:
        """Findings to fix, the ones that add most points first (key elements first among equals)."""
        if self.unassessable:
            return []
        return sorted((f for f in self.findings if f.is_gap),
                      key=lambda f: (-self.scorecard.credit_of(f).gain, not f.rule.key, f.rule.id))

    @property
    def failing_keys(self) -> list[Finding]:
        """Key elements that fail the gate; none when the input could not be assessed (nothing was judged)."""
        return [] if self.unassessable else [f for f in self.findings if f.fails_gate]

    @property
    def incomplete(self) -> bool:
        return not self.document.complete

    def finding_dict(self, finding: Finding) -> dict[str, Any]:
        rule, credit = finding.rule, self.scorecard.credit_of(finding)
        return {
            "rule_id": rule.id, "title": rule.title, "aspect": rule.aspect, "key": rule.key, "gating": rule.gating,
            "weight": rule.weight, "verdict": finding.verdict, "verdict_label": finding.verdict_label,
            "basis": {"citation": rule.citation, **rule.basis}, "remedy": rule.remedy,
            "evidence": [self.evidence_dict(e) for e in finding.evidence],
            "checks": [{**c.to_dict(), "evidence": [self.evidence_dict(e) for e in c.outcome.evidence]}
                       for c in finding.checks],
            "notes": finding.notes, "credit": credit.credit, "contribution": credit.contribution,
            "gain_if_fixed": credit.gain, "waived": self._waived_dict(finding),
        }

    @staticmethod
    def _waived_dict(finding: Finding) -> dict[str, Any] | None:
        if finding.waived is None:
            return None
        original = finding.waived.original
        return {**finding.waived.waiver.to_dict(), "original_verdict": original,
                "original_verdict_label": VERDICT_LABELS[original]}

    def evidence_dict(self, evidence: Evidence) -> dict[str, Any]:
        """Evidence as JSON, with `start`/`end`: where the quote stands in its block's text (its table
        cell's, for a cell), in characters, so a viewer can highlight it; null when it is not a plain
        substring there (a table row, a heading label)."""
        start = self._offset(evidence)
        return {**evidence.to_dict(), "start": start, "end": None if start is None else start + len(evidence.quote)}

    def _offset(self, evidence: Evidence) -> int | None:
        location, blocks = evidence.location, self.document.blocks
        if not evidence.quote or not 0 < location.block <= len(blocks):
            return None
        block = blocks[location.block - 1]
        text = block.text
        if location.row and location.column:
            try:
                text = block.rows[location.row - 1][location.column - 1]
            except IndexError:
                return None
        elif location.row:
            return None
        found = text.find(evidence.quote)
        return found if found >= 0 else None

    def to_dict(self) -> dict[str, Any]:
        ruleset = self.ruleset
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "plancheck", "version": __version__},
            "checked_at": self.as_of,
            "ruleset": {"id": ruleset.id, "title": ruleset.title, "version": ruleset.version, "sha256": ruleset.sha256,
                        "path": shown_path(ruleset.path), "changes": ruleset.changes, "jurisdiction": ruleset.jurisdiction,
                        "params": {name: p["value"] for name, p in ruleset.params.items()},
                        "credit": ruleset.grading.credit, "fail_below": ruleset.grading.fail_below},
            "documents": [{"path": d.source, "format": d.format, "sha256": d.sha256, "title": d.title,
                           "pages": d.pages, "unread_pages": d.unread_pages, "complete": d.complete,
                           "warnings": [n.to_dict() for n in d.warnings]} for d in self.documents],
            "bundle": self.is_bundle,
            "unreadable": self.unreadable,
            "kind": self.kind.to_dict() if self.kind else None,
            "chosen_because": self.chosen_because,
            "notices": list(self.notices),
            "unread_files": self.unread_files,
            "complete": not self.incomplete,
            "unassessable": self.unassessable.to_dict() if self.unassessable else None,
            "score": self.score, "grade": self.grade, "gate": self.gate, "gate_label": self.gate_label,
            "gate_reasons": self.gate_reasons,
            "aspects": [{"id": a.id, "title": a.title, "score": a.score, "weight": a.weight, "earned": a.earned}
                        for a in self.aspects],
            "findings": [self.finding_dict(f) for f in self.findings],
            "also": [self.also_dict(other) for other in self.also],
            "waivers": None if self.waivers is None else {
                "source": shown_path(self.waivers.source), "automatic": self.waivers.automatic,
                "entries": len(self.waivers.waivers), "applied": [f.rule.id for f in self.waived],
                "notices": [n.to_dict() for n in self.waiver_notices]},
        }
