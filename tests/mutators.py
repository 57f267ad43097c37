"""Byte- and XML-level mutators of the shipped examples, for the property tests and benchmarks/fuzz.py.

Each mutator takes a `random.Random` and the original bytes and returns damaged bytes. The XML
mutators rewrite one part of a .docx (document.xml, numbering.xml, styles.xml) and keep the zip valid,
so python-docx and the numbering engine see hostile values rather than a broken package.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = {
    "docx": [EXAMPLES / "township_strong.docx", EXAMPLES / "township_weak.docx", EXAMPLES / "village.docx"],
    "pdf": [EXAMPLES / "township_strong.pdf"],
}
HOSTILE_VALUES = ["abc", "1.5", "²", "-1", "-2147483649", "99999999999999999999", "2000000000", "", " ", "0x10", "١", "NaN",
                  "5000", "9", "10", "-5", "1e9", "\u202e", "true"]
XML_PARTS = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]


# ---- bytes ----------------------------------------------------------------------------------------------

def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randint(0, len(data) - 1)]


def cut_tail(rng: random.Random, data: bytes) -> bytes:
    return data[:int(len(data) * rng.uniform(0.9, 0.999))]


def splice(rng: random.Random, data: bytes) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    c = rng.randrange(len(data))
    return data[:c] + data[a:b] + data[c:]


def zero_block(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    size = rng.randint(1, 4096)
    return data[:start] + b"\0" * size + data[start + size:]


BYTE_MUTATORS: list[Callable[[random.Random, bytes], bytes]] = [flip_bytes, truncate, cut_tail, splice, zero_block]


# ---- XML inside a .docx ---------------------------------------------------------------------------------

def _rewrite(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                content = change(content.decode("utf-8", "replace")).encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


_VALUE = re.compile(r'(w:(?:val|ilvl|numId|abstractNumId|styleId)=")([^"]*)(")')


def hostile_attribute(rng: random.Random, data: bytes) -> bytes:
    """Replace some w:val / w:ilvl / w:numId values with hostile strings."""
    def change(xml: str) -> str:
        matches = list(_VALUE.finditer(xml))
        if not matches:
            return xml
        for match in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 8))), key=lambda m: -m.start()):
            xml = xml[:match.start(2)] + rng.choice(HOSTILE_VALUES) + xml[match.end(2):]
        return xml
    return _rewrite(data, rng.choice(XML_PARTS), change)


_ELEMENT = re.compile(r"<(w:(?:p|r|t|tbl|tr|tc|lvl|num|abstractNum|style|pPr|numPr|sdt))\b[^>]*?(?:/>|>.*?</\1>)", re.S)


def drop_or_duplicate_element(rng: random.Random, data: bytes) -> bytes:
    def change(xml: str) -> str:
        matches = list(_ELEMENT.finditer(xml))
        if not matches:
            return xml
        match = rng.choice(matches)
        piece = match.group(0)
        if rng.random() < 0.5:
            return xml[:match.start()] + xml[match.end():]
        return xml[:match.end()] + piece * rng.randint(1, 50) + xml[match.end():]
    return _rewrite(data, rng.choice(XML_PARTS), change)


def break_xml(rng: random.Random, data: bytes) -> bytes:
    def change(xml: str) -> str:
        at = rng.randrange(len(xml))
        return xml[:at] + rng.choice(["<", "&", "</w:body>", "<w:p>", "\x00", "]]>", "<!DOCTYPE x [<!ENTITY a 'b'>]>"]) + xml[at:]
    return _rewrite(data, rng.choice(XML_PARTS), change)


def inject_text(rng: random.Random, data: bytes) -> bytes:
    payload = rng.choice(["\x1b[2J\x1b]0;x\x07", "<script>alert(1)</script>", "[x](javascript:alert(1))", "a|b|c",
                          "\u202e\u2066", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "。" * 2000, "一、" * 500])

    def change(xml: str) -> str:
        spots = [m.end() for m in re.finditer(r"<w:t(?: [^>]*)?>", xml)]
        if not spots:
            return xml
        at = rng.choice(spots)
        escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        escaped = "".join(ch for ch in escaped if ch in "\t\n\r" or ord(ch) >= 0x20)
        return xml[:at] + escaped + xml[at:]
    return _rewrite(data, "word/document.xml", change)


def numbering_values(rng: random.Random, data: bytes) -> bytes:
    """Give every list level a hostile start value and format."""
    formats = ["upperLetter", "lowerRoman", "upperRoman", "chineseCounting", "chineseLegalSimplified", "ideographDigital",
               "decimalEnclosedCircle", "decimalFullWidth", "bullet", "none", "nonsense"]

    def change(xml: str) -> str:
        xml = re.sub(r'(<w:start w:val=")[^"]*(")', lambda m: m.group(1) + rng.choice(HOSTILE_VALUES) + m.group(2), xml)
        return re.sub(r'(<w:numFmt w:val=")[^"]*(")', lambda m: m.group(1) + rng.choice(formats) + m.group(2), xml)
    return _rewrite(data, "word/numbering.xml", change)


XML_MUTATORS: list[Callable[[random.Random, bytes], bytes]] = [hostile_attribute, drop_or_duplicate_element, break_xml,
                                                                inject_text, numbering_values]


# ---- text -------------------------------------------------------------------------------------------------

def text_seed() -> bytes:
    import docx

    document = docx.Document(str(EXAMPLES / "township_strong.docx"))
    return "\n".join(p.text for p in document.paragraphs).encode("utf-8")


def mixed_encoding(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(lines))
        lines[i] = lines[i].decode("utf-8", "replace").encode(rng.choice(["gb18030", "big5", "utf-16-le", "latin-1"]), "replace")
    prefix = rng.choice([b"", b"\xef\xbb\xbf"])
    return prefix + b"\n".join(lines)


TEXT_MUTATORS = [mixed_encoding, flip_bytes, truncate, splice]


def mutate(kind: str, rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """One random mutation of `data` (a seed of `kind`): (mutator name, damaged bytes)."""
    pool = {"docx": BYTE_MUTATORS + XML_MUTATORS * 2, "pdf": BYTE_MUTATORS, "text": TEXT_MUTATORS}[kind]
    mutator = rng.choice(pool)
    try:
        out = mutator(rng, data)
    except (zipfile.BadZipFile, KeyError, ValueError):
        out = flip_bytes(rng, data)
    if rng.random() < 0.2 and kind != "docx":
        out = rng.choice(pool)(rng, out) if out else out
    return mutator.__name__, out or b"x"
