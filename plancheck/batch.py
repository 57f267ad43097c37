"""Checking many plans: one by one, over local worker processes (`jobs`), or over a Dask distributed
cluster (`scheduler`). Results come back in input order whatever order they finish in; a file that
cannot be checked is recorded with its reason and never stops or loses the others.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from .api import (BUNDLE, INTERNAL_ERROR, Checked, Waivers, check, check_one, load_standard, loaded_rulesets, name_of,
                  seed_rulesets, shipped_ruleset)
from .document.loader import DEFAULT_MAX_BYTES
from .errors import PlancheckError
from .inputs import Source, Upload
from .kind import AUTO, DEFAULT_JURISDICTION, plan_standards
from .rules.ruleset import Ruleset
from .shipping import RulesetKey, key_of, packed, slimmed, unpacked

__all__ = ["check_batch", "workers"]

OnDone = Callable[[Checked], None]


def workers(jobs: int) -> int:
    """How many processes `jobs` asks for: 0 means one per CPU core.

    >>> workers(2), workers(0) == (os.cpu_count() or 1)
    (2, True)
    """
    if jobs < 0:
        raise PlancheckError(f"--jobs 应为 0（按处理器核数）或正整数，而不是 {jobs}")
    return jobs or os.cpu_count() or 1


def check_batch(sources: Sequence[Source], standard: str | Path | Ruleset = "township", *,
                as_of: date | None = None, overrides: dict[str, Any] | None = None, jurisdiction: str | None = None,
                jobs: int = 1, scheduler: str | None = None, on_done: OnDone | None = None,
                also: Sequence[str | Path | Ruleset] | None = None, waivers: Waivers | None = None) -> Iterator[Checked]:
    """Check several plans, yielded in input order. A bundle rule set reads them all as one bundle.

    `jobs` worker processes (0: one per core) take the largest files first; `scheduler` (a Dask
    scheduler address, `tcp://host:8786`) sends the files' bytes to the cluster's workers instead.
    `on_done` is called with each result as it finishes (for progress). A file that cannot be read
    is yielded with its Chinese reason instead of stopping the batch. `also` and `waivers` are as for
    `check`; `waivers` then apply to every input (without it, each plan uses its own waiver file, if any).
    With more than one process or on a cluster, each report's document is `plancheck.shipping.slimmed`:
    it keeps the file facts and the blocks its evidence quotes, all any report format reads.

    >>> [item.source.name for item in check_batch(["examples/village.docx", "examples/township_weak.docx"], "auto")]
    ['village.docx', 'township_weak.docx']
    """
    done = on_done or (lambda item: None)
    if standard != AUTO:
        standard = load_standard(standard, overrides)  # loaded once here, and a bad rule set stops before any work
        if standard.applies_to == BUNDLE:
            name = Path(name_of(sources[0])) if len(sources) == 1 else Path("材料包")
            item = Checked(name, check(sources, standard, as_of=as_of, also=also, waivers=waivers))
            done(item)
            yield item
            return
    else:
        for name in plan_standards(jurisdiction or DEFAULT_JURISDICTION):
            shipped_ruleset(name, overrides)  # loaded once here and handed to every worker
    task = partial(check_one, standard=standard, as_of=as_of, overrides=overrides, jurisdiction=jurisdiction,
                   also=also, waivers=waivers)
    if scheduler:
        yield from _in_order(_on_cluster(sources, task, scheduler, _held(standard, also)), len(sources), done)
    elif workers(jobs) > 1 and len(sources) > 1:
        yield from _in_order(_in_processes(sources, task, min(workers(jobs), len(sources)), _held(standard, also)),
                             len(sources), done)
    else:
        for source in sources:
            item = task(source)
            done(item)
            yield item


def _held(standard: Ruleset | str, also: Sequence[str | Path | Ruleset] | None) -> dict[RulesetKey, Ruleset]:
    """The rule sets this process holds for the batch (the one given, or those `auto` may choose, and the
    ones each also checks against), by key: a worker's result names them instead of carrying them."""
    main = [standard] if isinstance(standard, Ruleset) else list(loaded_rulesets().values())
    held = {key_of(ruleset): ruleset for ruleset in main}
    for other in (name for ruleset in main for name in (ruleset.also_check if also is None else also)):
        try:
            loaded = load_standard(other, None)
        except PlancheckError:  # each file's check reports it, as with one process
            continue
        held.setdefault(key_of(loaded), loaded)
    return held


def _shipped(task: Callable[[Source], Checked], held: frozenset[RulesetKey], source: Source) -> bytes:
    """Run in a worker: the task's result `packed` for the trip back (rule sets the caller holds by key)."""
    return packed(task(source), held)


def _in_order(finished: Iterable[tuple[int, Checked]], count: int, done: OnDone) -> Iterator[Checked]:
    """Results as they finish (index, result) reported to `done` at once, and yielded in input order."""
    waiting: dict[int, Checked] = {}
    following = 0
    for index, item in finished:
        done(item)
        waiting[index] = item
        while following in waiting:
            yield waiting.pop(following)
            following += 1
    assert following == count, "a batch result went missing"


