"""Q-2 template residue: placeholders left from a template, empty required columns."""

from __future__ import annotations

from collections import defaultdict

import regex as regex_engine

from ...findings import Evidence, Outcome
from ..registry import primitive, regex, terms, text
from ..scope import Scope, normalized
from ..structure import columns_named, compiled
from .common import problems


@primitive("forbid", "范围内不得出现所列正则（如模板占位符）", reads="scope",
           options={"regex": regex("不得出现的内容的正则"),
                    "note": text("找到时给出的说明")},
           required=("regex", "note",), partial=False)
def forbid(scope: Scope, regex: str, note: str) -> Outcome:
    """Every match of `regex` is a problem, quoted with `note`.

    >>> forbid(scope_of("总指挥：张伟，电话：13812345678。"), regex="XX|某某", note="模板残留").level
    'met'
    >>> forbid(scope_of("总指挥：XX镇镇长。"), regex="XX|某某", note="模板残留").evidence[0].quote
    '总指挥：XX镇镇长。'
    """
    expression = compiled(regex)
    found = [unit.evidence(match.start(), f"{note}：“{match.group(0)}”")
             for unit, match in scope.matches(expression, content=False)]
    return problems(found)


@primitive("blank_cells", "表格中所列列（如姓名、电话）不得为空", reads="scope",
           options={"columns": terms("不得为空的列，每列可写“电话|手机”表示任一")},
           required=("columns",), partial=False)
def blank_cells(scope: Scope, columns: list[str]) -> Outcome:
    """Rows of a table that fill some cells but leave a required column empty.

    >>> blank_cells(scope_of("| 姓名 | 电话 |\\n| 张伟 | 13812345678 |"), columns=["姓名", "电话|手机"]).level
    'met'
    >>> blank_cells(scope_of("| 姓名 | 电话 |\\n| 张伟 |  |"), columns=["姓名", "电话|手机"]).evidence[0].note
    '“电话”一栏为空'
    """
    found = []
    for block in scope.blocks:
        if block.kind != "table" or len(block.norm_rows) < 2:
            continue
        header = block.norm_rows[0]
        for column in columns:
            named = columns_named(header, column)
            if not named:
                continue
            index = named[0]
            for r, row in enumerate(block.norm_rows[1:], start=2):
                if index < len(row) and not row[index] and sum(1 for cell in row if cell) >= 1:
                    found.append(Evidence(block.row_quote(r), block.cell_location(r, index + 1),
                                          f"“{block.rows[0][index]}”一栏为空"))
    return problems(found)


def _sentence_of(text: str, offset: int, limit: int = 80) -> str:
    """The sentence of the original text around `offset`."""
    start = max(text.rfind(ch, 0, offset) for ch in "。；;\n") + 1
    ends = [i for i in (text.find(ch, offset) for ch in "。；;\n") if i >= 0]
    return text[start:(min(ends) + 1 if ends else len(text))].strip()[:limit]


@primitive("placeholders", "没有模板占位符、星号遮蔽和留空的填空（条款标题【…】不算）", reads="scope",
           options={"regex": regex("模板占位符的正则"),
                    "note": text("找到时给出的说明"),
                    "article": regex("条款标题【…】的正则（不算占位符）"),
                    "fill_words": terms("填空前的标签字样（东临、民族结构为……）"),
                    "blanks": terms("留空填空的正则")},
           required=("regex", "note",), partial=False)
def placeholders(scope: Scope, regex: str, note: str, article: str | None = None, fill_words: list[str] | None = None,
                 blanks: list[str] | None = None) -> Outcome:
    """Every match of `regex` (placeholders and masks) in the normalised text, except a 【…】 that is an
    article title (after `article`, or opening a paragraph, with none of `fill_words` inside); and every
    match of `blanks` in the text as written (spaces kept): a fill-in left empty, like `东临 ，` or `为： 族`.
    Table cells are quoted with their row.

    >>> args = dict(regex="XX|某某|【[^】]*】|[\\u4e00-\\u9fff]\\\\*+", note="模板占位符未替换", article="第[一二三四五六七八九十]+条$",
    ...             fill_words=["填写"], blanks=["[东西南北][临邻]\\\\s*(?=[，,])"])
    >>> placeholders(scope_of("第一条【编制依据】依据应对法制定。\\n组长：张伟。"), **args).level
    'met'
    >>> [e.note for e in placeholders(scope_of("组长：张**，电话【填写】。\\n东临 ，西邻 ，北邻大河。"), **args).evidence]
    ['模板占位符未替换：“张**”', '模板占位符未替换：“【填写】”', '填空处留空未填：“东临 ,”', '填空处留空未填：“西邻 ,”']
    """
    expression = compiled(regex)
    article_end = compiled(article) if article else None
    fills = [normalized(w) for w in fill_words or []]
    found: list[Evidence] = []

    def evidence(unit, offset: int, written: bool, message: str) -> Evidence:
        if unit.row is not None:
            return Evidence(unit.block.row_quote(unit.row), unit.block.cell_location(unit.row, unit.column), message)
        quote = _sentence_of(unit.block.text, offset) if written else unit.block.quote(offset)
        return Evidence(quote, unit.block.location, message)

    units = list(scope.units())
    # each unit's placeholders, then its blanks (pattern by pattern), found by searching the joined texts
    hits: dict[int, list[regex_engine.Match[str]]] = defaultdict(list)
    for unit, match in scope.matches(expression, content=False):
        hits[id(unit)].append(match)
    written = scope.written
    blank_hits: dict[int, list[regex_engine.Match[str]]] = defaultdict(list)
    for blank in blanks or []:
        for index, match in written.matches(compiled(blank)):
            blank_hits[index].append(match)
    for index, unit in enumerate(units):
        for match in hits.get(id(unit), ()):
            token = match.group(0)
            if token.startswith("【") and not any(w in token for w in fills):
                before = unit.norm[:match.start()].rstrip()
                if (article_end and article_end.search(before)) or (not before and match.end() < len(unit.norm)):
                    continue
            found.append(evidence(unit, match.start(), False, f"{note}：“{token}”"))
        text = written.texts[index]
        for match in blank_hits.get(index, ()):
            found.append(evidence(unit, match.start(), True, f"填空处留空未填：“{text[match.start():match.end() + 1].strip()}”"))
    return problems(found)
