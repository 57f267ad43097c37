"""Agreement with reviewers: every labelled plan of tests/corpus is checked and each rule's verdict
compared with the label a reviewer (who never saw the rules) gave.

Run `pytest -s tests/test_corpus_verdicts.py` to see agreement per rule set, the confusion counts
and the worst rules. The floor below is a ratchet: raise it when agreement improves, never lower it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from plancheck.api import check_document
from plancheck.document.loader import document_from_text
from plancheck.rules.ruleset import load_ruleset

CORPUS = Path(__file__).resolve().parent / "corpus"
ROOT = CORPUS.parent.parent
PLANS = sorted((CORPUS / "plans").glob("*.yaml"))
AS_OF = date(2026, 11, 30)
LABELS = {"符合": "met", "基本符合": "partial", "不符合": "not_met", "不适用": "not_applicable"}
STANDARD = {"village": "village", "township": "township"}

# Ratchet: the agreement reached so far (baseline on main before issue 10: see the issue note).
# Baseline on main (b9efadd), same plain-text rendering: township 0.668, village 0.638, all 0.661.
FLOOR = {"township": 0.95, "village": 0.95, "all": 0.95}  # issue 10's goal; measured 0.955 / 0.955 / 0.955 on 44 plans (0.873 / 0.867 / 0.871 on 36 plans at the start of this round)


def plain_text(source: Path) -> str:
    """The plan as plain text: markup prefixes and braces dropped, pipe tables kept as tables,
    contents lines kept (without the @toc markers), pictures as their caption.

    The txt renderer of tests/corpus/build.py writes tables as aligned columns, which the text
    reader does not yet read back as tables; this keeps the measurement about the rules.
    """
    lines = []
    for raw in source.read_text("utf-8").splitlines():
        line = raw.strip()
        if line in ("@toc", "@endtoc"):
            continue
        if line.startswith("@image"):
            line = line[len("@image"):].strip()
        elif line.startswith("="):
            line = line[1:].strip()
        elif line.startswith("#"):
            line = line.lstrip("#").strip()
        if not line.startswith("|"):
            line = line.replace("{", "").replace("}", "")
        lines.append(line.replace("<br>", "、"))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def results() -> list[tuple[str, str, str, str, str, bool]]:
    """(plan, rule set, rule id, label, verdict, key) for every labelled rule of every plan."""
    rows = []
    rulesets = {name: load_ruleset(name) for name in STANDARD.values()}
    for meta_path in PLANS:
        meta = yaml.safe_load(meta_path.read_text("utf-8"))
        name = STANDARD[meta["kind"]]
        ruleset = rulesets[name]
        document = document_from_text(plain_text(meta_path.with_suffix(".txt")), meta_path.stem)
        report = check_document(document, ruleset, as_of=AS_OF)
        verdicts = {f.rule.id: f for f in report.findings}
        for rule_id, label in (meta.get("verdicts") or {}).items():
            finding = verdicts.get(rule_id)
            if finding is None:
                continue
            rows.append((meta["id"], name, rule_id, LABELS[label["verdict"]], finding.verdict, finding.rule.key))
    return rows


@pytest.fixture(scope="module")
def rows():
    return results()


def agreement(rows) -> dict[str, float]:
    by_set: dict[str, list[bool]] = defaultdict(list)
    for _plan, name, _rule, label, verdict, _key in rows:
        by_set[name].append(label == verdict)
        by_set["all"].append(label == verdict)
    return {name: sum(hits) / len(hits) for name, hits in by_set.items()}


def false_met(rows):
    """Key rules a reviewer says are absent (不符合) that the tool calls met."""
    return [(plan, rule) for plan, _name, rule, label, verdict, key in rows if key and label == "not_met" and verdict == "met"]


def test_report(rows):
    scores = agreement(rows)
    print("\n== agreement per rule set ==")
    for name, value in sorted(scores.items()):
        print(f"  {name:9s} {value:.3f}  (n={sum(1 for r in rows if name in ('all', r[1]))})")
    print("== confusion (label → tool) ==")
    for (label, verdict), n in sorted(Counter((r[3], r[4]) for r in rows).items()):
        print(f"  {label:15s} → {verdict:15s} {n}")
    per_rule: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for plan, name, rule, label, verdict, _key in rows:
        per_rule[f"{name}:{rule}"].append((plan, label, verdict))
    print("== worst rules ==")
    worst = sorted(per_rule.items(), key=lambda kv: sum(l == v for _, l, v in kv[1]) / len(kv[1]))
    for rule, items in worst[:15]:
        wrong = [f"{p}:{l}→{v}" for p, l, v in items if l != v]
        print(f"  {rule:18s} {sum(l == v for _, l, v in items)}/{len(items)}  {' '.join(wrong)}")
    print("== false 符合 on absent key elements ==", false_met(rows))


def test_no_false_met_on_absent_key_element(rows):
    assert false_met(rows) == []


def test_agreement_floor(rows):
    scores = agreement(rows)
    for name, floor in FLOOR.items():
        assert scores[name] >= floor, f"{name}: agreement {scores[name]:.3f} fell below the floor {floor}"


@pytest.mark.parametrize("text", ["应急", "某镇应急预案\n略。", "一、总则\n二、组织体系"])
def test_a_near_empty_file_is_never_scored(text):
    tiny = check_document(document_from_text(text, "<tiny>"), load_ruleset("township"), as_of=AS_OF)
    assert (tiny.gate, tiny.score, tiny.grade) == ("unassessable", None, None)
    assert tiny.unassessable.cause == "little_text" and tiny.failing_keys == []
