"""Current documents (standards/current.yaml): was the plan written after a document took effect, and does it cite it?

Two primitives for rules such as N-1 (“a plan dated after 2026-07-01 that cites only the 2023 编制参考
should also cite GB/T 46793.2/.3”): `effective_for_plan` (typically an `applies_if`) and `cites_current`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from ..findings import Evidence, Outcome
from ..resources import data_dir
from .plan_dates import latest_plan_date
from .registry import primitive, terms, text
from .scope import Scope


@lru_cache(maxsize=4)
def current_documents(catalog: str) -> dict[str, dict[str, Any]]:
    """The catalog's documents by id."""
    data = yaml.safe_load((data_dir("standards") / catalog).read_text("utf-8"))
    return {entry["id"]: entry for entry in data["documents"]}


def _entry(catalog: str, document_id: str) -> dict[str, Any]:
    documents = current_documents(catalog)
    if document_id not in documents:
        raise KeyError(f"{catalog} 中没有文件 {document_id}")
    return documents[document_id]


def _cited(scope: Scope, entry: dict[str, Any]) -> Evidence | None:
    """The first place the scope cites the document (by any of its patterns)."""
    for unit in scope.units():
        for pattern in entry["patterns"]:
            match = re.search(pattern, unit.norm)
            if match:
                return unit.evidence(match.start())
    return None


@primitive("effective_for_plan", "预案写于某现行文件生效之后（且引用了所列的早期文件）", reads="document",
           options={"catalog": text("现行文件表（standards/ 下的 YAML 文件名）"),
                    "document": text("现行文件表中的文件编号，如 GB/T 46793.2—2025"),
                    "citing": text("预案还须引用的早期文件编号（可选），如 编制参考(2023)"),
                    "date_words": terms("预案日期所在句的字样（印发、施行……）；封面和落款的日期也算，没有日期时按检查日期")},
           required=("catalog", "document", "date_words"), partial=False)
def effective_for_plan(scope: Scope, catalog: str, document: str, date_words: list[str], citing: str | None = None) -> Outcome:
    """met when the plan's date (its latest own date, see `latest_plan_date`; else the check date) is on or after
    `document`'s effective date and (if given) it cites `citing`.

    >>> args = dict(catalog="current.yaml", document="GB/T 46793.2—2025", citing="编制参考(2023)", date_words=["印发"])
    >>> effective_for_plan(scope_of("依据《乡镇(街道)突发事件应急预案编制参考》。2026年9月1日印发。"), **args).level
    'met'
    >>> effective_for_plan(scope_of("依据《乡镇(街道)突发事件应急预案编制参考》。2025年9月1日印发。"), **args).missing
    ['预案日期 2025-09-01 早于 GB/T 46793.2—2025 的实施日期 2026-07-01']
    >>> effective_for_plan(scope_of("一、总则\\n依据《乡镇(街道)突发事件应急预案编制参考》。\\n青林镇人民政府\\n2025年3月"), **args).missing
    ['预案日期 2025-03-01 早于 GB/T 46793.2—2025 的实施日期 2026-07-01']
    """
    entry = _entry(catalog, document)
    since = date.fromisoformat(entry["since"])
    own, where = latest_plan_date(scope.document, date_words) or (scope.as_of, None)
    evidence = [where] if where else []
    if own < since:
        return Outcome("not_met", evidence, [f"预案日期 {own.isoformat()} 早于 {document} 的实施日期 {entry['since']}"])
    if citing:
        older = _cited(scope, _entry(catalog, citing))
        if older is None:
            return Outcome("not_met", evidence, [f"编制依据中引用{_entry(catalog, citing)['title']}"])
        evidence.append(older)
    return Outcome("met", evidence)


@primitive("cites_current", "引用了所列现行文件（只引用相关文件时为基本符合）",
           options={"catalog": text("现行文件表（standards/ 下的 YAML 文件名）"),
                    "documents": terms("应引用的文件编号，引用其一即可"),
                    "partly": terms("只引用这些相关文件时评为基本符合（可选）")},
           required=("catalog", "documents"), partial=lambda arguments: bool(arguments.get("partly")))
def cites_current(scope: Scope, catalog: str, documents: list[str], partly: list[str] | None = None) -> Outcome:
    """met when one of `documents` is cited, partial when only one of `partly` is.

    >>> args = dict(catalog="current.yaml", documents=["GB/T 46793.2—2025"], partly=["GB/T 46793.1—2025"])
    >>> cites_current(scope_of("依据 GB/T 46793.2—2025《突发事件应急预案编制导则 第2部分：乡镇(街道)》。"), **args).level
    'met'
    >>> o = cites_current(scope_of("依据 GB/T 46793.1—2025。"), **args); o.level, o.missing
    ('partial', ['GB/T 46793.2—2025《突发事件应急预案编制导则 第2部分：乡镇(街道)》（2026-07-01 起实施）'])
    """
    wanted = [_entry(catalog, document) for document in documents]
    missing = ["、".join(f"{entry['title']}（{entry['since']} 起实施）" for entry in wanted)]
    for entry in wanted:
        found = _cited(scope, entry)
        if found:
            return Outcome("met", [found])
    for document in partly or []:
        found = _cited(scope, _entry(catalog, document))
        if found:
            return Outcome("partial", [found], missing)
    return Outcome("not_met", [], missing)
