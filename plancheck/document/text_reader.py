"""Read .txt and .md files: UTF-8 (with or without BOM), then GB18030, then a detector."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import UnsupportedFormatError
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
    """Raw blocks of a plain-text or Markdown file: one paragraph per line, pipe tables as tables."""
    text, encoding = decode(data, path)
    blocks: list[RawBlock] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("|"):
            if _MD_RULE_ROW.match(stripped):
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(_cells(stripped))
            else:
                blocks.append(RawBlock("table", rows=[_cells(stripped)], paragraph=number))
            continue
        heading = _MD_HEADING.match(stripped)
        if heading:
            blocks.append(RawBlock("paragraph", heading.group(2), paragraph=number, style_level=len(heading.group(1))))
        else:
            blocks.append(RawBlock("paragraph", stripped, paragraph=number))
    return blocks, encoding
