"""Every figure of issue 15's table, as ratios against the bare parsers measured in the same run.

    .venv/bin/python benchmarks/bench_speed.py [--repeat 3] [--pages 10,100,500]

Builds scaled copies of the shipped strong plan (tables included) as .docx, and exports each to PDF with
LibreOffice. Each measurement runs in a fresh Python process: the bare read and the check take turns
`--repeat` times after a warm-up of each (whole CLI processes and bare processes take turns likewise), so a
load on the shared machine falls on both alike; the medians and the median ratio of the runs side by side
are printed. Peak memory is measured in another fresh process that runs the step once, reading the document
in-process (PLANCHECK_IN_PROCESS), so one figure holds the parse and the check. The machine may be shared:
read the ratios, not the absolute seconds.

Figures: .docx check ÷ bare python-docx read (in-process, and the whole CLI process ÷ a bare python-docx
process); PDF check ÷ bare pypdfium2 text extraction; `plancheck --help`; peak RSS of a PDF check and its
growth per page; seconds per page across sizes; seconds per rule at 50, 250 and 500 rules (the shipped rules replicated).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench_load import bare_docx, bare_pdf, pages as page_count, to_pdf  # noqa: E402  (same folder)
AS_OF = date(2026, 11, 29)
PAGES_PER_COPY = 5.5  # one copy of the strong plan, tables included, is about 5.5 A4 pages


def bare(path: str) -> None:
    (bare_pdf if path.endswith(".pdf") else bare_docx)(path)


def full_check(path: str) -> None:
    from plancheck import check

    check(path, "township", as_of=AS_OF)


def rules_check(path: str, count: int) -> tuple[float, int]:
    """Seconds to evaluate `count` rules, the township rules replicated with new ids, on an already loaded
    document. Each copy names its own evidence-file word, so the judged-once cache (rules whose checks are
    the same are judged once) does not fold the copies: every copy is evaluated, as distinct rules would be."""
    from plancheck import check_document, load_document, load_ruleset

    ruleset = load_ruleset("township")
    shipped = ruleset.rules
    ruleset = replace(ruleset, rules=[replace(rule, id=f"{rule.id}.{k}", evidence_files=(*rule.evidence_files, f"bench{k}"))
                                      for k, rule in ((k, shipped[k % len(shipped)]) for k in range(count))])
    document = load_document(path)
    check_document(document, ruleset, as_of=AS_OF, also=())  # warm-up
    start = time.perf_counter()
    check_document(document, ruleset, as_of=AS_OF, also=())
    return time.perf_counter() - start, len(ruleset.rules)


def child(step: str, path: str, repeat: int) -> None:
    """Run one step in this process; print median seconds and max RSS as JSON."""
    if step.startswith("rules"):
        seconds, count = rules_check(path, int(step[5:]))
        print(json.dumps({"seconds": seconds, "rules": count}))
        return
    if step == "pair":
        print(json.dumps(paired(path, repeat)))
        return
    function = {"bare": bare, "check": full_check}[step]
    function(path)  # warm-up: imports and first-touch costs are not what we compare
    if not repeat:  # the whole process is what is measured
        print(json.dumps({"rss_mib": peak_rss_mib()}))
        return
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    print(json.dumps({"seconds": statistics.median(times)}))


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the reading worker, a whole CLI run)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def paired(path: str, repeat: int) -> dict:
    """The bare read and the check, taking turns `repeat` times after a warm-up of each, so that a load on the
    shared machine falls on both alike: their median seconds, and the median ratio of the runs side by side;
    likewise in CPU seconds (the reading worker's included), which a loaded machine disturbs less."""
    bare(path), full_check(path)
    pairs, cpu_pairs = [], []
    for _ in range(repeat):
        times, cpu = [], []
        for function in (bare, full_check):
            start, start_cpu = time.perf_counter(), cpu_seconds()
            function(path)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_seconds() - start_cpu)
        pairs.append(times)
        cpu_pairs.append(cpu)
    return {"bare": statistics.median(b for b, _ in pairs), "check": statistics.median(c for _, c in pairs),
            "ratio": statistics.median(c / b for b, c in pairs), "cpu_ratio": statistics.median(c / b for b, c in cpu_pairs)}


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # the plancheck of this tree, also for `python -m plancheck`


def run(step: str, path: Path, repeat: int, **env: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", step, str(path), "--repeat", str(repeat)],
                          capture_output=True, text=True, env={**ENV, **env})
    if done.returncode:  # a failed check is a figure too (e.g. the reading worker's time limit)
        print(f"  {step} on {path.name} failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}")
        return {"seconds": float("nan"), "rss_mib": float("nan")}
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak(step: str, path: Path) -> float:
    """Peak RSS of one run of `step` in a fresh process, reading the document in that process."""
    return run(step, path, 0, PLANCHECK_IN_PROCESS="1")["rss_mib"]


def wall(command: list[str], repeat: int) -> float:
    """Median wall seconds of a whole process."""
    return statistics.median(_seconds(command) for _ in range(repeat))


def _seconds(command: list[str]) -> float:
    return _timed(command)[0]


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a whole process (its own children included)."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    subprocess.run(command, capture_output=True, check=False, env=ENV)
    return time.perf_counter() - start, cpu_seconds() - start_cpu


