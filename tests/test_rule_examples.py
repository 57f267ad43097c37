"""Semgrep-style rule tests: each rule's own pass, partial and fail examples, run by pytest as by `plancheck rules test`."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plancheck.rules.evaluate import can_be_partial, evaluate_rule
from plancheck.rules.registry import primitives
from plancheck.rules.ruleset import SHIPPED, Requirement, load_ruleset
from plancheck.rules.selftest import EXAMPLE_DATE, example_document, missing_examples, run_examples

RESULTS = [result for name in SHIPPED for result in run_examples(load_ruleset(name))]


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.rule_id}-{r.expected}-{i}" for i, r in enumerate(RESULTS)])
def test_rule_example(result) -> None:
    assert result.ok, f"{result.expected} example gave {result.verdict}: {result.text}"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_every_rule_has_the_examples_it_can_give(name: str) -> None:
    """pass and fail for every rule, partial for every rule whose checks can give 基本符合."""
    assert missing_examples(load_ruleset(name)) == []


def test_binary_rules_are_found_from_their_checks() -> None:
    """A single yes-or-no check cannot be partial; two checks, a graded check or a dedicated section can."""
    rule = load_ruleset("standardization").rule("S-M2")  # phrases any_of 信息报送制度 + phrases any_of 台账
    one, other = rule.require
    assert can_be_partial(rule)
    assert not can_be_partial(replace(rule, require=[one]))
    assert not can_be_partial(replace(rule, partial_at=1))  # both must be met for anything but 不符合
    assert can_be_partial(replace(rule, require=[one], within=["信息报送"]))  # a present section lifts to partial
    several = Requirement(one.label, "phrases", {"all_of": ["信息报送制度", "报送台账"]})
    assert can_be_partial(replace(rule, require=[several]))


def test_missing_partial_example_is_reported_only_where_partial_is_possible() -> None:
    ruleset = load_ruleset("standardization")
    graded, binary = ruleset.rule("S-M2"), ruleset.rule("S-M7")  # two checks; one pattern found or not
    bare = {kind: examples for kind, examples in graded.examples.items() if kind != "partial"}
    trimmed = replace(ruleset, rules=[replace(graded, examples=bare), binary])
    assert not binary.examples.get("partial") and not can_be_partial(binary)
    assert missing_examples(trimmed) == [("S-M2", "partial")]


def test_binary_rules_have_no_partial_example() -> None:
    binary = [(name, rule.id) for name in SHIPPED for rule in load_ruleset(name).rules
              if not can_be_partial(rule) and rule.examples.get("partial")]
    assert binary == []


def test_primitives_declared_binary_never_give_partial() -> None:
    """The declarations `can_be_partial` relies on hold on every example of every shipped rule set."""
    found = []
    for name in SHIPPED:
        for rule in load_ruleset(name).rules:
            for examples in rule.examples.values():
                for example in examples:
                    finding = evaluate_rule(rule, example_document(example, rule.id), EXAMPLE_DATE)
                    found += [(rule.id, check.requirement.primitive) for check in finding.checks
                              if check.outcome.level == "partial"
                              and not primitives()[check.requirement.primitive].can_be_partial(check.requirement.arguments)]
    assert found == []
