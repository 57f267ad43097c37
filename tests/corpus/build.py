"""Render the labelled plan corpus (tests/corpus/plans/*.txt) into the formats plans arrive in.

Standalone: needs python-docx (and soffice for the pdf variant), never imports plancheck.

    python tests/corpus/build.py OUT_DIR [ID ...]     render every plan in every variant its yaml lists

Library use:
    render(source, variant, out_dir) -> Path          one plan, one variant
    truth(source) -> {"title": [...], "headings": [(level, text)], "contents": [...]}
    variants_of(source) -> list of variant names from the plan's yaml

Source markup (one paragraph per line, see README.md):
    = 文字                    cover / document title line
    # … ####  标题            true heading, level 1–4; visible text keeps its typed number
    ## {（二）适用范围}。正文  inline heading: braced part is the heading, braces are not rendered
    |a|b|c|                   table row (consecutive rows form one table, first row is the header)
    @toc … @endtoc            typed contents list (first line is the 目录 title); never headings
    @image 图1 说明           picture placeholder with its caption
    anything else             body paragraph
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"

VARIANTS = ("docx-typed", "docx-styles", "docx-auto", "docx-tocfield",
            "txt-utf8", "txt-gb18030", "txt-wrapped", "pdf")
EXTENSIONS = {"txt-utf8": ".txt", "txt-gb18030": ".txt", "txt-wrapped": ".txt", "pdf": ".pdf"}

WRAP_WIDTH = 35
LINES_PER_PAGE = 40


class SofficeMissing(RuntimeError):
    """LibreOffice is not installed, so the pdf variant cannot be made (tests turn this into a skip)."""


# --------------------------------------------------------------------------- parsing

@dataclass
class Block:
    kind: str                      # title | heading | para | table | toc | image
    text: str = ""                 # rendered text (braces removed)
    level: int = 0                 # heading level
    head: str = ""                 # heading part (the braced part for inline headings)
    rest: str = ""                 # body part of an inline heading
    rows: list[list[str]] = field(default_factory=list)   # table rows / toc lines


HEADING_RE = re.compile(r"^(#{1,4}) (.*)$")
INLINE_RE = re.compile(r"^\{([^{}]+)\}(.*)$")


def parse(source: Path | str) -> list[Block]:
    text = Path(source).read_text(encoding="utf-8")
    blocks: list[Block] = []
    table: list[list[str]] = []
    toc: list[str] | None = None

    def flush() -> None:
        if table:
            blocks.append(Block("table", rows=[r[:] for r in table]))
            table.clear()

    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if toc is not None:
            if line.strip() == "@endtoc":
                blocks.append(Block("toc", rows=[[t] for t in toc]))
                toc = None
            elif line.strip():
                toc.append(line.rstrip())
            continue
        line = line.strip()
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            table.append([c.strip() for c in line[1:-1].split("|")])
            continue
        flush()
        if not line:
            continue
        if line == "@toc":
            toc = []
        elif line.startswith("@image"):
            blocks.append(Block("image", text=line[len("@image"):].strip()))
        elif line.startswith("="):
            blocks.append(Block("title", text=line[1:].strip()))
        elif (m := HEADING_RE.match(line)):
            level, body = len(m.group(1)), m.group(2).strip()
            if (mi := INLINE_RE.match(body)):
                head, rest = mi.group(1), mi.group(2)
            else:
                head, rest = body, ""
            blocks.append(Block("heading", text=head + rest, level=level, head=head, rest=rest))
        else:
            blocks.append(Block("para", text=line))
    flush()
    if toc is not None:
        raise ValueError(f"{source}: @toc without @endtoc")
    return blocks


TOC_TITLE_RE = re.compile(r"^目\s*录$")


def truth(source: Path | str) -> dict:
    """What a reader sees: title lines, true headings (level, visible heading text), contents entries.

    `contents` holds the typed contents lines exactly as typed, without the `目录` title line.
    """
    blocks = parse(Path(source))
    contents: list[str] = []
    for b in blocks:
        if b.kind == "toc":
            contents.extend(r[0] for r in b.rows if not TOC_TITLE_RE.match(r[0].strip()))
    return {
        "title": [b.text for b in blocks if b.kind == "title"],
        "headings": [(b.level, b.head) for b in blocks if b.kind == "heading"],
        "contents": contents,
    }


def variants_of(source: Path) -> list[str]:
    import yaml

    meta = yaml.safe_load(Path(source).with_suffix(".yaml").read_text(encoding="utf-8"))
    return list(meta.get("variants") or [])


# --------------------------------------------------------------------------- docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FONTS = {1: ("黑体", 16), 2: ("楷体", 15), 3: ("仿宋", 14), 4: ("仿宋", 14)}
BODY_FONT = ("仿宋", 14)


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _set_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _new_document():
    import docx
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_FONT[1])
    normal.font.name = BODY_FONT[0]
    return document


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(width):
            cell_text = row[c] if c < len(row) else ""
            cell = table.rows[r].cells[c]
            parts = cell_text.split("<br>")
            cell.text = parts[0]
            for extra in parts[1:]:                     # several numbers on separate lines in one cell
                cell.add_paragraph(extra)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _add_image(document, caption: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document.add_picture(io.BytesIO(_flow_png(caption)), width=Cm(12))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = document.add_paragraph(caption)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _flow_png(caption: str) -> bytes:
    """A small drawn flow chart (boxes and arrows, no text) so the picture is a real image."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:   # a 1x1 white PNG
        return bytes.fromhex(
            "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
            "53de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4f20000000049454e44ae426082")
    img = Image.new("RGB", (480, 120), "white")
    d = ImageDraw.Draw(img)
    for i in range(6):
        x = 10 + i * 78
        d.rectangle([x, 40, x + 60, 80], outline="black", width=2)
        if i < 5:
            d.line([x + 60, 60, x + 78, 60], fill="black", width=2)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _title(document, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run(text), "方正小标宋简体", 22, True)


