"""Chinese outline detection: raw blocks in, headings with levels and heading paths out.

A heading is recognised by its numbering pattern *and* its shape: a short title with no
sentence-final punctuation. `1. 每年组织一次演练。` therefore stays a paragraph.
Levels come from the numbering families a document actually uses, ranked in the order
Chinese official documents nest them (章 › 节 › 条 › 一、 › (一) › 1. › 1.1 › 1.1.1 › (1) › ①).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import contents
from .model import Block, ContentsEntry, Location, Notice
from .normalize import for_matching, squeeze
from .numbers import (FAMILIES, FULL_STOP, RANK, SENTENCE_PUNCT, Numbered, looks_like_title, numeral, parse,
                      split_number)
from .raw import RawBlock

__all__ = ["FAMILIES", "Outline", "build"]

_TITLE_HINT = re.compile(r"预案|手册|明白卡|工作方案|通知|制度|台账|记录|名单|清单")
_TITLE_SEARCH = 30  # a notice that issues the plan may come first
_SUBTITLE = re.compile(r"^[(（].{2,40}[)）]$")
_TITLE_PART = 24  # a line of a title split over two lines is short
# The title of a notice (`××局关于做好村级应急预案修订工作的通知`), issuing the plan or reproduced above it.
_NOTICE_TITLE = re.compile(r"^关于|关于.+的(通知|通报|决定|意见|函)$")
_ATTACHMENTS_PART = {"附件", "附表", "附件目录", "附件清单"}  # the chapter that holds the attachments
_NOT_TITLE_PART = re.compile(r"(文件|〔|\[|号$|^\(|^（|目\s*录)")


def _find_title(raws: list[RawBlock]) -> tuple[int, int] | None:
    """The span [start, end) of the document title among the first paragraphs, or None.

    A title split over two lines (`××区××镇` / `突发事件综合应急预案`) or wrapped in a PDF is one title:
    short unnumbered lines right before the line that names the document type belong to it. When a
    plan comes after a notice (`关于印发《××预案》的通知`, or a superior's `××局关于做好……的通知`
    reproduced above it), the plan's own title is the title.
    """
    found: list[int] = []
    for index, raw in enumerate(raws[:_TITLE_SEARCH]):
        if raw.kind != "paragraph" or not raw.text.strip() or raw.auto_number or raw.toc:
            continue
        plain = squeeze(raw.text)
        if (split_number(raw.text.strip()) is None and _TITLE_HINT.search(plain) and len(plain) <= 60
                and not plain.endswith(SENTENCE_PUNCT)):
            found.append(index)
    if not found:
        return None
    own = [index for index in found if "《" not in raws[index].text and not _NOTICE_TITLE.search(squeeze(raws[index].text))]
    index = own[0] if own and (own[0] < 8 or found[0] != own[0]) else found[0]
    if index >= 8 and index != (own[0] if own else -1):
        return None
    plain = squeeze(raws[index].text)
    start = index
    while start > 0 and _title_part(raws[start - 1]) and len(squeeze(raws[start - 1].text)) + len(plain) <= 60:
        start -= 1
    return start, index + 1


def _title_part(raw: RawBlock) -> bool:
    plain = squeeze(raw.text)
    return (raw.kind == "paragraph" and 0 < len(plain) <= _TITLE_PART and not raw.auto_number and not raw.toc
            and split_number(raw.text.strip()) is None and not plain.endswith(SENTENCE_PUNCT + (":",))
            and not _NOT_TITLE_PART.search(plain) and not contents.is_header(raw.text))


class _Builder:
    """Walks raw blocks once, emitting Blocks with levels and heading paths."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.blocks: list[Block] = []
        self.diagnostics: list[Notice] = []
        self.path: list[Block] = []
        self.labels: tuple[str, ...] = ()  # the labels of `path`, the heading path of the blocks under it
        self.table_count = 0
        self.last_value: dict[tuple[str, int], int] = {}
        self.seen_families: set[str] = set()
        self.family_of: dict[int, str] = {}  # id(heading block) → the numbering family it was found by

    def location(self, raw: RawBlock) -> Location:
        return Location(
            block=len(self.blocks) + 1,
            heading_path=self.labels,
            page=raw.page,
            paragraph=raw.paragraph,
            table=self.table_count if raw.kind == "table" else None,
            file=self.source or None,
        )

    def add_heading(self, raw: RawBlock, level: int, number: str, title: str, family: str, value: str) -> None:
        previous = self.path[-1].level if self.path else 0
        if level > previous + 1 and self.path:
            self.diagnostics.append(Notice("level_jump", f"层级跳跃：“{number}{title}”比上一级标题深了{level - previous}级", raw.page))
        self.check_sequence(raw, family, level, value, number + title)
        while self.path and self.path[-1].level >= level:
            self.path.pop()
        self.labels = tuple(block.label for block in self.path)
        text = f"{number}{title}"
        block = Block("heading", text, for_matching(title), self.location(raw), level, number, title)
        self.blocks.append(block)
        self.path.append(block)
        self.labels += (block.label,)
        self.family_of[id(block)] = family
        # deeper counters restart under a new parent
        for key in [key for key in self.last_value if key[1] > level]:
            del self.last_value[key]

    def attachment_level(self) -> int:
        """Attachments open the document's top level, or nest under the chapter that holds them (`九、附件`)."""
        holder = next((block for block in reversed(self.path) if block.title and squeeze(block.title) in _ATTACHMENTS_PART), None)
        return holder.level + 1 if holder else 1

    def bold_level(self) -> int:
        """An unnumbered bold title is a sibling of the bold title before it still open, else one below the last heading."""
        sibling = next((block for block in reversed(self.path) if self.family_of[id(block)] == "bold"), None)
        if sibling:
            return sibling.level
        return self.path[-1].level + 1 if self.path else 1

    def check_sequence(self, raw: RawBlock, family: str, level: int, value: str, label: str) -> None:
        number = numeral(value)
        if number is None or family == "attachment":
            return
        previous = self.last_value.get((family, level))
        expected = 1 if previous is None else previous + 1
        if number != expected:
            self.diagnostics.append(Notice("number_skip", f"编号不连续：“{label}”前应为第{expected}项", raw.page))
        self.last_value[(family, level)] = number

    def add(self, kind: str, raw: RawBlock, text: str) -> None:
        rows = raw.rows if kind == "table" else []
        if kind == "table":
            self.table_count += 1
            text = "\n".join(" | ".join(row) for row in rows)
        self.blocks.append(Block(kind, text, for_matching(text), self.location(raw),  # type: ignore[arg-type]
                                 rows=rows, norm_rows=[[for_matching(cell) for cell in row] for row in rows],
                                 row_pages=raw.row_pages if kind == "table" else []))


