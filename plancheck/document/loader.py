"""`load_document`: recognise a file by its content, read it, build the outline."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    PlancheckError,
    UnsupportedFormatError,
)
from ..limits import LIMITS, mb, run_limited
from . import completeness, outline
from .docx_reader import read_docx
from .encoding import decode_by_line
from .legacy import converted
from .model import Document, Notice
from .normalize import for_matching
from .numbers import numeral
from .pdfbudget import check_pdf_budget
from .raw import RawBlock
from .safezip import check_zip, open_zip
from .text_reader import read_text

DEFAULT_MAX_BYTES = LIMITS.max_file_bytes
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAMES = {"docx": "Word 文档(.docx)", "pdf": "PDF", "text": "文本文件", "doc": "旧版 Word 文档(.doc)",
          "wps": "WPS 文档(.wps)", "rtf": "RTF 文档", "odt": "OpenDocument 文档(.odt)", "xlsx": "Excel 表格(.xlsx)",
          "image": "图片"}
SUFFIX_FORMAT = {  # the file endings plancheck reads as plans, and the format each usually holds
    ".docx": "docx", ".docm": "docx", ".pdf": "pdf", ".txt": "text", ".md": "text",
                  ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt"}
MATERIAL_SUFFIX_FORMAT = {  # endings read only as materials of an evidence bundle, never as a plan
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".jpg": "image", ".jpeg": "image", ".png": "image"}
_NOT_A_PLAN = {
    "xlsx": "不是预案的文件格式：这是 Excel 表格。预案请提供 Word（.docx、.doc、.wps）、PDF 或文本文件；"
            "物资台账、值班表等表格请和其他材料放在一起，按标准化材料包检查（--standard standardization）",
    "image": "不是预案的文件格式：这是一张图片（照片或扫描件），读不到其中的文字。预案请提供带文字层的 PDF 或 Word 原件；"
             "演练、宣传照片请和其他材料放在一起，按标准化材料包检查（--standard standardization），计为照片证据",
}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def sniff(head: bytes, path: Path) -> str:
    """The real format of a file from its first bytes: docx, pdf, doc, wps, rtf, odt or text."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with open_zip(str(path)) as archive:  # the entry count is capped before anything is listed
                names = set(archive.namelist())
        except CorruptFileError as error:
            raise CorruptFileError("文件已损坏：压缩包结构无效，无法作为 Word 文档打开", str(path)) from error
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "odt"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnsupportedFormatError("不支持的文件格式：这是一个压缩包，但不是 Word 文档。批量检查请使用 --standard standardization", str(path))
    if head.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in head or b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d" in _tail(path):
            raise EncryptedFileError("文件已加密：文档设有打开密码，请在 Word / WPS 中取消密码后另存再检查", str(path))
        return "wps" if path.suffix.lower() == ".wps" else "doc"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise UnsupportedFormatError("不支持的文件格式：文件内容实际是网页(HTML/XML)，请从原系统下载 Word 或 PDF 原件", str(path))
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError("不支持的文件格式：无法识别的二进制文件，请提供 .docx、.doc、.wps、.pdf 或 .txt 文件", str(path))
    return "text"


def _tail(path: Path) -> bytes:
    """OLE directory sectors may sit anywhere; the first 64 KB hold them in practice."""
    with path.open("rb") as handle:
        return handle.read(65536)


