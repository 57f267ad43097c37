"""Read .docx files written by Word or WPS into raw blocks.

Body paragraphs and tables in document order; text inside content controls, smart tags,
hyperlinks and tracked insertions; text boxes (the mc:Fallback copy skipped); automatic
numbering rendered; images counted with their captions. Headers and footers live in other
parts and never enter the body.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.table import Table
from lxml import etree

from ..errors import CorruptFileError, FileTooLargeError, PlancheckError
from .model import Notice
from .numbering import MAX_LEVEL, Numbering, ooxml_int
from .ooxml import A_NS, MC_NS, V_NS, first_child, is_on, w, w_val
from .raw import RawBlock

_SKIP = {w("del"), w("delText"), w("moveFrom"), w("instrText"), w("txbxContent"), f"{{{MC_NS}}}Fallback", w("rPr"),
         w("pPr")}
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's settings
MAX_GRID_COLUMNS = 63  # Word's own limit on table columns
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(图\s*[\d一二三四五六七八九十]+|.{0,20}(流程图|示意图|分布图))")


def _outline_level(ppr) -> int | None:
    """w:outlineLvl 0..8 as a 1-based heading level; anything else (9 = body text, "²", "x") is none."""
    level = ooxml_int(w_val(ppr, "outlineLvl"), -1, -1, 99)
    return level + 1 if 0 <= level < 9 else None


def _ilvl(numpr) -> int:
    return ooxml_int(w_val(numpr, "ilvl", "0"), 0, 0, MAX_LEVEL)


class _Style:
    def __init__(self, element) -> None:
        self.name = (w_val(element, "name", "") or "").strip()
        self.based_on = w_val(element, "basedOn")
        ppr = first_child(element, "pPr")
        self.outline = _outline_level(ppr)
        numpr = first_child(ppr, "numPr") if ppr is not None else None
        self.num = (w_val(numpr, "numId"), _ilvl(numpr)) if numpr is not None else None
        self.bold = is_on(first_child(element, "rPr"), "b")


class _Styles:
    """Paragraph style facts resolved through w:basedOn."""

    def __init__(self, styles_element) -> None:
        self.by_id = {s.get(w("styleId")): _Style(s) for s in styles_element.findall(w("style"))} if styles_element is not None else {}
        self.chains: dict[str | None, tuple[_Style, ...]] = {}  # resolved once per style, asked for every paragraph

    def chain(self, style_id: str | None) -> tuple[_Style, ...]:
        """The style and those it is based on, nearest first (a loop in w:basedOn ends the chain)."""
        if style_id not in self.chains:
            chain: list[_Style] = []
            seen: set[str] = set()
            current = style_id
            while current and current in self.by_id and current not in seen:
                seen.add(current)
                chain.append(self.by_id[current])
                current = self.by_id[current].based_on
            self.chains[style_id] = tuple(chain)
        return self.chains[style_id]

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            match = _HEADING_STYLE.match(style.name)
            if match:
                return int(match.group(1))
            if style.outline:
                return style.outline
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int] | None:
        return next((style.num for style in self.chain(style_id) if style.num), None)

    def is_toc(self, style_id: str | None) -> bool:
        return any(style.name.lower().startswith("toc") or style.name.startswith("目录") for style in self.chain(style_id))

    def bold(self, style_id: str | None) -> bool:
        return any(style.bold for style in self.chain(style_id))


_T, _P, _R, _FALLBACK = w("t"), w("p"), w("r"), f"{{{MC_NS}}}Fallback"
_TABS, _BREAKS, _TEXT_BOX = {w("tab"), w("ptab")}, {w("br"), w("cr")}, w("txbxContent")
_TR, _TC, _VAL, _GRID_SPAN, _V_MERGE = w("tr"), w("tc"), w("val"), w("gridSpan"), w("vMerge")


def _text(element) -> str:
    """Visible text of a paragraph, skipping deletions, field codes, text boxes and fallbacks."""
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _TABS:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif len(child):
            parts.append(_text(child))
    return "".join(parts)


def _cell_text(cell) -> str:
    """All text of a table cell, nested tables and tracked insertions included, one line per paragraph."""
    return "\n".join(text for p in _descendants(cell, _P) if (text := _text(p).strip()))


def _descendants(element, tag: str) -> Iterator:
    """Elements named `tag` below `element`, not looking inside fallbacks or nested text boxes."""
    for child in element:
        if child.tag == _FALLBACK:
            continue
        if child.tag == tag:
            yield child
            continue
        if len(child):
            yield from _descendants(child, tag)


def _is_bold(paragraph, style_bold: bool) -> bool:
    """Every run that shows text is bold (directly, or through the paragraph style when it has no run
    properties); False when no run shows text."""
    shown = False
    for run in _descendants(paragraph, _R):
        if _text(run).strip():
            shown = True
            rpr = first_child(run, "rPr")
            if not (is_on(rpr, "b") or (style_bold and rpr is None)):
                return False
    return shown


def _has_image(paragraph) -> bool:
    blips = paragraph.iter(f"{{{A_NS}}}blip", f"{{{V_NS}}}imagedata")
    return any(not any(a.tag == f"{{{MC_NS}}}Fallback" for a in blip.iterancestors()) for blip in blips)


class _Walker:
    def __init__(self, body_xml: bytes, styles, numbering) -> None:
        self.numbering = Numbering(numbering)
        self.styles = _Styles(styles)
        self.body_xml = body_xml
        self.twins = None  # the body parsed into python-docx's elements, only if a table needs python-docx
        self.blocks: list[RawBlock] = []
        self.paragraphs = 0
        self.alt_chunks = 0  # embedded foreign content (HTML, RTF, another .docx) that is not read
        self.fields: list[bool] = []  # open complex fields, True for a TOC field

    def walk(self, container, toc: bool = False) -> None:
        for child in container:
            if child.tag == w("p"):
                self.paragraph(child, toc)
            elif child.tag == w("tbl"):
                self.table(child)
            elif child.tag == w("sdt"):
                gallery = child.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
                is_toc = gallery is not None and "content" in (gallery.get(w("val")) or "").lower()
                content = first_child(child, "sdtContent")
                if content is not None:
                    self.walk(content, toc or is_toc)
            elif child.tag in (w("ins"), w("customXml"), w("smartTag")):
                self.walk(child, toc)
            elif child.tag == w("altChunk"):
                self.alt_chunks += 1

    def paragraph(self, element, toc: bool) -> None:
        self.paragraphs += 1
        ppr = first_child(element, "pPr")
        style_id = w_val(ppr, "pStyle")
        numpr = first_child(ppr, "numPr") if ppr is not None else None
        num = (w_val(numpr, "numId"), _ilvl(numpr)) if numpr is not None else self.styles.numbering(style_id)
        text = _text(element)
        toc = self.in_toc_field(element) or toc
        auto_number = self.numbering.label(num[0], num[1]) if num and num[0] else ""
        level = _outline_level(ppr) or self.styles.heading_level(style_id)
        self.blocks.append(RawBlock(
            "paragraph", text, paragraph=self.paragraphs, style_level=level, auto_number=auto_number,
            bold=_is_bold(element, self.styles.bold(style_id)), toc=toc or self.styles.is_toc(style_id)))
        if _has_image(element):
            self.blocks.append(RawBlock("figure", paragraph=self.paragraphs))
        for box in _descendants(element, _TEXT_BOX):
            self.walk(box)

    def in_toc_field(self, element) -> bool:
        """Whether the paragraph lies in a Word TOC field (`TOC \\o`) or links to a `_Toc` bookmark."""
        inside = any(self.fields)
        for node in element.iter(w("fldChar"), w("instrText"), w("hyperlink"), w("fldSimple")):
            if node.tag == w("fldChar"):
                kind = node.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif node.tag == w("instrText") and self.fields and (node.text or "").strip().upper().startswith("TOC"):
                self.fields[-1] = True
                inside = True
            elif node.tag == w("hyperlink") and (node.get(w("anchor")) or "").startswith("_Toc"):
                inside = True
            elif node.tag == w("fldSimple") and (node.get(w("instr")) or "").strip().upper().startswith("TOC"):
                inside = True
        return inside or any(self.fields)

    def table(self, element) -> None:
        _clamp_spans(element)
        try:
            rows = _grid_rows(element)
        except (ValueError, TypeError):  # a merge python-docx resolves differently, or refuses: its own reading
            if self.twins is None:
                self.twins = parse_xml(self.body_xml)
            twin = self.twins.find(element.getroottree().getelementpath(element))
            _clamp_spans(twin)
            table = Table(twin, None)
            rows = [[_cell_text(cell._tc) for cell in row.cells] for row in table.rows]
        self.blocks.append(RawBlock("table", rows=rows, paragraph=self.paragraphs))


def _clamp_spans(table) -> None:
    for span in table.iter(w("gridSpan")):  # python-docx builds a list as long as the span claims
        span.set(w("val"), str(ooxml_int(span.get(w("val")), 1, 1, MAX_GRID_COLUMNS)))


def _grid_rows(table) -> list[list[str]]:
    """Cell text of each row as python-docx's `row.cells` lays it out (a horizontal span repeated, a
    vertically merged cell showing the text of the cell it continues), read from the XML in one pass.

    Raises ValueError where the grid does not resolve (a continued merge with no cell above it); the
    caller then asks python-docx, which decides how such a table reads."""
    rows = table.findall(_TR)
    texts: dict = {}  # w:tc → its text: each cell is read once however many grid columns it covers
    out: list[list[str]] = []
    for row_index, row in enumerate(rows):
        cells: list[str] = []
        for tc in row.iterchildren(_TC):
            span, merge = _cell_grid(tc)
            if merge == "continue":
                tc = _merge_root(rows, row_index, tc)
                span = _cell_grid(tc)[0]
            if tc not in texts:
                texts[tc] = _cell_text(tc)
            cells.extend([texts[tc]] * span)
        out.append(cells)
    return out


def _cell_grid(tc) -> tuple[int, str | None]:
    """A cell's grid columns (w:gridSpan, clamped before) and its vertical merge (w:vMerge: None, restart or continue)."""
    tcpr = first_child(tc, "tcPr")
    if tcpr is None:
        return 1, None
    span = merge = None
    for child in tcpr.iterchildren(_GRID_SPAN, _V_MERGE):  # the first of each, in one pass
        if child.tag == _GRID_SPAN:
            span = child if span is None else span
        elif merge is None:
            merge = child
    return (1 if span is None else int(span.get(_VAL)), None if merge is None else merge.get(_VAL, "continue"))


