"""Batch throughput: a 100-plan batch checked with --jobs 1, --jobs 2, and on a two-worker local Dask cluster.

    python benchmarks/bench_batch.py [--plans 100] [--skip-dask]

The batch is the shipped example plans plus the labelled corpus (tests/corpus/plans) rendered in the
non-PDF variants its labels list (.docx with typed, styled, auto-numbered headings or a TOC field;
UTF-8, GB18030 and hard-wrapped text), topped up with renamed copies — township and village plans of
different sizes, checked with `--standard auto` as a reviewer's folder would be. Each run goes
through `plancheck.batch.check_batch`, process pool or cluster start-up included, so the ratios
are what a user sees. Prints wall times, plans per second, per-worker throughput and the ratios, and
what a result weighs on its way back from a worker (`plancheck.shipping`) against the whole pickled result.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "corpus")]

VARIANTS = ("docx-typed", "docx-styles", "docx-auto", "docx-tocfield", "txt-utf8", "txt-gb18030", "txt-wrapped")


def build_batch(folder: Path, plans: int) -> list[Path]:
    """`plans` files: the examples, then corpus renderings in the variants each plan's labels list."""
    import build as corpus  # tests/corpus/build.py

    files = [shutil.copy(path, folder / path.name) for path in sorted((ROOT / "examples").glob("*.docx"))]
    sources = sorted((ROOT / "tests" / "corpus" / "plans").glob("*.txt"))
    for variant, source in itertools.product(VARIANTS, sources):
        if len(files) >= plans:
            break
        if variant not in corpus.variants_of(source):
            continue
        out = folder / variant
        out.mkdir(exist_ok=True)
        files.append(corpus.render(source, variant, out))
    distinct = len(files)
    for index in range(distinct, plans):  # copies under other names, as a district's folder has them
        original = Path(files[index % distinct])
        files.append(shutil.copy(original, folder / f"副本{index}_{original.name}"))
    return [Path(path) for path in files[:plans]]


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (pool workers, reading processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, run) -> tuple[float, list]:  # noqa: ANN001 - a callable returning the checked items
    """Run, print wall time, throughput, CPU time (local processes only) and the load average after."""
    start, cpu = time.perf_counter(), _cpu()
    items = run()
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    failed = sum(1 for item in items if item.report is None)
    print(f"{label:<24} {seconds:7.1f} s  {len(items) / seconds:5.2f} plans/s  CPU {cpu:6.1f} s "
          f"({len(items) / cpu:4.2f} plans per CPU-second)  load {os.getloadavg()[0]:.1f}  ({failed} unreadable)", flush=True)
    return seconds, items


def shipped_sizes(items: list) -> str:  # noqa: ANN001 - plancheck.api.Checked
    """Mean bytes a result travels back as (`packed`, its rule sets by key) against the whole result pickled."""
    import pickle

    from plancheck.shipping import key_of, packed

    held = {key_of(report.ruleset) for item in items if item.report for report in (item.report, *item.report.also)}
    whole = sum(len(pickle.dumps(item, pickle.HIGHEST_PROTOCOL)) for item in items) / len(items)
    slim = sum(len(packed(item, held)) for item in items) / len(items)
    return f"result sent back per plan: {slim / 1024:.0f} KB (the whole result pickled: {whole / 1024:.0f} KB)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()

    from plancheck.batch import check_batch

    with tempfile.TemporaryDirectory(prefix="plancheck-bench-batch-") as tmp:
        files = build_batch(Path(tmp), args.plans)
        size = sum(path.stat().st_size for path in files) / 1024 / 1024
        print(f"batch: {len(files)} plans, {size:.1f} MiB, {os.cpu_count()} CPU cores, load average "
              f"{os.getloadavg()[0]:.1f}")
        serial, items = timed("--jobs 1", lambda: list(check_batch(files, "auto")))
        sizes = shipped_sizes(items)
        del items  # not held while the next run forks its processes
        pool, _ = timed("--jobs 2", lambda: list(check_batch(files, "auto", jobs=2)))
        print(f"ratio --jobs 1 / --jobs 2: {serial / pool:.2f}x (target 1.8x)")
        print(sizes)
        if args.skip_dask:
            return
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            dask, _ = timed("Dask, 2 local workers", lambda: list(check_batch(files, "auto", scheduler=cluster.scheduler_address)))
        print(f"ratio --jobs 1 / Dask 2 workers: {serial / dask:.2f}x; "
              f"per worker {len(files) / dask / 2:.2f} plans/s (cluster start-up excluded)")


if __name__ == "__main__":
    main()
