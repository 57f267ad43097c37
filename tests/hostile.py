"""Hostile and broken inputs of issue 12, generated (never stored): used by the regression tests and by
benchmarks/fuzz.py. Each maker writes one file (or folder) under `directory` and returns its path.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="html" ContentType="application/xhtml+xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/>{extra}</Relationships>')

PLAN_LINES = ["某某镇突发事件总体应急预案", "一、总则", "（一）编制目的", "为了做好突发事件应对工作，保障人民群众生命财产安全。",
              "二、组织体系", "镇应急指挥部由镇长任总指挥。", "三、应急处置", "发生突发事件后，立即组织先期处置。"]


def paragraph(text: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f"<w:body>{body}</w:body></w:document>")


def numbering_xml(lvl: str, num_extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="1">{lvl}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="1"/>{num_extra}</w:num></w:numbering>')


def level(start: str = "1", fmt: str = "decimal", ilvl: str = "0", text: str = "%1、") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def numbered_body(ilvl: str = "0", count: int = 3) -> str:
    numpr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
    return "".join(paragraph(line, numpr if i % 2 else "") for i, line in enumerate(PLAN_LINES * count))


def write_docx(path: Path, body: str, numbering: str | None = None, extra_parts: dict[str, bytes] | None = None,
               extra_rels: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS.format(extra=extra_rels))
        archive.writestr("word/document.xml", document_xml(body))
        archive.writestr("word/numbering.xml", numbering or numbering_xml(level()))
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return path


def plain_docx(directory: Path, name: str = "plain.docx") -> Path:
    return write_docx(directory / name, "".join(paragraph(line) for line in PLAN_LINES))


# ---- numbering values that used to crash -------------------------------------------------------------

def numbering_case(start: str = "1", fmt: str = "decimal", ilvl: str = "0", outline: str | None = None,
                   para_ilvl: str | None = None) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        body = numbered_body(para_ilvl if para_ilvl is not None else ilvl)
        if outline is not None:
            body = paragraph("一、总则", f'<w:outlineLvl w:val="{outline}"/>') + body
        name = f"numbering-{fmt}-{start}-{ilvl}-{outline}.docx".replace("/", "_")
        return write_docx(directory / name, body, numbering_xml(level(start, fmt, ilvl)))
    return make


NUMBERING_CASES = {
    "start_abc": numbering_case(start="abc"),
    "ilvl_1.5": numbering_case(ilvl="1.5", para_ilvl="1.5"),
    "outlineLvl_superscript": numbering_case(outline="²"),
    "roman_5000": numbering_case(start="5000", fmt="upperRoman"),
    "chinese_17_digits": numbering_case(start="12345678901234567", fmt="chineseCounting"),
    "chinese_12_digits": numbering_case(start="999999999999", fmt="chineseCounting"),
    "negative_start": numbering_case(start="-5", fmt="chineseCounting"),
    "upper_letter_2e9": numbering_case(start="2000000000", fmt="upperLetter"),
    "start_override_abc": lambda d: write_docx(d / "override.docx", numbered_body(),
                                               numbering_xml(level(), '<w:lvlOverride w:ilvl="x"><w:startOverride w:val="1e9"/></w:lvlOverride>')),
}


def long_paragraph(directory: Path, chars: int = 148_000) -> Path:
    """One long paragraph of repeated sentences: quotes used to re-split it per match (quadratic)."""
    sentence = "镇应急指挥部负责组织演练和信息报告。"
    text = sentence * (chars // len(sentence))
    path = directory / "long.txt"
    path.write_text("\n".join(PLAN_LINES) + "\n" + text + "\n", "utf-8")
    return path


def alt_chunk(directory: Path) -> Path:
    body = "".join(paragraph(line) for line in PLAN_LINES) + '<w:altChunk r:id="rId20"/>'
    rel = ('<Relationship Id="rId20" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
           'Target="chunk.html"/>')
    return write_docx(directory / "altchunk.docx", body, extra_parts={"word/chunk.html": "<html><body><p>应急保障</p></body></html>"},
                      extra_rels=rel)


# ---- zip bombs and oversized packages --------------------------------------------------------------

def _bomb_stream(inflated: int, byte: bytes = b"\0") -> bytes:
    """A raw deflate stream inflating to `inflated` bytes, made in milliseconds (full flushes repeat)."""
    chunk = byte * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + again * (inflated // len(chunk) - 1) + compressor.flush()


def _raw_zip(members: list[tuple[str, bytes, int, int, int]], count_override: int | None = None) -> bytes:
    """A zip written by hand: (name, stored data, method, declared size, flags) per member; sizes may lie."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, declared, flags in members:
        offset = out.tell()
        encoded = name.encode()
        crc = zlib.crc32(data) if method == 0 else 0
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, len(data), declared, len(encoded), 0))
        out.write(encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc, len(data), declared,
                                  len(encoded), 0, 0, 0, 0, 0, offset))
        central.write(encoded)
    directory = central.getvalue()
    start = out.tell()
    out.write(directory)
    count = len(members) if count_override is None else count_override
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, 0xFFFF), min(count, 0xFFFF), len(directory), start, 0))
    return out.getvalue()


