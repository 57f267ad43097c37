"""The Document model: blocks in reading order, each with a location."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table", "figure"]

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")


@dataclass(frozen=True)
class Location:
    """Where a block (or a cell of it) sits. Every field is 1-based where it counts."""

    block: int
    heading_path: tuple[str, ...] = ()
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    file: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["heading_path"] = list(self.heading_path)
        return data


@dataclass(frozen=True)
class Notice:
    """A reading problem worth telling the user (unreadable page, conversion, oddity)."""

    code: str
    message: str
    page: int | None = None
    loss: bool = False  # part of the content could not be read: the document is incomplete

    def to_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None and key != "loss"}


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a contents list (目录): never a heading, never evidence."""

    text: str
    number: str
    title: str
    page: int | None
    location: Location

    def to_dict(self) -> dict:
        return {"text": self.text, "number": self.number, "title": self.title, "page": self.page,
                "location": self.location.to_dict()}


@dataclass(eq=False)
class Block:
    """One heading, paragraph, table or figure. Blocks compare by identity: two equal-looking
    paragraphs in different places are different blocks.

    `text` is the original text (for quotes); `norm` the normalised text (for matching).
    Tables keep `rows` (original cell text) and `norm_rows`, and from a PDF `row_pages`, each row's page
    (a table continued over pages has rows on several).
    """

    kind: BlockKind
    text: str
    norm: str
    location: Location
    level: int = 0
    number: str = ""
    title: str = ""
    rows: list[list[str]] = field(default_factory=list)
    norm_rows: list[list[str]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Heading as a reader would write it: number and title."""
        return f"{self.number}{self.title}" if self.kind == "heading" else self.text[:30]

    def cell_location(self, row: int, column: int) -> Location:
        """Where a cell (row and column 1-based) sits: the table's location narrowed to the cell, on the row's
        own page. Built directly: `dataclasses.replace` is slow, and every quoted cell asks."""
        at = self.location
        page = self.row_pages[row - 1] if 0 < row <= len(self.row_pages) else at.page
        return Location(at.block, at.heading_path, page, at.paragraph, at.table, row, column, at.file)

    def row_quote(self, row: int, limit: int = 80) -> str:
        """A table row (1-based) as a quote: its cells joined by ' | '."""
        return " | ".join(self.rows[row - 1])[:limit]

    def quote(self, norm_offset: int, limit: int = 80) -> str:
        """The original sentence containing the matched position of `norm`.

        Normalisation never adds or removes sentence ends, so the n-th sentence of
        `norm` is the n-th sentence of `text`.
        """
        norm_ends, text_ends = self._sentence_ends()
        if len(norm_ends) != len(text_ends):
            return self.text.strip()[:limit]
        index = min(bisect_right(norm_ends, norm_offset), len(text_ends) - 1)
        start = text_ends[index - 1] if index else 0
        return self.text[start:text_ends[index]].strip()[:limit]

    def _sentence_ends(self) -> tuple[list[int], list[int]]:
        """End offsets of the sentences of `norm` and of `text`, computed once per block (quotes stay linear)."""
        cached = self.__dict__.get("_ends")
        if cached is None or cached[0] != (self.norm, self.text):
            norm_ends, text_ends = ([m.start() for m in _SENTENCE_END.finditer(value) if m.start()] + [len(value)]
                                    for value in (self.norm, self.text))
            ends = (norm_ends, text_ends)
            cached = ((self.norm, self.text), ends)
            self.__dict__["_ends"] = cached
        return cached[1]


@dataclass
class Document:
    """A loaded plan document."""

    source: str
    format: str
    sha256: str
    blocks: list[Block]
    title: str = ""
    pages: int | None = None
    unread_pages: list[int] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[Notice] = field(default_factory=list)
    diagnostics: list[Notice] = field(default_factory=list)
    parts: list[Document] = field(default_factory=list)
    unreadable_parts: list[dict[str, str]] = field(default_factory=list)  # bundle files not read: path, message
    contents: list[ContentsEntry] = field(default_factory=list)
    # Why the text looks like an incomplete copy (ends mid-sentence, chapters listed but absent, no title).
    truncated: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """False when part of the input could not be read (a page without text layer, a broken file in a
        bundle, content a reader had to skip) or the text supplied is an incomplete copy of the plan."""
        return (not self.unread_pages and bool(self.blocks) and not self.unreadable_parts and not self.truncated
                and not any(notice.loss for notice in self.warnings) and all(part.complete for part in self.parts))

    @cached_property
    def text_chars(self) -> int:
        """Readable characters (no spaces): a bundle's parts' text, not its file-name headings; never figures
        (a photo's caption is its file name, not text read from it). Counted once: a document is not changed
        once read, and every rule set checked asks."""
        if self.format == "bundle":
            return sum(part.text_chars for part in self.parts)
        return sum(len("".join(block.text.split())) for block in self.blocks if block.kind != "figure")

    @property
    def incomplete_note(self) -> str:
        """Why a finding could not be judged reliably on this document (empty when it is complete)."""
        if self.complete:
            return ""
        if any(part.truncated for part in [self, *self.parts]) and not self.unread_pages and not self.unreadable_parts:
            return "所提供的文本不完整，该项内容在所提供的文本中未找到，可能在缺失的部分中，未能可靠检查"
        return "文件有部分内容无法读取（如扫描页），该项未能可靠检查"

    @property
    def headings(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "heading"]

    @property
    def tables(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "table"]

    def section(self, heading: Block) -> list[Block]:
        """The heading and every block under it, up to the next heading of its level or higher."""
        start = heading.location.block - 1  # locations number blocks in reading order
        end = start + 1
        while end < len(self.blocks):
            other = self.blocks[end]
            if other.kind == "heading" and other.level <= heading.level:
                break
            end += 1
        return self.blocks[start:end]

    def text_blocks(self) -> Iterator[Block]:
        return (block for block in self.blocks if block.kind != "table")
