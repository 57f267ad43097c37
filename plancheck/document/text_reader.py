"""Read .txt and .md files: UTF-8 (with or without BOM), then GB18030, then a detector."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import UnsupportedFormatError
from .lines import Line, full_length, is_page_mark, looks_hard_wrapped, rejoin
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
