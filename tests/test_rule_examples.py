"""Semgrep-style rule tests: each rule's own pass, partial and fail examples, run by pytest as by `plancheck rules test`."""

from __future__ import annotations

import pytest

from plancheck.rules.ruleset import SHIPPED, load_ruleset
from plancheck.rules.selftest import EXPECTED_VERDICT, missing_examples, run_examples

RESULTS = [result for name in SHIPPED for result in run_examples(load_ruleset(name))]


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.rule_id}-{r.expected}-{i}" for i, r in enumerate(RESULTS)])
def test_rule_example(result) -> None:
    assert result.ok, f"{result.expected} example gave {result.verdict}: {result.text}"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_every_rule_has_both_kinds_of_example(name: str) -> None:
    assert missing_examples(load_ruleset(name)) == []
