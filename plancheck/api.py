"""The library face: check a plan file, or a Document, against a rule set."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .document import load_document
from .result import Report
from .rules.evaluate import check_document
from .rules.ruleset import Ruleset, load_ruleset

__all__ = ["check", "check_document"]


def check(path: str | Path, standard: str | Path | Ruleset = "township", *, as_of: date | None = None,
          overrides: dict[str, Any] | None = None) -> Report:
    """Check one plan file against a rule set (township / village / a YAML path / a loaded Ruleset).

    >>> report = check("examples/township_weak.docx", "township", as_of=date(2026, 11, 29))
    >>> report.gate, report.gate_label
    ('fail', '不通过')
    """
    ruleset = standard if isinstance(standard, Ruleset) else load_ruleset(standard, overrides=overrides)
    return check_document(load_document(path), ruleset, as_of=as_of)
