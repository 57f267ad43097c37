"""Q-5 stale plan: the plan's own date, read from the cover, the signature line (落款) and revision stamps."""

from __future__ import annotations

from ...findings import Evidence, Outcome
from ..dates import years_before
from ..plan_dates import latest_plan_date
from ..registry import count, primitive, terms
from ..scope import Scope


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
    latest = latest_plan_date(scope.document, near)
    if latest is None:
        return Outcome("not_met", missing=["预案日期（封面、落款或修订记录）"])
    found, evidence = latest
    limit = years_before(scope.as_of, max_age_years)
    if limit is None or found >= limit:
        return Outcome("met", [evidence])
    return Outcome("not_met", [Evidence(evidence.quote, evidence.location,
                                        f"最近的日期为 {found.isoformat()}，距今已超过 {max_age_years} 年")])
