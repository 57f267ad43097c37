"""Regular expressions from rule sets (user files) run under a time limit.

Rule sets are written by reviewers and districts, so a pattern such as `(a+)+$` must not hang a
check: every call runs on the `regex` engine with a timeout, and a timeout becomes a
PatternTimeoutError naming the pattern (a rule-set problem, CLI exit code 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

import regex

from .errors import PatternTimeoutError, RulesetError
from .limits import LIMITS

try:
    from re import _parser as _sre  # type: ignore[attr-defined]  # Python 3.11+
except ImportError:  # Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

# What a pattern may hold and still find, in texts joined by line breaks, every match it has in each text.
_PLAIN = {"LITERAL", "NOT_LITERAL", "IN", "ANY", "BRANCH", "SUBPATTERN", "MAX_REPEAT", "MIN_REPEAT"}
_LINE_ANCHORS = {"AT_BEGINNING", "AT_END"}  # ^ $: searched with MULTILINE, a line break stands for a text's ends
_SAME_AT_BREAK = {"AT_BOUNDARY", "AT_NON_BOUNDARY"}  # \b \B: a line break is a non-word character, like an end
_NEWLINE_CATEGORIES = {"CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK"}


def joined_flags(pattern: str) -> int | None:
    """Flags to search texts joined by line breaks with so that every match `pattern` has inside one of the
    texts is found there too, at the same place (the joined text then finds the texts with a match in one
    search); None when it could miss one: \\A or \\Z, back-references, atomic groups and possessive repeats,
    a negative lookaround that could read a line break, or syntax the analysis does not know.

    >>> joined_flags("[东西南北][临邻](?![^，,。]*[村镇])"), joined_flags("电话[:：]$") == regex.M
    (None, True)
    >>> joined_flags("(?<![\\u4e00-\\u9fff])某(?!前|后)"), joined_flags(r"(a+)+\\Z"), joined_flags(r"(\\w)\\1")
    (0, None, None)
    """
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - `regex` syntax that `re` does not know: not analysed
        return None
    dotall = bool(parsed.state.flags & _sre.SRE_FLAG_DOTALL) or "(?s" in pattern or "s:" in pattern
    anchors: set[str] = set()
    if not _joinable(parsed, dotall, anchors):
        return None
    return regex.M if anchors else 0


def _items(av: Any) -> list[Any]:
    """The sub-patterns of one parsed node's argument."""
    if isinstance(av, _sre.SubPattern):
        return [av]
    if isinstance(av, (tuple, list)):
        return [sub for item in av for sub in _items(item)]
    return []


def _joinable(parsed: Any, dotall: bool, anchors: set[str]) -> bool:
    """Every path that matches inside one text also matches at the same place in the joined text."""
    for op, av in parsed:
        name = str(op)
        if name == "AT":
            if str(av) in _LINE_ANCHORS:
                anchors.add(str(av))
            elif str(av) not in _SAME_AT_BREAK:
                return False
        elif name == "ASSERT":  # a positive lookaround: the joined text can only hold more
            if not _joinable(av[1], dotall, anchors):
                return False
        elif name == "ASSERT_NOT":  # must not match in the joined text where it does not in the text alone
            if not _confined(av[1], dotall):
                return False
        elif name not in _PLAIN or not all(_joinable(sub, dotall, anchors) for sub in _items(av)):
            return False
    return True


def _confined(parsed: Any, dotall: bool) -> bool:
    """No path reads a line break (so none leaves its text) and none holds an assertion."""
    for op, av in parsed:
        name = str(op)
        if name == "LITERAL" and av == 10 or name == "ANY" and dotall or name == "IN" and _reads_newline(av):
            return False
        if name == "NOT_LITERAL" and av != 10:
            return False
        if name not in _PLAIN or not all(_confined(sub, dotall) for sub in _items(av)):
            return False
    return True


def _reads_newline(items: list[tuple[Any, Any]]) -> bool:
    """A character class [...] that matches a line break."""
    negated = bool(items) and str(items[0][0]) == "NEGATE"
    holds = any((str(op) == "LITERAL" and av == 10) or (str(op) == "RANGE" and av[0] <= 10 <= av[1])
                or (str(op) == "CATEGORY" and str(av) in _NEWLINE_CATEGORIES) for op, av in items)
    return holds != negated


class SafePattern:
    """A compiled pattern whose search/match/finditer/findall/sub stop after `seconds` per call."""

    def __init__(self, pattern: str, seconds: float = LIMITS.regex_seconds, flags: int = 0) -> None:
        try:
            self._compiled = regex.compile(pattern, flags)
        except regex.error as error:
            raise RulesetError(f"正则表达式无法编译：{pattern!r}（{error}）") from error
        self.pattern = pattern
        self.seconds = seconds

    def _timeout(self) -> PatternTimeoutError:
        return PatternTimeoutError(f"规则集中的正则表达式 {self.pattern[:60]!r} 运行超过 {self.seconds:g} 秒"
                                   "（疑似“灾难性回溯”），检查已停止。请修改该规则的写法，避免 (a+)+ 这类嵌套重复")

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._compiled, method)(*args, timeout=self.seconds, **kwargs)
        except TimeoutError as error:
            raise self._timeout() from error

    def search(self, string: str, *args: Any) -> Any:
        return self._call("search", string, *args)

    def match(self, string: str, *args: Any) -> Any:
        return self._call("match", string, *args)

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._call("fullmatch", string, *args)

    def findall(self, string: str, *args: Any) -> list[Any]:
        return self._call("findall", string, *args)

    def sub(self, replacement: Any, string: str, count: int = 0) -> str:
        return self._call("sub", replacement, string, count)

    def finditer(self, string: str, *args: Any) -> Iterator[Any]:
        """The matches, found at once (the time limit covers them all): iterating them costs nothing more."""
        try:
            return iter(list(self._compiled.finditer(string, *args, timeout=self.seconds)))
        except TimeoutError as error:
            raise self._timeout() from error

    @cached_property
    def joined(self) -> SafePattern | None:
        """This pattern for searching texts joined by line breaks (see `joined_flags`), or None when it cannot be."""
        flags = joined_flags(self.pattern)
        if flags is None:
            return None
        return self if not flags else SafePattern(self.pattern, self.seconds, flags)

    def __getattr__(self, name: str) -> Any:  # groups, groupindex, flags …
        return getattr(self._compiled, name)
