"""Find calendar dates in Chinese text, numeric or written in Chinese numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import cn2an

_DIGIT = "〇零一二三四五六七八九"
_DIGIT_VALUE = {"〇": 0, "零": 0} | {ch: i for i, ch in enumerate("一二三四五六七八九", start=1)}
_CN_DAY = "一二三四五六七八九十"
_NUMERIC = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(?:(\d{1,2})\s*日?)?")
_CHINESE = re.compile(rf"([{_DIGIT}]{{4}})年([{_CN_DAY}]{{1,3}})月(?:([{_CN_DAY}]{{1,3}})日)?")


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def years_before(day: date, years: int) -> date | None:
    """The same calendar day `years` earlier (29 February → 28 February); None when that is before year 1.

    >>> years_before(date(2028, 2, 29), 3), years_before(date(1, 1, 1), 3), years_before(date(9999, 12, 31), -1)
    (datetime.date(2025, 2, 28), None, datetime.date(9999, 12, 31))
    """
    year = day.year - int(years)
    if year < 1:
        return None
    year = min(year, 9999)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def find_dates(text: str) -> list[FoundDate]:
    """Dates in normalised text, in order of appearance.

    >>> [d.value.isoformat() for d in find_dates("2025年4月10日印发，二〇二三年十二月起施行")]
    ['2025-04-10', '2023-12-01']
    >>> find_dates("每年4月组织演练")
    []
    """
    found: list[FoundDate] = []
    for match in _NUMERIC.finditer(text):
        value = _safe(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in _CHINESE.finditer(text):
        year = int("".join(str(_DIGIT_VALUE[ch]) for ch in match.group(1)))
        month = int(cn2an.cn2an(match.group(2), "smart"))
        day = int(cn2an.cn2an(match.group(3), "smart")) if match.group(3) else 1
        value = _safe(year, month, day)
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)
