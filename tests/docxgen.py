"""Write test and example .docx files from a small line format, the way Word and WPS store them.

Line format:
  =标题            centred bold title
  # 总则           heading level 1 (## level 2, ### level 3), Word heading styles
  | a | b |        table row (consecutive rows form one table)
  [textbox] 文字   a paragraph whose text sits in a floating text box (with the mc:Fallback copy)
  [image] 图1 说明  a picture followed by its caption
  other            a body paragraph
With auto_number=True, heading numbers are not written: Word automatic numbering renders
them (一、 / （一） / 1.) through numbering.xml, as in real township files.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ABSTRACT_ID, NUM_ID = "90", "90"
LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def add_numbering(document, levels=LEVELS, abstract_id: str = ABSTRACT_ID, num_id: str = NUM_ID,
                  start_override: int | None = None, suffix: str = "nothing") -> str:
    """Define a multi-level list in numbering.xml and return its numId (suffix: tab, space or nothing)."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="{suffix}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
                if start_override else "")
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))
    return num_id


def set_numbering(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_textbox(paragraph, text: str) -> None:
    """A DrawingML text box with its VML fallback copy, as Word writes it."""
    body = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    xml = (
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx>{body}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{body}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def write_docx(path: str | Path, text: str, *, auto_number: bool = False) -> Path:
    """Write `text` (line format above) to a .docx and return its path."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    num_id = add_numbering(document) if auto_number else None
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if table_rows:
            width = max(len(row) for row in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(table_rows):
                for c, cell in enumerate(row):
                    table.rows[r].cells[c].text = cell
            table_rows.clear()

    for line in text.strip().splitlines():
        line = line.strip()
        if line.startswith("|"):
            table_rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("="):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(line[1:].strip())
            run.bold = True
            run.font.size = Pt(18)
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            paragraph = document.add_heading(line.lstrip("#").strip(), level)
            if num_id:
                set_numbering(paragraph, num_id, level - 1)
        elif line.startswith("[textbox]"):
            add_textbox(document.add_paragraph(), line[len("[textbox]"):].strip())
        elif line.startswith("[image]"):
            document.add_picture(io.BytesIO(tiny_png()))
            document.add_paragraph(line[len("[image]"):].strip())
        else:
            document.add_paragraph(line)
    flush_table()
    path = Path(path)
    document.save(path)
    return path
