"""Re-join lines that a PDF or a hard-wrapped text file broke inside a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import squeeze
from .numbers import parse, starts_numbered
from .raw import RawBlock

SENTENCE_END = tuple("。；;！!？?：:")
# Full-width forms included (`\d` takes full-width digits, `\s` the ideographic space): no conversion first.
_PAGE_MARK = re.compile(r"^[\s—–\-－_＿·•]*\d{1,4}[\s—–\-－_＿·•]*$|^第\s*\d+\s*页(\s*[,，/／]?\s*共\s*\d+\s*页)?$|^\d+\s*[/／]\s*\d+$")
FULL_LINE_SHARE = 0.85
_WORD_END = re.compile(r"[\u4e00-\u9fff、]")  # a line cut inside a sentence, not at a page number
TITLE_FILLS_LINE = 0.95  # a numbered line this close to a full line is a wrapped sentence, not a title ...
LONG_TITLE = 20  # ... when it is longer than headings are (4–12 characters, rarely up to 18)
CLAUSE_END = tuple("；;")


@dataclass
class Line:
    """One physical line of text, before paragraphs are rebuilt."""

    text: str
    page: int | None = None
    paragraph: int | None = None


def is_page_mark(text: str) -> bool:
    """A page number line: `— 3 —`, `-2-`, `第 3 页 共 9 页`, `3/9`.

    >>> is_page_mark("— 3 —"), is_page_mark("第 3 页 共 9 页"), is_page_mark("3. 值班")
    (True, True, False)
    >>> is_page_mark("－３－"), is_page_mark("第３页／共９页"), is_page_mark("３／９")
    (True, True, True)
    """
    return bool(_PAGE_MARK.match(text.strip()))


def full_length(lines: list[Line]) -> int:
    """The length of a full line: the 80th percentile of line lengths."""
    lengths = sorted(len(squeeze(line.text)) for line in lines)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def _continues(plain: str, full: int) -> bool:
    """A full-length line that ends mid-sentence and is not a numbered title goes on in the next line; so does
    a line as long as a full line that ends a clause (`；`): a paragraph's last line is seldom exactly full.

    A numbered line without punctuation is a title unless it fills the whole line and stops on a word:
    titles are short, so `4.2.1 镇值班室接收区气象局、区应急管理局和区水务局` at the margin is a sentence
    cut by the wrap (a contents line that fills the line ends in its page number).

    >>> _continues("4.2.1 镇值班室接收区气象局、区应急管理局", 22), _continues("（一）编制目的", 7)
    (True, False)
    >>> _continues("一、总则……………………1", 14)
    False
    """
    if len(plain) < FULL_LINE_SHARE * full:
        return False
    if plain.endswith(SENTENCE_END) and not (plain.endswith(CLAUSE_END) and len(plain) >= full):
        return False
    if len(plain) > LONG_TITLE and len(plain) >= TITLE_FILLS_LINE * full and _WORD_END.match(plain[-1]):
        return True
    return not (starts_numbered(plain) and not any(mark in plain for mark in "，,。；;：:"))


def looks_hard_wrapped(lines: list[Line], full: int) -> bool:
    """True when many lines stop at full width mid-sentence, as in text copied out of a PDF.

    >>> looks_hard_wrapped([Line("一、总则"), Line("为了提高应急处置能力，制定本预案。")], 17)
    False
    """
    broken = sum(1 for line in lines if _continues(squeeze(line.text), full))
    return broken >= max(3, len(lines) // 5)


def _opens_paragraph(text: str) -> bool:
    """A line that starts with a heading number, unless the number is a quantity that wrapped to the start of
    the line (`31 处隐患点`, `1 名网格员。`: PDF text puts a space where the font changes from digits to Chinese).

    >>> _opens_paragraph("4 风险防范与监测预警"), _opens_paragraph("1 名网格员。"), _opens_paragraph("全镇划分")
    (True, False, False)
    """
    return starts_numbered(text) and parse(squeeze(text)) is not None


def rejoin(items: list[Line | RawBlock], full: int | None = None) -> list[RawBlock]:
    """Paragraphs from lines: a line continues the previous one unless that one was short (shorter than
    a full line) or ended a sentence, or this one starts with a heading number (not a quantity). Blocks pass through.

    >>> [b.text for b in rejoin([Line("一、总则"), Line("为了提高应急处置能力，"), Line("制定本预案。"), Line("二、组织体系")], full=10)]
    ['一、总则', '为了提高应急处置能力，制定本预案。', '二、组织体系']
    >>> [b.text for b in rejoin([Line("每年组织一次演练。"), Line("演练后评估。")], full=9)]
    ['每年组织一次演练。', '演练后评估。']
    """
    if full is None:
        full = full_length([item for item in items if isinstance(item, Line)])
    blocks: list[RawBlock] = []
    open_paragraph: RawBlock | None = None
    for item in items:
        if isinstance(item, RawBlock):
            blocks.append(item)
            open_paragraph = None
            continue
        text = item.text.strip()
        if open_paragraph is not None and not _opens_paragraph(text):
            open_paragraph.text += text
        else:
            open_paragraph = RawBlock("paragraph", text, page=item.page, paragraph=item.paragraph)
            blocks.append(open_paragraph)
        if not _continues(squeeze(text), full):
            open_paragraph = None
    return blocks
