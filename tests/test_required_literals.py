"""A text holding none of a pattern's needles (`required_literals`) is never searched: it must have no match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.rules.ruleset import SHIPPED, load_ruleset
from plancheck.saferegex import SafePattern, required_literals

PLANS = sorted((Path(__file__).parent / "corpus" / "plans").glob("*.txt"))

TRICKY = [
    "(IV|Ⅳ|I)\\s*级", "待补充|[Xx×]{2,}|【[^】]{0,20}】", "(?:本|全)(?:镇|村)[^。]{0,12}?(?:风险|灾害)",
    "a(?:bc|d)?e", "(?:ab|c)+d*", "x{0,2}y", "(?<=甲)乙|丙(?=丁)", "(?i:ab)c", "(ab){2,}|cd", "[ab]{1,3}c?",
    "甲(?!乙)|[丙丁]+", "^(?:东|西)(?:临|邻)\\s*$", "(?:a|b|)c", "a|b*", "(?:x|yz)(?:q|r)",
]


@pytest.mark.parametrize("pattern", TRICKY)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_text_without_needles_has_no_match(pattern: str, data: Any) -> None:
    alphabet = sorted(set(pattern) | set("abcdxyzq 甲乙丙丁风险灾害镇村本全东西临邻级IV待补充Xx×【】。"))
    text = data.draw(st.text(alphabet=alphabet, max_size=24))
    if regex.search(pattern, text):
        assert SafePattern(pattern).could_match(text), (pattern, text, required_literals(pattern))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def _shipped_patterns() -> list[str]:
    """Every string a shipped rule set hands a check (any of them may be a pattern), that has needles."""
    found: set[str] = set()
    for name in SHIPPED:
        for rule in load_ruleset(name).rules:
            for requirement in [*rule.require, *([rule.applies_if] if rule.applies_if else [])]:
                found.update(_strings(requirement.arguments))
    usable = []
    for pattern in sorted(found):
        try:
            regex.compile(pattern)
        except regex.error:
            continue
        if required_literals(pattern):
            usable.append(pattern)
    return usable


def test_shipped_patterns_have_no_match_in_corpus_lines_without_their_needles() -> None:
    patterns = _shipped_patterns()
    assert len(patterns) > 100  # the rule sets' patterns and words were found
    lines = [line for plan in PLANS for line in plan.read_text("utf-8").splitlines() if line.strip()]
    for pattern in patterns:
        expression = SafePattern(pattern)
        unsearched = "\n".join(line for line in lines if not expression.could_match(line))
        assert not expression.could_match(unsearched) or "\n" in "".join(expression.needles or ())
        assert regex.compile(pattern).search(unsearched) is None, pattern


def test_needles_skip_texts_but_find_every_match() -> None:
    expression = SafePattern("(?:本|全)镇[^。]{0,6}?(?:风险|灾害)")
    assert expression.needles == ("风险", "灾害")
    assert expression.findall("全镇主要风险。本村无灾害。") == ["全镇主要风险"]
    assert expression.search("本镇人口三万。") is None and expression.finditer("本镇人口三万。") is not None
    assert expression.sub("＿", "本镇灾害多。") == "＿多。"


def test_a_case_insensitive_pattern_has_no_needles() -> None:
    assert SafePattern("abc", flags=regex.IGNORECASE).needles is None
    assert SafePattern("abc", flags=regex.IGNORECASE).search("xABCx") is not None
    assert SafePattern("(?i:ab)c").needles == ("c",) and SafePattern("(?i:ab)c").search("ABc") is not None
