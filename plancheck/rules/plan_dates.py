"""The plan's own dates: on the cover, on the signature line (落款) and in its issuing or revision sentences.

Several checks ask when the plan was written: Q-5 (is it stale), the superseded-basis check (did a
document change after the plan), N-1 (was it written after the national standard took effect).
"""

from __future__ import annotations

import re
from datetime import date

from ..document.model import Document
from ..findings import Evidence
from .dates import FoundDate, all_dates, may_hold_date
from .scope import front_matter, normalized, per_document

_STANDALONE = re.compile(r"^[^。；;]{0,40}$")
_CLAUSE = re.compile(r"[^。；;]+[。；;]?")


def plan_dates(document: Document, near: list[str]) -> list[tuple[FoundDate, Evidence]]:
    """Dates that are the plan's own: on the cover, closing a short stand-alone line (the 落款 date under or
    after the issuing body; a short line that starts with a date, `2021年7月，特大暴雨致3个村内涝`, tells
    history), or in a sentence with one of `near` (印发、施行、修订 …); dates inside citations of other
    documents never count. Table cells (ledgers, drill records) are not the plan's date."""
    return per_document(document, ("plan_dates", *near), lambda: _plan_dates(document, near))


def _plan_dates(document: Document, near: list[str]) -> list[tuple[FoundDate, Evidence]]:
    words = [normalized(w) for w in near]
    cover = {id(b) for b in front_matter(document)}
    found: list[tuple[FoundDate, Evidence]] = []
    for block in document.text_blocks():
        text = block.norm
        if not may_hold_date(text):
            continue
        signature = bool(_STANDALONE.match(text))
        for sentence in _CLAUSE.finditer(text):
            part = sentence.group(0)
            own = id(block) in cover or any(w in part for w in words)
            found += [(d, Evidence(block.quote(sentence.start() + d.start), block.location)) for d in all_dates(part)
                      if own or (signature and d.end >= len(part.rstrip()) - 1)]
    return found


def latest_plan_date(document: Document, near: list[str]) -> tuple[date, Evidence] | None:
    """The latest of the plan's own dates and where it is written (the first place, if written twice), or None.

    >>> from plancheck import document_from_text
    >>> latest_plan_date(document_from_text("青林镇应急预案\\n一、附则\\n本预案2024年修订。\\n青林镇人民政府\\n二〇二一年三月"), ["修订"])[0]
    datetime.date(2024, 1, 1)
    >>> latest_plan_date(document_from_text("青林镇应急预案\\n一、总则\\n依据2019年版的规定。"), ["印发"]) is None
    True
    >>> plan = "青林镇应急预案\\n一、风险\\n2021年7月，特大暴雨致3个村内涝\\n二、附则\\n本预案2023年修订。\\n青林镇人民政府 2025年4月18日"
    >>> latest_plan_date(document_from_text(plan), ["修订"])[0]
    datetime.date(2025, 4, 18)
    """
    dates = plan_dates(document, near)
    if not dates:
        return None
    found, evidence = max(dates, key=lambda item: item[0].value)
    return found.value, evidence
