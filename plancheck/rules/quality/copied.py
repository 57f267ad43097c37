"""Q-3 copied from elsewhere: another place's name acting as this place; county-level duties and matrices."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ..registry import count, primitive, regex, terms
from ..scope import Scope, front_matter, headings_titled, mentions, normalized, sections_of
from ..concepts import variants
from ..structure import compiled
from .common import nothing_to_check, problems

_CLAUSE = re.compile(r"[^,，。;；:：!?！？\n]+")
_LEVEL_VALUE = {"Ⅰ": 1, "I": 1, "一": 1, "1": 1, "Ⅱ": 2, "II": 2, "二": 2, "2": 2,
                "Ⅲ": 3, "III": 3, "三": 3, "3": 3, "Ⅳ": 4, "IV": 4, "四": 4, "4": 4}
_ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}


def cut_verbs(name: str, verbs: list[str]) -> tuple[str, str]:
    """(name after the last verb swallowed into it, that verb or '').

    >>> cut_verbs("印发江头", ["印发", "报告"]), cut_verbs("报告代溪", ["印发", "报告"]), cut_verbs("青林", ["报告"])
    (('江头', '印发'), ('代溪', '报告'), ('青林', ''))
    """
    best = ("", -1)
    for verb in verbs:
        at = name.rfind(verb)
        if at >= 0 and at + len(verb) > best[1]:
            best = (verb, at + len(verb))
    return (name[best[1]:], best[0]) if best[0] else (name, "")


def _names(pattern: str, text: str, verbs: list[str]) -> dict[str, None]:
    """The names `pattern` captures in `text`, in order of appearance (an ordered set)."""
    return dict.fromkeys(name for m in compiled(pattern).finditer(text) if (name := cut_verbs(m.group(1), verbs)[0]))


def own_places(scope: Scope, own: str, verbs: list[str], home_sections: list[str]) -> list[str]:
    """The plan's own place names, in order of appearance: from the title and cover (a title may span two lines), then
    from the sections describing the area (基本情况), where the plan names its own villages and its superior."""
    cover = [b.norm for b in front_matter(scope.document) if b.kind != "table" and _is_cover_line(b.norm)]
    texts = [normalized(scope.document.title)] + cover
    if not any(_names(own, text, verbs) for text in texts):
        texts += [b.norm for b in scope.document.blocks[:5] if b.kind != "table" and _is_cover_line(b.norm)]
    homes = {name: None for text in texts for name in _names(own, text, verbs)}
    if homes and home_sections:
        for block in sections_of(scope.document, headings_titled(scope.document, home_sections)):
            homes |= _names(own, block.norm, verbs)
    return list(homes)


def _is_cover_line(text: str) -> bool:
    """A cover line (title, its second line, issuing body, date), not a sentence of the body."""
    return 0 < len(text) <= 40 and not re.search(r"[。;；]", text)


def _clause(text: str, offset: int) -> str:
    return next((m.group(0) for m in _CLAUSE.finditer(text) if m.start() <= offset < m.end()), "")


@primitive("foreign_place", "不把其他地方的地名当作本地（照搬照抄）", reads="scope",
           options={"own": regex("从标题中取出本地地名的正则"),
                    "acting": regex("地名作为行动主体出现时的正则，第 1 组为地名"),
                    "generic": terms("不算地名的泛称（本镇、辖区……）"),
                    "verbs": terms("会被误并进地名的动词（印发、报告、地处……）"),
                    "legit": terms("上级、邻近单位出现的合法语境（报告、支援、东临……）"),
                    "home_sections": terms("列出本地村(社区)的章节标题字样"),
                    "lower_title": regex("村(社区)预案标题的正则：这样的预案不应以乡镇自称"),
                    "upper_self": terms("乡镇(街道)的自称（本镇、全镇……），出现在村(社区)预案中即照搬了乡镇预案")},
           required=("own", "acting",), partial=False)
def foreign_place(scope: Scope, own: str, acting: str, generic: list[str] | None = None, verbs: list[str] | None = None,
                  legit: list[str] | None = None, home_sections: list[str] | None = None, lower_title: str | None = None,
                  upper_self: list[str] | None = None) -> Outcome:
    """A place other than the plan's own written as the acting body (`acting` captures the name in group 1).

    Own places come from the title, the cover and `home_sections` (`own` captures names there). Verbs
    swallowed into a name (印发江头 → 江头) are cut off. A place named in a clause with a `legit` word
    (报告、请求、支援、邻、上级 …) is the superior or a neighbour: legitimate there and everywhere else.
    A plan whose title matches `lower_title` (a village's) that calls itself by a word of `upper_self`
    (本镇、全镇) outside such a clause copied a township's plan. Not applicable when the plan's own name cannot be found.

    >>> args = dict(own="([^市区县省的]{2,4}?)(?:镇|乡|街道)", acting="([^市区县省的和与及、,]{2,4}?)(?:镇|乡|街道)(?:人民政府|党委|辖区)",
    ...             verbs=["印发", "请求"], legit=["请求", "支援", "邻"])
    >>> foreign_place(scope_of("青林镇突发事件综合应急预案\\n青林镇人民政府负责组织实施，必要时请求邻近的江口街道办事处支援。"), **args).level
    'met'
    >>> foreign_place(scope_of("青林镇突发事件综合应急预案\\n河东镇人民政府负责组织实施。"), **args).evidence[0].note
    '本预案是“青林”的预案，这里却写成了“河东”，疑似照搬其他地方的预案'
    >>> village = dict(args, own="([^市区县省的]{2,4}?)(?:镇|村)", lower_title="村.{0,12}预案", upper_self=["本镇", "全镇"])
    >>> foreign_place(scope_of("后湖村应急预案\\n本预案适用于本镇行政区域。\\n险情向本镇报告。"), **village).evidence[0].note
    '本预案是村(社区)的预案，这里却写成了“本镇”，疑似照搬乡镇的预案'
    """
    verbs = [normalized(v) for v in verbs or []]
    legit_words = [normalized(w) for w in legit or []]
    homes = own_places(scope, own, verbs, home_sections or [])
    if not homes:
        return nothing_to_check("未能从标题中识别本地地名，无从核对")
    skip = {normalized(word) for word in generic or []}
    known = set(homes)
    legit_in = re.compile("|".join(map(re.escape, legit_words)) or "(?!)").search  # one search for all the words
    for unit in scope.units():
        for clause in _CLAUSE.findall(unit.norm) if legit_in(unit.norm) else ():
            if legit_in(clause):
                known.update(_names(own, clause, verbs), _names(acting, clause, verbs))

    def is_known(name: str) -> bool:
        return name in skip or any(name == h or h.endswith(name) or name.endswith(h) for h in known)

    found = []
    for unit in scope.units_matching([compiled(acting)], content=False):
        for match in compiled(acting).finditer(unit.norm):
            name, verb = cut_verbs(match.group(1), verbs)
            if len(name) < 2 or verb in legit_words or is_known(name):
                continue
            if any(word in _clause(unit.norm, match.start(1)) for word in legit_words):
                continue
            found.append(unit.evidence(match.start(), f"本预案是“{'、'.join(homes[:2])}”的预案，"
                                                      f"这里却写成了“{name}”，疑似照搬其他地方的预案"))
    if lower_title and upper_self and compiled(lower_title).search(normalized(scope.document.title)):
        for unit in scope.units():
            for clause in _CLAUSE.finditer(unit.norm):
                word = next((w for w in upper_self if normalized(w) in clause.group(0)), None)
                if word and not any(legit_word in clause.group(0) for legit_word in legit_words):
                    found.append(unit.evidence(clause.start(), f"本预案是村(社区)的预案，这里却写成了“{word}”，疑似照搬乡镇的预案"))
    return problems(found)


@primitive("generic_risks", "不把全国通用的事件分类当作本地的风险", reads="scope",
           options={"claim": regex("把下文说成本地风险的句子的正则（本镇可能发生的突发事件包括……）"),
                    "categories": terms("全国通用的事件类别和细目"),
                    "at_least": count("列举中至少出现的通用类别和细目数"),
                    "local": terms("本地具体内容的标志（数字、村、河、路……）")},
           required=("claim", "categories", "at_least"))
def generic_risks(scope: Scope, claim: str, categories: list[str], at_least: int, local: list[str] | None = None) -> Outcome:
    """A sentence that presents the plan's own risks (`claim`) with a list — the rest of its paragraph and the
    paragraphs after it that go on naming `categories` — holding at least `at_least` of the national
    categories and none of the `local` marks (a number, a village, a river …): the national classification
    copied in place of a local risk analysis. The list may be a table. Partial at worst: the missing analysis itself is a structural gap.

    >>> args = dict(claim="本镇可能发生的突发事件", categories=["自然灾害", "事故灾难", "公共卫生事件", "社会安全事件"], at_least=3, local=["村", "1"])
    >>> generic_risks(scope_of("本镇可能发生的突发事件主要有：东村低洼区暴雨内涝、镇区燃气泄漏。"), **args).level
    'met'
    >>> generic_risks(scope_of("本镇可能发生的突发事件包括以下四类：\\n自然灾害。\\n事故灾难。\\n公共卫生事件和社会安全事件。"), **args).evidence[0].note
    '把全国通用的事件分类（自然灾害、事故灾难、公共卫生事件、社会安全事件）当作本地的风险，没有写出本地的具体风险'
    """
    words = [variant for word in categories for variant in dict.fromkeys(normalized(v) for v in variants(word))]
    blocks = scope.blocks
    found: list[Evidence] = []
    for index, block in enumerate(blocks):
        for match in compiled(claim).finditer(block.norm if block.kind != "table" else ""):
            listed = block.norm[match.start():]
            for following in blocks[index + 1: index + 9]:
                if not any(word in following.norm for word in words):
                    break
                listed += following.norm
            named = [word for word in words if word in listed]
            if len(named) >= int(at_least) and not mentions(listed, local or []):
                found.append(Evidence(block.quote(match.start()), block.location,
                                      f"把全国通用的事件分类（{'、'.join(named[:4])}）当作本地的风险，没有写出本地的具体风险"))
    return Outcome("partial", found) if found else Outcome("met")  # the risk analysis itself is judged by T-06


def _levels_in(sentence: str, levels: str) -> set[int]:
    values = {_LEVEL_VALUE[m.group(1)] for m in compiled(levels).finditer(sentence) if m.group(1) in _LEVEL_VALUE}
    for low, high in re.findall(r"(Ⅰ|I|一|1)\s*级?\s*[-—–~至到]\s*(Ⅳ|IV|四|4)\s*级", sentence):
        values |= set(range(_LEVEL_VALUE[low], _LEVEL_VALUE[high] + 1))
    if re.search(r"分为?(?:四|4)个?(?:等|层)?级", sentence):
        values |= {1, 2, 3, 4}
    return values


@primitive("upper_level_copy", "不把区县级职责或区县的多级响应矩阵写成本级的", reads="scope",
           options={"duties": terms("区县级职责的写法"),
                    "levels": regex("响应级别的正则，第 1 组为级别"),
                    "max_levels": count("本级预案最多的响应级别数"),
                    "response_words": terms("表明是响应分级的字样"),
                    "not_response": terms("不是响应分级的字样（预警颜色、事件等级……）")},
           required=("duties", "levels", "max_levels",), partial=False)
def upper_level_copy(scope: Scope, duties: list[str], levels: str, max_levels: int,
                     response_words: list[str] | None = None, not_response: list[str] | None = None) -> Outcome:
    """Sentences matching `duties` (county-level wording), and more than `max_levels` distinct response
    levels (a level token captured by `levels` in a sentence with a `response_words` word and none of
    `not_response` before the first level — what the levels are of, such as the warning colours). `分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级` and `Ⅰ—Ⅳ级` count as four.

    >>> args = dict(duties=["县级以上(地方)?人民政府"], levels="(Ⅳ|Ⅲ|Ⅱ|Ⅰ)级", max_levels=3, response_words=["响应"])
    >>> upper_level_copy(scope_of("响应分为Ⅰ级、Ⅱ级、Ⅲ级三个级别。"), **args).level
    'met'
    >>> upper_level_copy(scope_of("本镇应急响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级。"), **args).evidence[0].note
    '写了 4 个响应级别（Ⅰ、Ⅱ、Ⅲ、Ⅳ），照搬了区县的多级响应；乡镇(村)预案的响应应比区县简明（不超过 3 级）'
    >>> grades = dict(args, not_response=["红色", "特别重大"])
    >>> upper_level_copy(scope_of("响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级，分别对应特别重大、重大、较大和一般事件。"), **grades).level
    'not_met'
    >>> upper_level_copy(scope_of("红色、橙色、黄色、蓝色预警分别对应Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级响应。"), **grades).level
    'met'
    """
    found: list[Evidence] = []
    for unit in scope.units_matching([compiled(duty) for duty in duties], content=False):
        for duty in duties:
            for match in compiled(duty).finditer(unit.norm):
                found.append(unit.evidence(match.start(), f"“{match.group(0)}”是区县以上的职责，不应写成本级预案的内容"))
    words = [normalized(w) for w in response_words or ["响应"]]
    excluded = [normalized(w) for w in not_response or []]
    seen: set[int] = set()
    mentions: list[Evidence] = []
    for unit in scope.units():
        if unit.row is not None or not any(w in unit.norm for w in words):  # no sentence of it speaks of response
            continue
        for sentence in re.finditer(r"[^。;；\n]+", unit.norm):
            text = sentence.group(0)
            first = compiled(levels).search(text)
            subject = text[:first.start()] if first else text  # what the levels are of: a warning colour, an event grade
            if not any(w in text for w in words) or any(w in subject for w in excluded):
                continue
            values = _levels_in(text, levels)
            if values:
                mentions.append(unit.evidence(sentence.start()))
            seen |= values
    for block in scope.blocks:  # a response matrix as a table: a header naming the level or response, levels in the cells
        if block.kind == "table" and block.norm_rows and any(w in "".join(block.norm_rows[0]) for w in words + ["级别"]):
            for r, row in enumerate(block.norm_rows[1:], start=2):
                values = set().union(*(_levels_in(cell, levels) for cell in row))
                if values:
                    mentions.append(Evidence(block.row_quote(r), block.cell_location(r, 1)))
                seen |= values
    if len(seen) > int(max_levels) and mentions:
        listed = "、".join(_ROMAN[v] for v in sorted(seen))
        note = f"写了 {len(seen)} 个响应级别（{listed}），照搬了区县的多级响应；乡镇(村)预案的响应应比区县简明（不超过 {max_levels} 级）"
        found.append(Evidence(mentions[0].quote, mentions[0].location, note))
        found += [Evidence(m.quote, m.location, "照搬的多级响应内容") for m in mentions[1:12]]
    return problems(found)

