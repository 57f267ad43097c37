"""Q-6 hollow sections: a heading with nothing under it, only 略, a pointer to a missing or title-only attachment, or one slogan."""

from __future__ import annotations

import re

from regex import Match

from ...findings import Evidence, Outcome
from ...document.model import Block, Document
from ..registry import count, primitive, regex, terms
from ..scope import Scope, Unit, attachment_start, headings_titled, is_contents_line, normalized
from ...document.numbers import numeral
from ..structure import compiled
from .common import graded

_ONLY_OMITTED = re.compile(r"^[(（]?[略无]+[)）]?[。.]?$")
_SEE_ATTACHMENT = re.compile(r"详见附件\s*([\d一二三四五六七八九十]+)")


def _body(document: Document, heading: Block) -> list[Block]:
    """Blocks directly under a heading, before its first sub-heading."""
    body = []
    for block in document.section(heading)[1:]:
        if block.kind == "heading":
            break
        body.append(block)
    return body


def _attachment_numbers(document: Document) -> set[int | None]:
    start = attachment_start(document)
    if start is None:
        return set()
    return {numeral(b.number.replace("附件", "").strip(" :：、.")) for b in document.blocks[start:]
            if b.kind == "heading" and b.number.startswith("附件")}


def _attachment_parts(document: Document) -> dict[str, list[Block]]:
    """'附件3' / '附图1' → the blocks under that heading (or labelled paragraph) up to the next one."""
    parts: dict[str, list[Block]] = {}
    label = re.compile(r"^(附件|附图|附表)\s*([\d一二三四五六七八九十]*)")
    current: list[Block] | None = None
    start = attachment_start(document)
    for index, block in enumerate(document.blocks):
        text = (block.number + block.title) if block.kind == "heading" else block.norm
        match = label.match(normalized(text)) if block.kind != "table" else None
        if match and (block.kind == "heading" or len(block.norm) <= 30 or (start is not None and index >= start)):
            key = match.group(1) + str(numeral(match.group(2)) if match.group(2) else "")
            current = parts.setdefault(key, [])
            current.append(block)
            rest = normalized(text)[match.end():].strip(" :：、.")
            if block.kind == "paragraph" and len(rest) > 30:
                current.append(block)  # 附图1：……（说明文字）in one paragraph
            continue
        if current is not None:
            if block.kind == "heading" and block.level <= 1:
                current = None
            else:
                current.append(block)
    return parts


def _has_content(blocks: list[Block], min_chars: int) -> bool:
    body = blocks[1:]
    return any(b.kind in ("table", "figure") for b in body) or sum(len(b.norm) for b in body) >= min_chars


References = list[tuple[Unit, Match[str]]]


def references(scope: Scope, reference: str) -> References:
    """The matches of `reference` (group 1 附件/附图/附表, group 2 its number, may be empty) in the plan's own
    text: not in headings, not inside the attachments."""
    start = attachment_start(scope.document)
    return [(unit, match) for unit, match in scope.matches(compiled(reference), content=False)
            if unit.block.kind != "heading" and (start is None or unit.block.location.block - 1 < start)]


def dangling(scope: Scope, found_references: References, min_chars: int = 20) -> list[Evidence]:
    """Those of the `references` that point to no attachment or figure, or to one without content (a table,
    a figure or `min_chars` of text)."""
    document = scope.document
    parts = _attachment_parts(document)
    found: list[Evidence] = []
    for unit, match in found_references:
        kind, number = match.group(1), match.group(2)
        key = kind + (str(numeral(number)) if number else "")
        if number:
            blocks = parts.get(key)
            if blocks is None and kind == "附图":
                blocks = parts.get(f"附件{numeral(number)}")
        else:
            candidates = [v for k, v in parts.items() if k.startswith(kind)]
            if kind == "附图":
                candidates += [[b, b] for b in document.blocks if b.kind == "figure"]
            blocks = next((c for c in candidates if _has_content(c, int(min_chars))), candidates[0] if candidates else None)
        name = kind + number
        if blocks is None:
            found.append(unit.evidence(match.start(), f"引用了“{name}”，但文件中没有{name}"))
        elif not _has_content(blocks, int(min_chars)):
            found.append(unit.evidence(match.start(), f"引用了“{name}”，但{name}只有标题，没有内容"))
    return found


def _is_attachment(heading: Block) -> bool:
    """An attachment heading (附件3 物资清单) or the attachments chapter (附件, 9.附件)."""
    return heading.number.startswith("附件") or heading.norm.startswith("附件")


@primitive("hollow", "章节不空洞：标题下有实际内容，不只写“略”或指向不存在的附件，关键章节达到最少字数", reads="document",
           options={"key_sections": terms("关键章节的标题字样"),
                    "min_chars": count("关键章节正文最少字数（不足且有套话时算空洞）"),
                    "generic_words": terms("空泛套话的字样"),
                    "generic_max_chars": count("只有一句套话时的最大字数"),
                    "specific": regex("具体内容（责任主体、时间、地点……）的正则：含有这些的短句不算套话"),
                    "deferrals": terms("把内容推到以后的字样（另行明确、待补充……）"),
                    "reference": regex("“详见附件N”“见附图”等引用的正则：所指附件不存在或只有标题也算空洞"),
                    "not_met_at": count("评为不符合至少的空洞处数（其中须有空章节、“略”或空引附件）"),
                    "many": count("空洞处达到此数即评为不符合")},
           required=("min_chars",))
