"""Q-7 cross-references: names defined in one part must be used or listed in another; references must resolve."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ...document.model import Block, Document
from ..registry import count, flag, primitive, regex, terms, text
from ..scope import Scope, normalized
from ...document.numbers import numeral
from ..structure import compiled
from .common import attachments_start, nothing_to_check, problems, sections
from .groups import working_groups


@primitive("crossref", "一处列出的名称（工作组、安置点、物资）在另一处也出现", reads="document",
           options={"names_in": terms("名称所在章节的标题字样"),
                    "pattern": regex("名称的正则，第 1 组为名称"),
                    "group_name": text("按工作组名称提取时，工作组的后缀（如 组）"),
                    "not_names": terms("不算名称的泛称"),
                    "listed_in": terms("应列出这些名称的章节或附件的标题字样"),
                    "what": text("被核对的清单叫什么，用于说明"),
                    "lists_only": flag("只在表格和清单中核对"),
                    "strip": terms("比较前去掉的字样"),
                    "duties": terms("表明该组已写明职责的字样（负责……）")},
           required=("names_in", "listed_in", "what",),
           one_of=(("pattern",), ("group_name",)))
def crossref(scope: Scope, names_in: list[str], listed_in: list[str], what: str, pattern: str | None = None,
             group_name: str | None = None, not_names: list[str] | None = None, lists_only: bool = False,
             strip: list[str] | None = None, duties: list[str] | None = None) -> Outcome:
    """Each name captured by `pattern` (group 1), or each working group named like `group_name`, in
    sections `names_in` appears in sections `listed_in`. Names starting with a word of `not_names`
    (附近、就近…) are generic, not names. With `lists_only` only tables in `listed_in` count as the list;
    a name also matches the list without a leading place or a trailing word of `strip` (青溪镇文体中心避难场所
    ~ 文体中心). A working group counts as used when its own definition gives it a duty (a word of
    `duties`: 负责…) or it is named anywhere outside the organisation sections.
    Not applicable when either part is missing.

    >>> args = dict(names_in=["转移"], pattern="(?:至|到)(\\\\S{2,6}?(?:中学|小学))", listed_in=["避难场所"], what="避难场所清单")
    >>> crossref(scope_of("一、人员转移\\n转移至青林中学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).level
    'met'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).evidence[0].note
    '“东岗小学”没有列入避难场所清单'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。"), **args).missing
    ['未发现避难场所清单，无从核对']
    """
    source_blocks = sections(scope, names_in)
    target_blocks = sections(scope, listed_in)
    if lists_only:
        target_blocks = [b for b in target_blocks if b.kind == "table"]
    if not target_blocks or not source_blocks:
        return nothing_to_check(f"未发现{what if not target_blocks else '可核对的名称'}，无从核对")
    in_source = {id(b) for b in source_blocks}  # identity: a list's `in` compares every field of every block
    target = "".join(b.norm for b in target_blocks if id(b) not in in_source and not lists_only)
    target += "".join(cell for b in target_blocks if b.kind == "table" for row in b.norm_rows for cell in row)
    if group_name:  # used anywhere outside the organisation sections
        target += "".join(b.norm for b in scope.document.text_blocks() if id(b) not in in_source)
    generic = [normalized(word) for word in not_names or []]
    names: list[tuple[str, Block, int]] = []
    if group_name:
        duty_words = [normalized(word) for word in duties or []]
        names = [(g.name, g.block, g.offset) for g in working_groups(source_blocks, group_name, generic)
                 if not any(word in g.text[len(g.name):] for word in duty_words)]
        if not names and working_groups(source_blocks, group_name, generic):
            return Outcome("met")
    else:
        for block in source_blocks:
            if block.kind not in ("table", "heading"):
                names += [(m.group(1), block, m.start()) for m in compiled(pattern or "").finditer(block.norm)]
    names = [(name, block, offset) for name, block, offset in names if not any(name.startswith(g) for g in generic)]
    if not names:
        return nothing_to_check("未发现可核对的名称，无从核对")
    found: list[Evidence] = []
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
            found.append(Evidence(block.quote(offset) if block.kind != "table" else block.row_quote(1), block.location,
                                  f"“{name}”没有列入{what}"))
    return problems(found)


def _attachment_parts(document: Document) -> dict[str, list[Block]]:
    """'附件3' / '附图1' → the blocks under that heading (or labelled paragraph) up to the next one."""
    parts: dict[str, list[Block]] = {}
    label = re.compile(r"^(附件|附图|附表)\s*([\d一二三四五六七八九十]*)")
    current: list[Block] | None = None
    start = attachments_start(document)
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


@primitive("dangling", "正文中“详见附件N”“见附图”所指的附件、附图确实附在文后且有内容", reads="document",
           options={"reference": regex("“详见附件N”“见附图”等引用的正则"),
                    "min_chars": count("附件至少的字数，少于此视为只有标题")},
           required=("reference",))
def dangling(scope: Scope, reference: str, min_chars: int = 20) -> Outcome:
    """Every reference matched by `reference` (group 1 附件/附图/附表, group 2 its number, may be empty)
    points to an attachment or figure that exists and has content (a table, a figure or `min_chars` of text).
    Not applicable when the text refers to no attachment.

    >>> ref = "(附件|附图|附表)\\\\s*([\\\\d一二三四五六七八九十]*)"
    >>> dangling(scope_of("一、保障\\n物资见附件1。\\n附件1 物资清单\\n| 名称 |\\n| 救生衣 |"), reference="见" + ref).level
    'met'
    >>> dangling(scope_of("一、转移\\n路线见附图。\\n二、保障\\n物资详见附件2。\\n附件2 物资清单"), reference="见" + ref).evidence[1].note
    '引用了“附件2”，但附件2只有标题，没有内容'
    """
    document = scope.document
    parts = _attachment_parts(document)
    start = attachments_start(document)
    found: list[Evidence] = []
    seen = 0
    for unit in scope.units():
        if start is not None and unit.block.location.block - 1 >= start or unit.block.kind == "heading":
            continue
        for match in compiled(reference).finditer(unit.norm):
            kind, number = match.group(1), match.group(2)
            seen += 1
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
    if not seen:
        return nothing_to_check("正文没有引用附件或附图，无从核对")
    return problems(found)
