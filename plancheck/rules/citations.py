"""Check rule citations against the table of known clauses (standards/sources.yaml) and say how solid each is.

A citation is a document plus a clause text (`basis.document` + `basis.clause`, or an `also` entry such
as "应对法 第28条"). The clause text is read for references — 第5章, 附录B, 第60—61条, 第67条(六), Q38,
4.1, 3.1—3.5 — and each must be a known clause of that document. Words in brackets are commentary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from ..document.numbers import numeral
from ..resources import data_dir
from .lint import Problem

STATUS_ORDER = ("推定", "部分确认", "确认")
_NUMERAL = r"[0-9一二三四五六七八九十百]+"
_DASH = r"\s*[—–\-~～至]\s*"
_TOKEN = re.compile(
    rf"第(?P<chap>{_NUMERAL})(?:{_DASH}(?P<chap_to>{_NUMERAL}))?章"
    rf"|第(?P<art>{_NUMERAL})(?:{_DASH}(?P<art_to>{_NUMERAL}))?条(?P<item>[(（][一二三四五六七八九十]+[)）])?"
    rf"|附录(?P<app>[A-Z])(?:{_DASH}(?P<app_to>[A-Z]))?"
    rf"|Q(?P<q>\d+)(?:{_DASH}Q?(?P<q_to>\d+))?"
    rf"|§?(?P<num>\d+(?:\.\d+)*)(?:{_DASH}(?P<num_to>\d+(?:\.\d+)*))?")
_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")


@dataclass(frozen=True)
class Citation:
    text: str           # as written, e.g. "应对法 第60—61条"
    source: dict[str, Any] | None
    refs: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def status(self) -> str:
        """The weakest status among the cited clauses (the document's own when no clause is cited)."""
        if self.source is None:
            return "推定"
        known = self.source.get("clauses") or {}
        named = self.source.get("named") or {}
        statuses = [(known.get(ref) or named.get(ref) or {}).get("status", "推定") for ref in self.refs]
        return min(statuses or [self.source["status"]], key=STATUS_ORDER.index)


@lru_cache(maxsize=2)
def source_table(name: str = "sources.yaml") -> list[dict[str, Any]]:
    return yaml.safe_load((data_dir("standards") / name).read_text("utf-8"))["sources"]


def _span(first: str, last: str | None) -> range:
    return range(numeral(first) or 0, (numeral(last or first) or 0) + 1)


def clause_refs(text: str) -> list[str]:
    """The clause references in a clause text, ranges expanded, commentary in brackets ignored.

    >>> clause_refs("第60—61条、第67条(六)")
    ['第60条', '第61条', '第67条(六)']
    >>> clause_refs("§5、§7、附录B 主要风险清单(例)"), clause_refs("3.1—3.3"), clause_refs("第四章（评估，约每3年）")
    (['5', '7', '附录B'], ['3.1', '3.2', '3.3'], ['第4章'])
    """
    items = {m.start(): m.group(0) for m in re.finditer(r"条[(（][一二三四五六七八九十]+[)）]", text)}
    masked = _BRACKETS.sub(lambda m: m.group(0) if m.start() - 1 in items else " " * len(m.group(0)), text)
    refs: list[str] = []
    for m in _TOKEN.finditer(masked):
        if m.group("chap"):
            refs += [f"第{n}章" for n in _span(m.group("chap"), m.group("chap_to"))]
        elif m.group("art"):
            item = re.sub(r"[（）]", lambda b: "(" if b.group(0) == "（" else ")", m.group("item") or "")
            refs += [f"第{n}条{item}" for n in _span(m.group("art"), m.group("art_to"))]
        elif m.group("app"):
            refs += [f"附录{chr(c)}" for c in range(ord(m.group("app")), ord(m.group("app_to") or m.group("app")) + 1)]
        elif m.group("q"):
            refs += [f"Q{n}" for n in _span(m.group("q"), m.group("q_to"))]
        else:
            first, last = m.group("num"), m.group("num_to")
            if last and "." in first and first.rsplit(".", 1)[0] == last.rsplit(".", 1)[0]:
                stem = first.rsplit(".", 1)[0]
                refs += [f"{stem}.{n}" for n in _span(first.rsplit(".", 1)[1], last.rsplit(".", 1)[1])]
            elif last and first.isdigit() and last.isdigit():
                refs += [str(n) for n in _span(first, last)]
            else:
                refs += [first] + ([last] if last else [])
    return refs


def _find_source(text: str) -> tuple[dict[str, Any] | None, str]:
    """The source a citation names (longest id or alias it starts with) and the rest of the text."""
    best: tuple[int, dict[str, Any] | None] = (0, None)
    for source in source_table():
        for name in [source["id"], *source.get("aliases", [])]:
            if text.startswith(name) and len(name) > best[0]:
                best = (len(name), source)
    return best[1], text[best[0]:]


def _chapter_alias(ref: str, source: dict[str, Any]) -> str:
    """A bare chapter number (5, §5) of a standard whose table lists chapters (第5章)."""
    clauses = source.get("clauses") or {}
    return f"第{ref}章" if ref.isdigit() and ref not in clauses and f"第{ref}章" in clauses else ref


def parse(document: str, clause: str = "") -> Citation:
    source, rest = _find_source(document.strip())
    text = f"{document} {clause}".strip()
    if source is None:
        return Citation(text, None, (), ())
    body = f"{rest} {clause}"
    if source.get("free_text"):
        return Citation(text, source, (), ())
    refs = [_chapter_alias(ref, source) for ref in clause_refs(body)]
    named = [name for name in source.get("named") or {} if name in body]
    known = source.get("clauses") or {}
    unknown = tuple(ref for ref in refs if ref not in known)
    return Citation(text, source, tuple(refs) + tuple(named), unknown)


def rule_citations(basis: dict[str, Any]) -> list[Citation]:
    """The rule's main citation and each `also` citation."""
    return [parse(basis["document"], basis.get("clause", "")), *(parse(also) for also in basis.get("also", []))]


def _problems(rule: dict[str, Any], file: str) -> Iterator[Problem]:
    for index, citation in enumerate(rule_citations(rule["basis"])):
        key = "basis" if index == 0 else f"basis.also[{index - 1}]"
        if citation.source is None:
            yield Problem(file, rule["id"], key, f"依据文件“{citation.text}”不在已知条款表 standards/sources.yaml 中，"
                                                 "无法核对条款", "warning")
            continue
        for ref in citation.unknown:
            clauses = "、".join(citation.source.get("clauses") or {}) or "（无：只能整体引用）"
            yield Problem(file, rule["id"], key, f"引用了{citation.source['id']}中不存在或未经确认的条款“{ref}”；"
                                                 f"已知条款：{clauses}")


def citation_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """Every citation of a rule set that names a clause missing from the table of known clauses."""
    return [problem for rule in data.get("rules") or [] for problem in _problems(rule, file)]
