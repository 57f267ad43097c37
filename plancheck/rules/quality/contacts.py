"""Q-1 contact data: phone numbers that cannot be dialled, blanks, shared numbers, missing roles."""

from __future__ import annotations

import re
from collections import defaultdict

from ...document.model import Block
from ...findings import Evidence, Outcome
from ..registry import primitive, regex, terms, text
from ..scope import Scope
from ..structure import compiled
from .common import column_index, problems, sections

_TOKEN_SPLIT = re.compile(r"[、,，/;；\s]+|(?<=\d)(?:和|及|或)(?=\d)")
_CONTACT_LINE = re.compile(r"(?:电话|手机|联系方式)[:：]?\s*([0-9][0-9\-－ ]{2,20}[0-9])")


def phone_problem(token: str, valid: list[str], service: list[str]) -> str | None:
    """None for a dialable number, else what is wrong with it.

    >>> phone_problem("13812345678", ["^1[3-9]\\\\d{9}$"], ["110"]) is None
    True
    >>> phone_problem("1381234567", ["^1[3-9]\\\\d{9}$"], ["110"])
    '号码“1381234567”无法拨通：手机号应为11位，这里是10位'
    """
    plain = token.replace(" ", "").replace("－", "-")
    digits = re.sub(r"\D", "", plain)
    if digits in service or any(compiled(pattern).match(plain) for pattern in valid):
        return None
    if digits.startswith("1") and not digits.startswith("10"):
        return f"号码“{token}”无法拨通：手机号应为11位，这里是{len(digits)}位"
    return f"号码“{token}”无法拨通：不是有效的固定电话、手机或特服号码"


def _contact_tables(scope: Scope, phone_columns: str) -> list[tuple[Block, int]]:
    return [(b, index) for b in scope.blocks if b.kind == "table" and b.norm_rows
            and (index := column_index(b.norm_rows[0], phone_columns)) is not None]


@primitive("contacts", "通讯录与联系电话有效：号码可拨通、不空缺、不一号多人、组织机构中的角色都在通讯录中",
           options={"valid": terms("有效号码的正则（手机、固话……）"), "service_numbers": terms("有效的特服号（110、119……）"),
                    "phone_columns": text("电话列表头的字样，如“电话|手机”"), "name_columns": text("姓名列表头的字样"),
                    "roles_within": terms("列出工作组等角色的章节标题字样"), "role_pattern": regex("角色名称的正则，第 1 组为名称")},
           required=("valid", "service_numbers", "phone_columns", "name_columns"))
def contacts(scope: Scope, valid: list[str], service_numbers: list[str], phone_columns: str, name_columns: str,
             roles_within: list[str] | None = None, role_pattern: str | None = None) -> Outcome:
    """Every phone in contact tables and contact lines is valid, present, and not shared between people.

    >>> contacts(scope_of("| 姓名 | 手机 |\\n| 张伟 | 13812345678 |\\n| 李明 | 13912345678 |"),
    ...          valid=["^1[3-9]\\\\d{9}$"], service_numbers=["110"], phone_columns="手机|电话", name_columns="姓名").level
    'met'
    >>> o = contacts(scope_of("| 姓名 | 手机 |\\n| 张伟 | 13812345678 |\\n| 李明 | 13812345678 |"),
    ...          valid=["^1[3-9]\\\\d{9}$"], service_numbers=["110"], phone_columns="手机|电话", name_columns="姓名")
    >>> o.evidence[0].note
    '号码13812345678同时登记给张伟、李明'
    """
    found: list[Evidence] = []
    owners: dict[str, dict[str, Evidence]] = defaultdict(dict)
    tables = _contact_tables(scope, phone_columns)
    for block, phone_index in tables:
        name_index = column_index(block.norm_rows[0], name_columns)
        for r, row in enumerate(block.rows[1:], start=2):
            if phone_index >= len(row):
                continue
            cell = row[phone_index].strip()
            where = block.location.with_cell(r, phone_index + 1)
            name = row[name_index].strip() if name_index is not None and name_index < len(row) else ""
            if not cell:
                if any(c.strip() for c in row):
                    found.append(Evidence(block.row_quote(r), where, "电话一栏为空"))
                continue
            for token in (t for t in _TOKEN_SPLIT.split(cell) if sum(ch.isdigit() for ch in t) >= 3):
                problem = phone_problem(token, valid, service_numbers)
                if problem:
                    found.append(Evidence(cell, where, problem))
                elif name and len(re.sub(r"\D", "", token)) == 11:
                    owners[re.sub(r"\D", "", token)].setdefault(name, Evidence(cell, where))
    for unit in scope.units():
        if unit.row is not None:
            continue
        for match in _CONTACT_LINE.finditer(unit.norm):
            problem = phone_problem(match.group(1).strip(), valid, service_numbers)
            if problem:
                found.append(unit.evidence(match.start(), problem))
    for number, names in owners.items():
        if len(names) > 1:
            first = next(iter(names.values()))
            found.append(Evidence(first.quote, first.location, f"号码{number}同时登记给{'、'.join(names)}"))
    if roles_within and role_pattern and tables:
        listed = "".join(cell for block, _ in tables for row in block.norm_rows for cell in row)
        for block in sections(scope, roles_within):
            for match in compiled(role_pattern).finditer(block.norm if block.kind != "table" else ""):
                role = match.group(1) if match.groups() else match.group(0)
                if role not in listed and not any(e.note.endswith(f"“{role}”") for e in found):
                    found.append(Evidence(block.quote(match.start()), block.location,
                                          f"组织机构中的“{role}”不在通讯录中"))
    return problems(found)
