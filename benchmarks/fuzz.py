"""Longer mutation-fuzzing run (issue 12) plus the cost of every hostile input.

    .venv/bin/python benchmarks/fuzz.py --minutes 10 [--seed 1] [--out benchmarks/fuzz-results.json]

Part 1 runs each generated hostile file (tests/hostile.py) through the CLI once and records exit code,
seconds inside the CLI, peak RSS (CLI and its reading worker) and, for documents, the seconds
`load_document` alone takes. Part 2 mutates the shipped examples (tests/mutators.py) until the time is
up and checks the contract on each: a Document or a PlancheckError with a Chinese message; a partial
read never passes; every report format renders. It records cases, outcomes by error code, contract
violations ("crashes") by exception type with a reproducer seed, worst time and peak worker RSS.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402
import mutators  # noqa: E402

from plancheck import check_document, load_document, load_ruleset  # noqa: E402
from plancheck.errors import PlancheckError  # noqa: E402
from plancheck.report import render  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
EXTENSION = {"docx": "docx", "pdf": "pdf", "text": "txt"}


def measure_cli(args: list[str], workdir: Path) -> dict:
    target = workdir / "measure.json"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "harness.py"), *args], capture_output=True, text=True,
                            cwd=ROOT, timeout=600, env={**os.environ, "PLANCHECK_MEASURE": str(target)})
    wall = time.perf_counter() - started
    figures = json.loads(target.read_text()) if target.exists() else {}
    last = (result.stderr.strip().splitlines() or [""])[-1]
    return {"exit": result.returncode, "cli_seconds": round(figures.get("seconds", -1), 2), "wall_seconds": round(wall, 2),
            "peak_rss_mb": round(figures.get("rss_mb", -1)), "traceback": "Traceback" in result.stderr + result.stdout,
            "message": last[-160:]}


def hostile_figures(workdir: Path) -> dict:
    rows = {}
    ruleset_plan = hostile.backtracking_plan(workdir)
    cases = [(name, maker, []) for name, maker in hostile.DOCUMENT_CASES.items()]
    cases += [(name, maker, ["-s", "standardization"]) for name, maker in hostile.BUNDLE_CASES.items()]
    for name, maker, extra in cases:
        directory = Path(tempfile.mkdtemp(dir=workdir))
        path = maker(directory)
        row = measure_cli(["check", str(path), "--as-of", "2026-11-29", "-f", "json", *extra], directory)
        if not extra:
            started = time.perf_counter()
            try:
                load_document(path)
                row["load"] = "read"
            except PlancheckError as error:
                row["load"] = error.code
            row["load_seconds"] = round(time.perf_counter() - started, 2)
        rows[name] = row
        print(f"  {name:32} {row}", flush=True)
    for name, maker in hostile.RULESET_CASES.items():
        directory = Path(tempfile.mkdtemp(dir=workdir))
        plan = ruleset_plan if name == "catastrophic_regex" else ROOT / "examples" / "township_strong.docx"
        rows[name] = measure_cli(["check", str(plan), "-s", str(maker(directory)), "-f", "json"], directory)
        print(f"  {name:32} {rows[name]}", flush=True)
    for as_of in ("2028-02-29", "0001-01-01", "9999-12-31"):
        rows[f"as_of_{as_of}"] = measure_cli(["check", "examples/bundle_weak", "-s", "standardization", "--as-of", as_of,
                                              "-f", "json"], workdir)
        print(f"  as_of {as_of:26} {rows[f'as_of_{as_of}']}", flush=True)
    return rows


def contract(path: Path, ruleset, workdir: Path, word: bool = True) -> str:
    try:
        document = load_document(path)
    except PlancheckError as error:
        if not CJK.search(error.message):
            raise AssertionError(f"message without Chinese: {error.message!r}") from error
        return error.code
    report = check_document(document, ruleset, as_of=date(2026, 11, 29))
    if not document.complete and report.gate == "pass":
        raise AssertionError("partial read passed")
    for fmt in ("txt", "md", "html", "json", "docx") if word else ("txt", "md", "html", "json"):
        rendered = render(report, fmt)
        if isinstance(rendered, str) and "\x1b" in rendered:
            raise AssertionError(f"escape sequence in {fmt}")
    return "read" if document.complete else "read_incomplete"


def fuzz(minutes: float, seed: int, workdir: Path) -> dict:
    ruleset = load_ruleset("township")
    seeds = {"docx": [p.read_bytes() for p in mutators.SEEDS["docx"]], "pdf": [p.read_bytes() for p in mutators.SEEDS["pdf"]],
             "text": [mutators.text_seed()]}
    outcomes: collections.Counter[str] = collections.Counter()
    by_mutator: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[str] = collections.Counter()
    examples: dict[str, dict] = {}
    worst = {"seconds": 0.0}
    deadline = time.monotonic() + minutes * 60
    cases = 0
    master = random.Random(seed)
    while time.monotonic() < deadline:
        case_seed = master.randrange(2**32)
        rng = random.Random(case_seed)
        kind = rng.choice(["docx", "docx", "docx", "pdf", "text"])
        mutator, data = mutators.mutate(kind, rng, rng.choice(seeds[kind]))
        path = workdir / f"case.{EXTENSION[kind]}"
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            outcome = contract(path, ruleset, workdir, word=cases % 10 == 0)
        except Exception as error:  # noqa: BLE001 - a contract violation, recorded
            name = type(error).__name__
            crashes[name] += 1
            outcome = f"CRASH {name}"
            if name not in examples:
                examples[name] = {"seed": case_seed, "kind": kind, "mutator": mutator,
                                  "error": "".join(traceback.format_exception_only(type(error), error)).strip()[-400:]}
        elapsed = time.perf_counter() - started
        if elapsed > worst["seconds"]:
            worst = {"seconds": round(elapsed, 2), "seed": case_seed, "kind": kind, "mutator": mutator, "outcome": outcome}
        outcomes[outcome] += 1
        by_mutator[f"{kind}/{mutator}"] += 1
        cases += 1
        if cases % 200 == 0:
            print(f"  {cases} cases, {sum(crashes.values())} crashes, worst {worst['seconds']} s", flush=True)
    peak_worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"minutes": minutes, "seed": seed, "cases": cases, "outcomes": dict(outcomes.most_common()),
            "mutators": dict(by_mutator.most_common()), "crashes_by_type": dict(crashes), "crash_examples": examples,
            "worst_case": worst, "peak_worker_rss_mb": round(peak_worker_mb),
            "peak_fuzzer_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "fuzz-results.json"))
    parser.add_argument("--skip-hostile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plancheck-fuzz-") as workdir:
        results = {}
        if not args.skip_hostile:
            print("hostile inputs:", flush=True)
            results["hostile"] = hostile_figures(Path(workdir))
        print(f"mutation fuzzing for {args.minutes} min:", flush=True)
        results["fuzz"] = fuzz(args.minutes, args.seed, Path(workdir))
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    summary = {k: v for k, v in results["fuzz"].items() if k not in ("mutators", "crash_examples")}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
