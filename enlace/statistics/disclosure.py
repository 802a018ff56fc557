"""Statistical disclosure control for the aggregate tables Enlace publishes.

Published statistics (persons by nationality x sex, by age band x exploitation type, by
country x year ...) leave the closed network, so no reader may single out a victim from them.
This module is the pure engine behind every publication: it takes the true tables of a release
and decides which cells are shown, which are hidden, and how shown cells are rounded. It
imports nothing from Django so it can be tested exhaustively and benchmarked on its own.

The table model
---------------
A `Table` holds the interior cells of a two-way table; its row totals, column totals and grand
total are computed and are cells too, because they are published with it. Margins are keyed
with `TOTAL` ("__total__"): `(row, TOTAL)`, `(TOTAL, col)` and `(TOTAL, TOTAL)`. A one-way table
(a single variable) is a `Table` with one column (`Table.one_way`).

A reader who sees the published cells also knows the additivity equations: every row sums to
its row total, every column to its column total, and the totals to the grand total.

Primary suppression
-------------------
Every cell, interior or margin, whose value is in 1..k-1 is suppressed (k = 11 by default, the
threshold of the global data hub of the field). Zero is published by default: a zero is not a
person, and hiding zeros would mostly hide the absence of cases. `suppress_zeros=True` hides
them too, for releases where "nobody of nationality X" itself is sensitive (see limitations).

Secondary suppression and why it is exact
-----------------------------------------
Hiding the small cells is not enough: a hidden cell may be derived from the published ones
through the equations. The usual rule of thumb, "at least two suppressions in every row and
column", is not sufficient: two 2x2 cycles of suppressed cells joined by a single cell form a
pattern with two suppressions per line in which the joining cell is still determined.

The engine decides recoverability exactly. Flip the sign of the row and column totals and a
table with margins becomes an (m+1) x (n+1) array whose every row and every column sums to zero;
that is a flow on the complete bipartite graph between row nodes (rows and the total row) and
column nodes (columns and the total column), one edge per cell. Given the published cells, the
hidden values can move exactly along the cycles of the subgraph of hidden cells, so a hidden
cell is determined if and only if it lies on no cycle of hidden cells, i.e. it is a *bridge* of
that subgraph. This is the same statement as "its unit vector lies in the row space of the
constraint system restricted to the unknowns", proved by the cycle space of a graph; the
independent linear-algebra check `recoverable_cells` (exact integer elimination) confirms it and
is what the tests and the release writer use as a safety net.

Secondary suppression is therefore: while the hidden subgraph of a table has a bridge, add to
it the cheapest path that closes a cycle through the bridge (Dijkstra). A path's cost prefers
published cells of small value, then margins, and the grand total last; cells of value zero are
never used as complements (see guarantees). Each step turns at least one bridge into a cycle
edge and never creates a bridge, so the loop ends.

Linked tables of one release
----------------------------
Tables of one release share statistics: the nationality totals of "nationality x sex" and of
"nationality x age band" are the same numbers, and a one-way "nationality" table repeats them.
Such cells are one *release cell*: margins on a variable of the same name are linked when their
values are equal for every category (a category a table does not list counts as zero); grand
totals of equal value are linked (taken to count the same population); the interior cells of a
cross-tabulation published twice (even transposed) are linked. A linked cell is published or
suppressed in every table that shows it, with the same value.

Protection runs in two steps. First the per-table closure above, which hides a linked cell in
every table as soon as one table needs it and then closes those tables too. Second, an exact
check on the joint system of each group of linked tables, since a pattern safe in every table
can still be unsafe across them (see the tests for a 13-person example). The check reduces the
joint system to the linked hidden cells: contracting each table's private hidden cells leaves
one equation per contracted node, and their null space is exactly the projection of the joint
movements (a flow on the contracted graph extends along spanning trees); a private cell that is
a bridge among private cells moves as a linear form of the linked cells leaving its side of the
cut. A cell still determined gets a joint movement through it: for a linked margin, a partner
category of the same margin and, in every table showing both, a cycle through the two closed by
private cells (each table moves the two margins by +1 and -1, so the cycles agree); for a
private cell, a cycle of private cells, or one through a linked margin of its row or column as
above. Where none exists (tiny, mostly-zero tables) more published cells are hidden around the
cell: its row and column, its tables, the whole group. That ends, because once every positive
cell of a group is hidden the equations are homogeneous and the true table itself is a movement
of every positive cell.

Guarantees (for the result of `protect`)
----------------------------------------
1. No published cell, interior or margin, has a value in 1..k-1 (nor 0 with `suppress_zeros`).
2. Within each table, no suppressed cell is determined by the table's published cells and the
   additivity equations (over the rationals). With `suppress_zeros=False` every suppressed cell
   is positive, so each lies on a cycle of positive hidden cells that can shift by +1 or -1:
   the cell is not determined even by a reader who also uses that counts are non-negative
   integers.
3. Cells linked across tables (equal margins of a variable of the same name, equal grand
   totals) are published identically or suppressed in every table.
4. No suppressed cell is determined by the joint system of all linked tables of the release
   (over the rationals; the integer argument of 2 is not claimed across tables).
5. Published cells are the true values, or their rounding when `rounding` is given: rounding to
   a base is applied after suppression, to each published cell independently (margins are
   rounded on their own, so rounded cells need not add up to rounded totals); half rounds up.

Limitations
-----------
- Exact disclosure only: the reader may still bound a hidden cell (between 0 and a published
  total); no protection interval width is enforced.
- Published zeros can reveal group membership (a nationality whose only non-zero cell is
  hidden still tells the reader that all its persons share that cell's category); use
  `suppress_zeros=True` where that matters.
- Linking is by variable name and equal values. Tables of different populations whose
  same-named margins happen to be equal are linked, which only adds suppressions. Tables whose
  margins differ are not linked and nothing is claimed about differencing between them: a
  release with nested populations (all victims by nationality, and child victims by
  nationality) lets a reader subtract one from the other; do not publish such pairs together.
- Rounded tables are checked as if the rounded values were exact, which is conservative.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import gcd
from types import MappingProxyType
from typing import Any

TOTAL = "__total__"
"""Key of a margin: `(row, TOTAL)` row total, `(TOTAL, col)` column total, grand total."""

SUPPRESSED = "x"
"""What `ProtectedTable.as_rows` writes in place of a suppressed cell."""

DEFAULT_K = 11

Cell = tuple[str, str]
_Plan = tuple[int, list[tuple[int, list[int]]]]  # cost, and per table the edges to hide

_INTERIOR, _MARGIN, _GRAND = 0, 1, 2
_UNUSABLE = -1  # weight of an edge a path may not take


class DisclosureError(RuntimeError):
    """The engine could not find a safe pattern. It should not happen (suppressing every cell
    of a release is always safe for positive cells); if it does, nothing may be published."""


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Protection
# ---------------------------------------------------------------------------------------------


def protect(
    tables: Sequence[Table],
    k: int = DEFAULT_K,
    rounding: int | None = None,
    *,
    suppress_zeros: bool = False,
) -> list[ProtectedTable]:
    """Protect the tables of one release (see the module docstring for method and guarantees).

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


