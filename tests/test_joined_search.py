"""Searching a scope's joined text finds exactly the matches that searching each unit on its own finds."""

from __future__ import annotations

import pytest
import regex

from plancheck.document.loader import document_from_text
from plancheck.errors import PatternTimeoutError
from plancheck.rules.scope import Joined, Scope
from plancheck.saferegex import SafePattern, joined_flags

TEXT = "\n".join([
    "青林镇突发事件综合应急预案",
    "一、总则",
    "某镇人民政府负责组织实施。东临 ，西邻大河。",
    "人口：  人，面积 12 平方公里。",
    "总指挥：张**，电话【填写】。联系人：张某。",
    "| 姓名 | 电话 |",
    "| 张伟 | 13812345678 |",
    "| 李明 |  |",
    "二、组织体系",
    "镇长任总指挥",
    "村委会负责转移。",
    "abc",
    "a" * 30 + "!",
])

PATTERNS = [
    "(?<![\\u4e00-\\u9fff])[\\u4e00-\\u9fff]某(?![\\u4e00-\\u9fff])",  # lookarounds that read no line break
    "(?:东|西|南|北)(?:临|邻)\\s*(?=[,，。;；、])",
    "[:：]\\s+(?:人|户)(?=[,，。;；、\\s]|$)",  # `$`: searched with MULTILINE
    "^镇长",
    "总指挥$",
    "\\b\\d{11}\\b",
    "[\\u4e00-\\u9fff]?[*＊]{1,}[\\u4e00-\\u9fff]?|【[^】]{0,20}】",
    "(?<!\\S)村委会",  # a negative lookbehind that reads a line break: each unit on its own
    "负责(?![^。]*实施)",  # a negative lookahead that reads a line break
    "\\Aabc",  # \A: each unit on its own
    "[a-z]+!?$",
]


def _per_unit(scope: Scope, expression: SafePattern, content: bool) -> list[tuple[int, tuple[int, int]]]:
    """Every unit searched on its own by the bare engine (no joined text, no needle filter)."""
    engine = regex.compile(expression.pattern)
    units = list(scope.content_units() if content else scope.units())
    return [(i, m.span()) for i, unit in enumerate(units) for m in engine.finditer(unit.norm)]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("content", [True, False])
def test_joined_search_finds_what_each_unit_holds(pattern: str, content: bool) -> None:
    document = document_from_text(TEXT)
    scope = Scope(document, document.blocks)
    expression = SafePattern(pattern)
    units = list(scope.content_units() if content else scope.units())
    found = [(next(i for i, u in enumerate(units) if u is unit), match.span())
             for unit, match in scope.matches(expression, content=content)]
    assert found == _per_unit(scope, expression, content)
    assert found  # every pattern here matches somewhere


@pytest.mark.parametrize(("pattern", "flags"), [
    ("某(?!前|后)", 0), ("(?<=[\\u4e00-\\u9fff])人", 0), ("电话$", "M"), ("\\b1\\d{10}", 0),
    ("(?!\\s)a", None), ("(?<![^x])a", None), ("(?s)(?!.)a", None), ("\\Aa", None), ("a\\Z", None),
    ("(a)\\1", None), ("a++", None), ("(?>a+)b", None), ("\\p{Han}某", None),
])
def test_joined_flags_says_which_patterns_the_joined_text_serves(pattern: str, flags: object) -> None:
    assert joined_flags(pattern) == {"M": regex.M}.get(flags, flags)  # type: ignore[arg-type]


def test_holding_and_matches_cross_stretches_of_the_joined_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from plancheck.rules import scope as scope_module

    monkeypatch.setattr(scope_module, "_STRETCH", 8)  # many stretches, each one or a few texts
    texts = ["甲乙丙", "", "丁戊己庚辛壬癸" * 3, "乙", "子丑", "甲子"]
    joined = Joined.of(texts)
    assert list(joined.holding(("乙", "子"))) == [i for i, t in enumerate(texts) if "乙" in t or "子" in t]
    for pattern in ("(?<!甲)子|乙$", "(?<!甲)[\\u5b50-\\u5b51]|乙$"):  # with needles, and without: the stretches
        expression = SafePattern(pattern)
        assert [(i, m.span()) for i, m in joined.matches(expression)] == \
            [(i, m.span()) for i, t in enumerate(texts) for m in regex.finditer(pattern, t)]


def test_a_catastrophic_pattern_still_stops_on_the_joined_text() -> None:
    document = document_from_text("一、总则\n" + ("a" * 40 + "!\n") * 3)
    scope = Scope(document, document.blocks)
    with pytest.raises(PatternTimeoutError):
        list(scope.matches(SafePattern("(a|aa)+$", seconds=0.05)))