@dataclass
class Outline:
    """What the outline builder makes of a document's raw blocks."""

    blocks: list[Block]
    diagnostics: list[Notice]
    title: str
    contents: list[ContentsEntry]


def _list_items(raws: list[RawBlock], found: dict[int, Numbered]) -> set[int]:
    """Numbered paragraphs that are items of a list, not headings.

    An item is list-like when it is a numbered sentence, a long line, cites a law (`（1）《……》`), or is a
    labelled item in a numbering that takes no run-in title (`1. 接报：值班员接报并登记。`, `（1）山洪：……`).
    A titled item's body ending in `；` proves nothing: a PDF or wrapped line often stops there.
    Items of one family in adjacent paragraphs form a run; a run that is mostly list-like is a list
    as a whole, so the one item without a full stop (often the last) goes with the others.
    """
    def list_like(index: int) -> bool:
        item = found[index]
        return (item.shape == "sentence" or item.shape == "run_in" and not item.takes_run_in
                or squeeze(item.title).startswith("《"))

    listed = {index for index in found if list_like(index)}
    # A numbering that this document also gives to plain sentences (`5.1 发生突发事件后，……。`) numbers
    # paragraphs: its labelled items (`9.1 宣传培训：每年……`), written alike, are more of them, as their
    # siblings are; `1、预警级别：……` is not written like the sentences `1.汛期……。`.
    # One numbered sentence among run-in headings is more likely a heading written without its title.
    sentences = Counter(found[index].look for index in listed if found[index].shape == "sentence")
    prose = {look for look, count in sentences.items() if count >= 2}
    listed |= {index for index, item in found.items()
               if item.shape == "run_in" and item.look in prose and not raws[index].style_level}
    listed |= _attachment_names(raws, found)
    run: list[int] = []
    for index in sorted(found) + [None]:  # type: ignore[list-item]
        if run and (index is None or index != run[-1] + 1 or found[index].family != found[run[-1]].family):
            if (len(run) >= 2 and sum(1 for i in run if i in listed) * 2 > len(run) or _follows_text(raws, found, run)
                    or _text_follows(raws, found, run)):
                listed.update(i for i in run if not raws[i].style_level)
            run = []
        if index is not None and found[index].family != "attachment":
            run.append(index)
    return listed


