"""Q-1 contact data: phone numbers that cannot be dialled, blanks, shared numbers, groups missing from the list."""

from __future__ import annotations

import re
from collections import defaultdict

from ...findings import Evidence, Outcome
from ...document.model import Block
from ..registry import primitive, regex, terms, text
from ..scope import Scope, normalized
from ..structure import columns_named, compiled
from .common import graded, sections
from .groups import working_groups
from .phones import Phone, phone_problem, phones_in

_SENTENCE_END = re.compile(r"[。；;\n]")


def _header(block: Block, phone_columns: str) -> int | None:
    """Which of the first two rows is the header naming phone columns (0 or 1), or None."""
    for index, row in enumerate(block.norm_rows[:2]):
        if columns_named(row, phone_columns) and not any(sum(ch.isdigit() for ch in cell) >= 5 for cell in row):
            return index
    return None


def _labelled(text: str, labels: str) -> list[tuple[Phone, bool]]:
    """Numbers written after a phone label in the same clause; True when right after the label."""
    found: list[tuple[Phone, bool]] = []
    seen: set[int] = set()
    for label in compiled(f"(?:{labels})+").finditer(text):
        end = _SENTENCE_END.search(text, label.end())
        window = text[label.end(): end.start() if end else len(text)]
        for phone in phones_in(window):
            close = not window[:phone.start].strip(" :：()（）为是")
            digits = sum(ch.isdigit() for ch in phone.text)
            if (digits >= 5 or close) and label.end() + phone.start not in seen:
                seen.add(label.end() + phone.start)
                found.append((Phone(phone.text, label.end() + phone.start, phone.canonical, phone.kind), close))
    return found


_MASKED = re.compile(r"^[Xx×*＊○]+$|某")


def _owner(header: list[str], phone_index: int, name_columns: str) -> int | None:
    """The column naming whose phone it is: the one the phone header is named after (包保人 → 包保人电话),
    else the nearest name column to its left."""
    phone_header = header[phone_index]
    named = [i for i, cell in enumerate(header) if i != phone_index and len(cell) >= 2 and phone_header.startswith(cell)]
    if named:
        return named[0]
    candidates = [i for i in columns_named(header, name_columns) if i < phone_index]
    return candidates[-1] if candidates else None


def _contact_names(tables: list[tuple[Block, int]], name_columns: str, role_columns: str) -> set[str]:
    names: set[str] = set()
    for block, header in tables:
        for option in (name_columns, role_columns):
            for index in columns_named(block.norm_rows[header], option):
                names.update(row[index] for row in block.norm_rows[header + 1:] if index < len(row) and len(row[index]) >= 2)
    return names


@primitive("contacts", "通讯录与联系电话有效：号码可拨通、不空缺、不一号多人，组织机构中的各组都在通讯录中", reads="scope",
           options={"valid": terms("有效号码的正则（手机、固话……）"),
                    "service_numbers": terms("有效的特服号（110、119……）"),
                    "phone_columns": text("电话列表头的字样，如“电话|手机”"),
                    "name_columns": text("姓名列表头的字样"),
                    "role_columns": text("职务、分工列表头的字样"),
                    "labels": regex("正文中电话标签的正则（电话、手机、值班……）"),
                    "roles_within": terms("列出工作组等角色的章节标题字样"),
                    "role_pattern": regex("角色名称的正则，第 1 组为名称"),
                    "not_groups": terms("不算工作组名称的字样"),
                    "unfilled": regex("未填写的电话格（待补充、【填写】……）的正则")},
           required=("valid", "service_numbers", "phone_columns", "name_columns",))
