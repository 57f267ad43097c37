"""Chinese outline detection: raw blocks in, headings with levels and heading paths out.

A heading is recognised by its numbering pattern *and* its shape: a short title with no
sentence-final punctuation. `1. 每年组织一次演练。` therefore stays a paragraph.
Levels come from the numbering families a document actually uses, ranked in the order
Chinese official documents nest them (章 › 节 › 条 › 一、 › (一) › 1. › 1.1 › 1.1.1 › (1) › ①).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from .model import Block, Location, Notice
from .normalize import for_matching, halfwidth, squeeze
from .raw import RawBlock

_CN = "一二三四五六七八九十百零〇两"
_NUM = rf"[{_CN}\d]+"

# (family, pattern on half-width text). Order matters: longer decimal forms first.
FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第\s*({_NUM})\s*章\s*")),
    ("section", re.compile(rf"^第\s*({_NUM})\s*节\s*")),
    ("article", re.compile(rf"^第\s*({_NUM})\s*条\s*")),
    ("attachment", re.compile(rf"^附\s*件\s*({_NUM})?\s*[:、.．]?\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*[、.]\s*")),
    ("paren_cn", re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*")),
    ("dec3", re.compile(r"^(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+)(?![.\d])\s*")),
    ("dec2", re.compile(r"^(\d+)\s*\.\s*(\d+)(?![.\d])\s*")),
    ("dec1", re.compile(r"^(\d{1,2})\s*(?:[.、](?!\d)\s*|\s+)")),
    ("paren_num", re.compile(r"^\(\s*(\d+)\s*\)\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
]
RANK = ["chapter", "section", "article", "cn", "paren_cn", "dec1", "dec2", "dec3", "paren_num", "circled"]
# Families whose items often carry a run-in title: "（一）应急指挥部。由镇长任总指挥……"
RUN_IN = {"cn", "paren_cn", "dec2", "dec3"}

MAX_TITLE = 30
MAX_RUN_IN_TITLE = 15
_SENTENCE_PUNCT = tuple("。；;，,！!？?")
_TOC_LINE = re.compile(r"(\.{3,}|…+|·{3,}|\t)\s*\d+\s*$")
_TITLE_HINT = re.compile(r"预案|手册|明白卡|工作方案|通知|制度|台账|记录|名单|清单")


@dataclass
class _Candidate:
    family: str
    value: str
    number: str
    title: str
    body: str


def _numeral(value: str) -> int | None:
    """'十二' → 12, '3' → 3; None for what is not a number."""
    if not value:
        return None
    if len(value) == 1 and "\u2460" <= value <= "\u2473":
        return ord(value) - 0x2460 + 1
    if value.isascii() and value.isdigit():
        return int(value)
    try:
        return int(cn2an.cn2an(value, "smart"))
    except (ValueError, KeyError):
        return None


def _split_number(text: str) -> tuple[str, re.Match[str]] | None:
    wide = halfwidth(text)
    for family, pattern in FAMILIES:
        match = pattern.match(wide)
        if match:
            return family, match
    return None


def _looks_like_title(title: str, limit: int = MAX_TITLE) -> bool:
    """Short, non-empty, and not a sentence."""
    plain = squeeze(title).rstrip(":")
    return 0 < len(plain) <= limit and not plain.endswith(_SENTENCE_PUNCT) and "。" not in plain


def _candidate(text: str) -> _Candidate | None:
    """Classify a paragraph's text as a numbered heading, or return None."""
    stripped = text.strip()
    found = _split_number(stripped)
    if not found:
        return None
    family, match = found
    number, rest = stripped[: match.end()].strip(), stripped[match.end():].strip()
    value = next((group for group in match.groups() if group), "")
    if family == "attachment":
        title_ok = (not rest) or _looks_like_title(rest, 40)
        return _Candidate(family, value, number, rest.rstrip(":："), "") if title_ok else None
    if _looks_like_title(rest):
        return _Candidate(family, value, number, rest.rstrip(":："), "")
    if family in RUN_IN:
        cut = min((rest.find(mark) for mark in "。：:" if mark in rest), default=-1)
        if 0 < cut <= MAX_RUN_IN_TITLE and rest[cut + 1:].strip():
            return _Candidate(family, value, number, rest[:cut], rest[cut + 1:].strip())
    return None


def _is_toc(raw: RawBlock) -> bool:
    return raw.toc or bool(_TOC_LINE.search(raw.text)) or squeeze(raw.text) == "目录"


def _find_title(raws: list[RawBlock]) -> int | None:
    """Index of the document title among the first paragraphs, or None."""
    for index, raw in enumerate(raws[:8]):
        if raw.kind == "paragraph" and raw.text.strip() and not raw.auto_number:
            if _split_number(raw.text.strip()) is None and _TITLE_HINT.search(squeeze(raw.text)):
                return index
    return None


