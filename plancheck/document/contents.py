"""Contents lists (目录): find them among raw blocks so they never become headings or evidence.

A contents block is recognised in every shape real plans use: Word TOC styles, fields and
hyperlinked entries (flagged by the reader); lines ending in a page number after dot leaders,
a tab or a space; government page marks (`- 4 -`, `—1—`, `－4－`); and, under a `目录` line, plain
heading lines with no page number at all, up to where the body repeats the first entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ContentsEntry, Location
from .normalize import halfwidth, squeeze
from .numbers import parse
from .raw import RawBlock

_MARK = r"[-—–－_~]"
# Leaders (dots, ellipses, middle dots) or a tab, then a page number, maybe inside a page mark.
_LEADER_TAIL = re.compile(rf"(?:[.·…‥•\u00b7\u2022\u30fb]{{2,}}|…|\t)[\s.·…]*(?:{_MARK}+\s*)?(\d{{1,3}})(?:\s*{_MARK}+)?\s*$")
# A government page mark at the end: `总则 - 4 -`, `总则—1—`.
_MARK_TAIL = re.compile(rf"\s*{_MARK}+\s*(\d{{1,3}})\s*{_MARK}+\s*$")
# A plain space then a page number: only trusted inside a contents block.
_SPACE_TAIL = re.compile(r"(?<=[\u4e00-\u9fff）)\]】》])\s+(\d{1,3})\s*$")
_HEADER = {"目录", "目次"}
MAX_ENTRY = 60


@dataclass
class _Line:
    text: str
    title: str  # without the page number
    page: int | None
    strong: bool  # a page-number tail that only contents lines have


_MARK_CHARS = "-—–－_＿~～"  # _MARK and the full-width forms that become it


def _ends_in_number(text: str) -> bool:
    """Whether a digit ends `text` but for spaces and page-mark dashes: every page-number tail does, so a line
    that fails this (most body text) is no contents line, without its half-width form and three searches.

    >>> _ends_in_number("总则……1"), _ends_in_number("一、总则 －４－"), _ends_in_number("本预案适用于全镇。")
    (True, True, False)
    """
    tail = text
    while (shorter := tail.rstrip().rstrip(_MARK_CHARS)) != tail:
        tail = shorter
    return tail[-1:].isdecimal()


def _read_line(raw: RawBlock) -> _Line:
    text = f"{raw.auto_number}{raw.text}".strip()
    if not _ends_in_number(text):
        return _Line(text, text, None, False)
    wide = halfwidth(text)  # same length as text: half-width forms map one character to one
    for pattern, strong in ((_LEADER_TAIL, True), (_MARK_TAIL, True), (_SPACE_TAIL, False)):
        match = pattern.search(wide)
        if match and match.start() > 0:
            return _Line(text, text[:match.start()].strip(" \t.·…．\u3000"), int(match.group(1)), strong)
    return _Line(text, text, None, False)


def key(text: str) -> str:
    """What a contents entry and its heading in the body share: number and title without spaces."""
    return re.sub(r"[\s:：、.．()（）]", "", squeeze(text))


def title_key(text: str) -> str:
    """The title alone (number dropped), for matching an entry to a body heading worded with another number."""
    found = parse(text)
    return key(found.title if found and found.title else text)


def _number_key(number: str) -> str:
    return re.sub(r"[\s、.:：]", "", halfwidth(number))


def is_header(text: str) -> bool:
    """A `目录` line, spaced any way (squeezing drops only spaces, so its form without any space decides)."""
    return "".join(text.split()) in _HEADER


def _entry_like(line: _Line) -> bool:
    plain = squeeze(line.title)
    return 0 < len(plain) <= MAX_ENTRY and not plain.endswith(tuple("。；;，,！!？?"))


def find(raws: list[RawBlock], skip: set[int], title: str = "") -> tuple[set[int], list[ContentsEntry]]:
    """Indices of the raw blocks that form contents lists, and the entries they hold.

    `skip` holds indices already taken (the document title); `title` the title text, which a body
    often repeats right after the contents.
    """
    lines = {i: _read_line(raw) for i, raw in enumerate(raws) if raw.kind == "paragraph" and i not in skip}
    taken: set[int] = set()
    title_k = key(title)
    i = 0
    while i < len(raws):
        line = lines.get(i)
        if line is None:
            i += 1
            continue
        header = is_header(line.text)
        if header or raws[i].toc or line.strong:
            block = _block(raws, lines, i, header, title_k)
            if len(block) >= (1 if header or raws[i].toc or _LEADER_TAIL.search(halfwidth(line.text)) else 2):
                taken.update(block)
                i = max(block) + 1
                continue
        i += 1
    entries = [_entry(raws[i], lines[i]) for i in sorted(taken) if not is_header(lines[i].text)]
    return taken, entries


def _block(raws: list[RawBlock], lines: dict[int, _Line], start: int, header: bool, title_k: str) -> list[int]:
    """The contents block starting at `start`: consecutive entry-like lines until the body starts again."""
    block = [start]
    seen: set[str] = set()
    first_number = ""
    if not header:
        seen.add(key(lines[start].title))
        found = parse(lines[start].title)
        first_number = _number_key(found.number) if found else ""
    trusted = header or raws[start].toc
    j = start + 1
    while j < len(raws):
        line = lines.get(j)
        if line is None:
            break
        raw = raws[j]
        k = key(line.title)
        if not k:
            j += 1
            continue
        if raw.toc or line.strong:
            pass
        elif not (trusted or any(lines[b].strong for b in block[-3:] if b in lines)):
            break
        elif not _entry_like(line) or k in seen or (title_k and k == title_k):
            break
        found = parse(line.title)
        number = _number_key(found.number) if found else ""
        if not raw.toc and not line.strong and first_number and number == first_number:
            break  # the body's first chapter
        if not first_number and number:
            first_number = number
        seen.add(k)
        block.append(j)
        j += 1
    # a trailing unpaged line right before the body is the body's first heading, not an entry,
    # when the block otherwise had page numbers
    while len(block) > 1 and not header and not lines[block[-1]].strong and not raws[block[-1]].toc:
        block.pop()
    return [b for b in block if lines.get(b) and key(lines[b].title) or b == start]


def _entry(raw: RawBlock, line: _Line) -> ContentsEntry:
    found = parse(line.title)
    number = found.number if found else ""
    title = found.title if found and found.shape in ("title", "bracket", "run_in") else line.title[len(number):].strip()
    return ContentsEntry(text=line.text, number=number, title=title, page=line.page,
                         location=Location(block=0, page=raw.page, paragraph=raw.paragraph))
