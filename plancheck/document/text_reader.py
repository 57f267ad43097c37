"""Read .txt and .md files: UTF-8 (with or without BOM), then GB18030, then a detector."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import UnsupportedFormatError
from .lines import Line, full_length, is_page_mark, looks_hard_wrapped, rejoin
from .numbers import FULL_STOP, SENTENCE_PUNCT, parse
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


_SERIAL_HEADER = {"序号", "编号"}  # the first column of a table whose rows are numbered 1, 2, 3 ...
_CELL_TAIL = 6  # the end of a last cell that a wrap pushed onto a line of its own (`庆`) is short ...
_DIGITS = re.compile(r"^[\d\-－—]+$")  # ... or the rest of a telephone number


def _serial_header(line: Line) -> bool:
    """`序号 名称 位置 ……` with single spaces (a tab-aligned header is read by _tables)."""
    cells = line.text.split()
    return (len(cells) >= 3 and cells[0] in _SERIAL_HEADER and not _ALIGNED.search(line.text.strip())
            and not any(mark in line.text for mark in SENTENCE_PUNCT))


def _row_start(text: str, number: int) -> bool:
    cells = text.split()
    return len(cells) >= 2 and cells[0] == str(number)


def _row_goes_on(row: str, text: str, width: int) -> bool:
    """Whether `text` continues a wrapped row: the row still lacks cells, or `text` is the cut-off end of its
    last cell (a short word, the digits of a number). A line that opens another numbered part (`附件3 ……`)
    never does."""
    found = parse(text)
    tail = text.strip()
    if found and found.family != "dec1" or _ALIGNED.search(tail) or tail.endswith(FULL_STOP):
        return False  # another numbered part, a row of a tab-aligned table, a sentence of its own
    if len(row.split()) < width:
        return True
    if len(tail.split()) != 1 or tail.endswith(SENTENCE_PUNCT):
        return False
    return len(tail) <= _CELL_TAIL or row.rstrip()[-1:].isdigit() and _DIGITS.match(tail) is not None


def _serial_table(items: list, start: int) -> tuple[RawBlock, int] | None:
    """The table that opens at `items[start]` (a `序号 名称 位置 ……` header with single spaces between
    cells, as text copied out of a PDF has it) and the index after it, or None.

    Its rows start with their serial number, 1, 2, 3 ...; a row wrapped over several lines is joined back
    exactly as the lines were cut (a cell split by the wrap is whole again), so a numbered row is never
    read as a heading.
    """
    header = items[start].text
    end = start + 1
    while (end < len(items) and end - start <= 2 and isinstance(items[end], Line) and not _row_start(items[end].text, 1)
           and not any(mark in items[end].text for mark in SENTENCE_PUNCT)):
        header += items[end].text
        end += 1
    width = len(header.split())
    rows: list[str] = []
    while end < len(items) and isinstance(items[end], Line):
        text = items[end].text
        if _row_start(text, len(rows) + 1):
            rows.append(text)
        elif rows and _row_goes_on(rows[-1], text, width):
            rows[-1] += text
        else:
            break
        end += 1
    if len(rows) < 2:
        return None
    return RawBlock("table", rows=[line.split() for line in [header, *rows]], paragraph=items[start].paragraph), end


def _serial_tables(items: list) -> list:
    """Items with every serial-numbered table (see _serial_table) made one table block."""
    out: list = []
    index = 0
    while index < len(items):
        item = items[index]
        table = _serial_table(items, index) if isinstance(item, Line) and _serial_header(item) else None
        if table:
            out.append(table[0])
            index = table[1]
        else:
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
            items.append(Line(line, paragraph=number))  # unstripped until serial tables are joined
    items = _serial_tables(items)
    for item in items:
        if isinstance(item, Line):
            item.text = item.text.strip()
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
