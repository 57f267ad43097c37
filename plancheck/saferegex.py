"""Regular expressions from rule sets (user files) run under a time limit.

Rule sets are written by reviewers and districts, so a pattern such as `(a+)+$` must not hang a
check: every call runs on the `regex` engine with a timeout, and a timeout becomes a
PatternTimeoutError naming the pattern (a rule-set problem, CLI exit code 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from .errors import PatternTimeoutError, RulesetError
from .limits import LIMITS


class SafePattern:
    """A compiled pattern whose search/match/finditer/findall/sub stop after `seconds` per call."""

    def __init__(self, pattern: str, seconds: float = LIMITS.regex_seconds) -> None:
        try:
            self._compiled = regex.compile(pattern)
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
        iterator = self._call("finditer", string, *args)
        while True:
            try:
                yield next(iterator)
            except StopIteration:
                return
            except TimeoutError as error:
                raise self._timeout() from error

    def __getattr__(self, name: str) -> Any:  # groups, groupindex, flags …
        return getattr(self._compiled, name)
