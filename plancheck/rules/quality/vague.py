"""Q-8 vague subjects: action sections whose sentences name no one to act, no time, place or phone."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ..registry import count, primitive, ratio, regex, terms
from ..scope import Scope, headings_titled
from ..structure import compiled
from .common import nothing_to_check

_SENTENCE = re.compile(r"[^。；;！!？?]+")


@primitive("vague", "行动章节的句子写明了具体的责任主体、电话、地点或时间，而不是口号",
           reads="document",
           options={"sections": terms("行动类章节的标题字样"), "specific": regex("具体内容（责任主体、电话、时间……）的正则"),
                    "vague_share": ratio("没有具体内容的句子占比达到此值即评为不符合"),
                    "not_specific": regex("泛指的主体（各村、各部门、有关单位……）的正则：先去掉再找具体内容"),
                    "min_chars": count("短于该字数的分句不计（标题残片、列举项），默认 8")},
           required=("sections", "specific", "vague_share"), partial=False)
def vague(scope: Scope, sections: list[str], specific: str, vague_share: float, not_specific: str | None = None,
          min_chars: int = 8) -> Outcome:
    """The sentences of every paragraph under sections titled like `sections`: when the share of those
    with no `specific` match (an actor, a phone, a place, a time) once the collective subjects matched by
    `not_specific` (各村、各部门、有关单位) are taken out reaches `vague_share`, the plan is
    “上下一般粗” and those sentences are quoted. One slogan among concrete steps is no defect: the plan is
    judged as a whole. Not applicable when there is no such sentence.

    >>> args = dict(sections=["先期处置"], specific="(抢险救援组|派出所|\\\\d+分钟)", vague_share=0.5)
    >>> vague(scope_of("一、先期处置\\n抢险救援组在30分钟内到场。派出所设置警戒。要确保安全。"), **args).level
    'met'
    >>> vague(scope_of("一、先期处置\\n要高度重视，加强领导。要强化措施，狠抓落实。派出所在路口设置警戒。"), **args).evidence[0].note
    '行动章节 3 句中有 2 句没有写明由谁（哪个组、哪个人）在何时何地做，看不出谁在什么时候做什么'
    """
    expression = compiled(specific)
    seen: set[int] = set()
    sentences = []
    for heading in headings_titled(scope.document, sections):
        for block in scope.document.section(heading)[1:]:
            if block.kind != "paragraph" or id(block) in seen:
                continue
            seen.add(id(block))
            sentences += [(block, m) for m in _SENTENCE.finditer(block.norm) if len(m.group(0).strip()) >= int(min_chars)]
    if not sentences:
        return nothing_to_check("未发现处置、预警、报告、转移等行动章节，无从判断")
    collective = compiled(not_specific) if not_specific else None
    bare = [(block, m) for block, m in sentences
            if not expression.search(collective.sub("", m.group(0)) if collective else m.group(0))]
    if len(bare) < float(vague_share) * len(sentences):
        return Outcome("met")
    note = f"行动章节 {len(sentences)} 句中有 {len(bare)} 句没有写明由谁（哪个组、哪个人）在何时何地做，看不出谁在什么时候做什么"
    return Outcome("not_met", [Evidence(block.quote(m.start()), block.location, note if i == 0 else "没有具体的责任主体、时间或地点")
                               for i, (block, m) in enumerate(bare[:12])])
