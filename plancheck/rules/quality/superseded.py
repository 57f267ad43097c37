"""Q-4 outdated basis: superseded documents relied on as current, from the versioned list in standards/."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from ...findings import Outcome
from ...resources import data_dir
from ..registry import primitive, terms, text
from ..plan_dates import latest_plan_date
from ..scope import Scope, normalized
from ..structure import compiled
from .common import problems

_CLAUSE = re.compile(r"[^,，。;；、\n]+")


@lru_cache(maxsize=4)
def superseded_list(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((data_dir("standards") / name).read_text("utf-8"))["documents"]


@primitive("superseded", "不把已被替代的文件当作现行依据", reads="scope",
           options={"catalog": text("已废止文件清单（standards/ 下的 YAML 文件名）"),
                    "history_words": terms("表明只是提及历史的字样（原、废止、修订前……）"),
                    "date_words": terms("预案日期所在句的字样（印发、施行……）")},
           required=("catalog", "history_words", "date_words",), partial=False)
def superseded(scope: Scope, catalog: str, history_words: list[str], date_words: list[str]) -> Outcome:
    """Citations of documents in the superseded `list`, unless mentioned as history (a `history_words`
    word in the same clause) or the plan predates the change (its own date, see `latest_plan_date`).

    >>> args = dict(catalog="superseded.yaml", history_words=["原", "废止"], date_words=["印发", "施行"])
    >>> superseded(scope_of("依据《国家突发事件总体应急预案》制定。"), **args).level
    'met'
    >>> superseded(scope_of("依据《国家突发公共事件总体应急预案》制定。本预案自2025年6月1日起施行。"), **args).evidence[0].note
    '引用了已被替代的《国家突发公共事件总体应急预案》(2006)，现行为《国家突发事件总体应急预案》(2025)（自 2025-01-01 起）'
    """
    latest = latest_plan_date(scope.document, date_words)
    own_date = latest[0] if latest else scope.as_of
    history = [normalized(w) for w in history_words]
    found = []
    for entry in superseded_list(catalog):
        since = date.fromisoformat(entry["since"])
        if own_date < since:
            continue
        for unit in scope.units_matching([compiled(pattern) for pattern in entry["patterns"]], content=False):
            for pattern in entry["patterns"]:
                for match in compiled(pattern).finditer(unit.norm):
                    clause = next((c.group(0) for c in _CLAUSE.finditer(unit.norm) if c.start() <= match.start() < c.end()), "")
                    if any(word in clause for word in history):
                        continue
                    found.append(unit.evidence(match.start(), f"引用了已被替代的{entry['cited']}，现行为{entry['replaced_by']}"
                                                              f"（自 {entry['since']} 起）"))
    return problems(found)
