"""Run the CLI once and record exit code, seconds and peak RSS (this process and its reading workers)
into the file named by PLANCHECK_MEASURE. Used by the hostile-input tests and benchmarks/fuzz.py."""

from __future__ import annotations

import json
import os
import resource
import sys
import time

import plancheck.api  # noqa: F401  (the CLI imports the library lazily: the figures below are the work, not imports)
import plancheck.report.rendering  # noqa: F401
from plancheck.cli import main

if __name__ == "__main__":
    start = time.perf_counter()
    try:
        code = main(sys.argv[1:])
    except SystemExit as error:
        code = error.code if isinstance(error.code, int) else 2
    seconds = time.perf_counter() - start
    # VmHWM, not RUSAGE_SELF: Linux carries the parent's peak across exec into ru_maxrss, which would
    # report the test runner's memory rather than ours. The reading worker is forked, so its figure is its own.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    target = os.environ.get("PLANCHECK_MEASURE")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump({"code": code, "seconds": seconds, "rss_mb": peak / 1024}, handle)
    sys.exit(code)
