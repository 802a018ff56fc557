"""CPU-bound work on every core, for large imports.

Validation of a large import is pure Python and holds the GIL, so threads do not help; forked
processes share the loaded code and warm caches without pickling them. The work function
must not touch the database: a child must never use the connection it inherited, so callers
warm their caches (e.g. `vocabularies.warm_caches`) first. Only chunks and results cross
process boundaries (pickled).

The children always end. A fork copies the parent's signal handlers: in the background worker
those of `db_worker`, which only note a stop and wait for the running task, so a child would
ignore the SIGTERM of `Pool.terminate()` and the worker would wait on it forever. Each child
therefore restores the default SIGTERM/SIGINT (and asks Linux to stop it when its parent
dies); any failure, in a child or in the parent consuming the results, terminates the pool;
a child that dies without an answer (killed, out of memory) fails the map instead of leaving
it waiting; and `terminate_pools()` ends whatever a failed job left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK: dict[str, Any] = {}
_POOLS: dict[Any, set] = {}  # pools of this process still running -> children before them
_END_SECONDS = 10.0  # Pool.terminate() hangs if a child died holding the task queue's lock
_FORKER: dict[str, int] = {}  # the thread that starts a pool's first children
_POLL_SECONDS = 0.5  # how often the parent checks its children while it waits for a result
_PR_SET_PDEATHSIG = 1
# Resolved here, in the parent: a child forked while another thread held the dynamic loader's
# lock would hang if it had to look the symbol up itself.
try:
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):
    _PRCTL = None
# Starting and ending a pool must not be cut short by an asynchronous stop (the job's time
# limit raises from a signal handler): half a pool would leave children nobody ends.
_GUARD = {"depth": 0, "pending": None}


class WorkerProcessDied(RuntimeError):
    """A worker process ended without returning its result."""


def _run(item):
    return _TASK["function"](item)


def _child_start() -> None:
    """Runs first in every child: stop on SIGTERM/SIGINT whatever the parent installed, and
    with the parent (Linux), so no child outlives the process that waits on it."""
    for number in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGQUIT", None)):
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    # The death signal comes when the *thread* that forked us ends. Only the first children
    # come from the thread that waits on the pool; the pool forks replacements from a thread
    # of its own, which ends in terminate(), and a replacement killed then while it waits for
    # a task holds the queue's lock for good.
    if _PRCTL is not None and threading.get_ident() == _FORKER.get("ident"):
        with contextlib.suppress(OSError):
            _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def _uninterrupted():
    _GUARD["depth"] += 1
    try:
        yield
    finally:
        _GUARD["depth"] -= 1
        pending, _GUARD["pending"] = _GUARD["pending"], None
        if pending is not None:
            if _GUARD["depth"]:
                _GUARD["pending"] = pending
            else:
                raise pending


def raise_when_safe(exception: BaseException) -> None:
    """Raise `exception` now, or as soon as this process has finished starting or ending a
    pool (for signal handlers that stop a job)."""
    if _GUARD["depth"]:
        _GUARD["pending"] = exception
        return
    raise exception


def worker_count() -> int:
    """Worker processes worth starting here: the cores this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def terminate_pools() -> None:
    """End every pool this process started and has not finished (a job that failed while a
    generator of `map_in_processes` was suspended leaves one until it is collected)."""
    for pool in list(_POOLS):
        _end(pool)


def _end(pool) -> None:
    with _uninterrupted():
        before = _POOLS.pop(pool, set())
        ender = threading.Thread(target=pool.terminate, name="end pool", daemon=True)
        ender.start()
        ender.join(_END_SECONDS)
        if ender.is_alive():  # a child died holding the queue's lock: kill the rest, go on
            for child in multiprocessing.active_children():
                if child not in before:
                    child.kill()
                    child.join(1)


def map_in_processes(
    function: Callable[[Item], Result], items: Iterable[Item], *, processes: int | None = None
) -> Iterator[Result]:
    """`map(function, items)` in order, in forked worker processes when more than one core is
    available (and `fork` exists); in this process otherwise. `function` may be a closure:
    children inherit it through the fork instead of pickling it. An exception in `function`
    is raised here; a child that dies raises `WorkerProcessDied`; either, or the caller
    stopping early, terminates every child."""
    processes = processes or worker_count()
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    _TASK["function"] = function
    with _uninterrupted():
        before = set(multiprocessing.active_children())
        _FORKER["ident"] = threading.get_ident()
        pool = multiprocessing.get_context("fork").Pool(processes, initializer=_child_start)
        _POOLS[pool] = before
        # The pool replaces a child that exits, and the task that child held is never
        # answered: watch the first children, which only exit when the pool ends them.
        children = [child for child in multiprocessing.active_children() if child not in before]
    try:
        results = pool.imap(_run, items)
        while True:
            try:
                result = results.next(timeout=_POLL_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                dead = [child for child in children if child.exitcode is not None]
                if dead:
                    raise WorkerProcessDied(
                        f"worker process {dead[0].pid} ended with exit code {dead[0].exitcode}"
                    ) from None
                continue
            yield result
        pool.close()
        pool.join()
        _POOLS.pop(pool, None)
    finally:
        if pool in _POOLS:
            _end(pool)
        _TASK.clear()