def contacts(scope: Scope, valid: list[str], service_numbers: list[str], phone_columns: str, name_columns: str,
             role_columns: str = "职务|岗位|单位|部门|组别", labels: str = "电话|手机|值班|联系方式|热线",
             roles_within: list[str] | None = None, role_pattern: str | None = None,
             not_groups: list[str] | None = None, unfilled: str = "待|填写|暂无|^无$|^[—\\-/]+$|[Xx×*]") -> Outcome:
    """Every phone in every phone column of contact tables, in a row labelled as a phone, and after a
    phone label in text, is dialable; no blanks; no number shared by two people; every working group
    (names matching `role_pattern` in `roles_within`) has a member in the contact list.
    Not applicable when the plan gives no phone at all. Blank or unfilled phone cells alone are partial (an
    unfinished list); a number that cannot be dialled, a shared number (each row sharing it is quoted) or a
    group nobody in the list belongs to is not_met.

    >>> args = dict(valid=["^1[3-9]\\\\d{9}$"], service_numbers=["110"], phone_columns="手机|电话", name_columns="姓名")
    >>> contacts(scope_of("| 姓名 | 手机 |\\n| 张伟 | 138 1234 5678 |\\n| 李明 | 13912345678 |"), **args).level
    'met'
    >>> contacts(scope_of("| 姓名 | 手机 |\\n| 张伟 | 13812345678 |\\n| 李明 | 13812345678 |"), **args).evidence[0].note
    '号码13812345678同时登记给张伟、李明'
    >>> contacts(scope_of("| 职务 | 姓名 | 手机 |\\n| 村主任 | ××× | 13812345678 |\\n| 会计 | 李明 | 13812345678 |"), **args).evidence[0].note
    '号码13812345678同时登记给村主任、李明'
    >>> contacts(scope_of("一、组织体系\\n镇长任总指挥。"), **args).missing
    ['未发现通讯录或联系电话，无从核对']
    """
    unfilled_pattern = unfilled
    found: list[tuple[Evidence, bool]] = []  # (problem, severe): a blank cell is unfinished, a wrong number severe
    owners: dict[str, dict[str, Evidence]] = defaultdict(dict)
    checked = 0

    def check(phone: Phone, quote: Evidence) -> bool:
        nonlocal checked
        checked += 1
        problem = phone_problem(phone, valid, service_numbers)
        if problem:
            found.append((Evidence(quote.quote, quote.location, problem), True))
        return problem is None

    tables: list[tuple[Block, int]] = []
    label_pattern = compiled(f"(?:{labels})")
    for block in (b for b in scope.blocks if b.kind == "table" and b.norm_rows):
        header = _header(block, phone_columns)
        if header is None:
            for r, row in enumerate(block.norm_rows, start=1):  # label and number in the same row
                for c, cell in enumerate(row):
                    if label_pattern.search(cell) and not any(ch.isdigit() for ch in cell):
                        for d, other in enumerate(row[c + 1:], start=c + 2):
                            for phone in phones_in(other):
                                check(phone, Evidence(block.row_quote(r), block.cell_location(r, d)))
                        break
            continue
        tables.append((block, header))
        phone_indexes = columns_named(block.norm_rows[header], phone_columns)
        owner_of = {index: _owner(block.norm_rows[header], index, name_columns) for index in phone_indexes}
        roles = columns_named(block.norm_rows[header], role_columns)
        for r, row in enumerate(block.norm_rows[header + 1:], start=header + 2):
            row_phones = 0
            for index in phone_indexes:
                owner = owner_of[index]
                name = re.sub(r"等$|[(（].*$", "", row[owner]) if owner is not None and owner < len(row) else ""
                if _MASKED.search(name) and roles and roles[0] < len(row):  # a masked name (×××): the post says who
                    name = re.sub(r"[(（].*$", "", row[roles[0]])
                name = name if any(ch.isalpha() for ch in name) else ""  # a dash or blank is no person
                cell = row[index] if index < len(row) else ""
                where = block.cell_location(r, index + 1)
                for phone in phones_in(cell):
                    row_phones += 1
                    if check(phone, Evidence(block.rows[r - 1][index].strip(), where)) and phone.kind == "mobile" and name:
                        owners[phone.canonical].setdefault(name, Evidence(block.row_quote(r), where))
            blank = [index for index in phone_indexes if index < len(row) and not row[index]]
            unfilled = [index for index in phone_indexes if index < len(row) and row[index] and
                        compiled(unfilled_pattern).search(row[index]) and not any(ch.isdigit() for ch in row[index])]
            if not row_phones and blank and any(row):
                found.append((Evidence(block.row_quote(r), block.cell_location(r, blank[0] + 1), "电话一栏为空"), False))
            elif not row_phones and unfilled:
                found.append((Evidence(block.row_quote(r), block.cell_location(r, unfilled[0] + 1),
                                       f"电话一栏没有填写号码（“{block.rows[r - 1][unfilled[0]].strip()}”）"), False))
    for unit in scope.units_matching([compiled(f"(?:{labels})+")], content=False):
        if unit.row is None:
            for phone, _ in _labelled(unit.norm, labels):
                check(phone, unit.evidence(phone.start))
    if not checked and not tables:
        return Outcome("not_applicable", missing=["未发现通讯录或联系电话，无从核对"])
    for number, names in owners.items():
        if len(names) > 1:  # every row that shares it: whichever is wrong, each must be checked
            found += [(Evidence(row.quote, row.location, f"号码{number}同时登记给{'、'.join(names)}"), True)
                      for row in names.values()]
    if roles_within and role_pattern and tables:
        listed = "".join(cell for block, _ in tables for row in block.norm_rows for cell in row)
        members = _contact_names(tables, name_columns, role_columns)
        for group in working_groups(scope.document, sections(scope, roles_within), role_pattern,
                                    [normalized(n) for n in not_groups or []]):
            lead = re.match(r"[:：(（]?\s*(?:由)?([\u4e00-\u9fff]{2,10}?)(?:牵头|负责|任组长|为组长|组成|[,，、(（]|$)",
                            group.text[len(group.name):])
            if group.name in listed or any(member in group.text for member in members) or \
                    (lead and len(lead.group(1)) >= 2 and lead.group(1) in listed):
                continue
            quote = group.block.quote(group.offset) if group.block.kind != "table" else \
                next((group.block.row_quote(r) for r, row in enumerate(group.block.norm_rows, start=1) if group.name in row),
                     group.block.row_quote(1))
            found.append((Evidence(quote, group.block.location, f"组织机构中的“{group.name}”在通讯录中没有任何成员"), True))
    return graded(found)
