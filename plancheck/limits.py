"""Budgets that bound what one input may cost, and the worker process that enforces time and memory.

Every cap is checked before the expensive step it guards (entries before listing, bytes while
inflating, pages before loading), so a hostile file is refused quickly and cheaply. The worker
process is the backstop for what cannot be bounded from outside a C library (pdfium looping on a
malformed form, an allocation storm): it is killed at the time limit and runs under an
address-space limit.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import CorruptFileError, FileTooLargeError, PlancheckError, ReadTimeoutError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * MB          # any input file on disk
    max_zip_entries: int = 5_000            # entries of a .docx or bundle zip (counted from the end record)
    max_central_directory_bytes: int = 8 * MB
    max_inflated_bytes: int = 300 * MB      # all members of one zip together, measured while inflating
    max_member_bytes: int = 100 * MB        # one zip member (an image)
    max_ratio: float = 200.0                # inflated / compressed, measured on real bytes past ratio_floor
    ratio_floor_bytes: int = 1 * MB
    max_xml_part_bytes: int = 16 * MB       # one XML part of a .docx (document.xml, numbering.xml …)
    max_text_bytes: int = 8 * MB            # a .txt / .md file
    max_pdf_pages: int = 2_000
    max_pdf_stream_bytes: int = 32 * MB     # one inflated non-image PDF stream
    max_pdf_inflated_bytes: int = 256 * MB  # all inflated non-image PDF streams together
    max_list_value: int = 100_000           # a Word list counter above this is shown in decimal
    read_seconds: float = 150.0             # reading one document (worker process; LibreOffice gets 120 s of it)
    read_memory_bytes: int = 1536 * MB      # address space added to the worker's at start
    regex_seconds: float = 0.5              # one call of a user-supplied regular expression


LIMITS = Limits()

T = TypeVar("T")


def mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n // 1024} KB"


def _can_fork() -> bool:
    if os.environ.get("PLANCHECK_IN_PROCESS") or sys.platform == "win32" or not hasattr(os, "fork"):
        return False
    return not multiprocessing.current_process().daemon


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(connection, function: Callable[..., Any], args: tuple, memory: int) -> None:
    # What the worker inherits is never garbage here: kept out of its collections, whose passes would otherwise
    # walk (and copy, page by page) the parent's whole heap while the document is read.
    gc.freeze()
    try:
        if memory:
            import resource

            base = _vm_size()
            if base:  # soft limit only: LibreOffice, started from here, lifts it again (see legacy.py)
                _, hard = resource.getrlimit(resource.RLIMIT_AS)
                soft = base + memory if hard == resource.RLIM_INFINITY else min(base + memory, hard)
                resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        try:
            result = ("ok", function(*args))
        except PlancheckError as error:
            # sent without its cause and traceback: once something installs tblib's exception pickling
            # (importing dask.distributed does), the chained parser error (lxml's) would not pickle
            error.__cause__ = error.__context__ = None
            result = ("error", error.with_traceback(None))
        except MemoryError:
            result = ("memory", None)
        except BaseException as error:  # noqa: BLE001 - reported to the parent, which decides
            result = ("internal", f"{type(error).__name__}: {error}\n{traceback.format_exc()}")
        connection.send(result)
    except BaseException:  # noqa: BLE001 - the result itself could not be sent (e.g. memory)
        os._exit(70)
    finally:
        connection.close()
    os._exit(0)


class WorkerCrash(RuntimeError):
    """An unexpected exception inside the reading worker (a plancheck bug, not a bad file)."""


def run_limited(function: Callable[..., T], *args: Any, path: str, seconds: float | None = None,
                memory: int | None = None) -> T:
    """`function(*args)` in a forked worker killed after `seconds`, with its address space capped.

    Falls back to a direct call where fork is unavailable (Windows) or not allowed (inside a daemon
    process), or when PLANCHECK_IN_PROCESS is set.
    """
    seconds = LIMITS.read_seconds if seconds is None else seconds
    memory = LIMITS.read_memory_bytes if memory is None else memory
    if not _can_fork():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise ReadTimeoutError(f"读取超时：超过 {seconds:g} 秒仍未读完，文件可能结构异常或内容过多，已停止读取", path)
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError) as error:
            process.join(5)
            raise CorruptFileError("文件结构异常：读取时解析程序意外终止（可能超出内存上限），无法检查该文件", path) from error
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    if status == "memory":
        raise FileTooLargeError(f"文件过大：读取所需内存超过上限 {mb(memory)}", path)
    raise WorkerCrash(payload)