def lying_bomb_docx(directory: Path, inflated: int = 1024 ** 3) -> Path:
    """document.xml claims 1 MB and inflates to 1 GB."""
    base = plain_docx(directory, "base.docx")
    members = []
    with zipfile.ZipFile(base) as archive:
        for info in archive.infolist():
            if info.filename == "word/document.xml":
                members.append((info.filename, _bomb_stream(inflated), 8, 1024 * 1024, 0))
            else:
                members.append((info.filename, archive.read(info), 0, info.file_size, 0))
    path = directory / "lying_bomb.docx"
    path.write_bytes(_raw_zip(members))
    base.unlink()
    return path


def honest_bomb_docx(directory: Path, inflated: int = 1024 ** 3) -> Path:
    """document.xml declares its true inflated size of 1 GB."""
    base = plain_docx(directory, "base2.docx")
    members = []
    with zipfile.ZipFile(base) as archive:
        for info in archive.infolist():
            if info.filename == "word/document.xml":
                members.append((info.filename, _bomb_stream(inflated), 8, min(inflated, 0xFFFFFFFF), 0))
            else:
                members.append((info.filename, archive.read(info), 0, info.file_size, 0))
    path = directory / "honest_bomb.docx"
    path.write_bytes(_raw_zip(members))
    base.unlink()
    return path


def many_entries_docx(directory: Path, entries: int = 1_500_000) -> Path:
    """A zip with 1.5 M directory entries (all pointing at one tiny member)."""
    name = b"a"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, 1, 0) + name
    record = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0x21, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0) + name
    path = directory / "many_entries.docx"
    with open(path, "wb") as handle:
        handle.write(local)
        for _ in range(entries // 10_000):
            handle.write(record * 10_000)
        size = len(record) * (entries // 10_000) * 10_000
        # zip64 end records (the 16-bit count cannot say 1.5 M)
        zip64_at = len(local) + size
        handle.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, entries, entries, size, len(local)))
        handle.write(struct.pack("<IIQI", 0x07064B50, 0, zip64_at, 1))
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    return path


