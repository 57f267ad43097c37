"""The library face: one entry that checks any input against a rule set, and a batch of them.

`check` decides what the input is: one plan file for a plan rule set, or an evidence bundle (a
folder, a zip, or several files) for a bundle rule set. Every face (CLI, web) calls these.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .bundle import load_bundle
from .document import Document
from .document import load_document as _load_path
from .document.loader import DEFAULT_MAX_BYTES
from .errors import PlancheckError
from .inputs import Source, Upload, materialized, renamed
from .result import Report
from .rules.evaluate import evaluate
from .rules.ruleset import Ruleset, load_ruleset
from .scoring import score

__all__ = ["Checked", "Source", "Upload", "check", "check_batch", "check_document", "load_document"]

BUNDLE = "standardization_bundle"


def _ruleset(standard: str | Path | Ruleset, overrides: dict[str, Any] | None) -> Ruleset:
    return standard if isinstance(standard, Ruleset) else load_ruleset(standard, overrides=overrides)


def check_document(document: Document, ruleset: Ruleset, *, as_of: date | None = None) -> Report:
    """Evaluate and score a loaded Document (a plan, or a bundle's merged document)."""
    as_of = as_of or date.today()
    findings = evaluate(document, ruleset, as_of)
    card = score(findings, ruleset.grading, ruleset.aspects, complete=document.complete,
                 unassessable=ruleset.grading.unassessable(document))
    return Report(ruleset, document, findings, card, as_of=as_of.isoformat())


def _sources(source: Source | Sequence[Source]) -> list[Source]:
    single = isinstance(source, (str, Path, Upload, bytes, bytearray, memoryview)) or hasattr(source, "read")
    return [source] if single else list(source)  # type: ignore[arg-type]


@contextmanager
def _names_restored(names: dict[str, str]) -> Iterator[None]:
    """Errors name the caller's file, not the temporary copy."""
    try:
        yield
    except PlancheckError as error:
        if error.path in names:
            raise type(error)(error.message, names[error.path]) from None
        raise


def load_document(source: Source, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one plan: a path, or bytes / a binary file object with the file `name` to report it by.

    >>> import io
    >>> document = load_document(io.BytesIO("一、总则\\n本预案适用于本镇。".encode()), name="预案.txt")
    >>> document.source, document.headings[0].title, document.blocks[0].location.file
    ('预案.txt', '总则', '预案.txt')
    """
    with materialized([source], name, max_bytes=max_bytes) as (paths, names), _names_restored(names):
        return renamed(_load_path(paths[0], max_bytes=max_bytes), names)


def check(source: Source | Sequence[Source], standard: str | Path | Ruleset = "township", *,
          name: str | None = None, as_of: date | None = None, overrides: dict[str, Any] | None = None) -> Report:
    """Check one input against a rule set (township / village / standardization / a YAML path / a Ruleset).

    For a plan rule set the input is one plan; for a bundle rule set (standardization) it is a
    folder, a zip, or a list of files, read together as one evidence bundle. A file may be given
    as a path, as an `Upload(name, data)`, or as bytes / a binary file object with `name=`.
    Reports name files as the caller gave them.

    >>> report = check("examples/township_weak.docx", "township", as_of=date(2026, 11, 29))
    >>> report.gate, report.gate_label
    ('fail', '不通过')
    >>> data = Path("examples/township_strong.docx").read_bytes()
    >>> check(data, name="青林镇预案.docx", as_of=date(2026, 11, 29)).to_dict()["documents"][0]["path"]
    '青林镇预案.docx'
    """
    ruleset = _ruleset(standard, overrides)
    sources = _sources(source)
    if ruleset.applies_to != BUNDLE and len(sources) != 1:
        raise PlancheckError(f"规则集“{ruleset.title}”一次检查一份预案；多份预案请逐份检查（check_batch 会逐份检查）")
    with materialized(sources, name) as (paths, names), _names_restored(names):
        document = load_bundle(paths) if ruleset.applies_to == BUNDLE else _load_path(paths[0])
        document = renamed(document, names)
    return check_document(document, ruleset, as_of=as_of)


INTERNAL_ERROR = "内部错误"  # how a Checked.error that is a plancheck bug (CLI exit 3), not a bad input, begins


@dataclass(frozen=True)
class Checked:
    """One input of a batch: its report, or why it could not be read."""

    source: Path
    report: Report | None
    error: str = ""
    code: str = ""  # the error's stable code (see plancheck.errors) when report is None


def check_batch(sources: Sequence[Source], standard: str | Path | Ruleset = "township", *,
                as_of: date | None = None, overrides: dict[str, Any] | None = None) -> Iterator[Checked]:
    """Check several inputs one by one, in order. A bundle rule set reads them all as one bundle.

    A file that cannot be read is yielded with its Chinese reason instead of stopping the batch.
    """
    ruleset = _ruleset(standard, overrides)
    if ruleset.applies_to == BUNDLE:
        name = Path(_name_of(sources[0])) if len(sources) == 1 else Path("材料包")
        yield Checked(name, check(sources, ruleset, as_of=as_of))
        return
    for source in sources:
        try:
            yield Checked(Path(_name_of(source)), check(source, ruleset, as_of=as_of))
        except PlancheckError as error:
            yield Checked(Path(_name_of(source)), None, error.message, getattr(error, "code", "error"))
        except Exception as error:  # noqa: BLE001 - a plancheck bug on one file: logged, and the batch goes on
            from .outputs import log_internal_error

            log = log_internal_error(error)
            yield Checked(Path(_name_of(source)), None,
                          f"{INTERNAL_ERROR}：检查时出现意外问题（{type(error).__name__}），详情已写入 {log}", "internal_error")


def _name_of(source: Source) -> str:
    if isinstance(source, Upload):
        return source.name
    return str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "upload")
