"""Read PDFs with a text layer.

Plain text comes from pypdfium2 (fast); pages that carry ruling lines are re-read with
pdfplumber, whose geometry finds tables. Page marks (`— 3 —`, `-2-`, `第 3 页 共 9 页`)
and running headers/footers are removed, and lines broken inside a sentence re-joined.
Pages with no text layer are reported, never silently skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFileError, EncryptedFileError
from .lines import Line, is_page_mark, rejoin
from .model import Notice
from .normalize import squeeze
from .raw import RawBlock

MIN_PAGE_CHARS = 10
RULING_OBJECTS = 4


@dataclass
class _Page:
    number: int
    items: list[Line | RawBlock] = field(default_factory=list)


def _tables_with_pdfplumber(plumber_page, number: int) -> list[Line | RawBlock]:
    """Text outside tables as lines, and tables as blocks, in top-to-bottom order."""
    tables = plumber_page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        x, top = (obj.get("x0", 0) + obj.get("x1", 0)) / 2, (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and t <= top <= b for x0, t, x1, b in boxes)

    positioned: list[tuple[float, Line | RawBlock]] = []
    for line in plumber_page.filter(outside).extract_text_lines():
        positioned.append((line["top"], Line(line["text"], number)))
    for table in tables:
        rows = [[(cell or "").replace("\n", "").strip() for cell in row] for row in table.extract()]
        positioned.append((table.bbox[1], RawBlock("table", rows=rows, page=number)))
    return [item for _, item in sorted(positioned, key=lambda pair: pair[0])]


def _running_lines(pages: list[_Page]) -> set[str]:
    """Lines repeated at the top or bottom of most pages (digits masked): running headers/footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [item.text for item in page.items if isinstance(item, Line)]
        edge = set(lines[:2] + lines[-2:])
        counts.update(re.sub(r"\d+", "#", squeeze(line)) for line in edge)
    return {line for line, count in counts.items() if count >= max(3, len(pages) // 2)}


def read_pdf(path: str) -> tuple[list[RawBlock], list[Notice], int, list[int]]:
    """Raw blocks, warnings, page count and the pages that had no text layer."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedFileError("文件已加密：PDF 设有打开密码，请提供未加密的文件", path) from error
        raise CorruptFileError(f"文件已损坏：无法读取 PDF（{error}）", path) from error
    plumber = None
    pages: list[_Page] = []
    unread: list[int] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            number = index + 1
            text = page.get_textpage().get_text_range()
            if len(squeeze(text)) < MIN_PAGE_CHARS:
                if any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)):
                    unread.append(number)
                continue
            rulings = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2))
            if rulings >= RULING_OBJECTS:
                if plumber is None:
                    import pdfplumber  # imported only when a page needs geometry

                    plumber = pdfplumber.open(path)
                items = _tables_with_pdfplumber(plumber.pages[index], number)
            else:
                items = [Line(line, number) for line in text.splitlines()]
            items = [item for item in items if not isinstance(item, Line) or (item.text.strip() and not is_page_mark(item.text))]
            pages.append(_Page(number, items))
        page_count = len(pdf)
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    running = _running_lines(pages)
    items = [item for page in pages for item in page.items
             if not isinstance(item, Line) or re.sub(r"\d+", "#", squeeze(item.text)) not in running]
    warnings = []
    if unread:
        listed = "、".join(str(n) for n in unread[:20]) + ("等" if len(unread) > 20 else "")
        kind = "整份文件" if len(unread) == page_count else f"第 {listed} 页"
        warnings.append(Notice("no_text_layer", f"未找到文字层：{kind}是扫描图片，没有可读取的文字。这些页的内容无法检查，"
                                               "请提供由 Word/WPS 直接导出的 PDF 或原始 .docx 文件"))
    return rejoin(items), warnings, page_count, unread
