"""Check primitives for what a plan contains: sections, phrases, patterns, tables, attachments, numbers, dates.

Patterns match the normalised text: half-width punctuation and digits, Simplified
characters, no spaces between Chinese characters. Matching is by substring; `\\b` is never used.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any


from ..document.model import Block
from ..document.numbers import numeral
from ..findings import Evidence, Outcome
from ..saferegex import SafePattern
from .dates import find_dates, years_before
from .registry import count, counted, level_from_count, primitive, regex, terms, text
from .scope import (
    Scope,
    match_offsets,
    sentence_at,
    attachments_titled,
    front_matter,
    headings_titled,
    normalized,
)


@lru_cache(maxsize=1024)
def compiled(regex: str) -> SafePattern:
    """A rule set's pattern, run under a time limit (rule sets are user files)."""
    return SafePattern(regex)


@primitive("section", "文件中有标题含所列字样的章节", reads="document",
           options={"titles": terms("章节标题中的字样，含任一即可")}, required=("titles",), partial=False)
def section(scope: Scope, titles: list[str]) -> Outcome:
    """A heading anywhere in the document contains one of `titles`.

    >>> section(scope_of("一、组织体系\\n由镇长任总指挥。"), titles=["组织体系", "组织机构"]).level
    'met'
    >>> section(scope_of("一、总则\\n为了……"), titles=["组织体系"]).missing
    ['组织体系']
    """
    headings = headings_titled(scope.document, titles)
    if headings:
        return Outcome("met", [Evidence(headings[0].label, headings[0].location)])
    return Outcome("not_met", missing=list(titles))


def _needs_several(arguments: dict[str, Any]) -> bool:
    """phrases can be partial only when it needs two or more words: all_of two words, or of … at_least 2."""
    if arguments.get("any_of"):
        return False
    return len(arguments.get("all_of") or ()) >= 2 or int(arguments.get("at_least", 1)) >= 2


@primitive("phrases", "范围内出现所列词语（任一 / 全部 / 至少若干个）",
           options={"any_of": terms("出现其中任一个即可（\"@概念\" 匹配词表中该概念的任一说法）"),
                    "all_of": terms("每一个都要出现"),
                    "of": terms("候选词语，与 at_least 连用"), "at_least": count("of 中至少要出现的个数"),
                    "not_with": terms("出现在含这些词的句子中不算（如“请示上级”时不算本级自有；\"@通用事件分类\" 即照抄的全国通用事件分类）"),
                    "only_with": terms("所在句子（表格中为所在行）还须含这些词之一才算（如 \"@本地信息\"：地名、数量、位置，即本地具体内容）")},
           one_of=(("any_of",), ("all_of",), ("of", "at_least")), partial=_needs_several)
def phrases(scope: Scope, any_of: list[str] | None = None, all_of: list[str] | None = None,
            of: list[str] | None = None, at_least: int = 1, not_with: list[str] | None = None,
            only_with: list[str] | None = None) -> Outcome:
    """Phrases present in the scope: any one of `any_of`, every one of `all_of`, or `at_least` N `of` them.

    >>> phrases(scope_of("主要包括地质灾害和森林火灾等。"), of=["地质灾害", "森林火灾"], at_least=2, only_with=["村", "户"]).level
    'not_met'

    >>> phrases(scope_of("镇长任总指挥，分管副镇长任副总指挥。"), all_of=["总指挥", "副总指挥"]).level
    'met'
    >>> o = phrases(scope_of("镇长任总指挥。"), all_of=["总指挥", "成员单位"]); o.level, o.missing
    ('partial', ['成员单位'])
    """
    terms, needed = (any_of, 1) if any_of else (all_of, len(all_of)) if all_of else (of, at_least)
    found: list[Evidence] = []
    missing: list[str] = []
    for term in terms or []:
        hit = scope.find(term, not_with, only_with)
        if hit:
            found.append(hit)
        else:
            missing.append(term)
    return Outcome(level_from_count(len(found), needed), found, [] if len(found) >= needed else missing)


# What separates the clauses of one sentence (for near's same_clause).
_CLAUSE_BREAK = re.compile(r"[，,：:]")


