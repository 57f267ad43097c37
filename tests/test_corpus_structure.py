"""Heading detection measured on the labelled corpus (tests/corpus/plans): every plan in every variant
its yaml lists is rendered (tests/corpus/build.py), loaded with plancheck.load_document, and the detected
headings compared with the true ones.

Headings match on their normalised text (number and title, NFKC, no spaces); level correctness is a
separate figure over the matched headings. Precision and recall are printed overall and per format
family (docx / txt / pdf); run with `pytest -s` to see them.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from plancheck import load_document
from plancheck.report import render_inspect

from conftest import SOFFICE

CORPUS = Path(__file__).resolve().parent / "corpus"
PLANS = sorted((CORPUS / "plans").glob("*.txt"))
# Ratchet floors (precision, recall, level correct among matched) per format family, measured on 44 plans:
# docx 1.000/0.995/1.000, txt 1.000/0.995/1.000, pdf 1.000/0.984/1.000, all 1.000/0.994/1.000.
FLOORS = {"docx": (0.995, 0.995, 0.99), "txt": (0.995, 0.995, 0.99), "pdf": (0.99, 0.98, 0.99), "all": (0.995, 0.99, 0.99)}


def _builder():
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


build = _builder()
CASES = [(plan, variant) for plan in PLANS for variant in build.variants_of(plan)]


def family(variant: str) -> str:
    return variant.split("-")[0]


def key(text: str) -> str:
    return re.sub(r"[\s【】]+", "", unicodedata.normalize("NFKC", text))


def meta(plan: Path) -> dict:
    return yaml.safe_load(plan.with_suffix(".yaml").read_text(encoding="utf-8"))


class Corpus:
    """Rendered files, made once per session and only when asked for."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.documents: dict[tuple[str, str], object] = {}

    def path(self, plan: Path, variant: str) -> Path:
        if variant == "pdf" and SOFFICE is None:
            pytest.skip("LibreOffice (soffice) is not installed: the pdf variant cannot be rendered")
        target = self.out_dir / build.output_name(plan, variant)
        return target if target.exists() else build.render(plan, variant, self.out_dir)

    def document(self, plan: Path, variant: str):
        if (plan.stem, variant) not in self.documents:
            self.documents[(plan.stem, variant)] = load_document(self.path(plan, variant))
        return self.documents[(plan.stem, variant)]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("corpus"))


def compare(truth: list[tuple[int, str]], found: list[tuple[int, str]]) -> tuple[int, int]:
    """(matched headings, matched headings at the right level), aligning the two lists in order."""
    matcher = difflib.SequenceMatcher(None, [key(t) for _, t in truth], [key(f) for _, f in found], autojunk=False)
    matched = right_level = 0
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            matched += 1
            right_level += truth[block.a + offset][0] == found[block.b + offset][0]
    return matched, right_level


def test_corpus_is_there() -> None:
    assert len(PLANS) >= 20 and {family(v) for _, v in CASES} == {"docx", "txt", "pdf"}


def test_heading_precision_and_recall(corpus: Corpus) -> None:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # truth, found, matched, right level
    misses: list[str] = []
    skipped = []
    for plan, variant in CASES:
        if variant == "pdf" and SOFFICE is None:
            skipped.append(f"{plan.stem}-{variant}")
            continue
        truth = build.truth(plan)["headings"]
        document = corpus.document(plan, variant)
        found = [(h.level, h.label) for h in document.headings]
        matched, right_level = compare(truth, found)
        for name in (family(variant), "all"):
            for slot, value in enumerate((len(truth), len(found), matched, right_level)):
                totals[name][slot] += value
        if matched < len(truth) or matched < len(found):
            extra = sorted({key(f) for _, f in found} - {key(t) for _, t in truth})
            lost = sorted({key(t) for _, t in truth} - {key(f) for _, f in found})
            misses.append(f"{plan.stem}-{variant}: 多出 {extra[:6]} 漏掉 {lost[:6]}")
    print("\nheading detection on the corpus (precision / recall / level correct among matched):")
    for name in ("docx", "txt", "pdf", "all"):
        if name not in totals:
            continue
        truth_n, found_n, matched, right = totals[name]
        print(f"  {name:5} precision {matched / max(found_n, 1):.3f}  recall {matched / max(truth_n, 1):.3f}  "
              f"levels {right / max(matched, 1):.3f}  ({matched} of {truth_n} true, {found_n} found)")
    if skipped:
        print(f"  skipped (no soffice): {', '.join(skipped)}")
    for line in misses:
        print("  " + line)
    for name, (min_precision, min_recall, min_levels) in FLOORS.items():
        if name in totals:
            truth_n, found_n, matched, right = totals[name]
            assert matched / max(found_n, 1) >= min_precision, f"{name} precision"
            assert matched / max(truth_n, 1) >= min_recall, f"{name} recall"
            assert right / max(matched, 1) >= min_levels, f"{name} levels"


@pytest.mark.parametrize(("plan", "variant"), CASES, ids=[f"{p.stem}-{v}" for p, v in CASES])
def test_incomplete_copies_are_flagged_and_complete_ones_are_not(corpus: Corpus, plan: Path, variant: str) -> None:
    document = corpus.document(plan, variant)
    if meta(plan).get("complete", True):
        assert document.complete, document.truncated
    else:
        assert not document.complete and document.truncated
        assert any(notice.code == "incomplete" for notice in document.warnings)


@pytest.mark.parametrize(("plan", "variant"), CASES, ids=[f"{p.stem}-{v}" for p, v in CASES])
def test_inspect_works_in_every_format(corpus: Corpus, plan: Path, variant: str) -> None:
    document = corpus.document(plan, variant)
    text = render_inspect(document, "txt")
    assert "目录层级" in text
    data = json.loads(render_inspect(document, "json"))
    assert len(data["outline"]) == len(document.headings) and len(data["contents"]) == len(document.contents)
    truth_contents = build.truth(plan)["contents"]
    if truth_contents:
        assert document.contents, "the contents list was not recognised"
