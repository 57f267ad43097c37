"""Signs that the supplied text is an incomplete copy of a plan (a truncated web copy, a partial export).

Three signs: the text stops in the middle of a sentence; the contents list promises chapters that
never appear in the body; there is no title. Any one makes the Document incomplete, so no report
can call it 通过 and every report shows why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import contents
from .model import Notice
from .normalize import squeeze
from .numbers import looks_like_title, numeral, parse

if TYPE_CHECKING:
    from .outline import Outline

_OPEN_END = tuple("，,、（(“《：:—-")
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")
# A last line without a full stop that is still a proper ending: a signature, a date, a mark.
_SIGNATURE = re.compile(r"(年|月|日|号|政府|委员会|党支部|党委|党工委|办事处|办公室|指挥部|居委会|村委会|社区|街道|镇|乡|村|印发|实施|完|止|无正文）?|附件\S{0,3})$")
MIN_OPEN_SENTENCE = 12
MIN_PLAN_HEADINGS = 5  # a missing title matters in a plan-sized text, not in a note or a form


def _ends_mid_sentence(outline: Outline) -> str:
    last = next((block for block in reversed(outline.blocks) if block.kind != "figure"), None)
    if last is None or last.kind != "paragraph":
        return ""
    plain = squeeze(last.text)
    if plain.endswith(_OPEN_END) or (len(plain) >= MIN_OPEN_SENTENCE and _CJK_END.search(plain)
                                     and not looks_like_title(plain) and not _SIGNATURE.search(plain)):
        return f"正文在句子中间结束（末尾为“……{last.text.strip()[-15:]}”），文件可能被截断"
    return ""


def _missing_chapters(outline: Outline) -> str:
    entries = [entry for entry in outline.contents if contents.key(entry.title or entry.text)]
    if not entries:
        return ""
    heads = set()
    starts: list[str] = []
    for block in outline.blocks:
        if block.kind == "heading":
            heads.add(contents.key(block.label))
            heads.add(contents.key(block.title))
        elif block.kind == "paragraph":
            starts.append(contents.key(block.text[:60]))

    def present(entry) -> bool:
        full, title = contents.key(entry.number + entry.title), contents.key(entry.title or entry.text)
        return full in heads or title in heads or any(start.startswith((full, title)) for start in [*heads, *starts] if title)

    found = [present(entry) for entry in entries]
    last = max((i for i, ok in enumerate(found) if ok), default=-1)
    missing = entries[last + 1:]
    top = [entry for entry in missing if _top_level(entry.number)]
    if len(missing) >= 2 or top:
        named = "、".join(f"“{entry.number}{entry.title}”" for entry in (top or missing)[:3])
        return f"目录列出的{named}{'等' if len(top or missing) > 3 else ''}章节在正文中没有出现，文件可能不完整"
    return ""


def _top_level(number: str) -> bool:
    found = parse(number + "标题")
    return bool(found) and found.family in ("chapter", "cn", "dec1", "attachment")


def _starts_at_beginning(outline: Outline) -> bool:
    """A text without a title still starts at its beginning when it opens with a heading numbered
    first (`一、总则`, `1 总则`, `第一章`) or an unnumbered heading (a title the reader took for one)."""
    headings = [block for block in outline.blocks if block.kind == "heading"]
    if len(headings) < MIN_PLAN_HEADINGS:
        return True  # a note or a form, not a plan-sized text
    first = outline.blocks[0]
    if first.kind != "heading":
        return False
    found = parse(first.label)
    return not first.number or (found is not None and numeral(found.value) == 1)


def gaps(outline: Outline) -> list[str]:
    """Why the document looks incomplete, in Chinese; empty when it looks whole."""
    reasons = [_ends_mid_sentence(outline), _missing_chapters(outline)]
    first = outline.blocks[0] if outline.blocks else None
    if not outline.title and first is not None and not _starts_at_beginning(outline):
        reasons.append(f"没有文件标题，正文从“{first.text.strip()[:15]}”开始，所提供的可能不是完整的预案文本")
    return [reason for reason in reasons if reason]


def notice(reasons: list[str]) -> Notice:
    return Notice("incomplete", "文件不完整：" + "；".join(reasons) + "。以下检查只针对所提供的文本，缺失部分中的内容无法确认", loss=True)