def _size(source: Source) -> int:
    if isinstance(source, Upload):
        return len(source.data)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return len(source)
    try:
        return os.path.getsize(source) if isinstance(source, (str, Path)) else 0
    except OSError:
        return 0


def _largest_first(sources: Sequence[Source]) -> list[int]:
    return sorted(range(len(sources)), key=lambda index: -_size(sources[index]))


def _in_processes(sources: Sequence[Source], task: Callable[[Source], Checked], count: int,
                  held: Mapping[RulesetKey, Ruleset]) -> Iterator[tuple[int, Checked]]:
    """The tasks run on `count` processes: this one and `count - 1` helpers (`_pool`), largest files
    first. This process starts checking at once instead of waiting out the helpers' start-up; each
    helper holds at most two files queued, so none is left waiting behind a busy helper.

    A helper that dies (killed for memory, a crash in a parser) breaks the pool and every file queued on
    it; those are run again one at a time, each in a process of its own, so only the file that kills its
    process is recorded as not checked. Files not yet handed out are then checked here.
    Results come back `packed`; the ones checked here are `slimmed` alike."""
    queue = deque(_largest_first(sources))
    queued: dict[Future[bytes], int] = {}
    broken: list[int] = []
    with _pool(count - 1, task, held) as pool:
        while queue or queued:
            for future in [future for future in queued if future.done()]:
                index = queued.pop(future)
                try:
                    yield index, unpacked(future.result(), held)
                except BrokenProcessPool:
                    broken.append(index)
            while queue and not broken and len(queued) < 2 * (count - 1):
                try:
                    queued[pool.submit(_helper_task, sources[queue[0]])] = queue[0]
                except BrokenProcessPool:
                    break
                queue.popleft()
            if queue:
                index = queue.popleft()
                yield index, slimmed(task(sources[index]))
            elif queued:
                wait(queued, return_when=FIRST_COMPLETED)
    for index in sorted(broken):
        with _pool(1, task, held) as pool:
            try:
                yield index, unpacked(pool.submit(_helper_task, sources[index]).result(), held)
            except BrokenProcessPool:
                yield index, Checked(Path(name_of(sources[index])), None,
                                     f"{INTERNAL_ERROR}：检查进程意外退出，这份文件未能检查完", "internal_error")


def _pool(count: int, task: Callable[[Source], Checked], held: Mapping[RulesetKey, Ruleset]) -> ProcessPoolExecutor:
    """`count` helper processes, each handed the task once (`_helper_task` then receives only the file).
    On Linux they are forked: ready in milliseconds with the modules and rule sets this process has
    loaded (a spawned helper spends ~0.9 CPU seconds importing plancheck first, time a batch of a
    hundred plans feels). Elsewhere they are spawned, as the web server's are, and receive the rule
    sets this process loaded."""
    method = "fork" if sys.platform == "linux" else "spawn"
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context(method), initializer=_helper_ready,
                               initargs=(task, frozenset(held), loaded_rulesets()))


_HELPER: list[Callable[[Source], bytes]] = []  # in a helper process: the batch's task, set once at start-up


def _helper_ready(task: Callable[[Source], Checked], held: frozenset[RulesetKey],
                  loaded: dict[tuple[str, str], Ruleset]) -> None:
    seed_rulesets(loaded)
    _HELPER[:] = [partial(_shipped, task, held)]


def _helper_task(source: Source) -> bytes:
    return _HELPER[0](source)


def _shipped_bytes(source: Source) -> Source:
    """A path's content as an Upload named by the path, so a cluster worker needs no shared folder;
    anything else (bytes, an unreadable or oversized path) as given, to fail on the worker as it would here."""
    if isinstance(source, (str, Path)) and os.path.isfile(source) and _size(source) <= DEFAULT_MAX_BYTES:
        return Upload(str(source), Path(source).read_bytes())
    if hasattr(source, "read") and not isinstance(source, Upload):
        return Upload(name_of(source), source.read(DEFAULT_MAX_BYTES + 1))  # type: ignore[union-attr]
    return source


def _on_cluster(sources: Sequence[Source], task: Callable[[Source], Checked], scheduler: str,
                held: Mapping[RulesetKey, Ruleset]) -> Iterator[tuple[int, Checked]]:
    """The tasks on a Dask distributed cluster, each retried once; a task that still fails is recorded as unreadable."""
    try:
        from distributed import Client, as_completed as finished
    except ImportError:
        raise PlancheckError("使用 --scheduler 需要安装 Dask：pip install 'plancheck[dask]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise PlancheckError(f"无法连接 Dask 集群 {scheduler}（{error}）") from None
    with client:
        client.run(seed_rulesets, loaded_rulesets())
        remote = partial(_shipped, task, frozenset(held))
        futures = {client.submit(remote, _shipped_bytes(sources[i]), retries=1, pure=False): i
                   for i in _largest_first(sources)}
        for future in finished(futures):
            index = futures[future]
            try:
                yield index, unpacked(future.result(), held)
            except Exception as error:  # noqa: BLE001 - a task lost twice on the cluster: recorded, never lost
                yield index, Checked(Path(name_of(sources[index])), None,
                                     f"无法读取：集群上的检查重试一次后仍失败（{type(error).__name__}）", "unreadable")
