"""Decode text files line by line when one encoding does not fit the whole file.

Clerks paste paragraphs from other files into a UTF-8 text, so a UTF-8 file (with or without a
BOM) can carry one GB18030 paragraph. Each such line is decoded on its own and the user is told;
a line that fits no encoding is decoded with replacement characters and marks a loss.
"""

from __future__ import annotations

import codecs

from .model import Notice


def _listed(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:10]) + ("等" if len(numbers) > 10 else "")


def _fits(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode_by_line(data: bytes) -> tuple[str, str, list[Notice]] | None:
    """(text, encoding, notices) for a UTF-8 or GB18030 file, mixed ones included; None when the
    file is neither (UTF-16, Big5 …: left to the general decoder).

    >>> decode_by_line(codecs.BOM_UTF8 + "总则\\n".encode() + "附则\\n".encode("gb18030"))[1:]
    ('mixed', [Notice(code='mixed_encoding', message='第 2 行不是 UTF-8 编码，已按 GB18030 读取，请核对这些行的文字', page=None, loss=False)])
    >>> decode_by_line("总则".encode("gb18030"))[:2]
    ('总则', 'gb18030')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", []
    except UnicodeDecodeError:
        pass
    lines = body.split(b"\n")
    # A short GB18030 line can be valid UTF-8 by accident (目录 = C4BF C2BC): lines that fit both
    # encodings take the one that the lines fitting only one of them use most.
    fits = [(_fits(line, "utf-8"), _fits(line, "gb18030")) for line in lines]
    prefer_gb = not bom and sum(g and not u for u, g in fits) > sum(u and not g for u, g in fits)
    utf8: list[int] = []
    gb: list[int] = []
    bad: list[int] = []
    decoded: list[str] = []
    for number, (line, (in_utf8, in_gb)) in enumerate(zip(lines, fits), start=1):
        if line.isascii():
            decoded.append(line.decode("ascii"))
        elif in_gb and (prefer_gb or not in_utf8):
            decoded.append(line.decode("gb18030"))
            gb.append(number)
        elif in_utf8:
            decoded.append(line.decode("utf-8"))
            utf8.append(number)
        else:
            decoded.append(line.decode("utf-8", errors="replace"))
            bad.append(number)
    if not utf8 and not bom:
        if bad:
            return None
        return "\n".join(decoded), "gb18030", []
    if len(bad) > max(3, (len(utf8) + len(gb)) // 2):
        return None
    notices = []
    if gb:
        notices.append(Notice("mixed_encoding", f"第 {_listed(gb)} 行不是 UTF-8 编码，已按 GB18030 读取，请核对这些行的文字"))
    if bad:
        notices.append(Notice("undecodable", f"第 {_listed(bad)} 行的文字编码无法识别，这些行的文字未能正确读取，检查结论不完整",
                              loss=True))
    return "\n".join(decoded), "mixed" if gb or bad else "utf-8", notices
