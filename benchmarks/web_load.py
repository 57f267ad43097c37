"""Load on the HTTP API: N concurrent checks against a running plancheck server on loopback.

    python benchmarks/web_load.py               # starts its own server (2 workers), 50 requests at once
    python benchmarks/web_load.py --url http://127.0.0.1:8000 --requests 100

Every request uploads one of the example plans under its own name; a result counts as a failure
unless its status is 200, it names the file sent, and its gate is the example's (no mixed results).
Prints requests, failures, p50/p95/max latency and the wall time as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {"township_strong.docx": "pass", "township_weak.docx": "fail"}


async def _one(client: httpx.AsyncClient, url: str, index: int) -> tuple[float, str]:
    example = sorted(EXPECTED)[index % 2]
    name = f"{index:03d}-{example}"
    started = time.perf_counter()
    response = await client.post(f"{url}/api/v1/check", files=[("files", (name, (ROOT / "examples" / example).read_bytes()))],
                                 data={"standard": "township", "as_of": "2026-11-29"})
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        return elapsed, f"{name}: HTTP {response.status_code} {response.text[:200]}"
    report = response.json()
    if report["documents"][0]["path"] != name or report["gate"] != EXPECTED[example]:
        return elapsed, f"{name}: got the result of {report['documents'][0]['path']} ({report['gate']})"
    return elapsed, ""


async def run_load(url: str, requests: int = 50) -> dict:
    """Send `requests` checks at once; return the figures and the failures."""
    async with httpx.AsyncClient(timeout=600) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(_one(client, url, i) for i in range(requests)))
        wall = time.perf_counter() - started
    latencies = sorted(elapsed for elapsed, _ in results)
    failures = [problem for _, problem in results if problem]
    return {"requests": requests, "failures": len(failures), "p50_s": round(statistics.median(latencies), 2),
            "p95_s": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 2), "max_s": round(latencies[-1], 2),
            "wall_s": round(wall, 2), "problems": failures[:5]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server; default: start one on a free port")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.url:
        figures = asyncio.run(run_load(args.url, args.requests))
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        from webserver import free_port, running_server

        from plancheck.web import Settings

        with running_server(Settings(port=free_port(), workers=args.workers, max_pending=max(64, args.requests))) as url:
            figures = asyncio.run(run_load(url, args.requests))
    print(json.dumps({**figures, "workers": args.workers}, ensure_ascii=False))
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
