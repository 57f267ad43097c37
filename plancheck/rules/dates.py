"""Find calendar dates in Chinese text, numeric or written in Chinese numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..document.numbers import numeral


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


def may_hold_date(text: str) -> bool:
    """Whether `text` could hold a date that `find_dates` or `all_dates` finds: every form has 年 or a year 19xx/20xx.

    >>> may_hold_date("2021-03-01"), may_hold_date("二〇二一年三月"), may_hold_date("每月组织演练")
    (True, True, False)
    """
    return "年" in text or "19" in text or "20" in text


def find_dates(text: str) -> list[FoundDate]:
    """Dates in normalised text, in order of appearance.

    >>> [d.value.isoformat() for d in find_dates("2025年4月10日印发，二〇二三年十二月起施行")]
    ['2025-04-10', '2023-12-01']
    >>> find_dates("每年4月组织演练")
    []
    """
    found: list[FoundDate] = []
    if not may_hold_date(text):
        return found
    for match in _NUMERIC.finditer(text):
        value = _safe(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in _CHINESE.finditer(text):
        year = int("".join(str(_DIGIT_VALUE[ch]) for ch in match.group(1)))
        month = numeral(match.group(2)) or 0
        day = (numeral(match.group(3)) or 0) if match.group(3) else 1
        value = _safe(year, month, day)
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


_CN_YEAR = rf"[{_DIGIT}]{{4}}"
_STAMP = re.compile(rf"((?:19|20)\d{{2}}|{_CN_YEAR})\s*年\s*(?:[(（]?\s*)(?:修订|修编|修改|更新|印发|制定|编制|发布|评估|版)"
                    rf"|(?:修订|修编|更新|印发|制定)(?:于|时间[:：]?)?\s*((?:19|20)\d{{2}}|{_CN_YEAR})\s*年(?!\s*\d|\s*[{_CN_DAY}]+月)")
_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(_DIGIT_VALUE[ch]) for ch in text))


def find_stamps(text: str) -> list[FoundDate]:
    """Year-only revision or issue stamps (`2023年修订`, `二〇二三年版`), dated 1 January of that year.

    >>> [d.value.isoformat() for d in find_stamps("本预案（2023年修订）")]
    ['2023-01-01']
    >>> find_stamps("2023年汛期降雨偏多")
    []
    """
    found = []
    for match in _STAMP.finditer(text):
        year = _year(match.group(1) or match.group(2))
        value = _safe(year, 1, 1)
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    return found


def in_citation(text: str, start: int) -> bool:
    """A date inside the citation of another document: 《…》（2007年8月30日…） or 《…2006…》.

    >>> in_citation("依据《突发事件应对法》（2007年8月30日主席令第69号）", 12)
    True
    >>> in_citation("本预案自2025年4月10日起施行", 4)
    False
    """
    before = text[:start]
    if before.count("《") > before.count("》"):
        return True
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    tail = before[clause_start:]
    return "》" in tail and re.search(r"》\s*[(（〔][^)）〕]*$", tail) is not None


def all_dates(text: str) -> list[FoundDate]:
    """Full dates and year-only stamps, outside citations of other documents, in order of appearance.

    >>> [d.value.isoformat() for d in all_dates("依据《管理办法》（2013年11月8日印发）。2024年修订")]
    ['2024-01-01']
    """
    found = [d for d in find_dates(text) + find_stamps(text) if not in_citation(text, d.start)]
    return sorted(found, key=lambda d: d.start)