def _read(fmt: str, path: Path, data: bytes, materials: bool) -> tuple[list[RawBlock], list[Notice], dict]:
    if fmt in _NOT_A_PLAN and not materials:
        raise UnsupportedFormatError(_NOT_A_PLAN[fmt], str(path))
    # each reader is imported when a file of its format comes (openpyxl, Pillow and pypdfium2 are not light)
    if fmt == "xlsx":
        from .xlsx_reader import read_xlsx

        check_zip(str(path))
        return (*read_xlsx(str(path)), {})
    if fmt == "image":
        from .photo_reader import read_photo

        return (*read_photo(str(path)), {})
    if fmt == "docx":
        check_zip(str(path))
        blocks, warnings = read_docx(str(path))
        return blocks, warnings, {}
    if fmt == "pdf":
        from .pdf_reader import read_pdf

        check_pdf_budget(data, str(path))
        blocks, warnings, pages, unread = read_pdf(str(path))
        return blocks, warnings, {"pages": pages, "unread_pages": unread}
    if fmt == "text":
        if len(data) > LIMITS.max_text_bytes:
            raise FileTooLargeError(f"文件过大：文本文件有 {mb(len(data))}，超过上限 {mb(LIMITS.max_text_bytes)}", str(path))
        by_line = decode_by_line(data)
        if by_line is None:
            blocks, encoding = read_text(data, str(path))
            return blocks, [], {"encoding": encoding}
        text, encoding, notices = by_line
        blocks, _ = read_text(text.encode("utf-8"), str(path))
        return blocks, notices, {"encoding": encoding}
    with converted(str(path), "." + ("doc" if fmt == "wps" else fmt)) as docx_path:
        blocks, warnings = read_docx(str(docx_path))
    warnings.insert(0, Notice("converted", f"已通过 LibreOffice 将{_NAMES[fmt]}转换为 .docx 后读取，自动编号和版式可能有偏差"))
    return blocks, warnings, {}


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, materials: bool = False) -> Document:
    """Read a plan document (.docx, .pdf, .txt/.md, .doc, .wps, .rtf, .odt) into a Document; with
    `materials` (a file of an evidence bundle) also an Excel workbook or a photo, which are no plans.

    The format is taken from the content, not the extension. Raises a PlancheckError
    subclass with a Chinese message for anything that cannot be read. Reading runs in a worker
    process with a time and memory limit (see plancheck.limits), so no file can hang the caller.
    """
    path = Path(path)
    if path.is_dir():
        raise PlancheckError("这是文件夹，不是文件：请指定其中的一份预案（plancheck check 可以直接检查整个文件夹）", str(path))
    if not path.is_file():
        raise PlancheckError("找不到文件，请检查路径是否正确", str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise FileTooLargeError(f"文件过大：{size // (1024 * 1024)} MB，超过上限 {max_bytes // (1024 * 1024)} MB", str(path))
    _prepare_workers(path)
    return run_limited(_load, path, materials, path=str(path))


def _prepare_workers(path: Path) -> None:
    """Build once in this process what each reading worker (forked from it) would otherwise build again for every
    file: the traditional-to-simplified converter, the numeral converter (cn2an, ~0.2 s to import) and, for a
    .pdf, the PDF reader."""
    for_matching("預")
    numeral("十")
    if path.suffix.lower() == ".pdf":
        from . import pdf_reader  # noqa: F401 - imported here to be inherited


def _read_guarded(path: Path, materials: bool) -> tuple[bytes, str, list[RawBlock], list[Notice], dict]:
    """The one error boundary of a format reader: whatever a parsing library raises on a damaged
    file becomes a PlancheckError subclass with a Chinese message."""
    try:
        data = path.read_bytes()
        fmt = sniff(data[:8192], path)
        return (data, fmt, *_read(fmt, path, data, materials))
    except PlancheckError:
        raise
    except MemoryError as error:
        raise FileTooLargeError("文件过大：读取所需内存超过上限", str(path)) from error
    except RecursionError as error:
        raise CorruptFileError("文件结构异常：嵌套层次过深，无法读取", str(path)) from error
    except Exception as error:  # noqa: BLE001 - third-party parsers raise anything on damaged input
        raise CorruptFileError(f"文件已损坏：无法读取文件内容（{type(error).__name__}）", str(path)) from error


def _load(path: Path, materials: bool = False) -> Document:
    data, fmt, raws, warnings, extra = _read_guarded(path, materials)
    expected = (SUFFIX_FORMAT | MATERIAL_SUFFIX_FORMAT).get(path.suffix.lower())
    if expected and expected != fmt and not {expected, fmt} <= {"doc", "wps"}:
        warnings.insert(0, Notice("extension", f"扩展名为 {path.suffix}，但内容实际是{_NAMES[fmt]}，已按实际格式读取"))
    built = outline.build(raws, str(path))
    if not built.blocks and not extra.get("unread_pages"):
        warnings.append(Notice("empty", "文件为空（0 字节）" if not data else "文件中没有读到任何文字", loss=True))
    truncated = completeness.gaps(built) if built.blocks else []
    if truncated:
        warnings.insert(0, completeness.notice(truncated))
    return Document(
        source=str(path), format=fmt, sha256=hashlib.sha256(data).hexdigest(), blocks=built.blocks, title=built.title,
        pages=extra.get("pages"), unread_pages=extra.get("unread_pages", []), encoding=extra.get("encoding"),
        warnings=warnings, diagnostics=built.diagnostics, contents=built.contents, truncated=truncated)


def document_from_text(text: str, source: str = "<文本>") -> Document:
    """A Document built from plain text, one paragraph per line (Markdown pipe tables allowed).

    Used by rule examples (`plancheck rules test`) and by anyone checking pasted text.
    """
    data = text.encode("utf-8")
    raws, encoding = read_text(data, source)
    built = outline.build(raws, source)
    return Document(source=source, format="text", sha256=hashlib.sha256(data).hexdigest(), blocks=built.blocks,
                    title=built.title, encoding=encoding, diagnostics=built.diagnostics, contents=built.contents)
