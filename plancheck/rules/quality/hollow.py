"""Q-6 hollow sections: a heading with nothing under it, only 略, a pointer to a missing attachment, or too little text."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ...document.model import Block, Document
from ..registry import count, primitive, terms
from ..scope import Scope, headings_titled, normalized
from ...document.numbers import numeral
from .common import PAGE_NUMBER, attachments_start, problems

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
    start = attachments_start(document)
    if start is None:
        return set()
    return {numeral(b.number.replace("附件", "").strip(" :：、.")) for b in document.blocks[start:]
            if b.kind == "heading" and b.number.startswith("附件")}


@primitive("hollow", "章节不空洞：标题下有实际内容，不只写“略”或指向不存在的附件，关键章节达到最少字数", reads="document",
           options={"key_sections": terms("关键章节的标题字样"),
                    "min_chars": count("关键章节正文最少字数"),
                    "generic_words": terms("空泛套话的字样"),
                    "generic_max_chars": count("只有一句套话时的最大字数")},
           required=("min_chars",))
def hollow(scope: Scope, min_chars: int, key_sections: list[str] | None = None, generic_words: list[str] | None = None,
           generic_max_chars: int = 40) -> Outcome:
    """Headings whose body is empty, only “略”, “详见附件N” with no such attachment, one generic sentence
    (at most `generic_max_chars` characters with a word of `generic_words`, such as 按有关规定、及时、加强),
    or (key ones) too short. Contents lines read as headings are skipped.

    >>> hollow(scope_of("一、信息报告\\n事发后30分钟内向区应急管理局报告。"), min_chars=10).level
    'met'
    >>> hollow(scope_of("一、信息报告\\n略。\\n二、应急保障\\n详见附件3。"), min_chars=10).evidence[1].note
    '只写了“详见附件3”，但文件中没有附件3'
    """
    document = scope.document
    if not document.headings:
        return Outcome("not_applicable", missing=["未识别出章节标题，无从核对"])
    attachments = _attachment_numbers(document)
    start = attachments_start(document)
    keys = {id(h) for h in headings_titled(document, key_sections or [])}
    found: list[Evidence] = []
    for heading in document.headings:
        if start is not None and heading.location.block - 1 >= start:
            break
        if PAGE_NUMBER.search(heading.text) or heading.norm.startswith("附件"):
            continue  # a contents line read as a heading, or the attachments heading
        body = _body(document, heading)
        whole = document.section(heading)[1:]
        text = "".join(b.norm for b in body)
        pointer = _SEE_ATTACHMENT.fullmatch(text.rstrip("。."))
        if not whole:
            if not heading.number:
                continue  # an unnumbered cover or subtitle line
            found.append(Evidence(heading.label, heading.location, "标题下没有任何内容"))
        elif body and _ONLY_OMITTED.match(text):
            found.append(Evidence(body[0].quote(0), body[0].location, "只写了“略”，没有实际内容"))
        elif pointer and numeral(pointer.group(1)) not in attachments:
            found.append(Evidence(body[0].quote(0), body[0].location,
                                  f"只写了“详见附件{pointer.group(1)}”，但文件中没有附件{pointer.group(1)}"))
        elif generic_words and body and len(text) <= int(generic_max_chars) and len(re.findall(r"[。；;]", text.rstrip("。；;"))) == 0 \
                and not any(b.kind == "table" for b in body) and any(normalized(w) in text for w in generic_words):
            found.append(Evidence(body[0].quote(0), body[0].location, "只有一句笼统的话，没有写明谁、何时、做什么"))
        elif id(heading) in keys:
            total = sum(len(b.norm) for b in whole)
            if total < int(min_chars):
                first = body[0] if body else heading
                found.append(Evidence(first.quote(0) if body else heading.label, first.location,
                                      f"关键章节只有 {total} 个字，内容过于简单（少于 {min_chars} 字）"))
    return problems(found)
