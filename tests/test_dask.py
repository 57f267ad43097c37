"""A batch on a two-worker Dask cluster (separate processes, files sent as bytes) gives what the serial run gives;
a task that fails on the cluster is retried once and then recorded as unreadable, never lost."""

from __future__ import annotations

import operator
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from plancheck.batch import _on_cluster, check_batch
from tests.conftest import AS_OF

distributed = pytest.importorskip("distributed")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_cluster_batch_equals_the_serial_run(scheduler: str, tmp_path: Path) -> None:
    files = [EXAMPLES / "township_weak.docx", EXAMPLES / "village.docx", tmp_path / "坏.docx", EXAMPLES / "township_strong.pdf"]
    files[2].write_bytes(b"PK\x03\x04broken")
    shutil.copy(EXAMPLES / "village.docx", tmp_path / "村.docx")
    files.append(tmp_path / "村.docx")
    finished: list[str] = []
    clustered = list(check_batch(files, "auto", as_of=AS_OF, scheduler=scheduler,
                                 on_done=lambda item: finished.append(item.source.name)))
    serial = list(check_batch(files, "auto", as_of=AS_OF))
    assert [item.source for item in clustered] == files  # input order, whatever order they finished in
    assert sorted(finished) == sorted(path.name for path in files)
    for one, other in zip(clustered, serial):
        assert (one.error, one.code) == (other.error, other.code)
        assert (one.report and one.report.to_dict()) == (other.report and other.report.to_dict())
    assert clustered[1].report.ruleset.id == "village" and clustered[2].code == "corrupt_file"


def test_a_task_failing_twice_is_recorded_as_unreadable(scheduler: str) -> None:
    files = [EXAMPLES / "village.docx", EXAMPLES / "township_weak.docx"]
    results = dict(_on_cluster(files, operator.itemgetter(99), scheduler, {}))  # fails on every worker, every time
    assert sorted(results) == [0, 1]
    assert all(item.report is None and item.code == "unreadable" for item in results.values())
    assert results[0].source == files[0] and "重试一次后仍失败（TypeError）" in results[0].error


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    from plancheck.cli import main

    assert main(["check", str(EXAMPLES / "village.docx"), str(EXAMPLES / "township_weak.docx"),
                 "--scheduler", "tcp://127.0.0.1:9"]) == 2
