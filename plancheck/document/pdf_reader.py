"""Read PDFs with a text layer.

Plain text comes from pypdfium2 (fast); on pages that carry ruling lines, tables come from the
page's path objects and cell text by bounds (pdf_tables), also through pdfium. Only a page whose
rulings sit inside form XObjects is re-read with pdfplumber, page by page. Page marks (`— 3 —`, `-2-`, `第 3 页 共 9 页`)
and running headers/footers are removed, and lines broken inside a sentence re-joined.
A table that goes on over a page break is read as one table. Pages with no text layer are reported, never
silently skipped.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFileError, EncryptedFileError, FileTooLargeError, PlancheckError
from ..limits import LIMITS
from .lines import Line, is_page_mark, rejoin
from .model import Notice
from .normalize import squeeze
from .pdf_tables import MAX_PATHS, join_continued, own_paths, page_items
from .raw import RawBlock

MIN_PAGE_CHARS = 10
RULING_OBJECTS = 4
MAX_FORM_DEPTH = 64       # form XObjects nested deeper than this are not searched (and reported)
MAX_OBJECTS_VISITED = 20_000  # per page: forms used many times over could otherwise fan out without end


def _count_objects(page, kind: int, enough: int, max_depth: int = MAX_FORM_DEPTH) -> tuple[int, bool]:
    """(objects of `kind` on the page, at any form depth, counting stops at `enough`; whether the walk was cut short)."""
    found = 0
    visited = 0
    stack = [(None, 0)]
    while stack:
        form, depth = stack.pop()
        count = pdfium_c.FPDFFormObj_CountObjects(form) if form is not None else pdfium_c.FPDFPage_CountObjects(page.raw)
        for index in range(max(count, 0)):
            visited += 1
            if visited > MAX_OBJECTS_VISITED:
                return found, True
            obj = pdfium_c.FPDFFormObj_GetObject(form, index) if form is not None else pdfium_c.FPDFPage_GetObject(page.raw, index)
            if not obj:
                continue
            kind_of = pdfium_c.FPDFPageObj_GetType(obj)
            if kind_of == kind:
                found += 1
                if found >= enough:
                    return found, False
            if kind_of == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth + 1 > max_depth:
                    return found, True
                stack.append((obj, depth + 1))
    return found, False


def _little_text(text: str) -> bool:
    """Fewer than MIN_PAGE_CHARS characters in the page's text once squeezed. Squeezing drops only spaces, so
    a page with that many other characters is not squeezed whole to find out."""
    return len("".join(text.split())) < MIN_PAGE_CHARS and len(squeeze(text)) < MIN_PAGE_CHARS


@dataclass
class _Page:
    number: int
    items: list[Line | RawBlock] = field(default_factory=list)


def _tables_with_pdfplumber(plumber_page, number: int) -> list[Line | RawBlock] | None:
    """Text outside tables as lines, and tables as blocks, in top-to-bottom order; None when pdfminer
    cannot read the page. The page's parsed objects are released afterwards."""
    try:
        return _plumber_items(plumber_page, number)
    except PlancheckError:
        raise
    except Exception:  # noqa: BLE001 - pdfminer on a damaged page: keep pdfium's text
        return None
    finally:
        plumber_page.close()


