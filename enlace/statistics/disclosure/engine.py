"""`protect`: the one entry point that turns the true tables of a release into publishable
ones (primary suppression, per-table closure, joint closure, rounding)."""

from __future__ import annotations

from collections.abc import Sequence

from .joint import _Release
from .tables import DEFAULT_K, ProtectedTable, Table


def protect(
    tables: Sequence[Table],
    k: int = DEFAULT_K,
    rounding: int | None = None,
    *,
    suppress_zeros: bool = False,
) -> list[ProtectedTable]:
    """Protect the tables of one release (see the package docstring: method, guarantees).

    Returns one `ProtectedTable` per table, in order. `k` is the threshold (cells in 1..k-1 are
    hidden); `rounding`, when given, rounds published cells to that base after suppression.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive integer, not {k!r}")
    if rounding is not None and (
        isinstance(rounding, bool) or not isinstance(rounding, int) or rounding < 1
    ):
        raise ValueError(f"rounding must be a positive integer or None, not {rounding!r}")
    names = [table.name for table in tables]
    if len(set(names)) != len(names):
        raise ValueError("table names of a release must be unique")
    release = _Release(list(tables))
    primary = [0 < value < k or (suppress_zeros and value == 0) for value in release.value]
    release.suppressed = list(primary)
    release.close(range(len(tables)))
    for component in release.components:
        if len(component) > 1:
            release.close_jointly(component)
    return [release.protected(index, primary, k, rounding) for index in range(len(tables))]
