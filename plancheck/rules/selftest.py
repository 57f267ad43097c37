"""Run the examples written beside each rule (Semgrep-style rule tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..document.loader import document_from_text, load_document
from ..document.model import Document
from ..resources import data_dir
from .evaluate import can_be_partial, evaluate_rule
from .ruleset import Ruleset

# A fixed date keeps date-dependent examples stable.
EXAMPLE_DATE = date(2026, 1, 1)
# The verdict each kind of example must get: pass → 符合, partial → 基本符合 (present but hollow), fail → 不符合.
EXPECTED_VERDICT = {"pass": "met", "partial": "partial", "fail": "not_met"}


def example_document(example: str | dict[str, str], label: str) -> Document:
    """A rule example: inline text, or {file: NAME} for a sample plan in standards/samples/."""
    if isinstance(example, dict):
        return load_document(data_dir("standards") / "samples" / example["file"])
    return document_from_text(example, label)


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    expected: str
    verdict: str
    text: str

    @property
    def ok(self) -> bool:
        return self.verdict == EXPECTED_VERDICT[self.expected]


def run_examples(ruleset: Ruleset) -> list[ExampleResult]:
    """Every rule's `pass` examples must be met, its `partial` examples partly met and its `fail` examples not met."""
    results = []
    for rule in ruleset.rules:
        for expected in EXPECTED_VERDICT:
            for example in rule.examples.get(expected, []):
                finding = evaluate_rule(rule, example_document(example, f"<{rule.id} 示例>"), EXAMPLE_DATE)
                results.append(ExampleResult(rule.id, expected, finding.verdict, str(example)))
    return results


def missing_examples(ruleset: Ruleset) -> list[tuple[str, str]]:
    """(rule id, kind) for each kind of example a rule lacks: every rule needs `pass` and `fail`, and `partial`
    when its checks can give 基本符合 at all (`can_be_partial`); a yes-or-no rule has no partial example."""
    return [(rule.id, kind) for rule in ruleset.rules for kind in EXPECTED_VERDICT
            if not rule.examples.get(kind) and (kind != "partial" or can_be_partial(rule))]
