"""A release as one set of cells, and the per-table closure: every hidden cell of a table
lies on a cycle of hidden cells of that table (secondary suppression within tables)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from .graph import _UNUSABLE, _bridges, _cheapest_path
from .tables import TOTAL, Cell, DisclosureError, ProtectedTable, Table

_Plan = tuple[int, list[tuple[int, list[int]]]]  # cost, and per table the edges to hide


_INTERIOR, _MARGIN, _GRAND = 0, 1, 2


def round_to_base(value: int, base: int) -> int:
    """The multiple of `base` nearest to `value`, halves up (7 -> 5, 8 -> 10 in base 5)."""
    return base * ((2 * value + base) // (2 * base))


class _ReleaseCells:
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
        that turns the table into a flow (see the package docstring)."""
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
