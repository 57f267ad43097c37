"""A bounded load test: 50 concurrent API checks on loopback, none failing, none answered with another's result."""

from __future__ import annotations

import asyncio
import sys

import pytest
from conftest import ROOT
from webserver import free_port, running_server

pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx", reason="httpx is not installed")
sys.path.insert(0, str(ROOT / "benchmarks"))

from web_load import run_load  # noqa: E402

from plancheck.web import Settings  # noqa: E402


def test_fifty_concurrent_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with running_server(Settings(port=free_port(), workers=2, max_pending=64)) as url:
        figures = asyncio.run(run_load(url, 50))
    with capsys.disabled():
        print(f"\nweb load: {figures}")
    assert figures["requests"] == 50 and figures["failures"] == 0, figures["problems"]
