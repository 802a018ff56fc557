"""The table model of disclosure control: true tables in (`Table`), publishable tables out
(`ProtectedTable`), and the names every part of the engine shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

TOTAL = "__total__"
"""Key of a margin: `(row, TOTAL)` row total, `(TOTAL, col)` column total, grand total."""

SUPPRESSED = "x"
"""What `ProtectedTable.as_rows` writes in place of a suppressed cell."""

DEFAULT_K = 11

Cell = tuple[str, str]


class DisclosureError(RuntimeError):
    """The engine could not find a safe pattern. It should not happen (suppressing every cell
    of a release is always safe for positive cells); if it does, nothing may be published."""


@dataclass(frozen=True, eq=False)
class Table:
    """A two-way table of counts of persons, with its margins.

    `cells` holds interior cells; a missing interior cell is 0. Margins may be given too (keyed
    with `TOTAL`) but must then equal the sums, since a mismatch would mean the release is
    built from inconsistent data. A one-way table has a single column.
    """

    name: str
    row_var: str
    col_var: str
    rows: list[str]
    cols: list[str]
    cells: dict[Cell, int]
    _values: Mapping[Cell, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rows, cols = list(self.rows), list(self.cols)
        if not self.name:
            raise ValueError("a table needs a name")
        if self.row_var == self.col_var:
            raise ValueError(f"table {self.name!r}: rows and columns are the same variable")
        for label, categories in (("rows", rows), ("columns", cols)):
            if not categories:
                raise ValueError(f"table {self.name!r} has no {label}")
            if len(set(categories)) != len(categories):
                raise ValueError(f"table {self.name!r}: repeated {label}")
            if TOTAL in categories:
                raise ValueError(f"table {self.name!r}: {TOTAL!r} is reserved for margins")
        row_set, col_set = set(rows), set(cols)
        values: dict[Cell, int] = {}
        for row in rows:
            for col in cols:
                values[(row, col)] = _count(self.name, (row, col), self.cells.get((row, col), 0))
        for row in rows:
            values[(row, TOTAL)] = sum(values[(row, col)] for col in cols)
        for col in cols:
            values[(TOTAL, col)] = sum(values[(row, col)] for row in rows)
        values[(TOTAL, TOTAL)] = sum(values[(row, TOTAL)] for row in rows)
        for key, given in self.cells.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise ValueError(f"table {self.name!r}: cell keys are (row, column), not {key!r}")
            row, col = key
            if (row not in row_set and row != TOTAL) or (col not in col_set and col != TOTAL):
                raise ValueError(f"table {self.name!r}: cell {key!r} is outside the table")
            if _count(self.name, key, given) != values[key]:
                raise ValueError(
                    f"table {self.name!r}: margin {key!r} is {given}, the cells "
                    f"add up to {values[key]}"
                )
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "cols", cols)
        object.__setattr__(self, "_values", MappingProxyType(values))

    @classmethod
    def one_way(
        cls,
        name: str,
        variable: str,
        counts: Mapping[str, int],
        *,
        categories: Sequence[str] | None = None,
        column: str = "total",
    ) -> Table:
        """A table of one variable: one row per category and a single column named `column`
        (the column variable is named `column` too). `categories` fixes the row order and
        may list categories absent from `counts` (they count 0)."""
        rows = list(categories) if categories is not None else list(counts)
        unknown = set(counts) - set(rows)
        if unknown:
            raise ValueError(f"table {name!r}: counts for unlisted categories {sorted(unknown)}")
        return cls(
            name=name,
            row_var=variable,
            col_var=column,
            rows=rows,
            cols=[column],
            cells={(row, column): counts.get(row, 0) for row in rows},
        )

    @property
    def is_one_way(self) -> bool:
        return len(self.cols) == 1

    @property
    def values(self) -> Mapping[Cell, int]:
        """Every cell, interior and margins, with its true value."""
        return self._values

    def value(self, row: str, col: str) -> int:
        return self._values[(row, col)]

    def all_cells(self) -> list[Cell]:
        """Interior and margin cells in reading order (rows, then the total row)."""
        return [(row, col) for row in [*self.rows, TOTAL] for col in [*self.cols, TOTAL]]


def _count(table: str, key: Any, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"table {table!r}: cell {key!r} must be a count (int >= 0), not {value!r}")
    return value


@dataclass(frozen=True, eq=False)
class ProtectedTable:
    """A table ready to publish: the values it shows, and which cells it hides and why.

    `published` maps every cell (margins keyed with `TOTAL`) to the value shown, or None when
    suppressed. `primary` are cells hidden because they are small, `secondary` cells hidden so
    that the primary ones cannot be derived. `link_keys` names the cells that are the same
    statistic in other tables of the release (same key, same treatment); `linked_tables` are
    those tables. It carries no hidden value, so it is safe to hand to a writer.
    """

    name: str
    row_var: str
    col_var: str
    rows: list[str]
    cols: list[str]
    published: dict[Cell, int | None]
    primary: frozenset[Cell]
    secondary: frozenset[Cell]
    k: int
    rounding: int | None = None
    link_keys: dict[Cell, str] = field(default_factory=dict)
    linked_tables: tuple[str, ...] = ()

    @property
    def suppressed(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    @property
    def is_one_way(self) -> bool:
        return len(self.cols) == 1

    @property
    def counts(self) -> dict[str, int]:
        """Cells, published cells, and primary/secondary/all suppressions (margins included)."""
        total = len(self.published)
        hidden = len(self.primary) + len(self.secondary)
        return {
            "cells": total,
            "published": total - hidden,
            "primary": len(self.primary),
            "secondary": len(self.secondary),
            "suppressed": hidden,
        }

    def as_rows(self, total_label: str = "Total") -> list[list[str | int]]:
        """The table as CSV rows: a header (row variable, each column, total), one row per
        category with its total, and the total row; suppressed cells are `SUPPRESSED`. A
        one-way table leaves out the total column, which would repeat its only column."""

        def shown(row: str, col: str) -> str | int:
            value = self.published[(row, col)]
            return SUPPRESSED if value is None else value

        cols = list(self.cols) if self.is_one_way else [*self.cols, TOTAL]
        header: list[str | int] = [
            self.row_var,
            *(total_label if col == TOTAL else col for col in cols),
        ]
        lines = [header]
        for row in [*self.rows, TOTAL]:
            lines.append([total_label if row == TOTAL else row, *(shown(row, col) for col in cols)])
        return lines
