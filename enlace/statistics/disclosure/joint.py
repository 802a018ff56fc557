"""The joint check across the linked tables of a release, and the suppressions that fix
what it finds (guarantee 4 of the package docstring)."""

from __future__ import annotations

from .graph import (
    _UNUSABLE,
    _add,
    _bridges,
    _distances,
    _forest_roots,
    _path_to,
    _reachable,
    _RowSpace,
)
from .release import _INTERIOR, _MARGIN, _Plan, _ReleaseCells
from .tables import DisclosureError


class _Release(_ReleaseCells):
    """A release with the joint closure of its linked tables on top of the per-table one."""

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