@primitive("near", "两个概念在同一句（或相距若干字）内同时出现，不论先后；表格中为同一行",
           options={"a": terms("第一组词语或 @概念，任一即可"), "b": terms("第二组词语或 @概念，任一即可"),
                    "b_regex": regex("第二项写成正则表达式（如电话号码），代替 b"),
                    "b_name": text("b_regex 在说明中的叫法（如“电话号码”）"),
                    "chars": count("两者相距不超过的字数，默认 30"),
                    "across_sentences": {"type": "boolean", "description": "允许跨句（默认只在同一句内）"},
                    "same_clause": {"type": "boolean", "description": "两者之间不能隔着逗号（同一分句，如“老人96人”，不是“约300人，留守老人”）"},
                    "not_with": terms("出现在含这些词的句子中不算"),
                    "b_at_least": count("b 中至少几种不同的说法与同一处 a 写在一起（如修订的几种情形），默认 1")},
           required=("a",), one_of=(("b",), ("b_regex",)), partial=False)
def near(scope: Scope, a: list[str], b: list[str] | None = None, chars: int = 30, across_sentences: bool = False,
         same_clause: bool = False, not_with: list[str] | None = None, b_regex: str | None = None, b_name: str = "号码",
         b_at_least: int = 1) -> Outcome:
    """One of `a` and one of `b` (or a match of `b_regex`) within `chars` characters of each other,
    in either order, in the same sentence unless `across_sentences` (with `same_clause`, no comma between them);
    a table row reads as one line.
    With `b_at_least` N, N different words of `b` (a Concept's variants count apart) must be near the same match of `a`.

    >>> near(scope_of("村支书任指挥，主任任副指挥。"), a=["指挥"], b=["书记", "村支书"]).level
    'met'
    >>> o = near(scope_of("村支书负责宣传。总指挥由上级指定。"), a=["总指挥"], b=["村支书"]); o.level, o.missing
    ('not_met', ['总指挥与村支书写在一处'])
    >>> near(scope_of("| 单位 | 电话 |\\n| 镇应急值班室 | 022-63211234 |"), a=["值班室"], b_regex=r"0\\d{2,3}-\\d{7,8}").level
    'met'
    >>> counted = dict(a=["老人"], b_regex=r"\\d+人", b_name="人数", chars=10, same_clause=True)
    >>> near(scope_of("其中老人96人。"), **counted).level, near(scope_of("约300人，留守老人较多。"), **counted).level
    ('met', 'not_met')
    >>> triggers = dict(a=["修订"], b=["法律法规", "机构", "风险", "演练"], b_at_least=2, chars=40)
    >>> near(scope_of("法律法规、组织机构发生变化时及时修订。"), **triggers).level
    'met'
    >>> near(scope_of("有关情况发生变化时及时修订。"), **triggers).missing
    ['修订与法律法规/机构/风险中至少2项写在一处']
    """
    expression = compiled(b_regex) if b_regex else None
    for unit in scope.content_units():
        line = unit.context(0) if unit.row is not None else unit.norm
        left = [m for term in a for m in match_offsets(line, term, not_with)]
        if not left:
            continue
        right = ([m.span() for m in expression.finditer(line)] if expression
                 else [m for term in b or [] for m in match_offsets(line, term, not_with)])
        for start_a, end_a in left:
            close = {line[start_b:end_b]: start_b for start_b, end_b in reversed(right)
                     if (start_a, end_a) != (start_b, end_b)
                     and max(start_a, start_b) - min(end_a, end_b) <= chars
                     and (across_sentences or sentence_at(line, start_a) == sentence_at(line, start_b))
                     and not (same_clause and _CLAUSE_BREAK.search(line, min(end_a, end_b), max(start_a, start_b)))}
            if len(close) >= b_at_least:
                return Outcome("met", [unit.evidence(0 if unit.row is not None else min(start_a, *close.values()))])
    what = b_name if expression else '/'.join((b or [])[:3])
    count_note = f"中至少{b_at_least}项" if b_at_least > 1 else ""
    return Outcome("not_met", missing=[f"{'/'.join(a[:3])}与{what}{count_note}写在一处"])


@primitive("pattern", "范围内匹配正则表达式的次数达到要求",
           options={"regex": regex("正则表达式"), "at_least": count("至少匹配的次数，默认 1")}, required=("regex",), partial=counted("at_least"))