def round_to_base(value: int, base: int) -> int:
    """The multiple of `base` nearest to `value`, halves up (7 -> 5, 8 -> 10 in base 5)."""
    return base * ((2 * value + base) // (2 * base))


class _Release:
    """The tables of a release as one set of cells ("release cells", ids 0..G-1): a margin
    linked across tables is one release cell. Each table is also a complete bipartite graph,
    nodes 0..m (rows, then the total row) and m+1..m+n+1 (columns, then the total column),
    with edge `i*(n+1)+j` for the cell of row node i and column node j."""

    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables
        self.value: list[int] = []
        self.kind: list[int] = []
        self.where: list[list[tuple[int, int]]] = []  # release cell -> [(table, edge)]
        self.keys: list[str | None] = []  # link key of a release cell, for ProtectedTable
        self.edges: list[list[int]] = []  # table -> edge -> release cell
        self.suppressed: list[bool] = []
        index: dict[Hashable, int] = {}
        margin_groups, interior_groups = self._groups()
        totals: dict[int, int] = {}
        for number, table in enumerate(tables):
            rows, cols = [*table.rows, TOTAL], [*table.cols, TOTAL]
            cells: list[int] = []
            for row in rows:
                for col in cols:
                    value = table.value(row, col)
                    key: Hashable
                    link: str | None = None
                    if row == TOTAL and col == TOTAL:
                        group = totals.setdefault(value, len(totals))
                        key, link, kind = ("grand", group), f"{TOTAL}[{group}]", _GRAND
                    elif row == TOTAL or col == TOTAL:
                        variable, category = (
                            (table.col_var, col) if row == TOTAL else (table.row_var, row)
                        )
                        group = margin_groups[(number, variable)]
                        key, link = (
                            ("margin", variable, group, category),
                            (f"{variable}[{group}]:{category}"),
                        )
                        kind = _MARGIN
                    else:
                        # the same cross-tabulation published twice (even transposed)
                        group = interior_groups[number]
                        (first, one), (second, other) = sorted(
                            ((table.row_var, row), (table.col_var, col))
                        )
                        key, kind = ("cell", first, second, group, one, other), _INTERIOR
                        link = f"{first}x{second}[{group}]:{one}|{other}"
                    if key not in index:
                        index[key] = len(self.value)
                        self.value.append(value)
                        self.kind.append(kind)
                        self.where.append([])
                        self.keys.append(link)
                    cell_id = index[key]
                    self.where[cell_id].append((number, len(cells)))
                    cells.append(cell_id)
            self.edges.append(cells)
        self.tables_of = [frozenset(table for table, _edge in where) for where in self.where]
        self.shared = [len(tables) > 1 for tables in self.tables_of]
        self.components = self._components()
        # Weights: any path without margins is cheaper than one with a margin, any path without
        # the grand total cheaper than one with it.
        self.margin_unit = 1 + sum(self.value)
        most_edges = max(len(edges) for edges in self.edges) if self.edges else 0
        self.grand_unit = self.margin_unit * (1 + most_edges * len(tables))

    def _groups(self) -> tuple[dict[tuple[int, str], int], list[int]]:
        """Number the distinct margins of each variable, and the distinct interiors of each
        pair of variables: equal ones (a category not listed counts as zero) share a number."""
        seen: dict[Hashable, int] = {}
        numbers: dict[Hashable, int] = {}

        def number(name: Hashable, signature: Hashable) -> int:
            if (name, signature) not in seen:
                seen[(name, signature)] = numbers.get(name, 0)
                numbers[name] = seen[(name, signature)] + 1
            return seen[(name, signature)]

        margins: dict[tuple[int, str], int] = {}
        interiors: list[int] = []
        for index, table in enumerate(self.tables):
            for variable, margin in (
                (table.row_var, {row: table.value(row, TOTAL) for row in table.rows}),
                (table.col_var, {col: table.value(TOTAL, col) for col in table.cols}),
            ):
                signature = frozenset((c, v) for c, v in margin.items() if v)
                margins[(index, variable)] = number(variable, signature)
            cells = frozenset(
                (frozenset({(table.row_var, row), (table.col_var, col)}), value)
                for (row, col), value in table.values.items()
                if value and TOTAL not in (row, col)
            )
            interiors.append(number(frozenset({table.row_var, table.col_var}), cells))
        return margins, interiors

    def _components(self) -> list[list[int]]:
        parent = list(range(len(self.tables)))

        def find(node: int) -> int:
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for where in self.where:
            for table, _edge in where[1:]:
                parent[find(table)] = find(where[0][0])
        groups: dict[int, list[int]] = {}
        for table in range(len(self.tables)):
            groups.setdefault(find(table), []).append(table)
        return list(groups.values())

    # -- graph helpers ------------------------------------------------------------------------

    def shape(self, table: int) -> tuple[int, int]:
        """(m, n): index of the total row node and count of column nodes minus one."""
        return len(self.tables[table].rows), len(self.tables[table].cols)

    def ends(self, table: int, edge: int) -> tuple[int, int]:
        m, n = self.shape(table)
        return edge // (n + 1), m + 1 + edge % (n + 1)

    def sign(self, table: int, edge: int) -> int:
        """+1 for interior cells and the grand total, -1 for row and column totals: the sign
        that turns the table into a flow (see the module docstring)."""
        m, n = self.shape(table)
        return -1 if (edge // (n + 1) == m) != (edge % (n + 1) == n) else 1

    def cost(self, cell: int) -> int:
        """What hiding a published cell costs: its value, plus a penalty per table showing it
        for margins, and a larger one for the grand total."""
        tables = len(self.where[cell])
        if self.kind[cell] == _GRAND:
            return self.value[cell] + self.grand_unit * tables
        if self.kind[cell] == _MARGIN:
            return self.value[cell] + self.margin_unit * tables
        return self.value[cell]

    def weights(
        self,
        table: int,
        *,
        private_only: bool = False,
        allow_zeros: bool = False,
        within: frozenset[int] | None = None,
    ) -> list[int]:
        """Per edge: 0 if hidden, the cost of hiding it if it may be added, else _UNUSABLE.
        Zeros are not used as complements: a hidden zero can only move up, so it protects in
        one direction only, and with zeros published it would be the only hidden zero.
        `private_only` keeps to cells no other table shows, `within` to cells shown by exactly
        these tables."""
        result = []
        for cell in self.edges[table]:
            if (private_only and self.shared[cell]) or (
                within is not None and self.tables_of[cell] != within
            ):
                result.append(_UNUSABLE)
            elif self.suppressed[cell]:
                result.append(0)
            elif self.value[cell] > 0 or allow_zeros:
                result.append(self.cost(cell))
            else:
                result.append(_UNUSABLE)
        return result

    def hidden_edges(self, table: int, *, private_only: bool = False) -> list[int]:
        return [
            edge
            for edge, cell in enumerate(self.edges[table])
            if self.suppressed[cell] and not (private_only and self.shared[cell])
        ]

    def suppress_edges(self, table: int, edges: Iterable[int]) -> set[int]:
        """Hide the cells of these edges; returns the tables whose hidden pattern changed."""
        touched = set()
        for edge in edges:
            cell = self.edges[table][edge]
            if not self.suppressed[cell]:
                self.suppressed[cell] = True
                touched.update(other for other, _edge in self.where[cell])
        return touched

    # -- per-table closure --------------------------------------------------------------------

    def close(self, tables: Iterable[int]) -> None:
        """Make every hidden cell of these tables lie on a cycle of hidden cells of its table;
        a linked margin hidden in one table is hidden in the others, which are then closed too."""
        queue = sorted(set(tables))
        waiting = set(queue)
        while queue:
            table = queue.pop(0)
            waiting.discard(table)
            for other in self.close_table(table):
                if other not in waiting and other != table:
                    waiting.add(other)
                    queue.append(other)

    def close_table(self, table: int) -> set[int]:
        m, n = self.shape(table)
        nodes = m + n + 2
        touched: set[int] = set()
        while True:
            hidden = self.hidden_edges(table)
            bridges = _bridges(nodes, [(edge, *self.ends(table, edge)) for edge in hidden])
            if not bridges:
                return touched
            cells = self.edges[table]
            bridge = min(
                bridges, key=lambda edge: (self.kind[cells[edge]], -self.value[cells[edge]], edge)
            )
            source, target = self.ends(table, bridge)
            path = None
            for allow_zeros in (False, True):
                weights = self.weights(table, allow_zeros=allow_zeros)
                weights[bridge] = _UNUSABLE
                path = _cheapest_path(m, n, weights, source, target)
                if path is not None:
                    break
            if path is None:  # only a table with a single row node and column node pair
                raise DisclosureError(f"table {self.tables[table].name!r}: no complement")
            touched |= self.suppress_edges(table, path)

    # -- joint check and fixes ----------------------------------------------------------------

    def joint_recoverable(self, component: list[int]) -> set[int]:
        """Release cells of these linked tables determined by the joint system.

        Exact for any pattern. Contracting each table's private hidden cells leaves, per
        contracted node, one equation on the linked hidden cells (net flow zero); the
        projection of the joint cycle space onto the linked cells is exactly the null space J
        of these equations (a flow on the contracted graph extends to the private cells along
        spanning trees). A linked cell is determined iff its unit vector is in their row space.
        A private cell that is a bridge of its table's private hidden graph has its change
        fixed by the linked cells leaving its side of the cut, a linear form l; it is
        determined iff l vanishes on J, i.e. l is in the row space.
        """
        linked = sorted(
            {
                self.edges[table][edge]
                for table in component
                for edge in self.hidden_edges(table)
                if self.shared[self.edges[table][edge]]
            }
        )
        position = {cell: number for number, cell in enumerate(linked)}
        space = _RowSpace()
        cuts: list[tuple[int, dict[int, int]]] = []
        for table in component:
            m, n = self.shape(table)
            nodes = m + n + 2
            private = self.hidden_edges(table, private_only=True)
            shared_edges = [
                edge for edge in self.hidden_edges(table) if self.shared[self.edges[table][edge]]
            ]
            root = _forest_roots(nodes, [self.ends(table, edge) for edge in private])
            balance: dict[int, dict[int, int]] = {}
            for edge in shared_edges:
                left, right = self.ends(table, edge)
                if root[left] == root[right]:
                    continue
                column, sign = position[self.edges[table][edge]], self.sign(table, edge)
                _add(balance.setdefault(root[left], {}), column, sign)
                _add(balance.setdefault(root[right], {}), column, -sign)
            for equation in balance.values():
                space.add(equation)
            for bridge in _bridges(nodes, [(edge, *self.ends(table, edge)) for edge in private]):
                side = _reachable(
                    nodes,
                    [(edge, *self.ends(table, edge)) for edge in private if edge != bridge],
                    self.ends(table, bridge)[0],
                )
                form: dict[int, int] = {}
                for edge in shared_edges:
                    left, right = self.ends(table, edge)
                    if (left in side) != (right in side):
                        _add(
                            form,
                            position[self.edges[table][edge]],
                            self.sign(table, edge) * (1 if left in side else -1),
                        )
                cuts.append((self.edges[table][bridge], form))
        determined = {cell for cell in linked if space.contains({position[cell]: 1})}
        determined.update(cell for cell, form in cuts if space.contains(form))
        return determined

    def close_jointly(self, component: list[int]) -> None:
        """Add suppressions until no cell of these linked tables is determined jointly.

        Linked cells first (fixing them often frees the private cells that hang on them),
        one cell at a time: each fix adds one joint movement through the cell, so the cell is
        no longer determined and no other cell becomes determined (hiding more never shrinks
        the set of movements); the loop therefore ends.
        """
        escalation: dict[int, int] = {}
        while True:
            determined = self.joint_recoverable(component)
            if not determined:
                return
            linked = sorted(cell for cell in determined if self.shared[cell])
            cell = (linked or sorted(determined))[0]
            plan: _Plan | None = None
            if self.shared[cell] and self.kind[cell] == _MARGIN:
                plan = self.plan_linked(cell)
            if plan is None and (self.kind[cell] == _INTERIOR or not self.shared[cell]):
                plan = self.plan_private(cell)
            if plan is None and not self.shared[cell]:
                [(table, edge)] = self.where[cell]
                options = [
                    option
                    for margin in self._margins_at(table, edge)
                    if (option := self.plan_linked(margin, through=(table, edge)))
                ]
                plan = min(options, key=lambda option: option[0], default=None)
            if plan is not None:
                added = set()
                for table, edges in plan[1]:
                    added |= self.suppress_edges(table, edges)
                if added:  # always, as the cell was determined; never loop on an empty plan
                    continue
            escalation[cell] = escalation.get(cell, 0) + 1
            self.close(self.escalate(component, cell, escalation))

    def plan_private(self, cell: int) -> _Plan | None:
        """A cycle through a cell made of cells shown by exactly the same tables (for a
        private cell: private cells; for a table published twice: that table's cells), so
        the cycle is the same in each of them and moves the cell alone."""
        within = self.tables_of[cell]
        table, edge = self.where[cell][0]
        m, n = self.shape(table)
        weights = self.weights(table, within=within)
        weights[edge] = _UNUSABLE
        source, target = self.ends(table, edge)
        best, back = _distances(m, n, weights, source, target)
        cost = best[target]
        if cost is None:
            return None
        cells = {self.edges[table][path_edge] for path_edge in _path_to(back, target)}
        return cost, [
            (other, [item for item, target in enumerate(self.edges[other]) if target in cells])
            for other in sorted(within)
        ]

    def plan_linked(self, cell: int, through: tuple[int, int] | None = None) -> _Plan | None:
        """A joint movement through a linked margin cell: pick a partner category of the same
        margin and, in every table showing both, a cycle through the two margin cells closed
        by private cells. In each table the two margins move by +1 and -1 together, so the
        tables' cycles agree on every linked cell and add up to one joint movement. With
        `through` (table, edge), that table's cycle must also pass the given private cell,
        which then moves too."""
        tables = sorted(table for table, _edge in self.where[cell])
        searches: dict[int, tuple[list[int | None], list[tuple[int, int]], dict[int, int]]] = {}
        prefixes: dict[int, list[int]] = {}
        partners: set[int] | None = None
        for table in tables:
            m, n = self.shape(table)
            edge = dict(self.where[cell])[table]
            left, right = self.ends(table, edge)
            on_rows = right == m + n + 1  # a row total: partners are the other row totals
            source = left if on_rows else right
            weights = self.weights(table, private_only=True)
            prefixes[table] = []
            if through is not None and through[0] == table:
                forced = through[1]
                ends = self.ends(table, forced)
                if source not in ends:
                    return None
                weights[forced] = _UNUSABLE
                prefixes[table] = [forced]
                source = ends[1] if source == ends[0] else ends[0]
            best, back = _distances(m, n, weights, source)
            nodes = {}
            for other in range(m) if on_rows else range(n):
                other_edge = other * (n + 1) + n if on_rows else m * (n + 1) + other
                node = other if on_rows else m + 1 + other
                partner = self.edges[table][other_edge]
                if partner != cell and best[node] is not None:
                    nodes[partner] = node
            searches[table] = (best, back, nodes)
            partners = set(nodes) if partners is None else partners & set(nodes)
        choice: tuple[int, int] | None = None
        for partner in sorted(partners or ()):
            if sorted(table for table, _edge in self.where[partner]) != tables:
                continue
            if not self.suppressed[partner] and self.value[partner] == 0:
                continue
            cost = sum(0 if self.suppressed[item] else self.cost(item) for item in (cell, partner))
            for table in tables:
                best, _back, nodes = searches[table]
                cost += best[nodes[partner]] or 0
            if choice is None or cost < choice[0]:
                choice = (cost, partner)
        if choice is None:
            return None
        cost, partner = choice
        plan = []
        for table in tables:
            _best, back, nodes = searches[table]
            own = dict(self.where[cell])[table], dict(self.where[partner])[table]
            plan.append((table, [*prefixes[table], *_path_to(back, nodes[partner]), *own]))
        return cost, plan

    def _margins_at(self, table: int, edge: int) -> list[int]:
        """The linked row and column totals of an interior cell."""
        m, n = self.shape(table)
        row, column = edge // (n + 1), edge % (n + 1)
        if row == m or column == n:
            return []
        cells = [self.edges[table][row * (n + 1) + n], self.edges[table][m * (n + 1) + column]]
        return [cell for cell in cells if self.shared[cell] and self.kind[cell] == _MARGIN]

    def escalate(self, component: list[int], cell: int, levels: dict[int, int]) -> set[int]:
        """Last resort when no targeted cycle exists: hide ever more published cells around a
        determined cell: its row and column, its tables, the whole component, zeros included.
        With every cell hidden the true table itself is a movement of the joint system (the
        equations become homogeneous), so positive cells cannot stay determined."""
        tables = sorted({table for table, _edge in self.where[cell]})
        while levels[cell] <= 4:
            level = levels[cell]
            chosen: dict[int, list[int]] = {}
            for table in tables if level <= 2 else component:
                ends = {self.ends(table, edge) for _t, edge in self.where[cell] if _t == table}
                for edge, target in enumerate(self.edges[table]):
                    if self.suppressed[target] or (level < 4 and self.value[target] == 0):
                        continue
                    if level == 1 and not any(
                        set(self.ends(table, edge)) & set(pair) for pair in ends
                    ):
                        continue
                    chosen.setdefault(table, []).append(edge)
            touched: set[int] = set()
            for table, edges in chosen.items():
                touched |= self.suppress_edges(table, edges)
            if touched:
                return touched
            levels[cell] += 1
        raise DisclosureError(
            f"cannot hide a cell of {', '.join(self.tables[t].name for t in tables)}"
        )

    # -- result -------------------------------------------------------------------------------

    def protected(
        self, table: int, primary: list[bool], k: int, rounding: int | None
    ) -> ProtectedTable:
        source = self.tables[table]
        cells = source.all_cells()
        published: dict[Cell, int | None] = {}
        first, second, keys = set(), set(), {}
        linked: set[int] = set()
        for key, cell in zip(cells, self.edges[table], strict=True):
            if self.suppressed[cell]:
                published[key] = None
                (first if primary[cell] else second).add(key)
            else:
                value = self.value[cell]
                published[key] = round_to_base(value, rounding) if rounding else value
            if self.shared[cell]:
                keys[key] = self.keys[cell] or ""
                linked.update(other for other, _edge in self.where[cell] if other != table)
        return ProtectedTable(
            name=source.name,
            row_var=source.row_var,
            col_var=source.col_var,
            rows=list(source.rows),
            cols=list(source.cols),
            published=published,
            primary=frozenset(first),
            secondary=frozenset(second),
            k=k,
            rounding=rounding,
            link_keys=keys,
            linked_tables=tuple(self.tables[t].name for t in sorted(linked)),
        )


# ---------------------------------------------------------------------------------------------
# Graph and linear-algebra primitives
# ---------------------------------------------------------------------------------------------


def _add(vector: dict[int, int], column: int, value: int) -> None:
    total = vector.get(column, 0) + value
    if total:
        vector[column] = total
    else:
        vector.pop(column, None)


def _bridges(nodes: int, edges: list[tuple[int, int, int]]) -> set[int]:
    """Edge ids (first item of each (id, a, b)) that lie on no cycle: Tarjan's low-link,
    iterative so deep tables cannot hit the recursion limit."""
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]
    for edge, a, b in edges:
        adjacency[a].append((b, edge))
        adjacency[b].append((a, edge))
    order = [-1] * nodes
    low = [0] * nodes
    clock = 0
    result: set[int] = set()
    for start in range(nodes):
        if order[start] != -1 or not adjacency[start]:
            continue
        order[start] = low[start] = clock
        clock += 1
        stack = [(start, -1, iter(adjacency[start]))]
        while stack:
            node, via, neighbours = stack[-1]
            for other, edge in neighbours:
                if edge == via:
                    continue
                if order[other] == -1:
                    order[other] = low[other] = clock
                    clock += 1
                    stack.append((other, edge, iter(adjacency[other])))
                    break
                low[node] = min(low[node], order[other])
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        result.add(via)
    return result


def _forest_roots(nodes: int, edges: list[tuple[int, int]]) -> list[int]:
    """For each node, a representative of its connected component."""
    parent = list(range(nodes))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[find(a)] = find(b)
    return [find(node) for node in range(nodes)]


def _reachable(nodes: int, edges: list[tuple[int, int, int]], start: int) -> set[int]:
    adjacency: list[list[int]] = [[] for _ in range(nodes)]
    for _edge, a, b in edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    seen, stack = {start}, [start]
    while stack:
        for other in adjacency[stack.pop()]:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def _distances(
    m: int, n: int, weights: list[int], source: int, target: int | None = None
) -> tuple[list[int | None], list[tuple[int, int]]]:
    """Dijkstra on a table's complete bipartite graph; edges weighing _UNUSABLE are absent.
    Returns the distance of every node (None if unreachable) and, per node, the (edge, node)
    it was reached from."""
    nodes = m + n + 2
    best: list[int | None] = [None] * nodes
    back: list[tuple[int, int]] = [(-1, -1)] * nodes
    best[source] = 0
    done = [False] * nodes
    heap = [(0, source)]
    while heap:
        distance, node = heapq.heappop(heap)
        if done[node]:
            continue
        done[node] = True
        if node == target:
            break
        if node <= m:
            neighbours = ((node * (n + 1) + j, m + 1 + j) for j in range(n + 1))
        else:
            column = node - m - 1
            neighbours = ((i * (n + 1) + column, i) for i in range(m + 1))
        for edge, other in neighbours:
            weight = weights[edge]
            if weight == _UNUSABLE or done[other]:
                continue
            candidate = distance + weight
            known = best[other]
            if known is None or candidate < known:
                best[other] = candidate
                back[other] = (edge, node)
                heapq.heappush(heap, (candidate, other))
    return best, back


def _path_to(back: list[tuple[int, int]], target: int) -> list[int]:
    path = []
    node = target
    while back[node][0] != -1:
        edge, node = back[node]
        path.append(edge)
    return path


def _cheapest_path(
    m: int, n: int, weights: list[int], source: int, target: int
) -> list[int] | None:
    best, back = _distances(m, n, weights, source, target)
    return None if best[target] is None else _path_to(back, target)


class _RowSpace:
    """The row space of integer vectors (sparse dicts), kept in echelon form with exact
    fraction-free arithmetic: every added row is reduced by the earlier ones, so reducing a
    vector by the rows in insertion order never brings back an eliminated pivot."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, int, dict[int, int]]] = []

    def reduce(self, vector: Mapping[int, int]) -> dict[int, int]:
        rest = {column: value for column, value in vector.items() if value}
        for pivot, pivot_value, row in self.rows:
            factor = rest.get(pivot)
            if not factor:
                continue
            rest = _eliminate(rest, row, pivot_value, factor)
        return rest

    def add(self, vector: Mapping[int, int]) -> bool:
        rest = self.reduce(vector)
        if not rest:
            return False
        pivot = min(rest)
        self.rows.append((pivot, rest[pivot], rest))
        return True

    def contains(self, vector: Mapping[int, int]) -> bool:
        return not self.reduce(vector)


def _eliminate(
    target: dict[int, int], row: Mapping[int, int], pivot_value: int, factor: int
) -> dict[int, int]:
    """pivot_value * target - factor * row, divided by the gcd of its entries."""
    result = {column: pivot_value * value for column, value in target.items()}
    for column, value in row.items():
        total = result.get(column, 0) - factor * value
        if total:
            result[column] = total
        else:
            result.pop(column, None)
    divisor = 0
    for value in result.values():
        divisor = gcd(divisor, value)
        if divisor == 1:
            return result
    return {column: value // divisor for column, value in result.items()} if divisor else result


# ---------------------------------------------------------------------------------------------
# Independent exact check (safety net)
# ---------------------------------------------------------------------------------------------


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