def _attachment_names(raws: list[RawBlock], found: dict[int, Numbered]) -> set[int]:
    """Attachment lines in adjacent paragraphs with nothing between them name the attachments (a list
    under `七、附件`), they do not open them: an attachment heading is followed by its table or text."""
    names = sorted(index for index, item in found.items() if item.family == "attachment" and not raws[index].style_level)
    return {index for index in names if index - 1 in names or index + 1 in names}


def _follows_text(raws: list[RawBlock], found: dict[int, Numbered], run: list[int]) -> bool:
    """A run of run-in items (`（一）自然灾害。主要包括……`) that follows body text of the enclosing
    section (`……分为以下四类：`) enumerates. Run-in headings follow their parent heading, or the body
    of the sibling before them."""
    if any(found[i].shape != "run_in" for i in run):
        return False
    before = run[0] - 1
    text_between = False
    while before >= 0 and before not in found and not raws[before].style_level and not raws[before].bold:
        text_between = True
        before -= 1
    if not text_between:
        return False
    return before < 0 or found.get(before) is None or found[before].family != found[run[0]].family


def _text_follows(raws: list[RawBlock], found: dict[int, Numbered], run: list[int]) -> bool:
    """A run of run-in items followed by body text (`（四）道路交通：……。` then `主要风险点见附件2。`) enumerates:
    that text speaks for the whole enclosing section. Run-in headings are followed by the next heading; text
    after a last item whose sentence is not finished (`……通知各户；`) goes on with that item."""
    after = run[-1] + 1
    if (len(run) < 2 or any(found[i].shape != "run_in" for i in run) or after >= len(raws) or after in found
            or not found[run[-1]].body.endswith(FULL_STOP)):
        return False
    raw = raws[after]
    return raw.kind == "paragraph" and bool(raw.text.strip()) and not raw.style_level and not raw.bold


def _heading_families(found: dict[int, Numbered], listed: set[int]) -> set[str]:
    """Families that number headings in this document.

    A family whose items include a bare title (or a `【title】`) numbers headings; families that
    often carry run-in titles (一、 （一） 1、 1.1 第一条) do too when they have a run-in item, unless
    another run of the same family, with the same look, is a list (`指挥部下设以下工作组：` then
    `（一）综合协调组：……`): siblings are written alike, so that family numbers lists in this document.
    A deep family seen only in sentences and run-in items (`（1）自然灾害。主要包括……`) numbers a list.
    """
    titled, run_in, listed_run_in = set(), set(), set()
    for index, item in found.items():
        if item.shape in ("title", "bracket") and not item.glued and index not in listed:
            titled.add(item.family)
        elif item.shape == "run_in" and item.takes_run_in:
            (listed_run_in if index in listed else run_in).add(item.family)
    return titled | (run_in - listed_run_in) | {"attachment"}


