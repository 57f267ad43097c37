"""Q-2 template residue: placeholders left from a template, empty required columns."""

from __future__ import annotations

from ...findings import Evidence, Outcome
from ..registry import primitive, regex, terms, text
from ..scope import Scope
from ..structure import compiled
from .common import column_index, problems


@primitive("forbid", "范围内不得出现所列正则（如模板占位符）",
           options={"regex": regex("不得出现的内容的正则"), "note": text("找到时给出的说明")}, required=("regex", "note"))
def forbid(scope: Scope, regex: str, note: str) -> Outcome:
    """Every match of `regex` is a problem, quoted with `note`.

    >>> forbid(scope_of("总指挥：张伟，电话：13812345678。"), regex="XX|某某", note="模板残留").level
    'met'
    >>> forbid(scope_of("总指挥：XX镇镇长。"), regex="XX|某某", note="模板残留").evidence[0].quote
    '总指挥：XX镇镇长。'
    """
    expression = compiled(regex)
    found = [unit.evidence(match.start(), f"{note}：“{match.group(0)}”")
             for unit in scope.units() for match in expression.finditer(unit.norm)]
    return problems(found)


@primitive("blank_cells", "表格中所列列（如姓名、电话）不得为空",
           options={"columns": terms("不得为空的列，每列可写“电话|手机”表示任一")}, required=("columns",))
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
            index = column_index(header, column)
            if index is None:
                continue
            for r, row in enumerate(block.norm_rows[1:], start=2):
                if index < len(row) and not row[index] and sum(1 for cell in row if cell) >= 1:
                    found.append(Evidence(block.row_quote(r), block.location.with_cell(r, index + 1),
                                          f"“{block.rows[0][index]}”一栏为空"))
    return problems(found)
