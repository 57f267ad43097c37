"""The library face: one entry that checks any input against a rule set (batches: plancheck.batch).

`check` decides what the input is: one plan file for a plan rule set, or an evidence bundle (a
folder, a zip, or several files) for a bundle rule set. Every face (CLI, web) calls these.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, cast

from .bundle import load_bundle
from .document import Document
from .document import load_document as _load_path
from .document.loader import DEFAULT_MAX_BYTES
from .errors import PlancheckError
from .findings import Finding
from .kind import AUTO, DEFAULT_JURISDICTION, detect_kind, mismatch, standard_for
from .inputs import Source, Upload, materialized, renamed
from .result import Report
from .rules.evaluate import evaluate
from .rules.ruleset import SHIPPED, Ruleset, load_ruleset
from .scoring import score
from .waivers import Waiver, WaiverSet, apply_waivers, beside, load_waivers

__all__ = ["Checked", "Source", "Upload", "Waiver", "Waivers", "check", "check_document", "check_one", "load_document"]

BUNDLE = "standardization_bundle"
# A waiver file's path, its parsed YAML ({"waivers": [...]}), or Waiver objects.
Waivers = str | Path | dict[str, Any] | Sequence[Waiver] | WaiverSet


def load_standard(standard: str | Path | Ruleset, overrides: dict[str, Any] | None) -> Ruleset:
    """A rule set given by name, path or as loaded, with `overrides` applied when it is loaded here; a shipped one
    named is loaded once per process (`shipped_ruleset`: every check also loads the rule sets it checks against)."""
    if isinstance(standard, Ruleset):
        return standard
    if isinstance(standard, str) and standard in SHIPPED:
        return shipped_ruleset(standard, overrides)
    return load_ruleset(standard, overrides=overrides)


def check_document(document: Document, ruleset: Ruleset, *, as_of: date | None = None,
                   also: Sequence[str | Path | Ruleset] | None = None, waivers: Waivers | None = None) -> Report:
    """Evaluate a loaded Document (a plan, or a bundle's merged document), apply the waivers, and score.

    `also` names further rule sets to check the same document against (default: the rule set's own
    `also_check`, e.g. the Tianjin township set also checks the national gb-township); their reports
    ride along in `Report.also` and never change this report's gate. Rules they share are judged once.
    Waivers apply to this rule set's findings only.
    """
    as_of = as_of or date.today()
    others = [load_standard(other, None) for other in (ruleset.also_check if also is None else also)]
    for other in others:
        if other.applies_to != ruleset.applies_to:
            raise PlancheckError(f"规则集“{other.title}”与“{ruleset.title}”检查的对象不同，不能一同核对")
    waiver_set = None if waivers is None else load_waivers(waivers, {rule.id for rule in ruleset.rules})
    judged: dict[str, Finding] = {}
    findings, notices = apply_waivers(evaluate(document, ruleset, as_of, judged), waiver_set, as_of)
    extra = tuple(_report(document, other, as_of, evaluate(document, other, as_of, judged)) for other in others)
    return replace(_report(document, ruleset, as_of, findings), also=extra, waivers=waiver_set, waiver_notices=notices)


def _report(document: Document, ruleset: Ruleset, as_of: date, findings: list[Finding]) -> Report:
    card = score(findings, ruleset.grading, ruleset.aspects, complete=document.complete,
                 unassessable=ruleset.grading.unassessable(document))
    return Report(ruleset, document, findings, card, as_of=as_of.isoformat())


def _found_waivers(sources: list[Source], ruleset: Ruleset) -> WaiverSet | None:
    """The plan's own waiver file, `<plan stem>.waivers.yaml` beside a plan given as a path, if there is one."""
    if len(sources) != 1 or not isinstance(sources[0], (str, Path)):
        return None
    path = beside(sources[0])
    return load_waivers(path, {rule.id for rule in ruleset.rules}, automatic=True) if path.is_file() else None


def _sources(source: Source | Sequence[Source]) -> list[Source]:
    if isinstance(source, (str, Path, Upload, bytes, bytearray, memoryview)) or hasattr(source, "read"):
        return [cast(Source, source)]
    return list(cast(Sequence[Source], source))


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
          name: str | None = None, as_of: date | None = None, overrides: dict[str, Any] | None = None,
          jurisdiction: str | None = None, also: Sequence[str | Path | Ruleset] | None = None,
          waivers: Waivers | None = None) -> Report:
    """Check one input against a rule set (township / village / standardization / a YAML path / a Ruleset),
    or against the one its content calls for (`"auto"`, in the `jurisdiction`: tianjin by default, or national).

    For a plan rule set the input is one plan; for a bundle rule set (standardization) it is a
    folder, a zip, or a list of files, read together as one evidence bundle. A file may be given
    as a path, as an `Upload(name, data)`, or as bytes / a binary file object with `name=`.
    Reports name files as the caller gave them. A plan's report says what kind of plan it reads as,
    and warns when that is not what the rule set is for. `also` adds rule sets whose verdicts the
    report lists beside the main ones (default: the rule set's `also_check`; `()` for none).
    `waivers` (a YAML path, its parsed data or Waiver objects) are applied before scoring; without
    it, a plan given as a path uses the waiver file beside it (`<plan stem>.waivers.yaml`) if any.

    >>> report = check("examples/township_weak.docx", "township", as_of=date(2026, 11, 29))
    >>> report.gate, report.gate_label
    ('fail', '不通过')
    >>> data = Path("examples/township_strong.docx").read_bytes()
    >>> check(data, name="青林镇预案.docx", as_of=date(2026, 11, 29)).to_dict()["documents"][0]["path"]
    '青林镇预案.docx'
    >>> check("examples/village.docx", "auto", as_of=date(2026, 11, 29)).ruleset.id
    'village'
    """
    ruleset = None if standard == AUTO else load_standard(standard, overrides)
    sources = _sources(source)
    if (ruleset is None or ruleset.applies_to != BUNDLE) and len(sources) != 1:
        title = f"规则集“{ruleset.title}”" if ruleset else "自动选择规则集时"
        raise PlancheckError(f"{title}一次检查一份预案；多份预案请逐份检查（check_batch 会逐份检查）")
    with materialized(sources, name) as (paths, names), _names_restored(names):
        if ruleset is not None and ruleset.applies_to == BUNDLE:
            return check_document(renamed(load_bundle(paths), names), ruleset, as_of=as_of, also=also,
                                  waivers=waivers)
        document = renamed(_load_path(paths[0]), names)
        kind = detect_kind(document)
        why = ""
        if ruleset is None:
            chosen, why = standard_for(kind, jurisdiction or DEFAULT_JURISDICTION)
            ruleset = shipped_ruleset(chosen, overrides)
            if ruleset.applies_to == BUNDLE:
                document = renamed(load_bundle(paths), names)
        notices = tuple(filter(None, [mismatch(kind, ruleset.applies_to, ruleset.title)]))
    report = check_document(document, ruleset, as_of=as_of, also=also,
                            waivers=_found_waivers(sources, ruleset) if waivers is None else waivers)
    return replace(report, kind=kind, chosen_because=why, notices=notices)


