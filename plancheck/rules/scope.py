"""Where a check looks, and what it found: Scope and Evidence."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from threading import Lock
from typing import Any, TypeVar

import regex

from ..document.model import Block, ContentsEntry, Document
from ..document.normalize import for_matching, halfwidth
from ..findings import Evidence
from ..saferegex import SafePattern
from .concepts import variants

# Lines that are never evidence of content: the notice's addressee and copy lines, contents-list lines.
_ADDRESSEE = re.compile(r"^各[^。:：]{0,40}[:：]$|^(主送|抄送|分送)[:：]")
_ISSUING = ("印发", "发布", "颁布")  # a notice title with these issues the plan that follows
_CONTENTS = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{3,}|\t)\s*\d{1,3}$|^[-—－]\s*\d{1,3}\s*[-—－]$")
_SENTENCE = re.compile(r"[^。;；!！?？]*[。;；!！?？]?")

_STRETCH = 20_000  # characters of joined text one search covers

WHOLE = "全文"
FRONT = "标题"
ATTACHMENTS = "附件"


@dataclass(frozen=True)
class Unit:
    """A searchable piece of text: a paragraph or heading, or one table cell."""

    block: Block
    norm: str
    row: int | None = None
    column: int | None = None

    def context(self, offset: int) -> str:
        """What a match at `offset` is said in: its sentence, or for a table cell the whole row."""
        if self.row is None:
            return sentence_at(self.norm, offset)
        return " ".join(self.block.norm_rows[self.row - 1])

    def evidence(self, offset: int = 0, note: str = "") -> Evidence:
        if self.row is None:
            return Evidence(self.block.quote(offset), self.block.location, note)
        cell = self.block.rows[self.row - 1][self.column - 1]
        return Evidence(cell.strip()[:80], self.block.cell_location(self.row, self.column), note)


@dataclass
class Scope:
    """The blocks a check may look at, in one document, and a name for reports."""

    document: Document
    blocks: list[Block]
    name: str = WHOLE
    fallback: bool = False
    as_of: date = field(default_factory=date.today)

    def units(self) -> Iterator[Unit]:
        return iter(self._all[0])

    @cached_property
    def _all(self) -> tuple[list[Unit], Joined]:
        """Every unit of the blocks, and their texts joined: built once per document and list of blocks (`_index`),
        shared by every scope over the same blocks."""
        return _index(self.document).joined_units(self.blocks, content=False)

    def matches(self, expression: SafePattern, *, content: bool = True) -> Iterator[tuple[Unit, regex.Match[str]]]:
        """Every match of a compiled expression, with the unit it is in (for evidence): in the content
        units, or with `content=False` in every unit (headings too, e.g. a bundle's file names)."""
        units, joined = self._content if content else self._all
        for index, match in joined.matches(expression):
            yield units[index], match

    def units_matching(self, expressions: list[SafePattern], *, content: bool = True) -> Iterator[Unit]:
        """The units (content units, or with `content=False` all) in which one of `expressions` matches, in order."""
        units, joined = self._content if content else self._all
        hit = sorted({index for expression in expressions for index, _ in joined.matches(expression)})
        return (units[index] for index in hit)

    @cached_property
    def written(self) -> Joined:
        """Each unit's text as written (a cell's own text), half-width, spaces kept, in the order of `units()`, joined:
        for patterns about spacing, which normalisation removes. Built once per document and list of blocks."""
        return _index(self.document).joined_written(self.blocks)

    def content_units(self) -> Iterator[Unit]:
        """Units that can be evidence of content: not headings (a title's own words prove nothing),
        not the notice's addressee/copy lines, not contents-list lines."""
        return iter(self._content[0])

    @cached_property
    def _content(self) -> tuple[list[Unit], Joined]:
        """The content units (see `content_units`) and their texts joined, like `_all`."""
        return _index(self.document).joined_units(self.blocks, content=True)

    def find(self, phrase: str, not_with: list[str] | None = None, only_with: list[str] | None = None) -> Evidence | None:
        """First occurrence of a phrase (a literal or a Concept's variants) in the content, as evidence.

        Matches inside a longer number (a phone or house number) do not count, and neither do
        matches in a sentence containing one of `not_with` (e.g. a request to a superior), nor,
        with `only_with`, matches whose sentence (a cell's row) holds none of those words.
        """
        units, joined = self._content
        needles = needles_of(phrase)
        for index in joined.holding(needles):
            unit = units[index]
            offset = min((start for start, _ in match_offsets(unit.norm, phrase, not_with)
                          if not only_with or mentions(unit.context(start), only_with)), default=None)
            if offset is not None:
                return unit.evidence(offset)
        return None


@dataclass(frozen=True)
class Joined:
    """Texts joined by line breaks, and where each starts in it: one search of the joined text finds the
    texts in which a pattern matches."""

    texts: list[str]
    text: str
    starts: list[int]

    @classmethod
    def of(cls, texts: list[str]) -> Joined:
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        return cls(texts, "\n".join(texts), starts)

    def holding(self, needles: tuple[str, ...]) -> Iterator[int]:
        """The indexes of the texts that hold one of `needles` as a substring, in order."""
        if any("\n" in needle or not needle for needle in needles):  # could span texts: each on its own
            yield from (index for index, text in enumerate(self.texts) if any(needle in text for needle in needles))
            return
        following = {needle: self.text.find(needle) for needle in needles}  # each needle's next place
        while found := [at for at in following.values() if at >= 0]:
            index = bisect_right(self.starts, min(found)) - 1
            yield index
            if index + 1 >= len(self.texts):
                return
            position = self.starts[index + 1]
            for needle, at in following.items():
                if 0 <= at < position:
                    following[needle] = self.text.find(needle, position)

    def matches(self, expression: SafePattern) -> Iterator[tuple[int, regex.Match[str]]]:
        """(index of the text, match in that text) for every match of `expression`, in order."""
        search = expression.joined
        if expression.needles is not None or search is None:  # only the texts holding a needle; or see `joined_flags`
            candidates = self.holding(expression.needles) if expression.needles is not None else range(len(self.texts))
            for index in candidates:
                for match in expression.all_matches(self.texts[index]):
                    yield index, match
            return
        # A match inside one text is also found at the same place in the joined text, so the joined text finds
        # the texts with a match, a stretch of whole texts at a time (each search keeps well inside the time
        # limit); each text found is then searched on its own.
        position = 0
        while position < len(self.text):
            end = self._stretch_end(position)
            hit = search.search(self.text, position, end)
            if hit is None:
                position = end + 1
                continue
            index = bisect_right(self.starts, hit.start()) - 1
            for match in expression.all_matches(self.texts[index]):
                yield index, match
            if index + 1 >= len(self.texts):
                return
            position = self.starts[index + 1]

    def _stretch_end(self, position: int) -> int:
        """The end of the last whole text within `_STRETCH` characters of `position` (at least the text there)."""
        following = max(bisect_right(self.starts, position + _STRETCH), bisect_right(self.starts, position) + 1)
        return len(self.text) if following >= len(self.starts) else self.starts[following] - 1


def _block_units(block: Block) -> list[Unit]:
    """A paragraph or heading as one unit; a table's cells, a cell merged across columns once."""
    if block.kind == "table":
        return [Unit(block, cell, r, c) for r, row in enumerate(block.norm_rows, start=1)
                for c, cell in enumerate(row, start=1) if cell and (c == 1 or cell != row[c - 2])]
    return [Unit(block, block.norm)] if block.norm else []


def _is_content(unit: Unit) -> bool:
    """Not a heading, nor the notice's addressee/copy line, nor a contents-list line (the notice's own
    paragraphs are left out per document: `_Index.covering_letter`)."""
    return not (unit.block.kind == "heading" or (
        unit.row is None and (_ADDRESSEE.match(unit.norm) or _CONTENTS.search(unit.norm))))


T = TypeVar("T")


class _Index:
    """What every scope and rule checking one document reuses, each worked out once: the units of each block
    and which of them are content, each heading's section, and results of scope look-ups by their arguments."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._units: dict[Block, list[Unit]] = {}
        self._content: dict[Block, list[Unit]] = {}
        self._sections: dict[Block, list[Block]] = {}
        self._results: dict[tuple[Any, ...], Any] = {}

    def units_of(self, block: Block) -> list[Unit]:
        if block not in self._units:
            self._units[block] = _block_units(block)
        return self._units[block]

    def joined_units(self, blocks: list[Block], content: bool) -> tuple[list[Unit], Joined]:
        """The units (with `content`, the content units) of `blocks` and their texts joined, once per list of blocks."""
        def build() -> tuple[list[Unit], Joined]:
            unit_of = self.content_of if content else self.units_of
            units = [unit for block in blocks for unit in unit_of(block)]
            return units, Joined.of([unit.norm for unit in units])

        return self.result(("joined_units", content, *map(id, blocks)), build)

    def joined_written(self, blocks: list[Block]) -> Joined:
        """The text as written of each unit of `blocks` (see `Scope.written`) joined, once per list of blocks."""
        def build() -> Joined:
            units = self.joined_units(blocks, content=False)[0]
            return Joined.of([halfwidth(unit.block.rows[unit.row - 1][unit.column - 1] if unit.row is not None
                                        else unit.block.text) for unit in units])

        return self.result(("joined_written", *map(id, blocks)), build)

    def content_of(self, block: Block) -> list[Unit]:
        if block not in self._content:
            letter = id(block) in self.covering_letter
            self._content[block] = [unit for unit in self.units_of(block) if not letter and _is_content(unit)]
        return self._content[block]

    @cached_property
    def covering_letter(self) -> set[int]:
        """The paragraphs of a superior's covering notice (after its addressee line 各镇、村（社区）：, up to the
        plan's title or the first heading): they ask the addressees to act (请各镇……指导所辖村（社区）……) and are
        not the plan's content. A notice titled 关于印发《…》的通知 issues the plan itself and stays content."""
        front = front_matter(self.document)
        start = next((i for i, block in enumerate(front) if _ADDRESSEE.match(block.norm)), None)
        if start is None or (start and any(word in front[start - 1].norm for word in _ISSUING)):
            return set()  # the notice that issues this plan speaks for it (审议通过、两委研究)
        letter = itertools.takewhile(lambda block: block.kind == "paragraph" and block.norm.endswith("。"), front[start + 1:])
        return {id(block) for block in letter}

    def section(self, heading: Block) -> list[Block]:
        """`Document.section`, worked out once per heading."""
        if heading not in self._sections:
            self._sections[heading] = self.document.section(heading)
        return self._sections[heading]

    @cached_property
    def headings(self) -> tuple[list[Block], Joined]:
        """The headings, and their normalised titles joined (to find those titled like something in one search)."""
        headings = self.document.headings
        return headings, Joined.of([heading.norm for heading in headings])

    def result(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """`compute()`, worked out once per key: for look-ups that depend only on the document and their arguments."""
        if key not in self._results:
            self._results[key] = compute()
        return self._results[key]


def per_document(document: Document, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()` worked out once per document and `key`: for look-ups that depend only on the document and
    the arguments in `key` (several rules ask them of the same document). Treat the result as read-only."""
    return _index(document).result(key, compute)


_INDEXES: list[_Index] = []  # the documents checked last, newest last: a check reads one document at a time
_INDEXES_KEPT = 2
_INDEXES_LOCK = Lock()


def _index(document: Document) -> _Index:
    """The index of `document` (by identity: documents are not changed once read)."""
    with _INDEXES_LOCK:
        for index in _INDEXES:
            if index.document is document:
                return index
        index = _Index(document)
        _INDEXES.append(index)
        del _INDEXES[:-_INDEXES_KEPT]
        return index


def _inside_number(text: str, start: int, end: int) -> bool:
    """A numeric match that is part of a longer number, a phone number or a house number (泮地村110号)."""
    if not text[start:end].isdigit():
        return False
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    return bool((before and (before.isdigit() or before in "-—路街巷村号楼弄第"))
                or (after and (after.isdigit() or after in "-—号室栋楼弄米户人个")))


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that contains position `offset`."""
    for match in _SENTENCE.finditer(text):
        if match.start() <= offset < max(match.end(), match.start() + 1):
            return match.group(0)
    return text


@lru_cache(maxsize=4096)
def needles_of(phrase: str) -> tuple[str, ...]:
    """The normalised variants of a phrase (a literal or a Concept), each once."""
    return tuple(dict.fromkeys(normalized(variant) for variant in variants(phrase)))


def match_offsets(text: str, phrase: str, not_with: list[str] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every match of a phrase's variants, minus number-context and `not_with` sentences."""
    for needle in needles_of(phrase):
        start = text.find(needle)
        while start >= 0:
            end = start + len(needle)
            if not _inside_number(text, start, end) and not (
                    not_with and any(normalized(v) in sentence_at(text, start)
                                     for word in not_with for v in variants(word))):
                yield start, end
            start = text.find(needle, start + 1)


def mentions(text: str, words: list[str]) -> bool:
    """`text` holds one of `words` (literals or Concepts) as a plain substring, digits included."""
    return any(normalized(variant) in text for word in words for variant in variants(word))


@lru_cache(maxsize=4096)
def normalized(phrase: str) -> str:
    return for_matching(phrase)


def front_matter(document: Document) -> list[Block]:
    """Blocks before the first heading: title, issuing body, date."""
    first_heading = next((i for i, block in enumerate(document.blocks) if block.kind == "heading"), len(document.blocks))
    return document.blocks[:first_heading]


def attachment_start(document: Document) -> int | None:
    """Index of the first attachment heading (附件 / 附件1 …), or None. A contents line read as a heading
    (`附件1 通讯录 - 8 -`) starts nothing.

    >>> from plancheck import document_from_text
    >>> attachment_start(document_from_text("附件1 通讯录 - 8 -\\n一、总则\\n内容。\\n附件1 通讯录\\n| 姓名 |"))
    3
    >>> attachment_start(document_from_text("一、总则\\n内容。\\n附件 1\\n应急物资清单\\n| 名称 | 数量 |"))
    2
    """
    return next(iter(_attachment_indexes(document)), None)


def _attachment_indexes(document: Document) -> list[int]:
    """Indexes of the attachment headings, in order."""
    return per_document(document, ("attachments",), lambda: [i for i, b in enumerate(document.blocks) if _is_attachment(b)])


_PAGE_NUMBER_END = re.compile(r"(?:\s|[.…·]{2,}|[-—－–]\s*)\d{1,3}\s*[-—－–]?\s*$")


def is_contents_line(heading: Block) -> bool:
    """A contents line read as a heading: its title ends in a page number ("一、总则 - 1 -", "2.镇情与风险 2",
    "附件：应急通讯录－8－"). A label standing alone ("附件 1", its title on the next line) is none.

    >>> from plancheck import document_from_text
    >>> [is_contents_line(h) for h in document_from_text("附件1 通讯录 - 8 -\\n一、总则\\n附件 1\\n通讯录").headings]
    [True, False, False]
    """
    return bool(_PAGE_NUMBER_END.search(heading.title))


def _is_attachment(block: Block) -> bool:
    return block.kind == "heading" and block.number.replace(" ", "").startswith("附件") and not is_contents_line(block)


def _attachment_body(document: Document, index: int) -> list[Block]:
    """An attachment heading and what follows it up to the next attachment heading: numbered steps
    inside an attachment (1. 接报 …) read as headings stay part of it."""
    following = _attachment_indexes(document)
    end = next(iter(following[bisect_right(following, index):]), len(document.blocks))
    return document.blocks[index:end]


def attachments_titled(document: Document, titles: list[str]) -> list[tuple[Block, list[Block]]]:
    """(heading, its section) for each attachment titled like one of `titles`: a 附件 heading, or a
    heading inside the attachments part, whose title or first two lines name it (附件2 / 主要风险清单);
    a heading named like it with a table under it counts even without a 附件 label."""
    return list(per_document(document, ("attachments_titled", *titles), lambda: _attachments_titled(document, titles)))


def _attachments_titled(document: Document, titles: list[str]) -> list[tuple[Block, list[Block]]]:
    wanted = tuple(normalized(title) for title in titles)
    headings, joined = _index(document).headings
    in_part, leads = per_document(document, ("attachments_part",), lambda: _attachments_part(document))
    before = len(headings) - len(in_part)  # headings before the attachments part
    found: list[tuple[Block, list[Block]]] = []
    for k in joined.holding(wanted):  # before the part: a heading titled like one, with a table under it
        if k >= before:
            break
        section = _index(document).section(headings[k])
        if any(b.kind == "table" for b in section):
            found.append((headings[k], section))
    return found + [in_part[k] for k in leads.holding(wanted)]


def _attachments_part(document: Document) -> tuple[list[tuple[Block, list[Block]]], Joined]:
    """(heading, its section) for each heading from the first 附件 heading on, and their leads (the title and
    the first two lines under it) joined."""
    start = attachment_start(document)
    labelled = set(_attachment_indexes(document))
    part = [(index, block) for index, block in enumerate(document.blocks[start:], start=start or 0)
            if block.kind == "heading"] if start is not None else []
    sections = [(block, _attachment_body(document, index) if index in labelled else _index(document).section(block))
                for index, block in part]
    return sections, Joined.of([block.norm + "".join(b.norm for b in section[1:3] if b.kind != "table")
                                for block, section in sections])


def _with_title(document: Document, blocks: list[Block]) -> list[Block]:
    """The front matter, led by the document's title as one line when the title was split over several
    lines (a two-line cover title is one title); the joined line quotes where its first line stands."""
    title = for_matching(document.title or "")
    if not title or not blocks or any(title in block.norm for block in blocks):
        return blocks
    first = next((b for b in blocks if b.norm and b.norm in title), blocks[0])
    return [Block("paragraph", document.title, title, first.location), *blocks]


def resolve(document: Document, within: list[str] | None, as_of: date | None = None) -> Scope:
    """The scope named by a rule's `within`: heading-title fragments, or 全文 / 标题 / 附件;
    `[附件, 风险清单, …]` is the attachments titled like one of the words after 附件 (empty when
    there is none, so a mention in the body never stands in for the attachment).

    When no heading matches, the whole document is searched and the scope is marked as a
    fallback, so a finding can say the dedicated section is missing.
    """
    as_of = as_of or date.today()
    if not within or within == [WHOLE]:
        return Scope(document, document.blocks, as_of=as_of)
    if within == [FRONT]:
        return Scope(document, _with_title(document, front_matter(document)), "标题及文首", as_of=as_of)
    if within == [ATTACHMENTS]:
        start = attachment_start(document)
        return Scope(document, document.blocks[start:] if start is not None else [], "附件", as_of=as_of)
    if within[0] == ATTACHMENTS:
        found = attachments_titled(document, within[1:])
        name = "、".join(f"「{heading.label}」" for heading, _ in found[:3]) or f"附件“{within[1]}”"
        blocks = list({id(b): b for _, section in found for b in section}.values())
        return Scope(document, blocks, name, as_of=as_of)
    headings = _topic_headings(document, within)
    if not headings:
        inline = inline_titled(document, within)
        if inline:
            return Scope(document, inline, "、".join(f"「{b.text[:12]}」" for b in inline[:3]), as_of=as_of)
        return Scope(document, document.blocks, WHOLE, fallback=True, as_of=as_of)
    return Scope(document, sections_of(document, headings), "、".join(f"「{h.label}」" for h in headings[:3]), as_of=as_of)


def _topic_headings(document: Document, titles: list[str]) -> list[Block]:
    """Headings on the topic: titled like one of `titles`, not a working group's own heading
    (“转移保障组” is not the evacuation chapter) unless a title asks for one, and with content when
    any of them has some (an empty section falls back to its non-empty namesakes)."""
    groups_wanted = any(normalized(title).endswith("组") for title in titles)
    headings = [h for h in headings_titled(document, titles) if groups_wanted or not h.norm.endswith("组")]
    filled = [h for h in headings if body_chars(_index(document).section(h)[1:]) > 0]
    return filled or headings


def body_chars(blocks: list[Block]) -> int:
    """Characters of content (not headings) in a list of blocks; tables count their data cells."""
    total = 0
    for block in blocks:
        if block.kind == "table":
            total += sum(len(cell) for row in block.norm_rows[1:] for cell in row)
        elif block.kind != "heading":
            total += len(block.norm)
    return total


_INLINE_TITLE = re.compile(r"^(第[一二三四五六七八九十百零\d]+条|[(（]?[一二三四五六七八九十\d]+[)）、.]|\d+(\.\d+)*)?\s*[【\[]?")


def inline_titled(document: Document, titles: list[str]) -> list[Block]:
    """Paragraphs that open with one of `titles` as an inline title (`第三条【适用范围】本预案…`,
    `（二）适用范围。本预案…`, `2、编制依据：根据…`), with the paragraphs that follow them up to the
    next heading or the next numbered article."""
    return list(per_document(document, ("inline_titled", *titles), lambda: _inline_titled(document, titles)))


def _inline_titled(document: Document, titles: list[str]) -> list[Block]:
    wanted = [normalized(title) for title in titles]
    found: list[Block] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        lead = _INLINE_TITLE.match(block.norm)
        head = block.norm[lead.end() if lead else 0:][:14]
        if lead and lead.group(0) and any(head.startswith(title) or (title in head and head.index(title) <= 6
                                                                       and re.search(r"[】\]:。]", head)) for title in wanted):
            found.append(block)
            for follower in blocks[index + 1:]:
                if follower.kind == "heading" or (follower.kind == "paragraph" and re.match(r"^第[一二三四五六七八九十百零\d]+条", follower.norm)):
                    break
                found.append(follower)
    return list(dict.fromkeys(found))


def unsupplied(document: Document, titles: list[str]) -> ContentsEntry | None:
    """The contents entry titled like one of `titles` that the text never reaches: the contents list
    names it, but the body stops before it (no heading for it nor for any later entry, as in a
    truncated web copy). None when the document has no contents list or the text reaches any entry
    so titled."""
    wanted = [normalized(title) for title in titles]
    entries = [(i, entry) for i, entry in enumerate(document.contents)
               if entry.title and any(title in normalized(entry.title) for title in wanted)]
    if not entries:
        return None
    headings = [heading.norm for heading in document.headings]
    reached = max((i for i, entry in enumerate(document.contents)
                   if entry.title and any(normalized(entry.title) in heading for heading in headings)), default=-1)
    return entries[0][1] if entries[0][0] > reached else None


def headings_titled(document: Document, titles: list[str]) -> list[Block]:
    """Headings whose normalised title contains one of `titles`."""
    return list(per_document(document, ("headings_titled", *titles), lambda: _headings_titled(document, titles)))


def _headings_titled(document: Document, titles: list[str]) -> list[Block]:
    headings, joined = _index(document).headings
    return [headings[index] for index in joined.holding(tuple(normalized(title) for title in titles))]


def sections_of(document: Document, headings: list[Block]) -> list[Block]:
    """Every block under the given headings (the headings included), each once, nested sections not repeated."""
    blocks: list[Block] = []
    seen: set[int] = set()
    section_of = _index(document).section
    for heading in headings:
        for block in section_of(heading):
            if id(block) not in seen:
                seen.add(id(block))
                blocks.append(block)
    return blocks
