"""Check primitives that count across a document or a whole evidence bundle: dated records, distinct names, coverage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..document.model import Block
from .dates import find_dates
from ..findings import Evidence, Outcome
from .registry import count, counted, level_from_count, primitive, regex, terms
from .scope import Scope, headings_titled
from .structure import compiled


def _lines(blocks: list[Block]) -> Iterator[tuple[Block, str, Evidence]]:
    """Each paragraph, heading (file names included) and table row, with evidence for it."""
    for block in blocks:
        if block.kind == "table":
            for r, row in enumerate(block.norm_rows, start=1):
                yield block, " ".join(row), Evidence(block.row_quote(r), block.cell_location(r, 1))
        elif block.norm:
            yield block, block.norm, Evidence(block.text.strip()[:80], block.location)


def _months_back(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    if year < 1:
        return date.min
    if year > 9999:
        return date.max
    return date(year, month + 1, min(day.day, 28))


@primitive("records", "近若干个月内有日期的记录（演练、培训、宣传活动等）达到次数要求",
           options={"kind": regex("记录所在行应匹配的正则（如 演练）"), "at_least": count("至少的记录次数"),
                    "months": count("往前统计的月数，默认 12")}, required=("kind", "at_least"), partial=counted("at_least"))
def records(scope: Scope, kind: str, at_least: int, months: int = 12) -> Outcome:
    """Distinct dates, within the last `months`, on lines that match `kind` — one record per date.

    >>> records(scope_of("2025年5月12日组织防汛演练。\\n2025年9月3日组织消防演练。", as_of="2026-01-01"), kind="演练", at_least=2).level
    'met'
    >>> o = records(scope_of("2023年5月12日组织防汛演练。", as_of="2026-01-01"), kind="演练", at_least=1); o.level, o.missing
    ('not_met', ['近12个月内有日期的“演练”记录'])
    """
    since = _months_back(scope.as_of, months)
    expression = compiled(kind)
    seen: dict[date, Evidence] = {}
    for _, text, evidence in _lines(scope.blocks):
        if expression.search(text):
            for found in find_dates(text):
                if since <= found.value <= scope.as_of:
                    seen.setdefault(found.value, evidence)
    evidence = [seen[day] for day in sorted(seen)]
    level = level_from_count(len(seen), at_least)
    missing = [] if level == "met" else [f"近{months}个月内有日期的“{kind}”记录" + (f"（有 {len(seen)} 次，要求 {at_least} 次）" if seen else "")]
    return Outcome(level, evidence, missing)


@primitive("distinct", "匹配到的不同名称（如专项预案、制度名称）达到数量要求",
           options={"regex": regex("第 1 组捕获名称的正则表达式"), "at_least": count("至少的不同名称个数")},
           required=("regex", "at_least"), partial=counted("at_least"))
def distinct(scope: Scope, regex: str, at_least: int) -> Outcome:
    """At least `at_least` different names captured by group 1 of `regex`.

    >>> distinct(scope_of("防汛专项应急预案、森林防火专项应急预案"), regex="([\\u4e00-\\u9fff]{2,8}?)专项应急预案", at_least=2).level
    'met'
    >>> distinct(scope_of("防汛专项应急预案。防汛专项应急预案。"), regex="([\\u4e00-\\u9fff]{2,8}?)专项应急预案", at_least=2).missing
    ['至少 2 个不同名称（找到 1 个：防汛）']
    """
    expression = compiled(regex)
    names: dict[str, Evidence] = {}
    for unit, match in scope.matches(expression, content=False):
        names.setdefault(match.group(1), unit.evidence(match.start()))
    level = level_from_count(len(names), at_least)
    missing = [] if level == "met" else [f"至少 {at_least} 个不同名称（找到 {len(names)} 个：{'、'.join(names) or '无'}）"]
    return Outcome(level, list(names.values()), missing)


@primitive("coverage", "清单覆盖全部村(社区)：清单行数占总数的比例达到要求",
           reads="document",
           options={"total": regex("写明总数的正则，各捕获组之和为总数"), "list_within": terms("清单表格所在章节的标题字样"),
                    "min_percent": count("覆盖率下限（百分数）")}, required=("total", "list_within", "min_percent"), partial=lambda arguments: int(arguments["min_percent"]) > 50)
def coverage(scope: Scope, total: str, list_within: list[str], min_percent: int) -> Outcome:
    """Rows of the first table under a heading like `list_within`, against the total that `total` states
    (the sum of its captured numbers, e.g. 辖10个村、2个社区 → 12).

    >>> text = "辖3个村、1个社区。\\n附件 预案备案表\\n| 村(社区) | 备案日期 |\\n| 东岗村 | 2025-05-01 |\\n| 西岗村 | 2025-05-02 |\\n| 南岗村 | 2025-05-03 |\\n| 青林社区 | 2025-05-04 |"
    >>> coverage(scope_of(text), total="辖(\\\\d+)个村(?:[、和](\\\\d+)个社区)?", list_within=["备案表"], min_percent=100).level
    'met'
    >>> o = coverage(scope_of(text.rsplit("\\n", 1)[0]), total="辖(\\\\d+)个村(?:[、和](\\\\d+)个社区)?", list_within=["备案表"], min_percent=100)
    >>> o.level, o.evidence[-1].note
    ('partial', '清单列出 3 个，应为 4 个（75%，要求 100%）')
    """
    stated: tuple[int, Evidence] | None = None
    for unit in scope.units():
        match = compiled(total).search(unit.norm)
        if match:
            stated = (sum(int(g) for g in match.groups() if g), unit.evidence(match.start()))
            break
    tables = (b for h in headings_titled(scope.document, list_within) for b in scope.document.section(h) if b.kind == "table")
    table = next(tables, None)
    if stated is None or table is None:
        return Outcome("not_met", missing=[m for m, ok in (("村(社区)总数", stated), ("覆盖清单表格", table)) if not ok])
    count = sum(1 for row in table.norm_rows[1:] if any(row))
    share = round(count * 100 / stated[0]) if stated[0] else 0
    note = f"清单列出 {count} 个，应为 {stated[0]} 个（{share}%，要求 {min_percent}%）"
    evidence = [stated[1], Evidence(table.row_quote(1), table.location, note)]
    if share >= min_percent:
        return Outcome("met", evidence)
    return Outcome("partial" if share >= 50 else "not_met", evidence, [note])
