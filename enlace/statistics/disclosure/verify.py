"""The independent exact check (safety net): which suppressed cells a reader could derive
from what a release publishes, by integer elimination over the additivity equations."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from .graph import _add, _eliminate
from .tables import TOTAL, Cell, ProtectedTable


def recoverable_cells(table: ProtectedTable) -> set[Cell]:
    """Suppressed cells of `table` that its published cells determine exactly.

    Written independently of the suppression engine: it builds the additivity equations
    restricted to the unknown (suppressed) cells and brings them to reduced row echelon form
    with exact integer arithmetic. A cell is determined iff its unit vector lies in the row
    space, which in reduced form means its pivot row has no other entry. Empty is safe.
    """
    return release_recoverable_cells([table])[table.name]


def release_recoverable_cells(tables: Sequence[ProtectedTable]) -> dict[str, set[Cell]]:
    """Per table name, the suppressed cells determined by the joint system of all the given
    tables: cells with the same link key are the same unknown. The release writer's last
    check; a non-empty set means the release must not be published."""
    unknown: dict[Hashable, int] = {}
    equations: list[dict[int, int]] = []
    owners: dict[int, list[tuple[str, Cell]]] = {}
    for table in tables:
        rows, cols = [*table.rows, TOTAL], [*table.cols, TOTAL]

        def variable(cell: Cell, table: ProtectedTable = table) -> int | None:
            if table.published[cell] is not None:
                return None
            key: Hashable = table.link_keys.get(cell) or (table.name, cell)
            if key not in unknown:
                unknown[key] = len(unknown)
            owners.setdefault(unknown[key], []).append((table.name, cell))
            return unknown[key]

        ids = {cell: variable(cell) for cell in table.published}
        # Each line: its cells minus its total is zero (the total row and column included).
        lines = [[(row, col) for col in cols] for row in rows] + [
            [(row, col) for row in rows] for col in cols
        ]
        for line in lines:
            equation: dict[int, int] = {}
            for position, cell in enumerate(line):
                if ids[cell] is not None:
                    _add(equation, ids[cell], -1 if position == len(line) - 1 else 1)
            if equation:
                equations.append(equation)
    result: dict[str, set[Cell]] = {table.name: set() for table in tables}
    for column in _unit_rows(equations):
        for name, cell in owners[column]:
            result[name].add(cell)
    return result


def _unit_rows(equations: list[dict[int, int]]) -> set[int]:
    """Columns whose unit vector lies in the row space of `equations`: sparse Gauss-Jordan
    elimination over the integers (exact), keeping the rows fully reduced."""
    rows: dict[int, dict[int, int]] = {}  # pivot column -> row
    holders: dict[int, set[int]] = {}  # column -> pivots of the rows that have it
    for equation in equations:
        rest = dict(equation)
        for pivot in [column for column in rest if column in rows]:
            factor = rest.get(pivot)
            if factor:
                rest = _eliminate(rest, rows[pivot], rows[pivot][pivot], factor)
        if not rest:
            continue
        pivot = min(rest, key=lambda column: (len(holders.get(column, ())), column))
        if rest[pivot] < 0:
            rest = {column: -value for column, value in rest.items()}
        for other in list(holders.get(pivot, ())):
            old = rows[other]
            new = _eliminate(old, rest, rest[pivot], old[pivot])
            for column in old:
                if column not in new:
                    holders[column].discard(other)
            for column in new:
                holders.setdefault(column, set()).add(other)
            rows[other] = new
        rows[pivot] = rest
        for column in rest:
            holders.setdefault(column, set()).add(pivot)
    return {pivot for pivot, row in rows.items() if len(row) == 1}
