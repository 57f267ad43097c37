"""Phone numbers as townships write them: find them in a cell or after a label, and say what is wrong.

Mechanism only: which canonical forms are dialable comes from the rule set (`valid`, `service_numbers`).
A number is read as digit groups separated by spaces or dashes of any width, with an optional
parenthesised area code and an optional extension (转8001 / 分机8001 / a trailing -8001).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..structure import compiled

_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d~"
# One number: (area) or digits, groups joined by one separator (a space or a run of dashes), then an extension.
PHONE_RUN = re.compile(
    rf"(?:\(\s*\d{{2,4}}\s*\)\s*[{_DASH}]?\s*)?\d+(?:(?:\s*[{_DASH}]+\s*|[ \u3000])\d+)*"
    r"(?:\s*(?:转|分机|ext\.?)\s*\d{1,6})?")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?)\s*(\d{1,6})$")
_AREA = re.compile(r"^\(\s*(\d{2,4})\s*\)")
# Digits followed by one of these are a quantity, a date or a house number, not a phone.
_NOT_PHONE_AFTER = re.compile(r"\s*(?:年|月|日|号|人|户|名|个|次|元|米|公里|平方|亩|部|台|件|吨|辆|条|顶|艘|处|座|所|家|分钟|小时|天|%|级|岁|层|栋|幢|组)")
_THREE_DIGIT_AREAS = re.compile(r"^0(?:10|2\d)")


@dataclass(frozen=True)
class Phone:
    text: str       # as written
    start: int      # offset in the searched text
    canonical: str  # area-local, mobile or short digits; no extension
    kind: str       # mobile | landline | local | short


def canonical(text: str) -> tuple[str, str]:
    """(canonical form, kind) of one written number.

    >>> canonical("138 1234 5678"), canonical("（022）12345678".replace("（", "(").replace("）", ")"))
    (('13812345678', 'mobile'), ('022-12345678', 'landline'))
    >>> canonical("022—6853123"), canonical("63211234转8001"), canonical("0593 3361234")
    (('022-6853123', 'landline'), ('63211234', 'local'), ('0593-3361234', 'landline'))
    """
    text = _EXTENSION.sub("", text.strip())
    area_match = _AREA.match(text)
    area = area_match.group(1) if area_match else ""
    groups = re.findall(r"\d+", text[area_match.end():] if area_match else text)
    digits = "".join(groups)
    if area:
        if len(groups) > 1 and len(groups[-1]) <= 5 and len("".join(groups[:-1])) in (7, 8):
            digits = "".join(groups[:-1])  # trailing -8001 is an extension
        return f"{area}-{digits}", "landline"
    if digits.startswith("0") and len(digits) > 4:
        if len(groups) > 1 and 3 <= len(groups[0]) <= 4:
            local = groups[1:]
            if len(local) > 1 and len(local[-1]) <= 5 and len("".join(local[:-1])) in (7, 8):
                local = local[:-1]
            return f"{groups[0]}-{''.join(local)}", "landline"
        cut = 3 if _THREE_DIGIT_AREAS.match(digits) else 4
        return f"{digits[:cut]}-{digits[cut:]}", "landline"
    if digits.startswith("1") and len(digits) > 6 and not digits.startswith("12"):
        return digits, "mobile"
    if len(groups) > 1 and len(groups[-1]) <= 5 and len("".join(groups[:-1])) in (7, 8):
        return "".join(groups[:-1]), "local"  # 63211234-8001
    return digits, "local" if len(digits) >= 7 else "short"


def split_runs(text: str) -> list[tuple[str, int]]:
    """Phone-like runs in text (several per cell allowed), with their offsets; quantities and dates skipped.

    >>> [r for r, _ in split_runs("138-5933-0427、0593 3361520")]
    ['138-5933-0427', '0593 3361520']
    >>> split_runs("共312户1086人")
    []
    """
    runs = []
    for match in PHONE_RUN.finditer(text):
        run = match.group(0).strip()
        if _NOT_PHONE_AFTER.match(text, match.end()):
            continue
        if sum(ch.isdigit() for ch in run) >= 3:
            runs.append((run, match.start()))
    return runs


def phones_in(text: str) -> list[Phone]:
    """Every phone-like number in `text`; runs that join several complete numbers by spaces are split.

    >>> [p.canonical for p in phones_in("13812345678 13912345678/110")]
    ['13812345678', '13912345678', '110']
    """
    found: list[Phone] = []
    for run, start in split_runs(text):
        parts = re.split(r"[ \u3000]+", run)
        if len(parts) > 1 and all(len(re.sub(r"\D", "", p)) >= 7 for p in parts) and not _grouped_one(run):
            offset = start
            for part in parts:
                offset = text.find(part, offset)
                found.append(Phone(part, offset, *canonical(part)))
            continue
        found.append(Phone(run, start, *canonical(run)))
    return found


def _grouped_one(run: str) -> bool:
    """A run that reads as one number written in groups (138 1234 5678, 0593 3361234)."""
    digits = re.sub(r"\D", "", run)
    return len(digits) <= 12


def phone_problem(phone: Phone, valid: list[str], service: list[str]) -> str | None:
    """None for a dialable number, else what is wrong with it, in words.

    >>> valid = ["^1[3-9]\\\\d{9}$", "^0(10|2\\\\d)-\\\\d{8}$", "^0[3-9]\\\\d{2}-\\\\d{7,8}$", "^[2-9]\\\\d{6,7}$"]
    >>> phone_problem(phones_in("138 1234 5678")[0], valid, ["110"]) is None
    True
    >>> phone_problem(phones_in("1381234567")[0], valid, ["110"])
    '号码“1381234567”无法拨通：手机号应为11位，这里是10位'
    >>> phone_problem(phones_in("022-6321123")[0], valid, ["110"])
    '号码“022-6321123”无法拨通：区号022后应为8位号码，这里是7位'
    """
    form = phone.canonical
    if form in service:
        return None
    if any(compiled(pattern).match(form) for pattern in valid):
        return None
    if phone.kind == "mobile":
        return f"号码“{phone.text}”无法拨通：手机号应为11位，这里是{len(form)}位"
    if phone.kind == "landline":
        area, _, local = form.partition("-")
        wanted = "8" if _THREE_DIGIT_AREAS.match(area) else "7或8"
        return f"号码“{phone.text}”无法拨通：区号{area}后应为{wanted}位号码，这里是{len(local)}位"
    return f"号码“{phone.text}”无法拨通：不是有效的固定电话、手机或特服号码"