def _grid_before(row) -> int:
    trpr = first_child(row, "trPr")
    before = first_child(trpr, "gridBefore") if trpr is not None else None
    return 0 if before is None else int(before.get(_VAL))


def _merge_root(rows: list, row_index: int, tc):
    """The cell a vertical merge continues, found as python-docx finds it: same grid offset, row above."""
    while _cell_grid(tc)[1] == "continue":
        if row_index == 0:
            raise ValueError("no tr above topmost tr in w:tbl")
        offset = _grid_before(rows[row_index]) + sum(_cell_grid(cell)[0] for cell in tc.itersiblings(_TC, preceding=True))
        row_index -= 1
        tc = _tc_at_offset(rows[row_index], offset)
    return tc


def _tc_at_offset(row, offset: int):
    remaining = offset - _grid_before(row)
    for tc in row.iterchildren(_TC):
        if remaining < 0:
            break
        if remaining == 0:
            return tc
        remaining -= _cell_grid(tc)[0]
    raise ValueError(f"no `tc` element at grid_offset={offset}")


def _attach_captions(blocks: list[RawBlock]) -> list[RawBlock]:
    """Move a caption paragraph next to a figure into the figure's text."""
    out: list[RawBlock] = []
    for block in blocks:
        previous = out[-1] if out else None
        if block.kind == "paragraph" and previous and previous.kind == "figure" and not previous.text and _CAPTION.match(block.text):
            previous.text = block.text.strip()
            continue
        if block.kind == "figure" and previous and previous.kind == "paragraph" and _CAPTION.match(previous.text) and len(out) > 1:
            block.text = previous.text.strip()
        out.append(block)
    return out