class _Builder:
    """Walks raw blocks once, emitting Blocks with levels and heading paths."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[Block] = []
        self.diagnostics: list[Notice] = []
        self.path: list[Block] = []
        self.table_count = 0
        self.last_value: dict[tuple[str, int], int] = {}
        self.seen_families: set[str] = set()

    def location(self, raw: RawBlock) -> Location:
        return Location(
            block=len(self.blocks) + 1,
            heading_path=tuple(block.label for block in self.path),
            page=raw.page,
            paragraph=raw.paragraph,
            table=self.table_count if raw.kind == "table" else None,
            file=self.source or None,
        )

    def add_heading(self, raw: RawBlock, level: int, number: str, title: str, family: str, value: str) -> None:
        previous = self.path[-1].level if self.path else 0
        if level > previous + 1 and self.path:
            self.diagnostics.append(Notice("level_jump", f"层级跳跃：“{number}{title}”比上一级标题深了{level - previous}级", raw.page))
        self.check_sequence(raw, family, level, value, number + title)
        while self.path and self.path[-1].level >= level:
            self.path.pop()
        text = f"{number}{title}"
        block = Block("heading", text, for_matching(title), self.location(raw), level, number, title)
        self.blocks.append(block)
        self.path.append(block)
        # deeper counters restart under a new parent
        for key in [key for key in self.last_value if key[1] > level]:
            del self.last_value[key]

    def check_sequence(self, raw: RawBlock, family: str, level: int, value: str, label: str) -> None:
        number = _numeral(value)
        if number is None or family == "attachment":
            return
        previous = self.last_value.get((family, level))
        expected = 1 if previous is None else previous + 1
        if number != expected:
            self.diagnostics.append(Notice("number_skip", f"编号不连续：“{label}”前应为第{expected}项", raw.page))
        self.last_value[(family, level)] = number

    def add(self, kind: str, raw: RawBlock, text: str) -> None:
        rows = raw.rows if kind == "table" else []
        if kind == "table":
            self.table_count += 1
            text = "\n".join(" | ".join(row) for row in rows)
        self.blocks.append(Block(kind, text, for_matching(text), self.location(raw),  # type: ignore[arg-type]
                                 rows=rows, norm_rows=[[for_matching(cell) for cell in row] for row in rows]))


def build(raws: list[RawBlock], source: str = "") -> tuple[list[Block], list[Notice], str]:
    """Turn raw blocks into Blocks with headings, levels and heading paths; `source` names the file.

    Returns (blocks, diagnostics, title).
    """
    raws = [raw for raw in raws if raw.kind != "paragraph" or (raw.text.strip() or raw.auto_number) and not _is_toc(raw)]
    title_index = _find_title(raws)
    candidates: dict[int, _Candidate] = {}
    for index, raw in enumerate(raws):
        if raw.kind == "paragraph" and index != title_index:
            found = _candidate(f"{raw.auto_number}{raw.text}")
            if found:
                candidates[index] = found
    used = [family for family in RANK if any(c.family == family for c in candidates.values())]
    level_of = {family: position + 1 for position, family in enumerate(used)}

    builder = _Builder(source)
    for index, raw in enumerate(raws):
        found = candidates.get(index)
        if found:
            level = 1 if found.family == "attachment" else level_of[found.family]
            _note_order(builder, found, raw, used)
            builder.add_heading(raw, level, found.number, found.title, found.family, found.value)
            if found.body:
                builder.add("paragraph", raw, found.body)
        elif raw.kind == "paragraph" and index != title_index and raw.style_level and _looks_like_title(raw.text):
            builder.add_heading(raw, raw.style_level, "", raw.text.strip(), "style", "")
        elif raw.kind == "paragraph" and index != title_index and raw.bold and _looks_like_title(raw.text, 20):
            level = builder.path[-1].level + 1 if builder.path else 1
            builder.add_heading(raw, level, "", raw.text.strip(), "bold", "")
        else:
            text = f"{raw.auto_number}{raw.text}".strip() if raw.kind == "paragraph" else raw.text
            builder.add(raw.kind, raw, text)
    title = raws[title_index].text.strip() if title_index is not None else ""
    return builder.blocks, builder.diagnostics, title


def _note_order(builder: _Builder, found: _Candidate, raw: RawBlock, used: list[str]) -> None:
    """Diagnose a family appearing before the family that should enclose it, e.g. （一） before 一、."""
    if found.family in RANK:
        position = RANK.index(found.family)
        missing = [f for f in used if RANK.index(f) < position and f not in builder.seen_families and f != "article"]
        if missing and found.family not in builder.seen_families:
            builder.diagnostics.append(Notice(
                "order", f"“{found.number}{found.title}”出现在任何上一级编号（如“{_EXAMPLE[missing[-1]]}”）之前", raw.page))
        builder.seen_families.add(found.family)


_EXAMPLE = {"chapter": "第一章", "section": "第一节", "article": "第一条", "cn": "一、", "paren_cn": "（一）",
            "dec1": "1.", "dec2": "1.1", "dec3": "1.1.1", "paren_num": "（1）", "circled": "①"}