def _plumber_items(plumber_page, number: int) -> list[Line | RawBlock]:
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
    """Lines repeated at the top or bottom of most pages (digits masked): running headers/footers; on a
    two-page document, of both pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [item.text for item in page.items if isinstance(item, Line)]
        edge = set(lines[:2] + lines[-2:])
        counts.update(re.sub(r"\d+", "#", squeeze(line)) for line in edge)
    return {line for line, count in counts.items() if count >= max(min(3, len(pages)), len(pages) // 2)}


def read_pdf(path: str) -> tuple[list[RawBlock], list[Notice], int, list[int]]:
    """Raw blocks, warnings, page count and the pages that had no text layer.

    A page pdfium cannot load is reported (and makes the document incomplete); a page whose table
    geometry pdfplumber cannot read falls back to pdfium's plain text.
    """
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedFileError("文件已加密：PDF 设有打开密码，请提供未加密的文件", path) from error
        raise CorruptFileError(f"文件已损坏：无法读取 PDF（{error}）", path) from error
    except Exception as error:  # noqa: BLE001
        raise CorruptFileError(f"文件已损坏：无法读取 PDF（{type(error).__name__}）", path) from error
    plumber: object = None
    pages: list[_Page] = []
    unread: list[int] = []
    broken: list[int] = []
    tables_lost: list[int] = []
    try:
        page_count = len(pdf)
        if page_count > LIMITS.max_pdf_pages:
            raise FileTooLargeError(f"文件过大：PDF 有 {page_count} 页，超过上限 {LIMITS.max_pdf_pages} 页", path)
        for index in range(page_count):
            number = index + 1
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                if _little_text(text):
                    images, cut_short = _count_objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE, 1)
                    if images or cut_short:
                        unread.append(number)
                    continue
                paths, forms = own_paths(page)
            except pdfium.PdfiumError:
                broken.append(number)
                continue
            items = None
            if RULING_OBJECTS <= len(paths) <= MAX_PATHS:
                items = page_items(textpage, text, paths, number)
            elif len(paths) > MAX_PATHS or (forms and _count_objects(page, pdfium_c.FPDF_PAGEOBJ_PATH, RULING_OBJECTS,
                                                                        max_depth=2)[0] >= RULING_OBJECTS):
                # rulings inside forms, or too many paths to search: pdfplumber's geometry
                if plumber is None:
                    plumber = _open_plumber(path)
                if plumber and index < len(plumber.pages):
                    items = _tables_with_pdfplumber(plumber.pages[index], number)
                if items is None:
                    tables_lost.append(number)
            if items is None:
                items = [Line(line, number) for line in text.splitlines()]
            items = [item for item in items if not isinstance(item, Line) or (item.text.strip() and not is_page_mark(item.text))]
            pages.append(_Page(number, items))
    finally:
        pdf.close()
        if plumber:
            try:
                plumber.close()
            except Exception:  # noqa: BLE001
                pass
    running = _running_lines(pages)
    kept = [[item for item in page.items
             if not running or not isinstance(item, Line) or re.sub(r"\d+", "#", squeeze(item.text)) not in running]
            for page in pages]
    join_continued(kept, [page.number for page in pages])
    items = [item for page in kept for item in page]
    warnings = []
    if unread:
        listed = "、".join(str(n) for n in unread[:20]) + ("等" if len(unread) > 20 else "")
        kind = "整份文件" if len(unread) == page_count else f"第 {listed} 页"
        warnings.append(Notice("no_text_layer", f"未找到文字层：{kind}是扫描图片，没有可读取的文字。这些页的内容无法检查，"
                                               "请提供由 Word/WPS 直接导出的 PDF 或原始 .docx 文件", loss=True))
    if broken:
        warnings.append(Notice("page_error", f"第 {_listed(broken)} 页已损坏，无法读取，这些页的内容未检查", loss=True))
    if tables_lost:
        warnings.append(Notice("table_geometry", f"第 {_listed(tables_lost)} 页的表格结构无法识别，已按普通文字读取"))
    return rejoin(items), warnings, page_count, unread


def _listed(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:20]) + ("等" if len(numbers) > 20 else "")


def _open_plumber(path: str):
    """pdfplumber for table geometry, or False when pdfminer cannot open the file (pdfium could)."""
    try:
        import pdfplumber  # imported only when a page needs geometry

        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are English noise on a clerk's terminal

        return pdfplumber.open(path)
    except Exception:  # noqa: BLE001 - pdfminer raises its own exception types on damaged files
        return False
