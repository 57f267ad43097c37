"""Regular expressions from rule sets (user files) run under a time limit.

Rule sets are written by reviewers and districts, so a pattern such as `(a+)+$` must not hang a
check: every call runs on the `regex` engine with a timeout, and a timeout becomes a
PatternTimeoutError naming the pattern (a rule-set problem, CLI exit code 2).
"""

from __future__ import annotations

import re
import warnings
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
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    dotall = bool(parsed.state.flags & _sre.SRE_FLAG_DOTALL) or "(?s" in pattern or "s:" in pattern
    anchors: set[str] = set()
    if not _joinable(parsed, dotall, anchors):
        return None
    return regex.M if anchors else 0


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` holds at least one (a text holding none of them has no match,
    and need not be searched), or None when the analysis finds none: case-insensitive patterns, syntax that
    `re` does not parse, or a pattern that can match without any fixed text.

    >>> required_literals("(IV|Ⅳ|I)\\\\s*级"), required_literals("待补充|[Xx×]{2,}|【[^】]{0,20}】")
    (('级',), ('待补充', 'X', 'x', '×', '【'))
    >>> required_literals("[\u4e00-\u9fff]{2,4}组?"), required_literals("(?i)abc"), required_literals("a|b*")
    (None, None, None)
    """
    parsed = _parsed(pattern)
    if parsed is None or parsed.state.flags & _sre.SRE_FLAG_IGNORECASE:
        return None
    found = _required(parsed)
    return tuple(dict.fromkeys(found)) if found else None


def _parsed(pattern: str) -> Any:
    """`re`'s parse of `pattern`, or None where `re` may read it otherwise than the `regex` engine does: syntax `re`
    does not know, a POSIX class `[[:alpha:]]` (`re` warns of a nested set), or a `{` that `re` takes as a
    plain character (the `regex` engine may read it as fuzzy matching, `(?:abc){e<=1}`)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - `regex` syntax that `re` does not know: not analysed
        return None
    return None if _holds_literal(parsed, ord("{")) else parsed


def _holds_literal(parsed: Any, code: int) -> bool:
    return any((str(op) == "LITERAL" and av == code) or any(_holds_literal(sub, code) for sub in _items(av))
               for op, av in parsed)


_SMALL_CLASS = 8  # a character class of at most this many listed characters is a set of one-character needles


def _required(parsed: Any) -> list[str] | None:
    """For a sequence: the best of its required sets (longest shortest needle, then fewest needles), or None."""
    options: list[list[str]] = []
    run = ""
    for op, av in list(parsed) + [(None, None)]:
        name = str(op)
        if name == "LITERAL":
            run += chr(av)
            continue
        if run:
            options.append([run])
            run = ""
        if name == "IN" and 0 < len(av) <= _SMALL_CLASS and all(str(o) == "LITERAL" for o, _ in av):
            options.append([chr(a) for _, a in av])
        elif name == "SUBPATTERN":
            options.append([] if av[1] & _sre.SRE_FLAG_IGNORECASE else _required(av[-1]) or [])
        elif name == "BRANCH":
            branches = [_required(branch) for branch in av[1]]
            options.append([n for b in branches if b for n in b] if all(branches) else [])
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            options.append(_required(av[2]) or [])
    options = [option for option in options if option]
    if not options:
        return None
    return max(options, key=lambda option: (min(map(len, option)), -len(option)))


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

    @cached_property
    def needles(self) -> tuple[str, ...] | None:
        """Strings one of which every match holds (`required_literals`), or None."""
        return None if self._compiled.flags & regex.IGNORECASE else required_literals(self.pattern)

    @cached_property
    def _needle_search(self) -> Any:
        """One search for any of the needles (literals only: no backtracking), or None when there are none."""
        needles = self.needles
        return re.compile("|".join(map(re.escape, needles))).search if needles else None

    def could_match(self, string: str) -> bool:
        """False when `string` holds none of the needles, so there is no match to search for."""
        search = self._needle_search
        return search is None or search(string) is not None

    def search(self, string: str, *args: Any) -> Any:
        return self._call("search", string, *args) if self.could_match(string) else None

    def match(self, string: str, *args: Any) -> Any:
        return self._call("match", string, *args) if self.could_match(string) else None

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._call("fullmatch", string, *args) if self.could_match(string) else None

    def findall(self, string: str, *args: Any) -> list[Any]:
        return self._call("findall", string, *args) if self.could_match(string) else []

    def sub(self, replacement: Any, string: str, count: int = 0) -> str:
        return self._call("sub", replacement, string, count) if self.could_match(string) else string

    def finditer(self, string: str, *args: Any) -> Iterator[Any]:
        """The matches, found at once (the time limit covers them all): iterating them costs nothing more."""
        return iter(self.all_matches(string, *args)) if self.could_match(string) else iter(())

    def all_matches(self, string: str, *args: Any) -> list[Any]:
        """The matches, searched for even when `string` holds no needle (the caller knows it holds one)."""
        try:
            return list(self._compiled.finditer(string, *args, timeout=self.seconds))
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
