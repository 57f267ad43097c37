"""Heading numbers: the numbering families Chinese plans use, and how a paragraph splits into
number, title and run-in body. Shared by the outline builder, the contents finder and the
line re-joiner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import halfwidth, squeeze

_CN = "一二三四五六七八九十百零〇两"
_NUM = rf"[{_CN}\d]+"
_DOT_AFTER = r"(?:\s*[.、](?!\d))?"
_LIST_NAME = "(?:电话|通讯录|联系表|名单|名册|清单)"  # what an attachment introduced by a bare `附` lists

# (family, pattern on half-width text). Order matters: longer decimal forms first.
FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第\s*({_NUM})\s*章\s*")),
    ("section", re.compile(rf"^第\s*({_NUM})\s*节\s*")),
    ("article", re.compile(rf"^第\s*({_NUM})\s*条\s*")),
    # 附件, 附表 (table), 附图 (map); a bare `附` before the name of a list (`附：联系电话`, `附 应急通讯录`)
    ("attachment", re.compile(rf"^附\s*(?:[件表图]\s*({_NUM})?\s*[:、.．]?|[:：]|(?=\s*\S{{0,10}}{_LIST_NAME}$))\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*[、.]\s*")),
    ("paren_cn", re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*")),
    ("dec3", re.compile(rf"^(\d+)\s*\.\s*(\d+)\s*\.\s*(\d+){_DOT_AFTER}(?![.\d])\s*")),
    ("dec2", re.compile(rf"^(\d+)\s*\.\s*(\d+){_DOT_AFTER}(?![.\d])\s*")),
    ("dec1", re.compile(r"^(\d{1,2})\s*(?:[.、](?!\d)\s*|\s+)")),
    ("paren_num", re.compile(r"^\(\s*(\d+)\s*\)\s*")),
    ("num_paren", re.compile(r"^(\d{1,2})\s*\)\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
]
# A number glued to its title (`1基本情况`): accepted only when what follows is not a quantity.
_GLUED = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff])")
_QUANTITY = re.compile(r"^[个人户名次月年日号天时分万千百米亿元级类种项处条支台辆件套批组栋层间座所家只头亩吨期周岁点公]")
# A fraction (`2.1万人`, `0.38平方公里`) only measures: `9.2组织指挥`, `2.1人口` are numbers glued to their titles.
_MEASURE = re.compile(r"^[万千百亿米元亩吨公平立天时岁倍%％‰]")
# OCR and retyping read `1、` as the letter l or I.
_OCR_ONE = re.compile(r"^[lI](?=\s*[、.](?!\d))")
_BRACKET_TITLE = re.compile(r"^【([^】]{1,20})】\s*")
# What a number of FAMILIES can start with (half-width), besides decimal digits and circled numbers; `l`, `I`
# are the OCR forms of 1. Text that starts otherwise is not numbered, and is not half-width converted whole.
_FIRST = frozenset("第附(lI" + _CN)

# Canonical nesting, outermost first.
RANK = ["chapter", "section", "article", "cn", "paren_cn", "dec1", "dec2", "dec3", "paren_num", "num_paren", "circled"]
# Families that commonly carry a run-in title ("（一）应急指挥部。由镇长任总指挥……") even when no item of the
# family is a bare title in the document. `1、` (see Numbered.takes_run_in) does too; `1.` `（1）` `①` with a
# label (`1. 接报：值班员登记。`, `（1）地质灾害：……`) are how lists of steps, risks and groups are written.
RUN_IN = {"chapter", "section", "article", "cn", "paren_cn", "dec2", "dec3"}

MAX_TITLE = 30
MAX_RUN_IN_TITLE = 15
SENTENCE_PUNCT = tuple("。；;，,！!？?")
FULL_STOP = tuple("。！!？?")  # what ends a sentence (not a clause)


@dataclass
class Numbered:
    """A paragraph that starts with a heading number.

    `shape` is "title" (the rest is a short title), "bracket" (`第二条【适用范围】…`),
    "run_in" (`（二）适用范围。本预案…`: title then body) or "sentence" (a numbered sentence).
    """

    family: str
    value: str
    number: str
    title: str
    body: str
    shape: str
    glued: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}{self.title}"

    @property
    def look(self) -> tuple[str, str]:
        """The family and the mark that closes the number: `1、` and `1.` are two ways of numbering.

        >>> parse("1、预警级别").look, parse("1.山洪：南沟两岸受威胁。").look
        (('dec1', '、'), ('dec1', '.'))
        """
        mark = self.number[-1:]
        return self.family, "" if mark.isdigit() or mark in _CN else mark

    @property
    def takes_run_in(self) -> bool:
        """Whether this numbering can carry a run-in title: the section families of RUN_IN, and `1、`, the
        enumeration-comma form that like `一、` opens a titled section (`2、编制依据：根据……`).

        >>> parse("2、编制依据：根据有关法律制定。").takes_run_in, parse("2. 研判：带班领导研判。").takes_run_in
        (True, False)
        """
        return self.family in RUN_IN or self.family == "dec1" and self.number.endswith("、")


@lru_cache(maxsize=4096)  # headings repeat the same few numerals; cn2an is slow per call
def numeral(value: str) -> int | None:
    """'十二' → 12, '3' → 3, '①' → 1; None for what is not a number. The one numeral parser of plancheck.

    >>> numeral("十二"), numeral("３"), numeral("②"), numeral("若干")
    (12, 3, 2, None)
    """
    if not value:
        return None
    if len(value) == 1 and "\u2460" <= value <= "\u2473":
        return ord(value) - 0x2460 + 1
    if value.isdecimal():
        return int(value)
    import cn2an  # builds its converters when imported (~0.2 s): only once a Chinese numeral is read

    try:
        return int(cn2an.cn2an(value, "smart"))
    except (ValueError, KeyError):
        return None


def split_number(text: str) -> tuple[str, re.Match[str]] | None:
    """The numbering family and match at the start of `text` (full-width forms allowed).

    >>> [found and found[0] for found in map(split_number, ["１．总则", "Ｉ、总则", "（一）总则", "应急预案"])]
    ['dec1', 'dec1', 'paren_cn', None]
    """
    first = halfwidth(text[:1])
    if not (first in _FIRST or first.isdecimal() or "\u2460" <= first <= "\u2473"):
        return None
    wide = _OCR_ONE.sub("1", halfwidth(text))
    for family, pattern in FAMILIES:
        match = pattern.match(wide)
        if match:
            return family, match
    return None


def starts_numbered(text: str) -> bool:
    return split_number(text.strip()) is not None


def looks_like_title(title: str, limit: int = MAX_TITLE) -> bool:
    """Short, non-empty, and not a sentence (no sentence punctuation, no comma).

    >>> looks_like_title("总  则"), looks_like_title("每年组织一次演练。"), looks_like_title("以人为本，减少危害")
    (True, False, False)
    """
    plain = squeeze(title).rstrip(":")
    return (0 < len(plain) <= limit and not plain[0].isdigit() and not plain.endswith(SENTENCE_PUNCT)
            and not any(mark in plain for mark in "。，,；;"))


def parse(text: str) -> Numbered | None:
    """Split a paragraph into number, title and run-in body; None when it does not start with a number.

    >>> parse("第二条【适用范围】本预案适用于本镇。").title, parse("（二）适用范围。本预案适用于本镇。").shape
    ('适用范围', 'run_in')
    >>> parse("l、编制目的").number, parse("1基本情况").title, parse("3个工作组负责抢险") is None
    ('l、', '基本情况', True)
    >>> parse("9.2组织指挥").title, parse("2.1万人受灾") is None
    ('组织指挥', True)
    """
    stripped = text.strip()
    found = split_number(stripped)
    glued = False
    if found:
        family, match = found
        end = match.end()
    else:
        match = _GLUED.match(halfwidth(stripped[:3]))  # two digits and the character after them
        if not match or _QUANTITY.match(stripped[match.end():]):
            return None
        family, end, glued = "dec1", match.end(), True
    number, rest = stripped[:end].strip(), stripped[end:].strip()
    unit = _QUANTITY if family == "dec1" else _MEASURE
    if family in ("dec1", "dec2", "dec3") and stripped[end - 1:end].isdigit() and unit.match(rest):
        return None  # a quantity at the start of a line ("2.1万人", "31 处"), not a heading number
    values = [group for group in match.groups() if group]
    value = values[-1] if values else ""
    if family == "attachment":
        shape = "title" if not rest or looks_like_title(rest, 40) else "sentence"
        return Numbered(family, value, number, rest.rstrip(":：") if shape == "title" else rest, "", shape)
    bracket = _BRACKET_TITLE.match(rest)
    if bracket:
        return Numbered(family, value, number, bracket.group(1).strip(), rest[bracket.end():].strip(), "bracket", glued)
    if looks_like_title(rest):
        return Numbered(family, value, number, rest.rstrip(":："), "", "title", glued)
    cut = min((rest.find(mark) for mark in "。：:" if mark in rest), default=-1)
    if 0 < cut <= MAX_RUN_IN_TITLE and rest[cut + 1:].strip() and looks_like_title(rest[:cut]):
        return Numbered(family, value, number, rest[:cut].strip(), rest[cut + 1:].strip(), "run_in", glued)
    return None if glued else Numbered(family, value, number, rest, "", "sentence")
