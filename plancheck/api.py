"""The library face: check a plan file, or a Document, against a rule set."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .document import Document, load_document
from .result import Report
from .rules.evaluate import evaluate
from .rules.ruleset import Ruleset, load_ruleset
from .scoring import score


def check_document(document: Document, ruleset: Ruleset, *, as_of: date | None = None) -> Report:
    """Evaluate and score an already loaded Document."""
    as_of = as_of or date.today()
    report = Report(ruleset, [document], evaluate(document, ruleset, as_of), as_of=as_of.isoformat())
    return score(report)


def check(path: str | Path, standard: str | Path | Ruleset = "township", *, as_of: date | None = None,
          overrides: dict[str, Any] | None = None) -> Report:
    """Check one plan file against a rule set (township / village / a YAML path / a loaded Ruleset).

    >>> report = check("examples/township_weak.docx", "township", as_of=date(2026, 11, 29))
    >>> report.gate, report.gate_label
    ('fail', '不通过')
    """
    ruleset = standard if isinstance(standard, Ruleset) else load_ruleset(standard, overrides=overrides)
    return check_document(load_document(path), ruleset, as_of=as_of)