def _main_parts(path: str) -> tuple[bytes, etree._Element | None, etree._Element | None]:
    """The main document part's XML, and its styles and numbering (None where absent) parsed, found through the
    package's relationships (python-docx's package reader) and parsed as python-docx parses them, but into plain
    lxml elements: lxml walks those several times faster than python-docx's element classes, and nothing else
    of the package is parsed."""
    package = PackageReader.from_file(path)
    blobs = {partname: blob for partname, _, _, blob in package.iter_sparts()}
    targets = {(source, rel.reltype): rel.target_partname for source, rel in package.iter_srels() if not rel.is_external}
    main = targets.get(("/", RT.OFFICE_DOCUMENT))
    if main is None or main not in blobs:
        raise KeyError("no main document part")

    def parsed(reltype: str):
        target = targets.get((main, reltype))
        return etree.fromstring(blobs[target], _PARSER) if target in blobs else None

    return blobs[main], parsed(RT.STYLES), parsed(RT.NUMBERING)


def read_docx(path: str) -> tuple[list[RawBlock], list[Notice]]:
    """Raw blocks of a .docx in reading order, and reading warnings.

    Every failure of python-docx or lxml on a damaged package becomes a CorruptFileError (or
    FileTooLargeError when memory runs out); nothing else leaves this function.
    """
    try:
        body, styles, numbering = _main_parts(path)
        walker = _Walker(body, styles, numbering)
        walker.walk(first_child(etree.fromstring(body, _PARSER), "body"))
    except PlancheckError:
        raise
    except MemoryError as error:
        raise FileTooLargeError("文件过大：读取 Word 文档所需内存超过上限", path) from error
    except RecursionError as error:
        raise CorruptFileError("文件结构异常：Word 文档的嵌套层次过深，无法读取", path) from error
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise CorruptFileError(f"文件已损坏：无法读取 Word 文档内容（{type(error).__name__}）", path) from error
    except Exception as error:  # noqa: BLE001 - python-docx raises anything on a damaged package
        raise CorruptFileError(f"文件已损坏：无法读取 Word 文档内容（{type(error).__name__}: {str(error)[:80]}）", path) from error
    blocks = _attach_captions(walker.blocks)
    figures = sum(1 for block in blocks if block.kind == "figure")
    warnings = [Notice("figures", f"文档含 {figures} 张图片，图片中的文字未读取")] if figures else []
    if walker.alt_chunks:
        warnings.append(Notice("alt_chunk", f"文档嵌入了 {walker.alt_chunks} 处外部内容（altChunk，如粘贴的网页或另一文档），"
                                            "其中的文字未读取，检查结论不完整。请在 Word 中将其转为普通文字后再检查", loss=True))
    return blocks, warnings