_SHIPPED: dict[tuple[str, str], Ruleset] = {}


def shipped_ruleset(standard: str, overrides: dict[str, Any] | None = None) -> Ruleset:
    """A shipped rule set, loaded once per process (loading costs more than a check)."""
    key = (standard, json.dumps(overrides, sort_keys=True, default=str))
    if key not in _SHIPPED:
        _SHIPPED[key] = load_ruleset(standard, overrides=overrides)
    return _SHIPPED[key]


def seed_rulesets(loaded: dict[tuple[str, str], Ruleset]) -> None:
    """Give a worker process the rule sets its parent already loaded (see `plancheck.batch`)."""
    _SHIPPED.update(loaded)


def loaded_rulesets() -> dict[tuple[str, str], Ruleset]:
    """The rule sets `shipped_ruleset` has loaded in this process."""
    return dict(_SHIPPED)


INTERNAL_ERROR = "内部错误"  # how a Checked.error that is a plancheck bug (CLI exit 3), not a bad input, begins


@dataclass(frozen=True)
class Checked:
    """One input of a batch: its report, or why it could not be read."""

    source: Path
    report: Report | None
    error: str = ""
    code: str = ""  # the error's stable code (see plancheck.errors) when report is None


def check_one(source: Source, standard: str | Path | Ruleset = "township", *, as_of: date | None = None,
              overrides: dict[str, Any] | None = None, jurisdiction: str | None = None,
              also: Sequence[str | Path | Ruleset] | None = None, waivers: Waivers | None = None) -> Checked:
    """Check one plan of a batch: its report, or — never raising — why it could not be checked.

    >>> check_one(Upload("坏.docx", b"PK\\x03\\x04broken")).error
    '文件已损坏：压缩包结构无效，无法作为 Word 文档打开'
    """
    try:
        return Checked(Path(name_of(source)), check(source, standard, as_of=as_of, overrides=overrides,
                                                     jurisdiction=jurisdiction, also=also, waivers=waivers))
    except PlancheckError as error:
        return Checked(Path(name_of(source)), None, error.message, getattr(error, "code", "error"))
    except Exception as error:  # noqa: BLE001 - a plancheck bug on one file: logged, and the batch goes on
        from .outputs import log_internal_error

        log = log_internal_error(error)
        return Checked(Path(name_of(source)), None,
                       f"{INTERNAL_ERROR}：检查时出现意外问题（{type(error).__name__}），详情已写入 {log}", "internal_error")


def name_of(source: Source) -> str:
    if isinstance(source, Upload):
        return source.name
    return str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "upload")
