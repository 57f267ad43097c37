"""Read .txt and .md files: UTF-8 (with or without BOM), then GB18030, then a detector."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import UnsupportedFormatError
from .lines import Line, full_length, is_page_mark, looks_hard_wrapped, rejoin
from .numbers import parse
from .raw import RawBlock

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_RULE_ROW = re.compile(r"^\|?\s*:?-{3,}")


def decode(data: bytes, path: str = "") -> tuple[str, str]:
    """Return (text, encoding name).

    >>> decode("总则".encode("gb18030"))
    ('总则', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "总则".encode())
    ('总则', 'utf-8-sig')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnsupportedFormatError("不支持的文件格式：无法识别文本文件的文字编码", path)
    return str(best), best.encoding


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


_ALIGNED = re.compile(r"\t+|\s{2,}|\u3000{2,}")
_PAGE_NUMBER = re.compile(r"^(?:[-—－]\s*)?\d{1,3}(?:\s*[-—－])?$")


def _aligned_cells(line: str) -> list[str]:
    """Cells of a line aligned with tabs or runs of spaces; one cell when the line is not split."""
    return [cell for cell in (part.strip() for part in _ALIGNED.split(line.strip())) if cell]


def _row_like(line: str, cells: list[str]) -> bool:
    """A split line that is a table row, not a title with spaces (`总  则`), a heading number and its
    title (`第一章  总则`) or a contents line (`总则\t1`)."""
    if len(cells) < 2 or all(len(cell) == 1 for cell in cells):
        return False
    if _PAGE_NUMBER.match(cells[-1]) and len(cells) <= 3:
        return False
    found = parse(line)
    return not (found and found.shape in ("title", "bracket") and len(cells) == 2)


def _tables(items: list) -> list:
    """Runs of two or more aligned lines with the same number of cells (±1 for empty trailing cells)
    become table blocks: contact lists in text files are checked like Word tables."""
    out: list = []
    index = 0
    while index < len(items):
        item = items[index]
        cells = _aligned_cells(item.text) if isinstance(item, Line) else []
        if cells and _row_like(item.text, cells):
            rows = [cells]
            end = index + 1
            while end < len(items) and isinstance(items[end], Line):
                next_cells = _aligned_cells(items[end].text)
                if not _row_like(items[end].text, next_cells) or abs(len(next_cells) - len(rows[0])) > 1:
                    break
                rows.append(next_cells)
                end += 1
            if len(rows) >= 2:
                out.append(RawBlock("table", rows=rows, paragraph=item.paragraph))
                index = end
                continue
        out.append(item)
        index += 1
    return out


def read_text(data: bytes, path: str) -> tuple[list[RawBlock], str]:
    """Raw blocks of a plain-text or Markdown file. A line is a paragraph unless the file is hard-wrapped,
    in which case broken lines are re-joined; a blank line always ends a paragraph; `#` lines are
    headings and `|` lines tables."""
    text, encoding = decode(data, path)
    items: list[Line | RawBlock | None] = []  # None marks a blank line
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        heading = _MD_HEADING.match(stripped)
        if not stripped:
            items.append(None)
        elif is_page_mark(stripped):
            continue
        elif stripped.startswith("|"):
            if _MD_RULE_ROW.match(stripped):
                continue
            previous = items[-1] if items else None
            if isinstance(previous, RawBlock) and previous.kind == "table":
                previous.rows.append(_cells(stripped))
            else:
                items.append(RawBlock("table", rows=[_cells(stripped)], paragraph=number))
        elif heading:
            items.append(RawBlock("paragraph", heading.group(2), paragraph=number, style_level=len(heading.group(1))))
        else:
            items.append(Line(stripped, paragraph=number))
    items = _tables(items)
    lines = [item for item in items if isinstance(item, Line)]
    full = full_length(lines)
    if not looks_hard_wrapped(lines, full):
        full = 10**9  # one paragraph per line
    blocks: list[RawBlock] = []
    run: list[Line | RawBlock] = []
    for item in [*items, None]:
        if item is None:
            blocks.extend(rejoin(run, full))
            run = []
        else:
            run.append(item)
    return blocks, encoding