def pattern(scope: Scope, regex: str, at_least: int = 1) -> Outcome:
    """At least `at_least` matches of `regex` in the scope.

    >>> pattern(scope_of("值班电话：022-12345678"), regex=r"0\\d{2,3}-?\\d{7,8}").level
    'met'
    >>> pattern(scope_of("值班电话另行通知"), regex=r"0\\d{2,3}-?\\d{7,8}").level
    'not_met'
    """
    expression = compiled(regex)
    hits = [unit.evidence(match.start()) for unit, match in scope.matches(expression)]
    return Outcome(level_from_count(len(hits), at_least), hits[:5])


def columns_named(header: list[str], options: str) -> list[int]:
    """Indexes of every header cell naming one of `options` ('电话|手机'): all phone columns, not just the first.

    >>> columns_named(["姓名", "办公电话", "手机"], "电话|手机"), columns_named(["姓名", "职务"], "电话|手机")
    ([1, 2], [])
    """
    wanted = [normalized(option) for option in options.split("|")]
    return [i for i, cell in enumerate(header) if any(w in cell for w in wanted)]


def _column_hits(header: list[str], columns: list[str]) -> list[str]:
    """Columns (each 'a|b' alternatives) present in a header row."""
    return [column for column in columns if columns_named(header, column)]


def _best_table(blocks: list[Block], columns: list[str]) -> tuple[Block | None, list[str]]:
    best: tuple[Block | None, list[str]] = (None, [])
    for block in blocks:
        if block.kind == "table" and block.norm_rows:
            header = block.norm_rows[0] + (block.norm_rows[1] if len(block.norm_rows) > 1 else [])
            hits = _column_hits(header, columns)
            if len(hits) > len(best[1]):
                best = (block, hits)
    return best


@primitive("table", "范围内有包含所列表头的表格",
           options={"columns": terms("表头应有的列，每列可写“责任人|负责人”表示任一"),
                    "min_columns": count("至少命中的列数，默认全部"), "min_rows": count("至少的数据行数，默认 1")},
           required=("columns",))
def table(scope: Scope, columns: list[str], min_columns: int | None = None, min_rows: int = 1) -> Outcome:
    """A table whose header names at least `min_columns` of `columns` and has `min_rows` data rows.

    >>> table(scope_of("| 姓名 | 职务 | 手机 |\\n| 张三 | 镇长 | 13812345678 |"), columns=["姓名", "职务", "手机|电话"]).level
    'met'
    >>> table(scope_of("张三 镇长 13812345678"), columns=["姓名", "电话"]).missing
    ['姓名', '电话']
    """
    needed = min_columns or len(columns)
    block, hits = _best_table(scope.blocks, columns)
    if block is None:
        return Outcome("not_met", missing=[column.replace("|", "/") for column in columns])
    data_rows = sum(1 for row in block.norm_rows[1:] if any(cell for cell in row))
    evidence = [Evidence(block.row_quote(1), block.location)]
    missing = [column.replace("|", "/") for column in columns if column not in hits]
    if len(hits) >= needed and data_rows >= min_rows:
        return Outcome("met", evidence)
    if data_rows < min_rows:
        missing.append(f"至少 {min_rows} 行数据（现有 {data_rows} 行）")
    return Outcome("partial" if len(hits) * 2 >= needed else "not_met", evidence, missing)


@primitive("attachment", "文件中确有该附件（只在正文中提到不算）", reads="document",
           options={"titles": terms("附件标题中的字样"), "min_chars": count("没有表格或图片时附件正文至少的字数，默认 30")},
           required=("titles",), partial=False)
def attachment(scope: Scope, titles: list[str], min_chars: int = 30) -> Outcome:
    """An attachment titled like one of `titles` that has content (a table, a picture, or `min_chars` of text).

    A heading named like the attachment with a table under it counts even without a 附件 label;
    a mention such as “详见附件3（应急通讯录）” does not.

    >>> attachment(scope_of("附件1\\n应急通讯录\\n| 姓名 | 电话 |\\n| 张三 | 13812345678 |"), titles=["通讯录"]).level
    'met'
    >>> o = attachment(scope_of("一、保障\\n联系方式详见附件1应急通讯录。"), titles=["通讯录"]); o.level, o.evidence[0].note
    ('not_met', '只在正文中提到，文件中没有该附件')
    """
    for heading, blocks in attachments_titled(scope.document, titles):
        body = blocks[1:]
        chars = sum(len(block.norm) for block in body)
        evidence = [Evidence(heading.label, heading.location)]
        if any(block.kind in ("table", "figure") for block in body) or chars >= min_chars:
            return Outcome("met", evidence)
        return Outcome("not_met", [Evidence(heading.label, heading.location, "附件只有标题，没有内容")], list(titles))
    mentions = [hit for hit in (scope.find(title) for title in titles) if hit]
    return Outcome("not_met", [Evidence(m.quote, m.location, "只在正文中提到，文件中没有该附件") for m in mentions[:1]],
                   list(titles))


