"""Q-7 cross-references: names defined in one part must be used or listed in another."""

from __future__ import annotations

from ...findings import Evidence, Outcome
from ..registry import primitive, regex, terms, text
from ..scope import Scope
from ..structure import compiled
from .common import problems, sections


@primitive("crossref", "一处列出的名称（工作组、安置点、物资）在另一处也出现",
           reads="document",
           options={"names_in": terms("名称所在章节的标题字样"), "pattern": regex("名称的正则，第 1 组为名称"),
                    "listed_in": terms("应列出这些名称的章节或附件的标题字样"), "what": text("被核对的清单叫什么，用于说明")},
           required=("names_in", "pattern", "listed_in", "what"))
def crossref(scope: Scope, names_in: list[str], pattern: str, listed_in: list[str], what: str) -> Outcome:
    """Each name captured by `pattern` (group 1) in sections `names_in` appears in sections `listed_in`.

    When either part is missing there is nothing to compare, and the check is met (other rules report the gap).

    >>> args = dict(names_in=["转移"], pattern="(?:至|到)(\\\\S{2,6}?(?:中学|小学))", listed_in=["避难场所"], what="避难场所清单")
    >>> crossref(scope_of("一、人员转移\\n转移至青林中学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).level
    'met'
    >>> crossref(scope_of("一、人员转移\\n转移至东岗小学。\\n附件1 避难场所清单\\n| 名称 |\\n| 青林中学 |"), **args).evidence[0].note
    '“东岗小学”没有列入避难场所清单'
    """
    source_blocks = sections(scope, names_in)
    target_blocks = sections(scope, listed_in)
    if not source_blocks or not target_blocks:
        return Outcome("met")
    target = "".join(b.norm for b in target_blocks if b not in source_blocks)
    target += "".join(cell for b in target_blocks if b.kind == "table" for row in b.norm_rows for cell in row)
    found: list[Evidence] = []
    reported: set[str] = set()
    for block in source_blocks:
        if block.kind in ("table", "heading"):
            continue
        for match in compiled(pattern).finditer(block.norm):
            name = match.group(1)
            if name not in target and name not in reported:
                reported.add(name)
                found.append(Evidence(block.quote(match.start()), block.location, f"“{name}”没有列入{what}"))
    return problems(found)
