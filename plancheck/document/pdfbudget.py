"""Budgets for PDFs checked before pdfium or pdfminer inflate anything.

A PDF's Flate streams are inflated here in chunks, with their real output counted, so a 1 MB
file whose content stream inflates to 1 GB is refused in a fraction of a second. Image streams
are skipped (text extraction never decodes them, and scanned pages legitimately hold large ones).
"""

from __future__ import annotations

import re
import zlib

from ..errors import FileTooLargeError
from ..limits import LIMITS, Limits, mb

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
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


_PAGE_COUNT = re.compile(rb"/Count\s+(\d{1,12})")  # page-tree nodes (outline counts are small)


def check_pdf_budget(data: bytes, path: str, limits: Limits = LIMITS) -> None:
    """Refuse a PDF whose page tree declares too many pages (before pdfium builds it), or with a non-image
    Flate stream (or all of them together) inflating past the budget."""
    declared = max((int(m.group(1)) for m in _PAGE_COUNT.finditer(data[:limits.max_file_bytes])), default=0)
    if declared > limits.max_pdf_pages:
        raise FileTooLargeError(f"文件过大：PDF 有 {declared} 页，超过上限 {limits.max_pdf_pages} 页", path)
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
