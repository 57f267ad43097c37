"""Q-5 stale plan: the plan's own date, read from the cover, the signature line (落款) and revision stamps."""

from __future__ import annotations

import re
from datetime import date

from ...findings import Evidence, Outcome
from ...document.model import Document
from ..dates import FoundDate, all_dates, may_hold_date, years_before
from ..registry import count, primitive, terms
from ..scope import Scope, front_matter, normalized, per_document

_STANDALONE = re.compile(r"^[^。；;]{0,40}$")


def plan_dates(document: Document, near: list[str]) -> list[tuple[FoundDate, Evidence]]:
    """Dates that are the plan's own: on the cover, on a short stand-alone line (the 落款 date under the
    issuing body), or in a sentence with one of `near` (印发、施行、修订 …); dates inside citations of
    other documents never count. Table cells (ledgers, drill records) are not the plan's date."""
    return per_document(document, ("plan_dates", *near), lambda: _plan_dates(document, near))


def _plan_dates(document: Document, near: list[str]) -> list[tuple[FoundDate, Evidence]]:
    words = [normalized(w) for w in near]
    cover = {id(b) for b in front_matter(document)}
    found: list[tuple[FoundDate, Evidence]] = []
    for block in document.text_blocks():
        text = block.norm
        if not may_hold_date(text):
            continue
        for sentence in re.finditer(r"[^。；;]+[。；;]?", text):
            part = sentence.group(0)
            own = id(block) in cover or bool(_STANDALONE.match(text)) or any(w in part for w in words)
            if own:
                found += [(d, Evidence(block.quote(sentence.start() + d.start), block.location))
                          for d in all_dates(part)]
    return found


def plan_date(document: Document, near: list[str]) -> date | None:
    """The latest of the plan's own dates, or None (used by the outdated-basis check too)."""
    dates = plan_dates(document, near)
    return max(d.value for d, _ in dates) if dates else None


@primitive("plan_date", "预案写明了日期（封面、落款、修订记录，阿拉伯数字或汉字，只写年份的修订也算），且最近的日期不早于规定年限", reads="document",
           options={"near": terms("日期所在行应含的字样（印发、施行、修订……）"),
                    "max_age_years": count("最长年限")},
           required=("near", "max_age_years",), partial=False)
def plan_date_check(scope: Scope, near: list[str], max_age_years: int) -> Outcome:
    """The latest of the plan's own dates (cover, 落款, revision stamps, sentences with `near`) is at most
    `max_age_years` old.

    >>> plan_date_check(scope_of("青林镇应急预案\\n一、附则\\n本预案2024年修订。\\n青林镇人民政府\\n二〇二一年三月", as_of="2026-11-29"),
    ...                 near=["印发", "修订"], max_age_years=3).evidence[0].quote
    '本预案2024年修订。'
    >>> plan_date_check(scope_of("青林镇应急预案\\n一、附则\\n内容。\\n青林镇人民政府\\n二〇一九年五月", as_of="2026-11-29"),
    ...                 near=["印发"], max_age_years=3).evidence[0].note
    '最近的日期为 2019-05-01，距今已超过 3 年'
    """
    dates = plan_dates(scope.document, near)
    if not dates:
        return Outcome("not_met", missing=["预案日期（封面、落款或修订记录）"])
    found, evidence = max(dates, key=lambda item: item[0].value)
    limit = years_before(scope.as_of, max_age_years)
    if limit is None or found.value >= limit:
        return Outcome("met", [evidence])
    return Outcome("not_met", [Evidence(evidence.quote, evidence.location,
                                        f"最近的日期为 {found.value.isoformat()}，距今已超过 {max_age_years} 年")])
