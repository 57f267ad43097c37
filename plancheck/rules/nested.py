"""A check primitive that checks a plan found in a bundle with another rule set (S-P1)."""

from __future__ import annotations

from . import (
    ruleset as rulesets,  # a module reference: ruleset imports this module while registering primitives
)
from .evaluate import check_document
from .registry import TERMS, Outcome, primitive
from .scope import Evidence, Scope, normalized


@primitive("plan_check", "材料中的综合应急预案按乡镇预案规则集检查，关键要素全部符合",
           {"standard": {"type": "string"}, "titles": TERMS}, ["standard", "titles"])
def plan_check(scope: Scope, standard: str, titles: list[str]) -> Outcome:
    """The first part of a bundle titled like `titles`, checked with rule set `standard`, does not fail its gate.

    >>> plan_check(scope_of("天津市某区青林镇突发事件综合应急预案\\n一、总则"), standard="township", titles=["综合应急预案"]).evidence[0].note.split("，")[0]
    '按 township 规则集检查：不通过'
    >>> plan_check(scope_of("值班表"), standard="township", titles=["综合应急预案"]).missing
    ['综合应急预案']
    """
    wanted = [normalized(t) for t in titles]
    for part in scope.document.parts or [scope.document]:
        name = normalized(part.title or "") + normalized(part.source)
        if not any(w in name for w in wanted):
            continue
        ruleset = rulesets.load_ruleset(standard)
        report = check_document(part, ruleset, as_of=scope.as_of)
        failed = [f.rule.id for f in report.failing_keys]
        note = (f"按 {standard} 规则集检查：{report.gate_label}，得分 {report.score}"
                + (f"；不符合的关键要素：{'、'.join(failed)}" if failed else "")
                + f"（详见 plancheck check {part.source} --standard {standard}）")
        first = part.blocks[0] if part.blocks else None
        evidence = [Evidence(part.title or part.source, first.location if first else scope.document.blocks[0].location, note)]
        return Outcome("not_met" if report.gate == "fail" else "met", evidence)
    return Outcome("not_met", missing=list(titles))