def wall_pair(command: list[str], baseline: list[str], repeat: int) -> tuple[float, float, float, float]:
    """Median wall seconds of two whole processes run in turns, and the median ratios of the runs side by side
    in wall and in CPU seconds."""
    pairs = [(_timed(command), _timed(baseline)) for _ in range(repeat)]
    return (statistics.median(c[0] for c, _ in pairs), statistics.median(b[0] for _, b in pairs),
            statistics.median(c[0] / b[0] for c, b in pairs), statistics.median(c[1] / b[1] for c, b in pairs))


def build(workdir: Path, pages: int) -> Path:
    from docxgen import write_docx

    title, *lines = (ROOT / "standards" / "samples" / "township_strong.txt").read_text("utf-8").splitlines()
    copies = max(1, round(pages / PAGES_PER_COPY))
    return write_docx(workdir / f"plan{pages}.docx", "\n".join([title] + lines * copies), auto_number=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default="10,100,500", help="nominal page counts, comma-separated")
    parser.add_argument("--kinds", default="docx,pdf", help="inputs to measure, comma-separated (PDFs are built either way: they count the pages)")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.repeat)
        return
    plancheck = [sys.executable, "-m", "plancheck"]
    help_seconds = wall([*plancheck, "--help"], 5)
    interpreter = wall([sys.executable, "-c", "pass"], 7)
    print(f"plancheck --help: {help_seconds:.3f} s (median of 5; a bare `python -c pass` takes {interpreter:.3f} s here)"
          "   goal ≤ 0.1 s")
    print(f"{'file':<6} {'pages':>5} {'bare s':>8} {'check s':>8} {'×bare':>6} {'s/page':>7} {'bare RSS':>9} {'check RSS':>10}")
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        sizes = [int(p) for p in args.pages.split(",")]
        files = {}
        for nominal in sizes:
            word = build(work, nominal)
            pdf = to_pdf(word, work)
            files[nominal] = (word, pdf, page_count(pdf))
        for nominal, (word, pdf, pages) in files.items():
            for kind, path in (("docx", word), ("pdf", pdf)):
                if kind not in args.kinds.split(","):
                    continue
                pair = run("pair", path, args.repeat)
                base, checked = {"seconds": pair.get("bare", float("nan"))}, {"seconds": pair.get("check", float("nan"))}
                base["rss_mib"], checked["rss_mib"] = peak("bare", path), peak("check", path)
                results[kind, nominal] = {"base": base, "check": checked, "pages": pages, "ratio": pair.get("ratio", float("nan")),
                                          "cpu_ratio": pair.get("cpu_ratio", float("nan"))}
                print(f"{kind:<6} {pages:>5} {base['seconds']:>8.3f} {checked['seconds']:>8.3f} "
                      f"{results[kind, nominal]['ratio']:>6.2f} {checked['seconds'] / pages:>7.4f} "
                      f"{base['rss_mib']:>9.1f} {checked['rss_mib']:>10.1f}")
        largest = max(sizes)
        word, pdf, pages = files[largest]
        with tempfile.TemporaryDirectory() as out:
            cli, bare_process, ratio, cpu_ratio = wall_pair(
                [*plancheck, "check", str(word), "--as-of", AS_OF.isoformat(), "-f", "json", "-o", str(Path(out) / "r.json")],
                [sys.executable, "-c", f"import sys; sys.path[:0] = {[str(ROOT / 'benchmarks')]!r}; "
                                       f"from bench_load import bare_docx; bare_docx({str(word)!r})"], args.repeat)
        print(f"whole CLI on {pages}-page .docx: {cli:.3f} s; bare python-docx process {bare_process:.3f} s; "
              f"×{ratio:.2f} (runs in turns; CPU ×{cpu_ratio:.2f})   goal ≤ 1.2×")
        for size in (100, 500):
            if ("docx", size) in results:
                r = results["docx", size]
                print(f".docx check ÷ python-docx at {r['pages']} pages: ×{r['ratio']:.2f} (CPU ×{r['cpu_ratio']:.2f})   goal ≤ 1.5×")
        for size in (100, 500):
            if ("pdf", size) in results:
                r = results["pdf", size]
                print(f"PDF check ÷ pypdfium2 at {r['pages']} pages: ×{r['ratio']:.2f}   goal ≤ 2×")
        if ("pdf", largest) in results:
            small, big = results["pdf", min(sizes)], results["pdf", largest]
            growth = (big["check"]["rss_mib"] - small["check"]["rss_mib"]) / max(1, big["pages"] - small["pages"])
            print(f"peak RSS, PDF check at {big['pages']} pages: {big['check']['rss_mib']:.0f} MiB, growing {growth:.3f} MiB/page "
                  f"(bare pypdfium2 {big['base']['rss_mib']:.0f} MiB)   goal ≤ 150 MiB, flat")
        per_page = [results["docx", s]["check"]["seconds"] / results["docx", s]["pages"] for s in sizes]
        print("docx check s/page by size " + ", ".join(f"{s}: {v:.4f}" for s, v in zip(sizes, per_page))
              + "   (linear in pages: roughly constant)")
        middle = files[100][0] if 100 in files else word
        rows = [run(f"rules{count}", middle, 1) for count in (50, 250, 500)]
        print("rules growth on the 100-page .docx, s/rule: "
              + ", ".join(f"{r['rules']} rules {r['seconds'] / r['rules']:.4f}" for r in rows)
              + "   (linear in rules: roughly constant)")


if __name__ == "__main__":
    main()
