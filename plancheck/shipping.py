"""What a batch result carries back from the process that checked it (a local helper or a Dask worker).

A `Checked` holds the whole parsed document and, through its findings, every rule of its rule sets;
pickled as it is, that is ~200 KB a plan, and unpickling it is time the caller does not spend checking.
Reports only read the document's file facts (name, format, pages, warnings, completeness) and the
blocks their evidence quotes, and the caller has the rule sets already. So a result travels as
`packed` bytes: the report's document `slimmed` to those parts, and each rule set the caller holds
(`RulesetKey`) sent as its name, resolved to the caller's own copy when `unpacked`. Every report
format renders the same from a slimmed report as from the full one (tests/test_batch.py).
"""

from __future__ import annotations

import copyreg
import io
import pickle
from contextvars import ContextVar
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .api import Checked
from .document.model import Block, Document, Location
from .rules.ruleset import Requirement, Rule, Ruleset

__all__ = ["RulesetKey", "key_of", "packed", "slimmed", "unpacked"]

RulesetKey = tuple[str, str]  # (path, sha256 of the prepared content): equal keys, equal rule sets

# Stands in for a block no evidence quotes, so the kept ones stay at their positions (`Location.block`).
OMITTED = Block("paragraph", "", "", Location(0))


def key_of(ruleset: Ruleset) -> RulesetKey:
    """What names a rule set across processes: its file and the digest of its prepared content."""
    return ruleset.path, ruleset.sha256


def slimmed(item: Checked) -> Checked:
    """The result with its report's document cut down to what reports read: the file facts, and of the
    blocks only those the evidence of this report (or its `also` reports) quotes, without their
    normalised text; every other block is `OMITTED`, and a bundle's parts keep their facts only."""
    if item.report is None:
        return item
    report = item.report
    quoted = {evidence.location.block for one in (report, *report.also) for finding in one.findings
              for evidence in (*finding.evidence, *(e for check in finding.checks for e in check.outcome.evidence))}
    document = _slim_document(report.document, quoted)
    return replace(item, report=replace(report, document=document,
                                        also=tuple(replace(other, document=document) for other in report.also)))


def _slim_document(document: Document, quoted: set[int]) -> Document:
    blocks = [replace(block, norm="", norm_rows=[]) if number in quoted else OMITTED
              for number, block in enumerate(document.blocks, start=1)]
    return replace(document, blocks=blocks, parts=[_slim_document(part, set()) for part in document.parts],
                   contents=[], diagnostics=[])


def packed(item: Checked, shared: Iterable[RulesetKey]) -> bytes:
    """`item` slimmed and pickled, each of its rule sets whose key is in `shared` (and their parts) by key."""
    item = slimmed(item)
    names: dict[int, tuple[Any, ...]] = {}
    if item.report is not None:
        shared = set(shared)
        for report in (item.report, *item.report.also):
            key = key_of(report.ruleset)
            if key in shared:
                names.update((id(part), (key, *path)) for path, part in _parts(report.ruleset))

    def by_key(obj: Any) -> Any:
        name = names.get(id(obj))
        return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL) if name is None else (_held_part, name)

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Ruleset: by_key, Rule: by_key, Requirement: by_key}
    pickler.dump(item)
    return buffer.getvalue()


_RECEIVING: ContextVar[Mapping[RulesetKey, Ruleset]] = ContextVar("receiving")


def unpacked(data: bytes, rulesets: Mapping[RulesetKey, Ruleset]) -> Checked:
    """The result `packed` sent, its rule sets and rules the caller's own `rulesets`."""
    token = _RECEIVING.set(rulesets)
    try:
        item: Checked = pickle.loads(data)
        return item
    finally:
        _RECEIVING.reset(token)


def _held_part(key: RulesetKey, *path: int) -> Any:
    """Unpickling a part `packed` sent by key: that part of the caller's own rule set."""
    return _part(_RECEIVING.get()[key], path)


def _parts(ruleset: Ruleset) -> Iterable[tuple[tuple[int, ...], Any]]:
    """The rule set and the objects in it a finding refers to, each with its path from the rule set:
    () the rule set, (i,) its i-th rule, (i, j) that rule's j-th requirement, (i, -1) its `applies_if`."""
    yield (), ruleset
    for i, rule in enumerate(ruleset.rules):
        yield (i,), rule
        yield from (((i, j), requirement) for j, requirement in enumerate(rule.require))
        if rule.applies_if is not None:
            yield (i, -1), rule.applies_if


def _part(ruleset: Ruleset, path: tuple[int, ...]) -> Any:
    if not path:
        return ruleset
    rule = ruleset.rules[path[0]]
    if len(path) == 1:
        return rule
    return rule.applies_if if path[1] < 0 else rule.require[path[1]]
