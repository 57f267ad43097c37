"""Word automatic numbering: render the number a paragraph shows but does not contain.

Follows numbering.xml: w:num → w:abstractNum, lvlOverride/startOverride, one counter
set per abstract list, deeper levels reset when a shallower one advances, `lvlText`
placeholders (%1, %2 …) and number formats, including the Chinese ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import roman

from ..limits import LIMITS
from .ooxml import is_on, w, w_val

_INTEGER = re.compile(r"\s*[+-]?[0-9]{1,12}\s*")
MAX_LEVEL = 8  # Word lists have levels 0..8


def ooxml_int(text: str | None, default: int, low: int = -LIMITS.max_list_value, high: int = LIMITS.max_list_value) -> int:
    """An integer attribute of numbering XML, clamped to [low, high]; `default` for anything that is not
    a plain ASCII integer ("abc", "1.5", "²").

    >>> ooxml_int("3", 1), ooxml_int("abc", 1), ooxml_int("1.5", 0), ooxml_int("²", 0), ooxml_int("2000000000", 1)
    (3, 1, 0, 0, 100000)
    """
    if text is None or not _INTEGER.fullmatch(text):
        return default
    return max(low, min(high, int(text)))

_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_CIRCLED = [chr(0x2460 + i) for i in range(20)]
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


@lru_cache(maxsize=4096)  # a list shows the same few numbers over and over; cn2an is slow per call
def format_number(value: int, fmt: str) -> str:
    """Render a counter in a w:numFmt.

    >>> format_number(11, "chineseCounting"), format_number(10, "ideographDigital")
    ('十一', '一〇')
    >>> format_number(3, "decimalFullWidth"), format_number(4, "upperRoman"), format_number(2, "bullet")
    ('３', 'IV', '')
    >>> format_number(2_000_000_000, "upperLetter"), format_number(5000, "upperRoman"), format_number(-3, "chineseCounting")
    ('2000000000', '5000', '-3')
    """
    if fmt in ("bullet", "none"):
        return ""
    if not 0 <= value <= LIMITS.max_list_value:
        return str(value)  # zero, negative or absurd counters: no format renders them sensibly
    try:
        return _formatted(value, fmt)
    except Exception:  # noqa: BLE001 - a converter refusing a value (Roman > 4999) falls back to decimal
        return str(value)


def _formatted(value: int, fmt: str) -> str:
    import cn2an  # slow to import: only once a list is numbered in Chinese

    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return cn2an.an2cn(value)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return cn2an.an2cn(value, "up")
    if fmt == "ideographDigital":
        return "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(value))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _HEAVENLY_STEMS[value - 1]
    if fmt in ("upperRoman", "lowerRoman") and value < 5000:
        text = roman.toRoman(value)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter") and value <= 26 * 30:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool

    @classmethod
    def parse(cls, lvl) -> Level:
        return cls(
            start=ooxml_int(w_val(lvl, "start", "1"), 1),
            fmt=w_val(lvl, "numFmt", "decimal") or "decimal",
            text=w_val(lvl, "lvlText", "") or "",
            suffix=w_val(lvl, "suff", "tab") or "tab",
            legal=is_on(lvl, "isLgl"),
        )


def _levels(abstract) -> dict[int, Level]:
    return {ooxml_int(lvl.get(w("ilvl"), "0"), 0, 0, MAX_LEVEL): Level.parse(lvl) for lvl in abstract.findall(w("lvl"))}


class Numbering:
    """Counters for one document. Call `label` once per numbered paragraph, in order."""

    def __init__(self, numbering_element) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.levels: dict[str, dict[int, Level]] = {}  # num id → its abstract levels with its overrides, merged once
        if numbering_element is None:
            return
        for abstract in numbering_element.findall(w("abstractNum")):
            self.abstract[abstract.get(w("abstractNumId"))] = _levels(abstract)
        for num in numbering_element.findall(w("num")):
            level_overrides: dict[int, Level] = {}
            start_overrides: dict[int, int] = {}
            for override in num.findall(w("lvlOverride")):
                ilvl = ooxml_int(override.get(w("ilvl"), "0"), 0, 0, MAX_LEVEL)
                start = w_val(override, "startOverride")
                if start is not None:
                    start_overrides[ilvl] = ooxml_int(start, 1)
                replacement = override.find(w("lvl"))
                if replacement is not None:
                    level_overrides[ilvl] = Level.parse(replacement)
            self.nums[num.get(w("numId"))] = (w_val(num, "abstractNumId", "") or "", level_overrides, start_overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (list, level) and return the rendered number, e.g. '（二）'.

        Returns '' for numId 0 (numbering removed), unknown lists and bullets.
        """
        if num_id not in self.nums:
            return ""
        abstract_id, level_overrides, start_overrides = self.nums[num_id]
        if num_id not in self.levels:
            self.levels[num_id] = self.abstract.get(abstract_id, {}) | level_overrides
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in start_overrides.items():
                counters[level] = start - 1
        current = counters.get(ilvl)
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet" or not level.text:
            return ""
        text = level.text
        for index in range(8, -1, -1):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                source = levels.get(index, level)
                value = counters.get(index, source.start)
                fmt = "decimal" if level.legal and index != ilvl else source.fmt
                text = text.replace(placeholder, format_number(value, fmt))
        return text + (" " if level.suffix != "nothing" and text[-1:].isalnum() else "")
