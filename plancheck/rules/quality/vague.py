"""Q-8 vague subjects: action sections of slogans with no one named to act."""

from __future__ import annotations

from ...findings import Evidence, Outcome
from ..registry import count, primitive, ratio, regex, terms
from ..scope import Scope, headings_titled
from ..structure import compiled
from .common import nothing_to_check, problems


@primitive("vague", "行动章节写明了具体的责任主体、电话、地点和时间，而不是口号",
           reads="document",
           options={"sections": terms("行动类章节的标题字样"), "specific": regex("具体内容（责任主体、电话、时间……）的正则"),
                    "per_100_chars": ratio("每百字至少的具体内容处数"), "min_chars": count("少于该字数的章节不检查，默认 40")},
           required=("sections", "specific", "per_100_chars"))
def vague(scope: Scope, sections: list[str], specific: str, per_100_chars: float, min_chars: int = 40) -> Outcome:
    """Sections titled like `sections` whose density of `specific` matches (actors, phones, places, times)
    is below `per_100_chars`. Not applicable when there is no such section with at least `min_chars`.

    >>> args = dict(sections=["先期处置"], specific="(抢险救援组|派出所|\\\\d+分钟)", per_100_chars=1)
    >>> vague(scope_of("一、先期处置\\n抢险救援组在30分钟内到场，派出所设置警戒，抢险救援组组织疏散，派出所维护秩序。"), **args).level
    'met'
    >>> vague(scope_of("一、先期处置\\n要高度重视，加强领导，强化措施，狠抓落实，确保各项工作落到实处，切实维护人民群众生命财产安全。"), **args).evidence[0].note
    '该节 47 字中只有 0 处具体的责任主体、电话、地点或时间，看不出谁在什么时候做什么'
    """
    expression = compiled(specific)
    found: list[Evidence] = []
    examined = 0
    for heading in headings_titled(scope.document, sections):
        body = [b for b in scope.document.section(heading)[1:] if b.kind == "paragraph"]
        text = "".join(b.norm for b in body)
        if len(text) < min_chars:
            continue
        examined += 1
        count = len(expression.findall(text))
        if count * 100 / len(text) < per_100_chars:
            found.append(Evidence(body[0].quote(0), body[0].location,
                                  f"该节 {len(text)} 字中只有 {count} 处具体的责任主体、电话、地点或时间，看不出谁在什么时候做什么"))
    if not examined:
        return nothing_to_check("未发现处置、预警、报告、转移等行动章节，无从判断")
    return problems(found)