def big_document_xml(directory: Path, megabytes: int = 60) -> Path:
    """A valid .docx whose document.xml is 60 MB of ordinary paragraphs."""
    para = paragraph("镇应急指挥部负责组织协调本镇突发事件应对工作，各村（社区）按照职责做好先期处置。")
    count = megabytes * 1024 * 1024 // len(para.encode())
    path = directory / "big_document.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS.format(extra=""))
        archive.writestr("word/numbering.xml", numbering_xml(level()))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(document_xml("").split("<w:body>")[0].encode() + b"<w:body>")
            block = para.encode() * 1000
            for _ in range(count // 1000):
                member.write(block)
            member.write(b"</w:body></w:document>")
    return path


def encrypted_member_docx(directory: Path) -> Path:
    base = plain_docx(directory, "base3.docx")
    members = []
    with zipfile.ZipFile(base) as archive:
        for info in archive.infolist():
            members.append((info.filename, archive.read(info), 0, info.file_size, 1 if info.filename == "word/document.xml" else 0))
    path = directory / "encrypted_member.docx"
    path.write_bytes(_raw_zip(members))
    base.unlink()
    return path


def huge_grid_span_docx(directory: Path, span: str = "200000000") -> Path:
    """A table cell claiming to span 200 million grid columns."""
    table = (f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{paragraph("甲")}</w:tc>'
             f'<w:tc>{paragraph("乙")}</w:tc></w:tr><w:tr><w:tc>{paragraph("丙")}</w:tc></w:tr></w:tbl>')
    return write_docx(directory / "grid_span.docx", "".join(paragraph(line) for line in PLAN_LINES) + table)


def deep_xml_docx(directory: Path, depth: int = 5000) -> Path:
    body = "<w:sdt><w:sdtContent>" * depth + paragraph("总则") + "</w:sdtContent></w:sdt>" * depth
    return write_docx(directory / "deep.docx", body)


# ---- PDFs ------------------------------------------------------------------------------------------------

def write_pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """Objects 1..n as given, with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    path.write_bytes(out.getvalue())
    return path


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def self_referencing_form_pdf(directory: Path) -> Path:
    """A page drawing form 4, which draws itself."""
    return write_pdf(directory / "self_form.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /F1 4 0 R >> >> /Contents 5 0 R >>",
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /F1 4 0 R >> >>", b"/F1 Do"),
        _stream(b"", b"/F1 Do"),
    ])


def fanout_form_pdf(directory: Path, fanout: int = 4) -> Path:
    """Two forms drawing each other `fanout` times each: pdfium's recursion guard allows fanout ** depth draws."""
    draws = b" ".join([b"/A Do"] * fanout)
    resources = b"/Resources << /XObject << /A 4 0 R /B 5 0 R >> >>"
    return write_pdf(directory / "fanout_form.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + resources + b" /Contents 6 0 R >>",
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources, draws.replace(b"/A", b"/B")),
        _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources, draws),
        _stream(b"", b"BT /F1 12 Tf 72 712 Td (x) Tj ET /A Do"),
    ])


def nested_image_pdf(directory: Path, depth: int = 3) -> Path:
    """A page whose only content is an image nested `depth` form XObjects deep (a scan with no text)."""
    image = _stream(b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
                    b"\x00\xff\xff\x00")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>",
               _stream(b"", b"q 500 0 0 700 40 60 cm /X Do Q")]
    first_form = 5
    for index in range(depth):
        number = first_form + index
        child = number + 1
        objects.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X %d 0 R >> >>" % child,
                               b"/X Do"))
    objects.append(image)
    return write_pdf(directory / f"nested_image_{depth}.pdf", objects)


def many_pages_pdf(directory: Path, pages: int = 100_000) -> Path:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    return write_pdf(directory / "many_pages.pdf", objects)


def stream_bomb_pdf(directory: Path, inflated: int = 1024 ** 3) -> Path:
    """A ~1 MB PDF whose page content stream inflates to 1 GB of spaces."""
    data = zlib.compress(b"")[:2] + _bomb_stream(inflated, b" ")  # zlib header + raw deflate
    return write_pdf(directory / "stream_bomb.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"/Filter /FlateDecode", data)])


def broken_page_pdf(directory: Path) -> Path:
    """Two pages; the second is not a dictionary, so pdfium fails to load it."""
    return write_pdf(directory / "broken_page.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", b"(not a page)"])


def truncated_pdf(directory: Path, keep: float = 0.98) -> Path:
    data = (EXAMPLES / "township_strong.pdf").read_bytes()
    path = directory / "truncated.pdf"
    path.write_bytes(data[:int(len(data) * keep)])
    return path


# ---- text ------------------------------------------------------------------------------------------------

def mixed_encoding_txt(directory: Path) -> Path:
    path = directory / "mixed.txt"
    lines = [line.encode("utf-8") for line in PLAN_LINES]
    lines[3] = PLAN_LINES[3].encode("gb18030")
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    return path


