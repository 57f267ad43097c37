"""The library face: one entry that checks any input against a rule set, and a batch of them.

`check` decides what the input is: one plan file for a plan rule set, or an evidence bundle (a
folder, a zip, or several files) for a bundle rule set. Every face (CLI, web) calls these.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .bundle import load_bundle
from .document import Document, load_document
from .errors import PlancheckError
from .result import Report
from .rules.evaluate import evaluate
from .rules.ruleset import Ruleset, load_ruleset
from .scoring import score

__all__ = ["Checked", "check", "check_batch", "check_document"]

Source = str | Path
BUNDLE = "standardization_bundle"


def _ruleset(standard: str | Path | Ruleset, overrides: dict[str, Any] | None) -> Ruleset:
    return standard if isinstance(standard, Ruleset) else load_ruleset(standard, overrides=overrides)


def check_document(document: Document, ruleset: Ruleset, *, as_of: date | None = None) -> Report:
    """Evaluate and score a loaded Document (a plan, or a bundle's merged document)."""
    as_of = as_of or date.today()
    findings = evaluate(document, ruleset, as_of)
    card = score(findings, ruleset.grading, ruleset.aspects, complete=document.complete)
    return Report(ruleset, document, findings, card, as_of=as_of.isoformat())


def check(source: Source | Sequence[Source], standard: str | Path | Ruleset = "township", *,
          as_of: date | None = None, overrides: dict[str, Any] | None = None) -> Report:
    """Check one input against a rule set (township / village / standardization / a YAML path / a Ruleset).

    For a plan rule set the input is one plan file; for a bundle rule set (standardization) it is a
    folder, a zip, or a list of files, read together as one evidence bundle.

    >>> report = check("examples/township_weak.docx", "township", as_of=date(2026, 11, 29))
    >>> report.gate, report.gate_label
    ('fail', '不通过')
    """
    ruleset = _ruleset(standard, overrides)
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    if ruleset.applies_to == BUNDLE:
        document = load_bundle(sources)
    elif len(sources) == 1:
        document = load_document(sources[0])
    else:
        raise PlancheckError(f"规则集“{ruleset.title}”一次检查一份预案；多份预案请逐份检查（命令行会自动逐份检查并汇总）")
    return check_document(document, ruleset, as_of=as_of)


INTERNAL_ERROR = "内部错误"  # how a Checked.error that is a plancheck bug (CLI exit 3), not a bad input, begins


@dataclass(frozen=True)
class Checked:
    """One input of a batch: its report, or why it could not be read."""

    source: Path
    report: Report | None
    error: str = ""


def check_batch(sources: Sequence[Source], standard: str | Path | Ruleset = "township", *,
                as_of: date | None = None, overrides: dict[str, Any] | None = None) -> Iterator[Checked]:
    """Check several inputs one by one, in order. A bundle rule set reads them all as one bundle.

    A file that cannot be read is yielded with its Chinese reason instead of stopping the batch.
    """
    ruleset = _ruleset(standard, overrides)
    if ruleset.applies_to == BUNDLE:
        name = Path(sources[0]) if len(sources) == 1 else Path("材料包")
        yield Checked(name, check(sources, ruleset, as_of=as_of))
        return
    for source in sources:
        try:
            yield Checked(Path(source), check(source, ruleset, as_of=as_of))
        except PlancheckError as error:
            yield Checked(Path(source), None, error.message)
        except Exception as error:  # noqa: BLE001 - a plancheck bug on one file: logged, and the batch goes on
            from .outputs import log_internal_error

            log = log_internal_error(error)
            yield Checked(Path(source), None, f"{INTERNAL_ERROR}：检查时出现意外问题（{type(error).__name__}），详情已写入 {log}")
