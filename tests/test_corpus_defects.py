"""The content-quality detectors on the labelled corpus (tests/corpus): planted defects found, clean plans left alone.

A planted defect counts as found when its rule is not met (or partly met) and one of the finding's
quotes contains the planted text (table rows compared without the `|` separators and spaces), or,
for a defect that is an absence (empty text), when the rule is not met at all. A false alarm is a
problem quote of a Q rule on a plan labelled clean (`defects: []`).
"""

from __future__ import annotations

import re
import sys

import pytest
import yaml
from conftest import AS_OF, ROOT

from plancheck import load_document
from plancheck.rules.evaluate import evaluate_rule
from plancheck.rules.ruleset import load_ruleset

CORPUS = ROOT / "tests" / "corpus"
PLANS = sorted((CORPUS / "plans").glob("*.txt")) if CORPUS.exists() else []
pytestmark = pytest.mark.skipif(not PLANS, reason="the labelled corpus is not on this branch")
VARIANT = "docx-typed"


def _plain(text: str) -> str:
    return re.sub(r"[\s|]+", "", text)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict:
    sys.path.insert(0, str(CORPUS))
    import build  # the corpus renderer

    out = tmp_path_factory.mktemp("corpus")
    rulesets = {"township": load_ruleset("township"), "village": load_ruleset("village")}
    planted = found = 0
    misses: list[tuple] = []
    alarms: dict[str, list[tuple]] = {}
    for source in PLANS:
        labels = yaml.safe_load(source.with_suffix(".yaml").read_text("utf-8"))
        document = load_document(build.render(source, VARIANT, out))
        findings = {rule.id: evaluate_rule(rule, document, AS_OF)
                    for rule in rulesets[labels["kind"]].rules if rule.id.startswith("Q-")}
        defects = [d for d in labels["defects"] if d["check"].startswith("Q-")]
        for defect in defects:
            planted += 1
            result, text = findings[defect["check"]], _plain(defect["text"])
            if result.verdict in ("not_met", "partial") and (not text or any(text in _plain(e.quote) for e in result.evidence)):
                found += 1
            else:
                misses.append((source.stem, defect["check"], defect["text"], result.verdict))
        if not labels["defects"]:
            alarms[source.stem] = [(rule_id, e.quote, e.note) for rule_id, result in findings.items()
                                   if result.verdict in ("not_met", "partial") for e in result.evidence if e.note]
    return {"planted": planted, "found": found, "misses": misses, "alarms": alarms}


def test_planted_defects_are_found(measured: dict) -> None:
    planted, found = measured["planted"], measured["found"]
    print(f"\nplanted Q defects found: {found} / {planted} ({found / planted:.1%})")
    for miss in measured["misses"]:
        print("  missed:", miss)
    # A ratchet. Was 66/73 on the first 26 plans and 26/32 on the 10 held-out plans (t17–t22, v11–v14): 92/105 (87.6%).
    # Now 71/73 and 32/32 (the held-out misses were studied as classes): 103/105 (98.1%).
    assert found >= 0.98 * planted


def test_clean_plans_raise_no_false_alarm(measured: dict) -> None:
    alarms = measured["alarms"]
    total = sum(len(a) for a in alarms.values())
    print(f"\nfalse alarms on {len(alarms)} clean plans: {total}")
    for plan, items in alarms.items():
        for item in items:
            print("  ", plan, item)
    assert total == 0  # a ratchet: was 2 (a concrete step read as vague, a short concrete village step as hollow)
