"""Q-7 cross-references: names defined in one part (working groups, shelters, supplies) must be used or listed in another."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ...document.model import Block
from ..registry import flag, primitive, regex, terms, text
from ..scope import Scope, normalized, unsupplied
from ..structure import compiled
from .common import graded, nothing_to_check, sections
from .groups import working_groups
from .hollow import dangling, references


def _missing_list(scope: Scope, pattern: str, reference: str) -> list[Evidence]:
    """Dangling `reference`s (详见附件3, no 附件3) in the paragraphs that name something `pattern` captures."""
    naming = {b.location.block for b in scope.document.text_blocks() if compiled(pattern).search(b.norm)}
    return [e for e in dangling(scope, references(scope, reference)) if e.location.block in naming] if naming else []


@primitive("crossref", "一处列出的名称（工作组、安置点、物资）在另一处也出现", reads="document",
           options={"names_in": terms("名称所在章节的标题字样"),
                    "pattern": regex("名称的正则，第 1 组为名称"),
                    "group_name": text("按工作组名称提取时，工作组的后缀（如 组）"),
                    "not_names": terms("不算名称的泛称"),
                    "listed_in": terms("应列出这些名称的章节或附件的标题字样"),
                    "what": text("被核对的清单叫什么，用于说明"),
                    "lists_only": flag("只在表格和清单中核对"),
                    "list_header": terms("只核对表头含这些字样的表格（物资、名称、数量……），与 lists_only 同用"),
                    "strip": terms("比较前去掉的字样"),
                    "duties": terms("表明该组已写明职责的字样（负责……）"),
                    "severe": flag("名称没有列入时评为不符合（否则为基本符合）"),
                    "unnamed": terms("没有专名、只以这些泛称开头的名称（村小学、村文化广场）：没有列入清单只算基本符合"),
                    "collective": terms("统称各工作组的字样（各工作组、各小组）：设立的工作组一个也没有任务、也没有被统称时评为不符合"),
                    "reference": regex("“详见附件N”等引用的正则（第 1 组附件/附表，第 2 组编号）：名称所在段落引用的清单附件不存在时无从核对（基本符合）")},
           required=("names_in", "listed_in", "what",),
           one_of=(("pattern",), ("group_name",)))
def crossref(scope: Scope, names_in: list[str], listed_in: list[str], what: str, pattern: str | None = None,
             group_name: str | None = None, not_names: list[str] | None = None, lists_only: bool = False,
             strip: list[str] | None = None, duties: list[str] | None = None, severe: bool = False,
             list_header: list[str] | None = None, unnamed: list[str] | None = None, reference: str | None = None,
             collective: list[str] | None = None) -> Outcome:
    """Each name captured by `pattern` (its first group that matched), or each working group named like `group_name`, in
    sections `names_in` appears in sections `listed_in`. Names starting with a word of `not_names`
    (附近、就近…) are generic, not names. With `lists_only` only tables in `listed_in` (with a header
    naming a word of `list_header`, when given) count as the list;
    a name also matches the list without a leading place or a trailing word of `strip` (青溪镇文体中心避难场所
    ~ 文体中心). A working group counts as used when its own definition gives it a duty (a word of
    `duties`: 负责…) or it is named anywhere outside the organisation sections; when none of two or more
    groups is, and no `collective` word (各工作组) speaks of them together, not met. A group is not faulted
    when the copy stops before action sections its contents list names (a truncated copy: the rest may use it). A list may also be a
    labelled sentence (安置点：村委会大院、老戏台广场；村小学（可安置80人）). A name missing from the list is not met with
    `severe` (unless it starts with a word of `unnamed`: 村小学 may be a listed school under its
    full name; or the list, in prose, names only such places: 镇中学、各村委会), else partial; names captured by `pattern` with no list at all cannot be verified: partial
    (unless `lists_only`: supplies named with their quantities are an inventory of their own — but when a
    paragraph anywhere naming them refers (`reference`) to an attachment that is not there, the list it promises is
    missing: partial). Not applicable when there is nothing to compare.

    >>> args = dict(names_in=["转移"], pattern="(?:至|到)(\\\\S{2,6}?(?:中学|小学))", listed_in=["避难场所"], what="避难场所清单")
    >>> crossref(scope_of("一、人员转移\\n转移至青林中学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).level
    'met'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).evidence[0].note
    '“东岗小学”没有列入避难场所清单'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。"), **args).evidence[0].note
    '“东岗小学”无避难场所清单可核对'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。\\n二、避难场所\\n镇中学、各村委会可作为安置点。"), **args, severe=True,
    ...          unnamed=["镇", "各"]).level
    'partial'
    >>> org = dict(names_in=["组织体系"], group_name="[\\u4e00-\\u9fff]{1,4}?组", listed_in=["应急处置"], what="应急处置各环节",
    ...            collective=["各工作组"])
    >>> crossref(scope_of("一、组织体系\\n下设抢险组、转移组。\\n二、应急处置\\n村委会组织群众转移。"), **org).level
    'not_met'
    >>> crossref(scope_of("一、组织体系\\n下设抢险组、转移组。\\n二、应急处置\\n各工作组按职责开展工作。"), **org).level
    'partial'
    >>> kit = dict(names_in=["物资"], pattern="(救生衣|沙袋)", listed_in=["物资"], what="物资清单", lists_only=True,
    ...            reference="见(附件)([0-9]*)")
    >>> crossref(scope_of("一、应急保障\\n储备救生衣20件、沙袋500条，详见附件3。\\n附件1 通讯录\\n| 姓名 |\\n| 张伟 |"), **kit).evidence[0].note
    '引用了“附件3”，但文件中没有附件3，物资清单无从核对'
    """
    source_blocks = sections(scope, names_in)
    target_blocks = sections(scope, listed_in)
    if lists_only:  # a contact table under 物资和队伍 is no inventory
        header = [normalized(word) for word in list_header or []]
        target_blocks = [b for b in target_blocks if b.kind == "table" and b.norm_rows
                         and (not header or any(word in cell for cell in b.norm_rows[0] for word in header))]
    labels = [(normalized(word), re.compile(rf"{re.escape(normalized(word))}[:：]([^。]+)")) for word in listed_in]
    labelled = "" if lists_only else "".join(
        m.group(1) for b in scope.document.text_blocks() for word, label in labels if word in b.norm
        for m in label.finditer(b.norm))
    if not source_blocks or (not target_blocks and not labelled and (lists_only or not pattern)):
        missing = _missing_list(scope, pattern, reference) if lists_only and pattern and reference else []
        if missing:
            return Outcome("partial", [Evidence(e.quote, e.location, f"{e.note}，{what}无从核对") for e in missing])
        return nothing_to_check(f"未发现{what if source_blocks else '可核对的名称'}，无从核对")
    in_source = {id(b) for b in source_blocks}  # identity: a list's `in` compares every field of every block
    target = labelled + "".join(b.norm for b in target_blocks if id(b) not in in_source and not lists_only)
    target += "".join(cell for b in target_blocks if b.kind == "table" for row in b.norm_rows for cell in row)
    if group_name:  # used anywhere outside the organisation sections
        target += "".join(b.norm for b in scope.document.text_blocks() if id(b) not in in_source)
    generic = [normalized(word) for word in not_names or []]
    names: list[tuple[str, Block, int]] = []
    groups: set[str] = set()
    if group_name:
        duty_words = [normalized(word) for word in duties or []]
        defined = working_groups(scope.document, source_blocks, group_name, generic)
        groups = {g.name for g in defined}
        names = [(g.name, g.block, g.offset) for g in defined if not any(word in g.text[len(g.name):] for word in duty_words)]
        if not names and groups:
            return Outcome("met")
    else:
        for block in source_blocks:  # an inline heading (第十八条 人员转移。接到……) carries its body
            if block.kind != "table":
                names += [(next(g for g in m.groups() if g), block, m.start())
                          for m in compiled(pattern or "").finditer(block.norm) if any(m.groups())]
    names = [(name, block, offset) for name, block, offset in names if not any(name.startswith(g) for g in generic)]
    if group_name and names and any(unsupplied(scope.document, [title]) for title in listed_in):  # a truncated copy
        return Outcome("met")
    if not names:
        return nothing_to_check("未发现可核对的名称，无从核对")
    if not target and not lists_only:  # destinations named with no list at all (supplies named are their own list)
        name, block, offset = names[0]
        listed_names = "、".join(dict.fromkeys(n for n, _, _ in names))
        return Outcome("partial", [Evidence(block.quote(offset) if block.kind != "table" else block.row_quote(1),
                                            block.location, f"“{listed_names}”无{what}可核对")])
    found: list[tuple[Evidence, str]] = []
    reported: set[str] = set()
    suffixes = [normalized(word) for word in strip or []]

    def listed(name: str) -> bool:
        core = re.sub(r"^[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|村|社区)(?=[\u4e00-\u9fff]{2})", "", name)
        for suffix in suffixes:
            core = core[:-len(suffix)] if core.endswith(suffix) and len(core) > len(suffix) + 1 else core
        return name in target or (len(core) >= 2 and core in target)

    for name, block, offset in names:
        if not listed(name) and name not in reported:
            reported.add(name)
            found.append((Evidence(block.quote(offset) if block.kind != "table" else block.row_quote(1), block.location,
                                   f"“{name}”没有列入{what}"), name))
    vague_owner = tuple(normalized(word) for word in unnamed or [])
    named_list = labelled or any(b.kind == "table" for b in target_blocks) or not vague_owner or any(
        item and not item.startswith(vague_owner) for b in target_blocks if b.kind == "paragraph" and id(b) not in in_source
        for item in re.split(r"[、,，;；和及与]", b.norm))  # 镇中学、各村委会可作为临时安置点: a list naming nothing
    severe = severe and bool(named_list)
    together = any(normalized(word) in target for word in collective or [])  # 各工作组按职责……: named, if vaguely
    idle = len(groups) >= 2 and reported >= groups and not together  # no group set up has a task: a paper organisation
    return graded([(e, idle or (severe and not name.startswith(vague_owner))) for e, name in found])
