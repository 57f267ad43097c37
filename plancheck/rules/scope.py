"""Where a check looks, and what it found: Scope and Evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..document.model import Block, Document, Location
from ..document.normalize import for_matching
from ..findings import Evidence

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

    def evidence(self, offset: int = 0, note: str = "") -> Evidence:
        if self.row is None:
            return Evidence(self.block.quote(offset), self.block.location, note)
        cell = self.block.rows[self.row - 1][self.column - 1]
        return Evidence(cell.strip()[:80], self.block.location.with_cell(self.row, self.column), note)


@dataclass
class Scope:
    """The blocks a check may look at, in one document, and a name for reports."""

    document: Document
    blocks: list[Block]
    name: str = WHOLE
    fallback: bool = False
    as_of: date = field(default_factory=date.today)

    def units(self) -> Iterator[Unit]:
        for block in self.blocks:
            if block.kind == "table":
                for r, row in enumerate(block.norm_rows, start=1):
                    for c, cell in enumerate(row, start=1):
                        if cell and (c == 1 or cell != row[c - 2]):
                            yield Unit(block, cell, r, c)
            elif block.norm:
                yield Unit(block, block.norm)

    def matches(self, expression: re.Pattern[str]) -> Iterator[tuple[Unit, re.Match[str]]]:
        """Every match of a compiled expression in the scope's units, with the unit it is in (for evidence)."""
        for unit in self.units():
            for match in expression.finditer(unit.norm):
                yield unit, match

    def find(self, phrase: str) -> Evidence | None:
        """First occurrence of a phrase (normalised like the document), as evidence."""
        needle = normalized(phrase)
        for unit in self.units():
            offset = unit.norm.find(needle)
            if offset >= 0:
                return unit.evidence(offset)
        return None


@lru_cache(maxsize=4096)
def normalized(phrase: str) -> str:
    return for_matching(phrase)


def front_matter(document: Document) -> list[Block]:
    """Blocks before the first heading: title, issuing body, date."""
    first_heading = next((i for i, block in enumerate(document.blocks) if block.kind == "heading"), len(document.blocks))
    return document.blocks[:first_heading]


def attachment_start(document: Document) -> int | None:
    """Index of the first attachment heading (附件 / 附件1 …), or None."""
    return next((i for i, b in enumerate(document.blocks) if b.kind == "heading" and b.number.replace(" ", "").startswith("附件")), None)


def resolve(document: Document, within: list[str] | None, as_of: date | None = None) -> Scope:
    """The scope named by a rule's `within`: heading-title fragments, or 全文 / 标题 / 附件.

    When no heading matches, the whole document is searched and the scope is marked as a
    fallback, so a finding can say the dedicated section is missing.
    """
    as_of = as_of or date.today()
    if not within or within == [WHOLE]:
        return Scope(document, document.blocks, as_of=as_of)
    if within == [FRONT]:
        return Scope(document, front_matter(document), "标题及文首", as_of=as_of)
    if within == [ATTACHMENTS]:
        start = attachment_start(document)
        return Scope(document, document.blocks[start:] if start is not None else [], "附件", as_of=as_of)
    headings = headings_titled(document, within)
    if not headings:
        return Scope(document, document.blocks, WHOLE, fallback=True, as_of=as_of)
    return Scope(document, sections_of(document, headings), "、".join(f"「{h.label}」" for h in headings[:3]), as_of=as_of)


def headings_titled(document: Document, titles: list[str]) -> list[Block]:
    """Headings whose normalised title contains one of `titles`."""
    wanted = [normalized(title) for title in titles]
    return [heading for heading in document.headings if any(title in heading.norm for title in wanted)]


def sections_of(document: Document, headings: list[Block]) -> list[Block]:
    """Every block under the given headings (the headings included), each once, nested sections not repeated."""
    blocks: list[Block] = []
    seen: set[int] = set()
    for heading in headings:
        for block in document.section(heading):
            if id(block) not in seen:
                seen.add(id(block))
                blocks.append(block)
    return blocks