def build(raws: list[RawBlock], source: str = "") -> Outline:
    """Turn raw blocks into Blocks with headings, levels and heading paths; `source` names the file.

    The title and the contents list are taken out first; numbered paragraphs are then split into
    headings and list items per document, and heading levels follow the families in use.
    """
    raws = [raw for raw in raws if raw.kind != "paragraph" or raw.text.strip() or raw.auto_number]
    span = _find_title(raws)
    title_indices = set(range(*span)) if span else set()
    title = "".join(raws[i].text.strip() for i in sorted(title_indices))
    if span and span[1] < len(raws) and raws[span[1]].kind == "paragraph" and _SUBTITLE.match(squeeze(raws[span[1]].text)):
        title_indices.add(span[1])  # `（2023年修订）`, `（含防汛专项措施）`: part of the title block, not a heading
    toc_indices, entries = contents.find(raws, title_indices, title)
    found: dict[int, Numbered] = {}
    for index, raw in enumerate(raws):
        if raw.kind == "paragraph" and index not in title_indices and index not in toc_indices:
            item = parse(f"{raw.auto_number}{raw.text}")
            if item:
                found[index] = item
    listed = _list_items(raws, found)
    families = _heading_families(found, listed)
    heading_at = {index: item for index, item in found.items()
                  if index not in listed and item.family in families and item.shape != "sentence"
                  or raws[index].style_level and item.shape != "sentence"}
    present = {item.family for item in heading_at.values()}
    used = [family for family in RANK if family in present]
    level_of = {family: position + 1 for position, family in enumerate(used)}

    builder = _Builder(source)
    for index, raw in enumerate(raws):
        if index in toc_indices:
            continue
        item = heading_at.get(index)
        if index in title_indices:
            builder.add("paragraph", raw, raw.text.strip())
        elif item:
            level = builder.attachment_level() if item.family == "attachment" else level_of[item.family]
            _note_order(builder, item, raw, used)
            builder.add_heading(raw, level, item.number, item.title, item.family, item.value)
            if item.body:
                builder.add("paragraph", raw, item.body)
        elif raw.kind == "paragraph" and index not in found and raw.style_level and looks_like_title(raw.text):
            builder.add_heading(raw, raw.style_level, "", raw.text.strip(), "style", "")
        elif raw.kind == "paragraph" and index not in found and raw.bold and looks_like_title(raw.text, 20):
            builder.add_heading(raw, builder.bold_level(), "", raw.text.strip(), "bold", "")
        else:
            text = f"{raw.auto_number}{raw.text}".strip() if raw.kind == "paragraph" else raw.text
            builder.add(raw.kind, raw, text)
    return Outline(builder.blocks, builder.diagnostics, title, entries)


def _note_order(builder: _Builder, found: Numbered, raw: RawBlock, used: list[str]) -> None:
    """Diagnose a family appearing before the family that should enclose it, e.g. （一） before 一、."""
    if found.family in RANK:
        position = RANK.index(found.family)
        missing = [f for f in used if RANK.index(f) < position and f not in builder.seen_families and f != "article"]
        if missing and found.family not in builder.seen_families:
            builder.diagnostics.append(Notice(
                "order", f"“{found.number}{found.title}”出现在任何上一级编号（如“{_EXAMPLE[missing[-1]]}”）之前", raw.page))
        builder.seen_families.add(found.family)


_EXAMPLE = {"chapter": "第一章", "section": "第一节", "article": "第一条", "cn": "一、", "paren_cn": "（一）",
            "dec1": "1.", "dec2": "1.1", "dec3": "1.1.1", "paren_num": "（1）", "num_paren": "1）", "circled": "①"}
