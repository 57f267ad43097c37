"""Q-3 copied from elsewhere: another place's name used as this place; county-level duties and matrices."""

from __future__ import annotations

from ...findings import Evidence, Outcome
from ..registry import count, primitive, regex, terms
from ..scope import Scope, normalized
from ..structure import compiled
from .common import problems


def own_places(scope: Scope, pattern: str) -> list[str]:
    """The plan's own place names from its title (or, lacking one, its first lines): township and village."""
    front = [scope.document.title] + [b.text for b in scope.document.blocks[:5]]
    for text in front:
        names = [match.group(1) for match in compiled(pattern).finditer(normalized(text))] if text else []
        if names:
            return names
    return []


@primitive("foreign_place", "不把其他地方的地名当作本地（照搬照抄）",
           options={"own": regex("从标题中取出本地地名的正则"), "acting": regex("地名作为行动主体出现时的正则，第 1 组为地名"),
                    "generic": terms("不算地名的泛称（本镇、辖区……）")}, required=("own", "acting"))
def foreign_place(scope: Scope, own: str, acting: str, generic: list[str] | None = None) -> Outcome:
    """Places other than the plan's own (taken from its title by `own`) written as the acting body by `acting`.

    Both regexes capture the place name in group 1.

    >>> args = dict(own="([^市区县省]{2,4}?)(?:镇|乡|街道)", acting="([^市区县省的和与及、,]{2,4}?)(?:镇|乡|街道)(?:人民政府|党委|辖区)")
    >>> foreign_place(scope_of("青林镇突发事件综合应急预案\\n青林镇人民政府负责组织实施。"), **args).level
    'met'
    >>> foreign_place(scope_of("青林镇突发事件综合应急预案\\n河东镇人民政府负责组织实施。"), **args).evidence[0].note
    '本预案是“青林”的预案，这里却写成了“河东”，疑似照搬其他地方的预案'
    """
    homes = own_places(scope, own)
    if not homes:
        return Outcome("met")
    skip = {normalized(word) for word in generic or []}
    found = []
    for unit in scope.units():
        for match in compiled(acting).finditer(unit.norm):
            name = match.group(1)
            if name not in skip and not any(name == h or h.endswith(name) or name.endswith(h) for h in homes):
                found.append(unit.evidence(match.start(), f"本预案是“{'、'.join(homes)}”的预案，这里却写成了“{name}”，"
                                                          "疑似照搬其他地方的预案"))
    return problems(found)


@primitive("upper_level_copy", "不把区县级职责或多级响应矩阵写成本级的",
           options={"duties": terms("区县级职责的写法"), "levels": regex("响应级别的正则，第 1 组为级别"),
                    "max_levels": count("本级预案最多的响应级别数")}, required=("duties", "levels", "max_levels"))
def upper_level_copy(scope: Scope, duties: list[str], levels: str, max_levels: int) -> Outcome:
    """Sentences matching `duties` (county-level wording), and more than `max_levels` distinct response levels.

    >>> args = dict(duties=["县级以上(地方)?人民政府"], levels="(Ⅰ|Ⅱ|Ⅲ|Ⅳ)级响应", max_levels=2)
    >>> upper_level_copy(scope_of("由总指挥决定启动响应。"), **args).level
    'met'
    >>> upper_level_copy(scope_of("启动Ⅰ级响应。启动Ⅱ级响应。启动Ⅲ级响应。"), **args).evidence[0].note
    '写了 3 个响应级别（Ⅰ、Ⅱ、Ⅲ），乡镇(村)预案的响应应简明，级别不宜照搬区县'
    """
    found: list[Evidence] = []
    for unit in scope.units():
        for duty in duties:
            for match in compiled(duty).finditer(unit.norm):
                found.append(unit.evidence(match.start(), f"“{match.group(0)}”是区县以上的职责，不应写成本级预案的内容"))
    seen: dict[str, Evidence] = {}
    for unit in scope.units():
        for match in compiled(levels).finditer(unit.norm):
            seen.setdefault(match.group(1), unit.evidence(match.start(), ""))
    if len(seen) > max_levels:
        first = next(iter(seen.values()))
        listed = "、".join(seen)
        found.append(Evidence(first.quote, first.location,
                              f"写了 {len(seen)} 个响应级别（{listed}），乡镇(村)预案的响应应简明，级别不宜照搬区县"))
    return problems(found)


