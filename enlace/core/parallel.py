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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK: dict[str, Any] = {}
_POOLS: set[Any] = set()  # pools of this process still running
_POLL_SECONDS = 0.5  # how often the parent checks its children while it waits for a result
_PR_SET_PDEATHSIG = 1


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
    if sys.platform.startswith("linux"):
        # Without prctl the pool's terminate() still ends the child.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


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
    _POOLS.discard(pool)
    pool.terminate()
    pool.join()


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
    before = set(multiprocessing.active_children())
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=_child_start)
    _POOLS.add(pool)
    # The pool replaces a child that exits, and the task that child held is never answered:
    # watch the first children, which only exit when the pool ends them.
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
        _POOLS.discard(pool)
    finally:
        if pool in _POOLS:
            _end(pool)
        _TASK.clear()
