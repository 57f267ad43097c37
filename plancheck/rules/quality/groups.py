"""Working groups as plans set them up: `X组：…` lines, tables of groups, and enumerations after 下设.

A counting phrase (`6个工作组`, `以下工作组`, `各工作组`) is never a group; neither is a villager group (`二组`).
What counts as a group name, and which words are not names, come from the rule set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document.model import Block, Document
from ...findings import Evidence, Outcome
from ..registry import count, counted, level_from_count, primitive, regex, terms
from ..scope import Scope, normalized, per_document
from ..structure import compiled

_BOUNDARY = r"(?:^|(?<=[。；;，,、:：\s)）】]))(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?"
_ENUMERATION = re.compile(r"(?:下设|设立|设置|分设|成立|包括|分为|组成|设有)([^。；;]*)")
_ITEM_SPLIT = re.compile(r"[、,，和及与/:：]+|…+|\.{3,}|等")
_NOT_IN_NAME = re.compile(r"[\d一二三四五六七八九十百两几]|以下|如下|若干|各|个|有关|相关|其他|其它|下列|下设|设立|成立|相应|专项工作组$|^工作组$")
_LEADING_VERB = re.compile(r"^(?:指挥部|领导小组|镇|村|社区|街道)?(?:下设|设立|设置|分设|成立|包括|分为|组成|设有|由|和|及)")


@dataclass(frozen=True)
class Group:
    name: str
    block: Block
    offset: int
    text: str  # the definition: from the name to the next group or the end of the paragraph / row


def clean(name: str, not_names: list[str]) -> str | None:
    """The group name without a leading verb, or None when it is a counting phrase or not a name.

    >>> clean("下设综合协调组", ["村民小组"]), clean("6个工作组", []), clean("以下工作组", []), clean("二组", [])
    ('综合协调组', None, None, None)
    """
    name = _LEADING_VERB.sub("", name)
    stem = name[:-1]
    if len(name) < 3 or _NOT_IN_NAME.search(stem) or name in not_names or any(name.endswith(n) for n in not_names):
        return None
    return name


def working_groups(document: Document, blocks: list[Block], name: str, not_names: list[str]) -> list[Group]:
    """Groups set up in `blocks` of `document`: a name matching `name` followed by a colon or bracket, a cell of a
    groups table, or an item of an enumeration after 下设/设立/包括. Worked out once per document for the same
    blocks and words (the organisation, contacts and cross-reference rules all ask); treat it as read-only.

    >>> from plancheck import document_from_text
    >>> doc = document_from_text("指挥部下设6个工作组：综合协调组、抢险救援组等。\\n转移组：组长陈秀英，负责转移。")
    >>> [g.name for g in working_groups(doc, doc.blocks, "[\\u4e00-\\u9fff]{1,8}?组", ["村民小组"])]
    ['综合协调组', '抢险救援组', '转移组']
    """
    key = ("working_groups", tuple(map(id, blocks)), name, tuple(not_names))
    return per_document(document, key, lambda: _working_groups(blocks, name, not_names))


def _working_groups(blocks: list[Block], name: str, not_names: list[str]) -> list[Group]:
    labelled = compiled(_BOUNDARY + rf"({name})(?=[:：(（]|$)")
    found: dict[str, Group] = {}

    def add(raw: str, block: Block, offset: int, text: str) -> None:
        cleaned = clean(raw.strip(), not_names)
        if cleaned and (cleaned not in found or not found[cleaned].text):
            found[cleaned] = Group(cleaned, block, offset, text)

    whole = compiled(rf"^{name}$")
    for position, block in enumerate(blocks):
        if block.kind == "table":
            for row in block.norm_rows[1:]:
                for cell in row:
                    if whole.match(cell):
                        add(cell, block, 0, cell + "负责" + "".join(c for c in row if c != cell)
                            if any(len(c) >= 6 for c in row if c != cell) else "".join(row))
            continue
        text = block.norm
        if block.kind == "heading":  # （一）综合协调组 followed by its duties
            if whole.match(block.norm):
                following = []
                for other in blocks[position + 1:]:
                    if other.kind == "heading":
                        break
                    following.append(other.norm)
                add(block.norm, block, 0, block.norm + ":" + "".join(following))
            continue
        starts = [(m.group(1), m.start(1)) for m in labelled.finditer(text)]
        for index, (raw, start) in enumerate(starts):
            end = starts[index + 1][1] if index + 1 < len(starts) else len(text)
            add(raw, block, start, text[start:end])
        for match in _ENUMERATION.finditer(text):
            items = [item.strip() for item in _ITEM_SPLIT.split(match.group(1))]
            if sum(1 for item in items if whole.match(item)) >= 2 or (items and whole.match(items[0]) and len(items) == 1):
                for item in items:
                    if whole.match(item):
                        add(item, block, match.start(1) + match.group(1).find(item), "")
    return list(found.values())


@primitive("groups", "范围内设立了若干个工作组（“X组：……”、工作组表、“下设……组”、以组名为标题），写明职责的组达到要求",
           options={"name": regex("工作组名称的正则（如 $group_name）"), "not_names": terms("以“组”结尾但不是工作组名称的词"),
                    "at_least": count("至少的工作组个数"),
                    "duties": terms("表明该组已写明职责的字样（负责、牵头……）；写了则只数写明职责的组")},
           required=("name", "at_least"), partial=counted("at_least"))
def groups(scope: Scope, name: str, at_least: int, not_names: list[str] | None = None,
           duties: list[str] | None = None) -> Outcome:
    """At least `at_least` working groups set up in the scope (with one of `duties` in their definition, when given).

    >>> doc = "三、工作组\\n| 工作组 | 牵头单位 | 职责 |\\n| 综合协调组 | 党政办 | 负责信息汇总和协调 |\\n| 抢险救援组 | 应急办 | 负责现场抢险救人 |"
    >>> groups(scope_of(doc), name="[\\u4e00-\\u9fff]{1,8}?组", at_least=2, duties=["负责"]).level
    'met'
    >>> o = groups(scope_of("三、工作组\\n根据需要成立若干工作组。"), name="[\\u4e00-\\u9fff]{1,8}?组", at_least=3, not_names=["工作组"]); o.level, o.missing
    ('not_met', ['至少 3 个工作组'])
    """
    found = working_groups(scope.document, scope.blocks, name, not_names or [])
    if duties:
        found = [group for group in found if any(normalized(word) in group.text for word in duties)]
    evidence = [Evidence(group.name, group.block.location) for group in found[:5]]
    what = f"至少 {at_least} 个{'写明职责的' if duties else ''}工作组"
    return Outcome(level_from_count(len(found), at_least), evidence, [] if len(found) >= at_least else [what])
