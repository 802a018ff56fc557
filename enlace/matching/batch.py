"""Screening many travellers: in the calling process, or in forked workers that share the
index copy-on-write. Part of the watchlist index (index.py)."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Iterable, Iterator, Sequence

from enlace.matching.identity import Identity, Match
from enlace.matching.score import DEFAULT_THRESHOLD

__all__ = ["BatchSearch"]


class BatchSearch:
    """``search_many`` for WatchlistIndex (a mixin: it calls the index's ``search``)."""

    def search_many(
        self,
        travellers: Iterable[Identity],
        threshold: float = DEFAULT_THRESHOLD,
        workers: int = 1,
        limit: int = 10,
        chunk_size: int = 100_000,
    ) -> Iterator[tuple[str, list[Match]]]:
        """(traveller id, matches) for every traveller, in input order.

        With ``workers`` > 1 the travellers are screened by that many forked processes that
        share this index copy-on-write. A sequence is shared with them whole; an iterator is
        read ``chunk_size`` travellers at a time, so it is never held in memory whole. Where
        fork is unavailable (Windows, or a Python that forbids it) this runs in the calling
        process. Forking a process that runs other threads (a threaded web server) copies
        only the calling thread: use workers from a command or a background job.
        """
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for traveller in travellers:
                yield traveller.id, self.search(traveller, threshold, limit)
            return
        # Each chunk forks fresh workers whose caches start cold, so a sequence already in
        # memory goes in one piece; an iterator is read a chunk at a time.
        chunks: Iterable[Sequence[Identity]] = (
            [travellers] if isinstance(travellers, Sequence) else _chunked(travellers, chunk_size)
        )
        for chunk in chunks:
            yield from self._search_chunk(chunk, threshold, workers, limit)

    def _search_chunk(
        self, chunk: Sequence[Identity], threshold: float, workers: int, limit: int
    ) -> Iterator[tuple[str, list[Match]]]:
        global _SHARED
        slices = max(workers * 8, len(chunk) // 2_000)
        step = max(1, -(-len(chunk) // slices))
        ranges = {start: min(start + step, len(chunk)) for start in range(0, len(chunk), step)}
        context = multiprocessing.get_context("fork")
        # The workers find the index and their chunk in a module global set just before they
        # are forked (Pool forks them all at once); the lock keeps another thread from
        # swapping it in between.
        with _FORK_LOCK:
            _SHARED = (self, chunk, threshold, limit)
            # Objects that exist now are never collected by the children: freezing them keeps
            # the children's collector from writing to (and so copying) every shared page.
            gc.freeze()
            try:
                pool = context.Pool(workers, initializer=_start_worker)
            finally:
                _SHARED = None
                gc.unfreeze()
        with pool:
            for start, hits in pool.imap(_search_range, ranges.items()):
                for offset in range(start, ranges[start]):
                    yield chunk[offset].id, hits.get(offset, [])


_SHARED: tuple | None = None
_FORK_LOCK = threading.Lock()


def _start_worker() -> None:
    """A worker lives for one chunk and searching makes no reference cycles, so the cyclic
    collector would only rescan the growing caches (a full pass over them stalls a search
    for up to a second)."""
    gc.disable()


def _search_range(bounds: tuple[int, int]) -> tuple[int, dict[int, list[Match]]]:
    """Run in a forked worker: screen a slice of the shared chunk, return only the hits."""
    assert _SHARED is not None, "workers are forked by _search_chunk"
    index, chunk, threshold, limit = _SHARED
    start, stop = bounds
    hits: dict[int, list[Match]] = {}
    for offset in range(start, stop):
        matches = index.search(chunk[offset], threshold, limit)
        if matches:
            hits[offset] = matches
    return start, hits


def _chunked(items: Iterable[Identity], size: int) -> Iterator[list[Identity]]:
    chunk: list[Identity] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