def _typed_heading(document, b: Block, outline: bool = False):
    """Bold plain paragraph in 黑体/楷体: the common way townships type headings (no heading style)."""
    p = document.add_paragraph()
    font, size = FONTS[b.level]
    _set_font(p.add_run(b.head), font, size, True)
    if b.rest:
        _set_font(p.add_run(b.rest), BODY_FONT[0], BODY_FONT[1], False)
    if outline:
        ppr = p._p.get_or_add_pPr()
        ppr.append(_parse(f'<w:outlineLvl {W} w:val="{b.level - 1}"/>'))
    return p


def _parse(xml: str):
    from docx.oxml import parse_xml

    return parse_xml(xml)


def _toc_plain(document, b: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for i, (line,) in enumerate(b.rows):
        p = document.add_paragraph(line)
        if i == 0 and TOC_TITLE_RE.match(line.strip()):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                _set_font(run, "黑体", 16, True)


def _page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- automatic numbering -----------------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"


def cn_to_int(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (CN_DIGITS.index(a) if a else 1) * 10 + (CN_DIGITS.index(b) if b else 0)
    return CN_DIGITS.index(s)


CN = "[一二三四五六七八九十]+"
FAMILIES = [   # (name, regex on the heading text, numFmt, lvlText template with {n} for the level)
    ("cn-dun", re.compile(rf"^({CN})、"), "chineseCounting", "%{n}、"),
    ("cn-paren", re.compile(rf"^[（(]({CN})[）)]"), "chineseCounting", "（%{n}）"),
    ("cn-chapter", re.compile(rf"^第({CN})章"), "chineseCounting", "第%{n}章"),
    ("dec-multi", re.compile(r"^(\d+(?:\.\d+)+)(?=\s)"), "decimal", None),
    ("dec-dot", re.compile(r"^(\d+)\.(?!\d)"), "decimal", "%{n}."),
    ("dec-dun", re.compile(r"^(\d+)、"), "decimal", "%{n}、"),
    ("dec-paren", re.compile(r"^[（(](\d+)[）)]"), "decimal", "（%{n}）"),
    ("dec-bare", re.compile(r"^(\d+)(?=\s)"), "decimal", "%{n}"),
]


def _family(text: str):
    for fam in FAMILIES:
        m = fam[1].match(text)
        if m:
            return fam, m
    return None, None


def _number_value(fam, m) -> list[int]:
    g = m.group(1)
    if fam[2] == "chineseCounting":
        return [cn_to_int(g)]
    return [int(x) for x in g.split(".")]


def _auto_numbering(document, blocks: list[Block]):
    """Decide per heading level which numbering family the plan uses; return {block index: (ilvl, stripped head)}.

    A heading whose typed number does not fit its level's family keeps its typed text (e.g. 附件1 …).
    Raises ValueError if a heading fits the family but its number disagrees with Word's counter, so a
    plan is only listed with docx-auto when auto-numbering reproduces exactly what the reader sees.
    """
    level_family: dict[int, tuple] = {}
    level_suffix: dict[int, str] = {}
    for b in blocks:
        if b.kind != "heading" or b.level in level_family:
            continue
        fam, m = _family(b.head)
        if fam is None:
            continue
        if fam[0] == "dec-bare" and b.level > 1:
            continue
        if fam[0] == "dec-multi" and len(_number_value(fam, m)) != b.level:
            continue
        level_family[b.level] = fam
        level_suffix[b.level] = "space" if b.head[m.end():m.end() + 1].isspace() else "nothing"
    multi = any(f[0] == "dec-multi" for f in level_family.values())
    if multi and level_family.get(1, (None,))[0] == "dec-bare":
        pass
    counters = [0, 0, 0, 0, 0]
    plan: dict[int, tuple[int, str]] = {}
    for i, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        fam = level_family.get(b.level)
        if fam is None:
            continue
        m = fam[1].match(b.head)
        if not m:
            continue
        lvl = b.level - 1
        counters[lvl] += 1
        for deeper in range(lvl + 1, len(counters)):
            counters[deeper] = 0
        value = _number_value(fam, m)
        expected = counters[:lvl + 1] if fam[0] == "dec-multi" or (multi and fam[0] == "dec-bare") else [counters[lvl]]
        if value != expected[-len(value):] or (fam[0] == "dec-multi" and value != expected):
            raise ValueError(f"docx-auto: heading {b.head!r} is numbered {value}, Word would show {expected}")
        plan[i] = (lvl, b.head[m.end():].lstrip(" \u3000"))
    lvls = []
    for level in range(1, 5):
        fam = level_family.get(level)
        if fam is None:
            fmt, text = "decimal", "%" + str(level) + "."
        elif fam[0] == "dec-multi" or (multi and fam[0] == "dec-bare"):
            fmt, text = "decimal", ".".join(f"%{k}" for k in range(1, level + 1))
        else:
            fmt, text = fam[2], fam[3].format(n=level)
        suff = level_suffix.get(level, "nothing")
        lvls.append(
            f'<w:lvl w:ilvl="{level - 1}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="{suff}"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>')
    numbering = document.part.numbering_part.element
    numbering.insert(0, _parse(f'<w:abstractNum {W} w:abstractNumId="71">'
                               f'<w:multiLevelType w:val="multilevel"/>{"".join(lvls)}</w:abstractNum>'))
    numbering.append(_parse(f'<w:num {W} w:numId="71"><w:abstractNumId w:val="71"/></w:num>'))
    return plan


# --- TOC field -----------------------------------------------------------------------

PAGE_RES = [
    re.compile(r"^(?P<t>.*?)\s*[.．…·。_]{2,}\s*(?P<p>\d+)\s*$"),
    re.compile(r"^(?P<t>.*?)\t+(?P<p>\d+)\s*$"),
    re.compile(r"^(?P<t>.*?)\s*[-—－]+\s*(?P<p>\d+)\s*[-—－]+\s*$"),
    re.compile(r"^(?P<t>.*?)\s+(?P<p>\d+)\s*$"),
]


def split_toc_line(line: str) -> tuple[str, str | None]:
    for rx in PAGE_RES:
        m = rx.match(line)
        if m and m.group("t").strip():
            return m.group("t").strip(), m.group("p")
    return line.strip(), None


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _ensure_toc_styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    names = {s.name for s in document.styles}
    for level in (1, 2, 3):
        name = f"toc {level}"
        if name in names or f"TOC {level}" in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(f"{{{W_NS}}}styleId", f"TOC{level}")
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Pt(21 * (level - 1))


def _toc_field(document, b: Block, anchors: dict[str, tuple[int, str]]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _ensure_toc_styles(document)
    lines = [r[0] for r in b.rows]
    if lines and TOC_TITLE_RE.match(lines[0].strip()):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(lines[0].strip()), "黑体", 16, True)
        lines = lines[1:]
    body = document.element.body
    page = 1
    for i, line in enumerate(lines):
        text, number = split_toc_line(line)
        level, anchor = anchors.get(_norm(text), (1, None))
        if number is None:
            number = str(page)
        page = int(number) + 1
        level = min(level, 3)
        head = ""
        if i == 0:
            head = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        anchor = anchor or f"_Toc9{i:04d}"
        runs = (f'<w:r><w:t xml:space="preserve">{_xml_escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {anchor} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r><w:t>{number}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
        xml = (f'<w:p {W} {R_NS}><w:pPr><w:pStyle w:val="TOC{level}"/>'
               '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>'
               f'{head}<w:hyperlink w:anchor="{anchor}" w:history="1">{runs}</w:hyperlink></w:p>')
        body.append(_parse(xml))
    body.append(_parse(f'<w:p {W}><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))
    # python-docx appends before sectPr only through add_paragraph; move sectPr back to the end
    sect = body.find(f"{{{W_NS}}}sectPr")
    if sect is not None:
        body.remove(sect)
        body.append(sect)


def _bookmark(paragraph, bid: int, name: str) -> None:
    p = paragraph._p
    start = _parse(f'<w:bookmarkStart {W} w:id="{bid}" w:name="{name}"/>')
    end = _parse(f'<w:bookmarkEnd {W} w:id="{bid}"/>')
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


# --- the docx variants -----------------------------------------------------------------

def render_docx(source: Path, variant: str, path: Path) -> Path:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    blocks = parse(source)
    document = _new_document()
    auto = _auto_numbering(document, blocks) if variant == "docx-auto" else {}
    anchors: dict[str, tuple[int, str]] = {}
    if variant == "docx-tocfield":
        for n, b in enumerate(x for x in blocks if x.kind == "heading"):
            anchors.setdefault(_norm(b.head), (b.level, f"_Toc{100000 + n}"))
    heading_no = 0
    marked: set[str] = set()
    seen_body = False
    for i, b in enumerate(blocks):
        if b.kind == "title":
            _title(document, b.text)
        elif b.kind == "para":
            p = document.add_paragraph(b.text)
            if re.match(r"^(中共)?\S{2,24}(人民政府|委员会|办事处|党委|工委)$", b.text) and seen_body:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif re.match(r"^(二〇|20)\S{2,4}年\S{1,3}月(\S{1,3}日)?$", b.text):
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.kind == "table":
            _add_table(document, b.rows)
        elif b.kind == "image":
            _add_image(document, b.text)
        elif b.kind == "toc":
            if variant == "docx-tocfield":
                _toc_field(document, b, anchors)
            else:
                _toc_plain(document, b)
            _page_break(document)
        elif b.kind == "heading":
            seen_body = True
            if variant == "docx-styles" and not b.rest:
                p = document.add_heading(b.head, b.level)
            elif variant == "docx-auto" and i in auto:
                lvl, stripped = auto[i]
                p = _typed_heading(document, Block("heading", level=b.level, head=stripped, rest=b.rest))
                p._p.get_or_add_pPr().append(
                    _parse(f'<w:numPr {W}><w:ilvl w:val="{lvl}"/><w:numId w:val="71"/></w:numPr>'))
            else:
                p = _typed_heading(document, b, outline=(variant == "docx-tocfield"))
            if variant == "docx-tocfield":
                _, name = anchors[_norm(b.head)]
                if name not in marked:                       # bookmark the first occurrence only
                    _bookmark(p, 1000 + heading_no, name)
                    marked.add(name)
            heading_no += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


# --------------------------------------------------------------------------- text variants

def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _aligned(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    rows = [[c.replace("<br>", "/") for c in r] + [""] * (width - len(r)) for r in rows]
    cols = [max(_width(r[c]) for r in rows) for c in range(width)]
    return ["  ".join(r[c] + " " * (cols[c] - _width(r[c])) for c in range(width)).rstrip() for r in rows]


def text_lines(source: Path, variant: str) -> list[str]:
    out: list[str] = []
    for b in parse(source):
        if b.kind == "table":
            if variant == "txt-gb18030":
                out.extend(_aligned(b.rows))
            elif variant == "txt-wrapped":
                out.extend(" ".join(c.replace("<br>", " ") for c in r) for r in b.rows)
            else:
                out.extend("\t".join(c.replace("<br>", "、") for c in r) for r in b.rows)
        elif b.kind == "toc":
            out.extend(r[0] for r in b.rows)
        else:
            out.append(b.text)
    if variant == "txt-wrapped":
        wrapped: list[str] = []
        for line in out:
            while len(line) > WRAP_WIDTH:
                wrapped.append(line[:WRAP_WIDTH])
                line = line[WRAP_WIDTH:]
            wrapped.append(line)
        out, page = [], 1
        for n, line in enumerate(wrapped, 1):
            out.append(line)
            if n % LINES_PER_PAGE == 0:
                out.append(f"- {page} -")
                page += 1
        out.append(f"- {page} -")
    return out


# --------------------------------------------------------------------------- pdf

def render_pdf(source: Path, path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SofficeMissing("soffice (LibreOffice) not found: the pdf variant cannot be rendered")
    with tempfile.TemporaryDirectory(prefix="corpus_pdf_") as tmp:
        tmp_path = Path(tmp)
        docx_path = render_docx(source, "docx-typed", tmp_path / (path.stem + ".docx"))
        profile = tmp_path / "lo_profile"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
        made = tmp_path / (path.stem + ".pdf")
        if not made.exists():
            raise RuntimeError(f"soffice failed for {source.name}: {result.stdout} {result.stderr}")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, path)
    return path


# --------------------------------------------------------------------------- entry points

def output_name(source: Path, variant: str) -> str:
    return f"{Path(source).stem}-{variant}{EXTENSIONS.get(variant, '.docx')}"


def render(source: Path, variant: str, out_dir: Path) -> Path:
    """Render one plan source in one variant into out_dir and return the written file."""
    source, out_dir = Path(source), Path(out_dir)
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; known: {', '.join(VARIANTS)}")
    path = out_dir / output_name(source, variant)
    out_dir.mkdir(parents=True, exist_ok=True)
    if variant.startswith("docx-"):
        return render_docx(source, variant, path)
    if variant == "pdf":
        return render_pdf(source, path)
    text = "\n".join(text_lines(source, variant)) + "\n"
    path.write_bytes(text.encode("gb18030" if variant == "txt-gb18030" else "utf-8"))
    return path


def sources(ids: list[str] | None = None) -> list[Path]:
    found = sorted(p for p in PLANS.glob("*.txt") if p.with_suffix(".yaml").exists())
    return [p for p in found if not ids or p.stem in ids]


def verify(path: Path) -> str:
    """Open what was written the way a reader would; return a one-line note."""
    if path.suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        return f"{len(d.paragraphs)} paragraphs, {len(d.tables)} tables"
    if path.suffix == ".pdf":
        try:
            import pypdfium2 as pdfium
        except ImportError:
            if shutil.which("pdftotext"):
                out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
                return f"{len(out)} chars of text (pdftotext)"
            return "pdf written (no text extractor available)"
        pdf = pdfium.PdfDocument(str(path))
        chars = sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
        return f"{len(pdf)} pages, {chars} chars of text"
    return f"{len(path.read_bytes())} bytes"


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    out_dir, ids = Path(argv[0]), argv[1:]
    failures = 0
    for src in sources(ids or None):
        for variant in variants_of(src):
            try:
                path = render(src, variant, out_dir)
                print(f"{path.name}: {verify(path)}")
            except SofficeMissing as exc:
                print(f"{src.stem} {variant}: SKIPPED ({exc})")
            except Exception as exc:  # noqa: BLE001 - report and continue with the other plans
                failures += 1
                print(f"{src.stem} {variant}: FAILED {type(exc).__name__}: {exc}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
