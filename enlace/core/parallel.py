"""CPU-bound work on every core, for large imports.

Validation of a large import is pure Python and holds the GIL, so threads do not help; forked
processes share the loaded code and warm caches without pickling them. The work function
must not touch the database: a child must never use the connection it inherited, so callers
warm their caches (e.g. `vocabularies.warm_caches`) first. Only chunks and results cross
process boundaries (pickled).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_TASK: dict[str, Any] = {}


def _run(item):
    return _TASK["function"](item)


def worker_count() -> int:
    """Worker processes worth starting here: the cores this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def map_in_processes(
    function: Callable[[Item], Result], items: Iterable[Item], *, processes: int | None = None
) -> Iterator[Result]:
    """`map(function, items)` in order, in forked worker processes when more than one core is
    available (and `fork` exists); in this process otherwise. `function` may be a closure:
    children inherit it through the fork instead of pickling it."""
    processes = processes or worker_count()
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, items)
        return
    _TASK["function"] = function
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield from pool.imap(_run, items)
    finally:
        _TASK.clear()
