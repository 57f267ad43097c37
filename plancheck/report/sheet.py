"""The data behind the official review sheet (评审表, Word and Excel) and the batch summary: who the plan
belongs to, what a heading number is, which findings go in which part. Wording lives in templates/_sheet.j2."""

from __future__ import annotations

import re
from typing import Any

from ..document.numbers import parse
from ..result import Report

BUNDLE = "standardization_bundle"
# What follows the place name in a plan's title.
_PLAN_WORDS = re.compile(r"突发事件|突发公共|综合应急|总体应急|专项应急|应急预案|应急管理|应急工作|防汛|预案")
_NOTICE = re.compile(r"^关于(?:调整|印发|成立|建立|公布)?")  # 关于调整青林镇…的通知
_PLACE = re.compile(r"(?:[^省市县区]{1,12}?(?:街道办事处|街道|镇|乡))?(?:[^省市县区]{1,12}?(?:村委会|居委会|村|社区))?$")


def place_name(title: str) -> str:
    """The township (street) and village (community) a plan's title names, without the higher levels.

    >>> place_name("柳庄镇突发事件应急预案"), place_name("天津市西青区河东镇柳庄村突发事件应急预案")
    ('柳庄镇', '河东镇柳庄村')
    >>> place_name("和平社区突发事件综合应急预案"), place_name("关于调整青林镇突发事件应急委员会组成人员的通知")
    ('和平社区', '青林镇')
    >>> place_name("突发事件应急预案"), place_name("")
    ('', '')
    """
    head = _NOTICE.sub("", _PLAN_WORDS.split(title.strip(), maxsplit=1)[0].strip())
    match = _PLACE.search(head)
    return match.group(0) if match else ""


def heading_parts(title: str) -> dict[str, str]:
    """A heading's numbering family, number value, number as written and title ('' family when unnumbered).

    >>> heading_parts("五、应急处置")["family"], heading_parts("3.2 预警")["number"], heading_parts("附件2 避难场所")["value"]
    ('cn', '3.2', '2')
    >>> heading_parts("工作原则")
    {'family': '', 'value': '', 'number': '', 'title': '工作原则'}
    """
    found = parse(title)
    if found is None or found.shape == "sentence":
        return {"family": "", "value": "", "number": "", "title": title}
    return {"family": found.family, "value": found.value, "number": found.number, "title": found.title or title}


def is_bundle(report: Report) -> bool:
    return report.ruleset.applies_to == BUNDLE


def plan_title(report: Report) -> str:
    """The plan's title; for a bundle, the title of its plan, or of its first titled file."""
    titles = [d.title for d in report.documents if d.title]
    plans = [t for t in titles if "预案" in t]
    return report.document.title or next(iter(plans + titles), "")


def plan_place(report: Report) -> str:
    """The township or village the plan (or the bundle's files) names in its title."""
    titles = [plan_title(report)] + sorted((d.title for d in report.documents), key=lambda t: "预案" not in t)
    return next((p for p in map(place_name, titles) if p), "")


def sheet_context(report: Report) -> dict[str, Any]:
    """What the review sheet templates get besides the report data: `sheet` (title, place, bundle),
    `rows` (every finding in rule order), `failing` (failed key elements) and `revisions` (the gaps, key
    elements first, then by the points at stake)."""
    findings = {f.rule.id: report.finding_dict(f) for f in report.findings}
    gaps = sorted((f for f in report.findings if f.is_gap),
                  key=lambda f: (not f.rule.key, -report.scorecard.credit_of(f).gain, f.rule.id))
    return {"sheet": {"title": plan_title(report), "place": plan_place(report), "bundle": is_bundle(report)},
            "rows": list(findings.values()), "failing": [findings[f.rule.id] for f in report.failing_keys],
            "revisions": [findings[f.rule.id] for f in gaps]}
