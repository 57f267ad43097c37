"""A batch result's trip back from a worker process: a fraction of the bytes, the caller's own rule sets,
and a report that renders as the original (the whole batch is compared in tests/test_batch.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

from plancheck.api import check_one, load_standard
from plancheck.report import render
from plancheck.shipping import OMITTED, key_of, packed, slimmed, unpacked
from tests.conftest import AS_OF

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_a_result_travels_slim_and_comes_back_with_the_callers_rule_sets() -> None:
    township = load_standard("township", None)
    national = load_standard("gb-township", None)
    held = {key_of(township): township, key_of(national): national}
    item = check_one(EXAMPLES / "township_strong.docx", township, as_of=AS_OF)
    assert [other.ruleset.id for other in item.report.also] == ["gb-township"]
    data = packed(item, held)
    assert len(data) * 3 < len(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
    back = unpacked(data, held)
    assert back.report.ruleset is township and back.report.also[0].ruleset is national
    assert back.report.findings[0].rule is township.rules[0]
    assert render(back.report, "json") == render(item.report, "json")
    assert render(back.report, "txt") == render(item.report, "txt")


def test_only_quoted_blocks_keep_their_text() -> None:
    item = check_one(EXAMPLES / "village.docx", "village", as_of=AS_OF)
    report = slimmed(item).report
    document, slim = item.report.document, report.document
    quoted = {e.location.block for f in item.report.findings for e in f.evidence}
    assert len(slim.blocks) == len(document.blocks) and (slim.title, slim.sha256) == (document.title, document.sha256)
    assert all(slim.blocks[n - 1].text == document.blocks[n - 1].text for n in quoted)
    assert sum(block is OMITTED for block in slim.blocks) == len(document.blocks) - len(
        {e.location.block for f in item.report.findings for e in (*f.evidence, *(x for c in f.checks for x in c.outcome.evidence))})
    assert slim.complete == document.complete and report.also[0].document is slim


def test_a_rule_set_the_caller_does_not_hold_travels_whole() -> None:
    item = check_one(EXAMPLES / "village.docx", "village", as_of=AS_OF)
    back = unpacked(packed(item, {}), {})
    assert back.report.ruleset.id == "village" and back.report.ruleset is not item.report.ruleset
    assert render(back.report, "md") == render(item.report, "md")
    failed = check_one(EXAMPLES / "不存在.docx")
    assert unpacked(packed(failed, {}), {}) == failed
