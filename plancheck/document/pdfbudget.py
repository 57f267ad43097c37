"""Budgets for PDFs checked before pdfium or pdfminer inflate anything.

A PDF's Flate streams are inflated here in chunks, with their real output counted, so a 1 MB
file whose content stream inflates to 1 GB is refused in a fraction of a second. Image streams
are skipped (text extraction never decodes them, and scanned pages legitimately hold large ones).
"""

from __future__ import annotations

import re
import zlib

from ..errors import CorruptFileError, FileTooLargeError
from ..limits import LIMITS, Limits, mb

_STREAM = re.compile(rb"stream(?<!endstream)\r?\n")  # the literal first: searched for, not tried at every byte
_DICT_WINDOW = 4096
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024
_RATIO_FLOOR = 4 * 1024 * 1024
_MAX_RATIO = 200


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """Bytes a Flate stream starting at `start` inflates to, counting stops just past `cap`."""
    inflater = zlib.decompressobj()
    total = 0
    position = start
    pending = b""
    try:
        while not inflater.eof:
            if not pending:
                if position >= len(data):
                    break
                pending = data[position:position + _IN_CHUNK]
                position += _IN_CHUNK
            out = inflater.decompress(pending, _OUT_CHUNK)
            pending = inflater.unconsumed_tail
            total += len(out)
            consumed = position - start - len(pending)
            if total > cap or (total > _RATIO_FLOOR and total > _MAX_RATIO * max(consumed, 1)):
                return cap + 1  # past the budget, or a compression ratio no real PDF stream has

            if not out and not pending and inflater.eof:
                break
    except zlib.error:
        return total  # a broken stream is pdfium's to report, not a budget matter
    return total


_PAGE_COUNT = re.compile(rb"/Count\s+(\d{1,12})")
_PAGES_NODE = re.compile(rb"/Type\s*/Pages\b")


def _declared_pages(data: bytes) -> int:
    """The largest /Count of a page-tree node (/Type /Pages). Only those: the bookmarks' /Count of a long
    plan with many headings is the number of open bookmarks (thousands), not pages."""
    declared = 0
    for node in _PAGES_NODE.finditer(data):
        start = data.rfind(b"obj", 0, node.start())  # the end of the object before, at the latest
        end = data.find(b"endobj", node.end())
        body = data[start if start >= 0 else node.start():end if end >= 0 else len(data)]
        declared = max([declared] + [int(m.group(1)) for m in _PAGE_COUNT.finditer(body)])
    return declared


_OBJECT = re.compile(rb"(?<![0-9])(\d{1,10})\s+\d{1,5}\s+obj\b")
_XOBJECT_ENTRY = re.compile(rb"/([^\s/<>\[\]()]+)\s+(\d{1,10})\s+\d{1,5}\s+R")
_DO = re.compile(rb"/([^\s/<>\[\]()]+)\s*Do\b")
MAX_FORM_DRAWS = 100_000
_FORM_DEPTH = 32


def _dictionary_after(data: bytes, key: bytes, text: bytes, objects: dict[int, bytes]) -> bytes:
    """The << … >> that follows `key` in `text` (one level), or the object it references."""
    at = text.find(key)
    if at < 0:
        return b""
    rest = text[at + len(key):].lstrip()
    reference = re.match(rb"(\d{1,10})\s+\d{1,5}\s+R", rest)
    if reference:
        return objects.get(int(reference.group(1)), b"")[:_DICT_WINDOW]
    if not rest.startswith(b"<<"):
        return b""
    depth, index = 0, 0
    while index < len(rest) - 1:
        pair = rest[index:index + 2]
        if pair == b"<<":
            depth += 1
            index += 2
            continue
        if pair == b">>":
            depth -= 1
            index += 2
            if depth == 0:
                return rest[:index]
            continue
        index += 1
    return rest


def _form_fanout(data: bytes, path: str) -> None:
    """Refuse form XObjects that draw each other so often that drawing the page never ends (pdfium
    follows A → B → A … up to its nesting guard, so two forms drawing each other twice is 2^depth draws)."""
    if b"/Form" not in data:
        return
    positions = [(int(m.group(1)), m.start()) for m in _OBJECT.finditer(data)]
    objects: dict[int, bytes] = {}
    for (number, start), following in zip(positions, positions[1:] + [(0, len(data))]):
        objects[number] = data[start:min(following[1], start + 4 * 1024 * 1024)]
    forms: dict[int, dict[int, int]] = {}
    for number, body in objects.items():
        stream_at = body.find(b"stream")
        head = body[:stream_at] if stream_at >= 0 else b""
        if not re.search(rb"/Subtype\s*/Form", head):
            continue
        names = {m.group(1): int(m.group(2))
                 for m in _XOBJECT_ENTRY.finditer(_dictionary_after(data, b"/XObject",
                                                                     _dictionary_after(data, b"/Resources", head, objects), objects))}
        content = body[stream_at + 6:].lstrip(b"\r\n")
        if b"FlateDecode" in head:
            try:
                content = zlib.decompressobj().decompress(content, 8 * 1024 * 1024)
            except zlib.error:
                content = b""
        draws: dict[int, int] = {}
        for match in _DO.finditer(content):
            target = names.get(match.group(1))
            if target is not None:
                draws[target] = draws.get(target, 0) + 1
        forms[number] = draws
    if not any(forms.values()):
        return
    expanded = {number: 1 for number in forms}
    for _ in range(_FORM_DEPTH):
        expanded = {number: min(MAX_FORM_DRAWS + 1, 1 + sum(count * expanded.get(target, 1) for target, count in draws.items()))
                    for number, draws in forms.items()}
        if max(expanded.values()) > MAX_FORM_DRAWS:
            raise CorruptFileError("文件结构异常：PDF 中的表单对象相互嵌套引用，展开后要绘制的内容过多（疑似构造的异常文件），已拒绝读取", path)


def check_pdf_budget(data: bytes, path: str, limits: Limits = LIMITS) -> None:
    """Refuse a PDF whose page tree declares too many pages (before pdfium builds it), or with a non-image
    Flate stream (or all of them together) inflating past the budget."""
    declared = _declared_pages(data[:limits.max_file_bytes])
    if declared > limits.max_pdf_pages:
        raise FileTooLargeError(f"文件过大：PDF 有 {declared} 页，超过上限 {limits.max_pdf_pages} 页", path)
    _form_fanout(data, path)
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICT_WINDOW):match.start()]
        opening = head.rfind(b"obj")
        head = head[opening:] if opening >= 0 else head
        if b"FlateDecode" not in head or re.search(rb"/Subtype\s*/Image", head):
            continue
        size = _inflated_size(data, match.end(), limits.max_pdf_stream_bytes)
        if size > limits.max_pdf_stream_bytes:
            raise FileTooLargeError(
                f"文件异常：PDF 中有一个数据流解压后超过 {mb(limits.max_pdf_stream_bytes)}，疑似“压缩炸弹”，已拒绝读取", path)
        total += size
        if total > limits.max_pdf_inflated_bytes:
            raise FileTooLargeError(f"文件过大：PDF 的数据流解压后合计超过 {mb(limits.max_pdf_inflated_bytes)}，已拒绝读取", path)
