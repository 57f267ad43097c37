"""Check primitive for content written for this place rather than copied stock phrasing.

A section made only of national stock phrases (以人为本、预防为主、统一领导、分级负责……) is present but
not adapted to the township: reviewers call it 基本符合. What is left once the stock phrases are
taken out — the unit's own arrangements, places, groups, hazards, numbers — is what makes it specific.
"""

from __future__ import annotations

import re

from ..findings import Evidence, Outcome
from .registry import count, primitive, terms
from .scope import Scope, needles_of

# Characters that carry content once stock phrases are removed: Chinese characters, digits, Latin letters.
_CONTENT_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def residue(text: str, stock: list[str]) -> str:
    """`text` with every stock phrase (longest first) removed, reduced to its content characters.

    >>> residue("坚持以人为本、预防为主;镇村联动,汛前完成隐患排查。", ["坚持", "以人为本", "预防为主", "镇村联动"])
    '汛前完成隐患排查'
    """
    needles = sorted({needle for phrase in stock for needle in needles_of(phrase)}, key=len, reverse=True)
    for needle in needles:
        text = text.replace(needle, " ")
    return "".join(_CONTENT_CHAR.findall(text))


@primitive("specific", "写得具体：去掉通用套话（照抄的全国通用表述）后，范围内还有结合本地的内容",
           options={"stock": terms("通用套话和不计内容的虚词（\"@通用原则\" 即词表中的全国通用表述）"),
                    "min_chars": count("去掉套话后至少剩下的字数，默认 4")},
           required=("stock",), partial=False)
def specific(scope: Scope, stock: list[str], min_chars: int = 4) -> Outcome:
    """Content beyond `stock` phrasing: at least `min_chars` characters of the scope's content (headings
    excluded) remain once the stock phrases are removed.

    >>> stock = ["坚持", "以人为本", "预防为主", "统一领导", "分级负责", "镇村联动"]
    >>> specific(scope_of("（三）工作原则\\n坚持以人为本、镇村联动，汛前完成隐患排查。"), stock=stock).level
    'met'
    >>> o = specific(scope_of("（三）工作原则\\n以人为本,预防为主;统一领导,分级负责。"), stock=stock); o.level, o.missing
    ('not_met', ['结合本地实际的内容（现有内容均为通用表述）'])
    """
    best: tuple[str, Evidence] | None = None
    total = 0
    for unit in scope.content_units():
        left = residue(unit.norm, stock)
        total += len(left)
        if left and (best is None or len(left) > len(best[0])):
            best = (left, unit.evidence(0, f"通用表述之外写有：{left[:30]}"))
    if total >= min_chars and best is not None:
        return Outcome("met", [best[1]])
    return Outcome("not_met", [best[1]] if best else [], ["结合本地实际的内容（现有内容均为通用表述）"])