def big_txt(directory: Path, megabytes: int = 20) -> Path:
    path = directory / "big.txt"
    line = ("镇应急指挥部负责组织协调本镇突发事件应对工作。" * 4 + "\n").encode()
    with open(path, "wb") as handle:
        handle.write(line * (megabytes * 1024 * 1024 // len(line)))
    return path


def control_sequences_txt(directory: Path) -> Path:
    path = directory / "ansi.txt"
    text = "\n".join(PLAN_LINES) + "\n电话：\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil/\x1b\\点我\x1b]8;;\x1b\\ <script>alert(1)</script> | a | b\n"
    path.write_text(text, "utf-8")
    return path


# ---- bundles ---------------------------------------------------------------------------------------------

def bundle_zip_with(directory: Path, extra: list[tuple[str, bytes]], corrupt: str | None = None) -> Path:
    """examples/bundle_weak as a zip, plus `extra` members; `corrupt` names a member whose data is damaged."""
    path = directory / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((EXAMPLES / "bundle_weak").iterdir()):
            archive.write(file, f"bundle/{file.name}")
        for name, data in extra:
            archive.writestr(name, data)
    if corrupt:
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(corrupt)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for i in range(start + 10, start + min(info.compress_size, 400)):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
    return path


def escaping_bundle(directory: Path) -> Path:
    return bundle_zip_with(directory, [("../x.docx", plain_docx(directory).read_bytes()),
                                       ("/abs/x.docx", plain_docx(directory).read_bytes())])


def corrupt_member_bundle(directory: Path) -> Path:
    return bundle_zip_with(directory, [("bundle/值班表.txt", ("值班安排表\n" * 200).encode())], corrupt="bundle/值班表.txt")


def symlink_bundle(directory: Path) -> Path:
    folder = directory / "bundle_link"
    folder.mkdir()
    for file in (EXAMPLES / "bundle_weak").iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    secret = directory / "outside.txt"
    secret.write_text("应急演练记录：2026年4月组织防汛演练，参加人员50人。\n" * 5, "utf-8")
    os.symlink(secret, folder / "演练记录.txt")
    return folder


# ---- rule sets ---------------------------------------------------------------------------------------

def catastrophic_regex_overlay(directory: Path) -> Path:
    """A full rule set (copy of township) with one rule whose pattern backtracks catastrophically."""
    import yaml

    data = yaml.safe_load((ROOT / "standards" / "township.yaml").read_text("utf-8"))
    data["include"] = [str(ROOT / "standards" / name) for name in (data.get("include") or [])]
    for rule, pattern in zip(data["rules"][:2], ["(a+)+$", "(a|aa)+$"]):
        rule.pop("within", None)
        rule.pop("applies_if", None)
        rule["require"] = [{"label": "灾难性回溯", "pattern": {"regex": pattern, "at_least": 1}}]
    path = directory / "evil.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def backtracking_plan(directory: Path) -> Path:
    """A plan whose text makes the patterns of catastrophic_regex_overlay backtrack."""
    path = directory / "aaaa.txt"
    path.write_text("\n".join(PLAN_LINES) + "\n" + ("a" * 60 + "!\n") * 3, "utf-8")
    return path


def anchor_bomb_overlay(directory: Path, levels: int = 9) -> Path:
    lines = ["extends: township", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    lines += [f"params: {{drills_per_year: *a{levels - 1}}}"]
    path = directory / "anchors.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def dev_zero_include(directory: Path) -> Path:
    path = directory / "zero.yaml"
    path.write_text("include: [/dev/zero]\nid: x\n", "utf-8")
    return path


DOCUMENT_CASES: dict[str, Callable[[Path], Path]] = {
    **{f"numbering_{name}": maker for name, maker in NUMBERING_CASES.items()},
    "long_paragraph": long_paragraph,
    "alt_chunk": alt_chunk,
    "lying_bomb_docx": lying_bomb_docx,
    "honest_bomb_docx": honest_bomb_docx,
    "many_entries_docx": many_entries_docx,
    "big_document_xml": big_document_xml,
    "encrypted_member_docx": encrypted_member_docx,
    "deep_xml_docx": deep_xml_docx,
    "huge_grid_span_docx": huge_grid_span_docx,
    "self_referencing_form_pdf": self_referencing_form_pdf,
    "nested_image_pdf": nested_image_pdf,
    "fanout_form_pdf": fanout_form_pdf,
    "many_pages_pdf": many_pages_pdf,
    "stream_bomb_pdf": stream_bomb_pdf,
    "broken_page_pdf": broken_page_pdf,
    "truncated_pdf": truncated_pdf,
    "mixed_encoding_txt": mixed_encoding_txt,
    "big_txt": big_txt,
    "control_sequences_txt": control_sequences_txt,
}
BUNDLE_CASES: dict[str, Callable[[Path], Path]] = {
    "escaping_bundle": escaping_bundle,
    "corrupt_member_bundle": corrupt_member_bundle,
    "symlink_bundle": symlink_bundle,
}
RULESET_CASES: dict[str, Callable[[Path], Path]] = {
    "catastrophic_regex": catastrophic_regex_overlay,
    "anchor_bomb": anchor_bomb_overlay,
    "dev_zero_include": dev_zero_include,
}
