"""A check primitive that checks a plan found in a bundle with another rule set (S-P1)."""

from __future__ import annotations

from ..findings import GATE_LABELS, Evidence, Outcome
from ..scoring import score
from .evaluate import evaluate
from .registry import primitive, terms, text
from .ruleset import load_ruleset
from .scope import Scope, normalized


@primitive("plan_check", "材料中的综合应急预案按乡镇预案规则集检查，关键要素全部符合",
           reads="document", options={"standard": text("用哪个规则集检查（内置名称或文件路径）"),
                                      "titles": terms("预案文件标题或文件名中的字样")}, required=("standard", "titles"), partial=False)
def plan_check(scope: Scope, standard: str, titles: list[str]) -> Outcome:
    """The first part of a bundle titled like `titles`, checked with rule set `standard`, does not fail its gate.

    >>> plan = "天津市某区青林镇突发事件综合应急预案\\n一、总则\\n本预案适用于青林镇行政区域内各类突发事件的预防和应对工作。"
    >>> plan_check(scope_of(plan), standard="township", titles=["综合应急预案"]).evidence[0].note.split("，")[0]
    '按 township 规则集检查：不通过'
    >>> plan_check(scope_of("值班表"), standard="township", titles=["综合应急预案"]).missing
    ['综合应急预案']
    """
    wanted = [normalized(t) for t in titles]
    for part in scope.document.parts or [scope.document]:
        name = normalized(part.title or "") + normalized(part.source)
        if not any(w in name for w in wanted):
            continue
        ruleset = load_ruleset(standard)
        findings = evaluate(part, ruleset, scope.as_of)
        card = score(findings, ruleset.grading, ruleset.aspects, complete=part.complete,
                     unassessable=ruleset.grading.unassessable(part))
        failed = [f.rule.id for f in findings if f.fails_gate] if card.score is not None else []
        note = (f"按 {standard} 规则集检查：{GATE_LABELS[card.gate]}" + (f"，得分 {card.score}" if card.score is not None else "")
                + (f"；不符合的关键要素：{'、'.join(failed)}" if failed else "")
                + f"（详见 plancheck check {part.source} --standard {standard}）")
        first = part.blocks[0] if part.blocks else None
        evidence = [Evidence(part.title or part.source, first.location if first else scope.document.blocks[0].location, note)]
        return Outcome("not_met" if card.gate in ("fail", "unassessable") else "met", evidence)
    return Outcome("not_met", missing=list(titles))
