"""Graph and exact linear-algebra primitives of the engine: bridges, spanning forests,
cheapest complement paths on a table's bipartite graph, and integer row reduction."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from math import gcd

_UNUSABLE = -1  # weight of an edge a path may not take


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