def hollow(scope: Scope, min_chars: int, key_sections: list[str] | None = None, generic_words: list[str] | None = None,
           generic_max_chars: int = 40, specific: str | None = None, deferrals: list[str] | None = None,
           reference: str | None = None, not_met_at: int = 1, many: int = 0) -> Outcome:
    """Headings whose body is empty, only “略”, “详见附件N” with no such attachment, or a sentence with a
    word of `deferrals` (具体职责另行明确) — each severe — or one generic sentence (at most `generic_max_chars`
    characters with a word of `generic_words`, such as 按有关规定、及时、加强, and no `specific` content or
    number), a key section shorter than `min_chars` with such a word, an attachment with only its title, or a
    `reference` (见附件2) to an attachment that is missing or has only its title. Contents lines read as
    headings are skipped. Not met from `not_met_at` hollow places with a severe one among them, or from
    `many` of any kind; otherwise partial (one lapse in a worked plan).

    >>> hollow(scope_of("一、信息报告\\n事发后30分钟内向区应急管理局报告。"), min_chars=10).level
    'met'
    >>> hollow(scope_of("一、信息报告\\n略。\\n二、应急保障\\n详见附件3。"), min_chars=10).evidence[1].note
    '只写了“详见附件3”，但文件中没有附件3'
    >>> hollow(scope_of("一、信息报告\\n略。\\n二、应急保障\\n详见附件3。"), min_chars=10, not_met_at=3).level
    'partial'
    >>> ref = "见(附件|附图)([0-9]*)"
    >>> hollow(scope_of("一、转移\\n路线见附图。\\n二、保障\\n物资由村委会保管，详见附件2。\\n附件2 物资清单"), min_chars=10, reference=ref).evidence[1].note
    '引用了“附件2”，但附件2只有标题，没有内容'
    """
    document = scope.document
    if not document.headings:
        return Outcome("not_applicable", missing=["未识别出章节标题，无从核对"])
    attachments = _attachment_numbers(document)
    start = attachment_start(document)
    keys = {id(h) for h in headings_titled(document, key_sections or [])}
    generic = [normalized(w) for w in generic_words or []]
    deferred = [normalized(w) for w in deferrals or []]

    def is_generic(text: str) -> bool:
        return any(w in text for w in generic) and not re.search(r"\d", text) and \
            not (specific and compiled(specific).search(text))

    mentioned = references(scope, reference) if reference else []
    pointers = dangling(scope, mentioned) if mentioned else []
    referenced = {numeral(m.group(2)) for _, m in mentioned if m.group(1) == "附件" and m.group(2)}
    found: list[tuple[Evidence, bool]] = []  # a title-only attachment that the text points to is reported with the pointer
    for heading in document.headings:
        if is_contents_line(heading):
            continue  # a contents line read as a heading
        body = _body(document, heading)
        whole = document.section(heading)[1:]
        attachment = _is_attachment(heading)
        if start is not None and heading.location.block - 1 >= start:
            following = document.blocks[heading.location.block: heading.location.block + 1]
            if attachment and heading.number and all(b.kind == "heading" and _is_attachment(b) for b in following) \
                    and numeral(heading.number.replace("附件", "").strip(" :：、.")) not in referenced:
                found.append((Evidence(heading.label, heading.location, "附件只有标题，没有内容"), False))
            continue
        if attachment:
            continue  # the attachments heading
        text = "".join(b.norm for b in body)
        pointer = _SEE_ATTACHMENT.fullmatch(text.rstrip("。."))
        deferral = next(((b, w) for b in body if b.kind != "table" for w in deferred if w in b.norm), None)
        if not whole:
            if heading.number:  # an unnumbered cover or subtitle line has no body by design
                found.append((Evidence(heading.label, heading.location, "标题下没有任何内容"), True))
        elif body and _ONLY_OMITTED.match(text):
            found.append((Evidence(body[0].quote(0), body[0].location, "只写了“略”，没有实际内容"), True))
        elif pointer and numeral(pointer.group(1)) not in attachments:
            found.append((Evidence(body[0].quote(0), body[0].location,
                                   f"只写了“详见附件{pointer.group(1)}”，但文件中没有附件{pointer.group(1)}"), True))
        elif deferral:
            block, word = deferral
            found.append((Evidence(block.quote(block.norm.find(word)), block.location,
                                   f"写着“{word}”，该写的内容没有写"), True))
        elif body and len(text) <= int(generic_max_chars) and len(re.findall(r"[。；;]", text.rstrip("。；;"))) == 0 \
                and not any(b.kind == "table" for b in body) and is_generic(text):
            found.append((Evidence(body[0].quote(0), body[0].location, "只有一句笼统的话，没有写明谁、何时、做什么"), False))
        elif id(heading) in keys:
            total = sum(len(b.norm) for b in whole)
            if total < int(min_chars) and is_generic("".join(b.norm for b in whole)):
                first = body[0] if body else heading
                found.append((Evidence(first.quote(0) if body else heading.label, first.location,
                                       f"关键章节只有 {total} 个字，内容过于简单（少于 {min_chars} 字）"), False))
    quoted = {(e.quote, e.location) for e, _ in found}
    found += [(e, False) for e in pointers if (e.quote, e.location) not in quoted]
    return graded(found, not_met_at, many)