@primitive("number", "范围内写明的数值（如每年演练次数）达到下限",
           options={"regex": regex("第 1 组捕获数值的正则表达式（阿拉伯数字或中文数字）"), "at_least": count("数值下限")},
           required=("regex", "at_least"), partial=False)
def number(scope: Scope, regex: str, at_least: int) -> Outcome:
    """A number captured by the first group of `regex` (Arabic or Chinese numerals) reaching `at_least`.

    >>> number(scope_of("每年至少组织2次演练。"), regex=r"每年.{0,6}?([\\d一二三四五六七八九十两]+)次", at_least=1).level
    'met'
    >>> o = number(scope_of("每年组织一次演练。"), regex=r"每年.{0,6}?([\\d一二三四五六七八九十两]+)次", at_least=2); o.level, o.evidence[0].note
    ('not_met', '写明的数值为 1，低于要求的 2')
    """
    expression = compiled(regex)
    best: tuple[int, Evidence] | None = None
    for unit, match in scope.matches(expression):
        value = numeral(match.group(1).replace("两", "二"))
        if value is not None and (best is None or value > best[0]):
            best = (value, unit.evidence(match.start()))
    if best is None:
        return Outcome("not_met")
    value, evidence = best
    if value >= at_least:
        return Outcome("met", [evidence])
    return Outcome("not_met", [Evidence(evidence.quote, evidence.location,
                                        f"写明的数值为 {value}，低于要求的 {at_least}")], [f"不少于 {at_least}"])


@primitive("date", "文首或写有印发、施行、修订等字样处有日期，且不早于规定年限",
           options={"near": terms("日期所在段落应含的字样（如印发、施行、修订）"), "max_age_years": count("最长年限")},
           required=("max_age_years",), partial=False)
def date_check(scope: Scope, max_age_years: int, near: list[str] | None = None) -> Outcome:
    """The newest date, on the cover (before the first heading) or in a paragraph with one of `near`,
    is at most `max_age_years` old. Without `near`, every date in the scope counts.

    >>> date_check(scope_of("本预案自2025年4月10日起施行。", as_of="2026-11-29"), max_age_years=3).level
    'met'
    >>> date_check(scope_of("本预案自二〇一九年三月一日起施行。", as_of="2026-11-29"), max_age_years=3).evidence[0].note
    '最近的日期为 2019-03-01，距今已超过 3 年'
    """
    keywords = [normalized(word) for word in near or []]
    cover = {id(block) for block in front_matter(scope.document)}
    newest: tuple[date, Evidence] | None = None
    for unit in scope.units():
        if keywords and id(unit.block) not in cover and not any(word in unit.norm for word in keywords):
            continue
        for found in find_dates(unit.norm):
            if newest is None or found.value > newest[0]:
                newest = (found.value, unit.evidence(found.start))
    if newest is None:
        return Outcome("not_met", missing=["日期"])
    value, evidence = newest
    limit = years_before(scope.as_of, max_age_years)
    if limit is None or value >= limit:
        return Outcome("met", [evidence])
    return Outcome("not_met", [Evidence(evidence.quote, evidence.location,
                                        f"最近的日期为 {value.isoformat()}，距今已超过 {max_age_years} 年")])


@primitive("length", "全文字数不超过上限（简明实用）", options={"max_chars": count("字数上限")}, required=("max_chars",), partial=False)
def length(scope: Scope, max_chars: int) -> Outcome:
    """The scope has at most `max_chars` characters of normalised text.

    >>> length(scope_of("一、预警\\n大喇叭通知。"), max_chars=100).level
    'met'
    >>> length(scope_of("一、预警\\n" + "很长的内容。" * 30), max_chars=100).evidence[0].note
    '全文约 182 字，超过 100 字的上限，不够简明'
    """
    total = sum(len(unit.norm) for unit in scope.units())
    if total <= max_chars:
        return Outcome("met")
    first = scope.blocks[0]
    return Outcome("not_met", [Evidence(first.quote(0), first.location,
                                        f"全文约 {total} 字，超过 {max_chars} 字的上限，不够简明")])
