"""Property / mutation suite (issue 12): damaged copies of the shipped examples keep the contract.

In-process: `load_document` returns a Document or raises a PlancheckError with a Chinese message,
within a time bound; a Document that was not read completely never passes; every report format
renders. Through the CLI: exit code in {0, 1, 2, 3}, a Chinese message, never a traceback.
Bounded for CI (about a minute); benchmarks/fuzz.py runs the same mutators for longer.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mutators
from plancheck import check_document, load_document, load_ruleset
from plancheck.errors import PlancheckError
from plancheck.report import render

CJK = re.compile(r"[\u4e00-\u9fff]")
SECONDS_PER_FILE = 20.0
_SEEDS: dict[str, bytes] = {}


def seed(kind: str, index: int) -> bytes:
    key = f"{kind}{index}"
    if key not in _SEEDS:
        if kind == "text":
            _SEEDS[key] = mutators.text_seed()
        else:
            paths = mutators.SEEDS[kind]
            _SEEDS[key] = paths[index % len(paths)].read_bytes()
    return _SEEDS[key]


def contract(path: Path) -> str:
    """Load and check `path`; assert the contract; return the outcome kind (for failure messages)."""
    started = time.perf_counter()
    try:
        document = load_document(path)
    except PlancheckError as error:
        assert CJK.search(error.message), error.message
        assert error.code and error.code != "error" or "找不到" in error.message, error
        return error.code
    finally:
        assert time.perf_counter() - started < SECONDS_PER_FILE
    report = check_document(document, load_ruleset("township"), as_of=date(2026, 11, 29))
    if not document.complete:
        assert report.gate != "pass", "a partial read must never pass"
    for fmt in ("txt", "md", "html", "json"):
        rendered = render(report, fmt)
        assert "\x1b" not in rendered
    return "read"


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["docx", "docx", "pdf", "text"]), index=st.integers(0, 2), rng_seed=st.integers(0, 2**32 - 1))
def test_mutated_examples_keep_the_contract(kind: str, index: int, rng_seed: int, tmp_path_factory) -> None:
    rng = random.Random(rng_seed)
    name, data = mutators.mutate(kind, rng, seed(kind, index))
    path = tmp_path_factory.mktemp("fuzz") / f"mutant.{ {'docx': 'docx', 'pdf': 'pdf', 'text': 'txt'}[kind]}"
    path.write_bytes(data)
    contract(path)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(attribute=st.sampled_from(["start", "ilvl", "numFmt", "outlineLvl"]),
       value=st.one_of(st.sampled_from(mutators.HOSTILE_VALUES), st.integers(-10**20, 10**20).map(str),
                       st.text(min_size=0, max_size=8).filter(lambda s: all(c not in '"<&' and (c in "\t\n" or ord(c) >= 32 and not 0xD800 <= ord(c) <= 0xDFFF) for c in s))))
def test_any_numbering_value_is_read(attribute: str, value: str, tmp_path_factory) -> None:
    import hostile

    directory = tmp_path_factory.mktemp("num")
    fields = {"start": "1", "fmt": "decimal", "ilvl": "0"}
    if attribute == "start":
        fields["start"] = value
    elif attribute == "numFmt":
        fields["fmt"] = value
    elif attribute == "ilvl":
        fields["ilvl"] = value
    maker = hostile.numbering_case(**fields, outline=value if attribute == "outlineLvl" else None,
                                   para_ilvl=value if attribute == "ilvl" else None)
    assert contract(maker(directory)) == "read"


@pytest.mark.parametrize("rng_seed", range(4))
def test_cli_keeps_the_contract_on_mutants(rng_seed: int, tmp_path: Path) -> None:
    rng = random.Random(rng_seed)
    kind = ["docx", "pdf", "text"][rng_seed % 3]
    _, data = mutators.mutate(kind, rng, seed(kind, rng_seed))
    path = tmp_path / f"预案.{ {'docx': 'docx', 'pdf': 'pdf', 'text': 'txt'}[kind]}"
    path.write_bytes(data)
    for fmt in ("json", "docx"):
        args = ["check", str(path), "--as-of", "2026-11-29", "-f", fmt] + (["-o", str(tmp_path / "r.docx")] if fmt == "docx" else [])
        result = subprocess.run([sys.executable, "-m", "plancheck", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert result.returncode in (0, 1, 2, 3)
        assert "Traceback" not in result.stdout + result.stderr
        if result.returncode in (2, 3):
            assert CJK.search(result.stderr)
        elif fmt == "json":
            report = json.loads(result.stdout)
            assert report["complete"] or report["gate"] != "pass"
