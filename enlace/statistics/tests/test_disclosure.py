"""Disclosure control: no published cell is small, no hidden cell can be derived, linked tables
agree. The checks below are written independently of the engine: a dense rational null-space
computation for the additivity equations, and a brute-force search for other tables of
non-negative integers that show the same published cells."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.statistics.disclosure import (
    SUPPRESSED,
    TOTAL,
    ProtectedTable,
    Table,
    _Release,
    protect,
    recoverable_cells,
    release_recoverable_cells,
    round_to_base,
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------------
# Independent checks
# ---------------------------------------------------------------------------------------------


def line_equations(rows, cols, unknown):
    """Additivity equations of one table over the unknowns: `unknown(cell)` gives the unknown
    of a hidden cell, None for a published one (a known constant, left out)."""
    all_rows, all_cols = [*rows, TOTAL], [*cols, TOTAL]
    lines = [[(row, col) for col in all_cols] for row in all_rows]
    lines += [[(row, col) for row in all_rows] for col in all_cols]
    equations = []
    for line in lines:
        equation = Counter()
        for cell in line[:-1]:
            if unknown(cell) is not None:
                equation[unknown(cell)] += 1
        if unknown(line[-1]) is not None:
            equation[unknown(line[-1])] -= 1
        equations.append(equation)
    return equations


def determined(equations, unknowns):
    """Unknowns that take the same value in every rational solution: those on which every
    vector of the null space of the homogeneous system is zero."""
    columns = list(unknowns)
    matrix = [[Fraction(equation.get(u, 0)) for u in columns] for equation in equations]
    pivots, rank = [], 0
    for column in range(len(columns)):
        row = next((r for r in range(rank, len(matrix)) if matrix[r][column]), None)
        if row is None:
            continue
        matrix[rank], matrix[row] = matrix[row], matrix[rank]
        head = matrix[rank][column]
        matrix[rank] = [value / head for value in matrix[rank]]
        for other in range(len(matrix)):
            if other != rank and matrix[other][column]:
                factor = matrix[other][column]
                matrix[other] = [
                    a - factor * b for a, b in zip(matrix[other], matrix[rank], strict=True)
                ]
        pivots.append(column)
        rank += 1
    free = [column for column in range(len(columns)) if column not in pivots]
    moving = set()
    for column in free:  # null-space basis vector: 1 on this free column
        moving.add(columns[column])
        for index, pivot in enumerate(pivots):
            if matrix[index][column]:
                moving.add(columns[pivot])
    return set(columns) - moving


def table_determined(table: Table, hidden: set) -> set:
    equations = line_equations(
        table.rows, table.cols, lambda cell: cell if cell in hidden else None
    )
    return determined(equations, sorted(hidden))


def release_determined(tables: list[Table], protected: list[ProtectedTable]) -> set:
    """Determined hidden cells of a release built from one population, where a margin of a
    variable and the grand total are the same unknown in every table."""
    unknowns, equations = set(), []
    for table, result in zip(tables, protected, strict=True):

        def unknown(cell, table=table, result=result):
            if result.published[cell] is not None:
                return None
            row, col = cell
            if row == TOTAL and col == TOTAL:
                key = ("grand",)
            elif col == TOTAL:
                key = ("margin", table.row_var, row)
            elif row == TOTAL:
                key = ("margin", table.col_var, col)
            else:
                key = (table.name, row, col)
            unknowns.add(key)
            return key

        equations += line_equations(table.rows, table.cols, unknown)
    return determined(equations, sorted(unknowns))


def movable_cells(table: Table, hidden: set) -> set:
    """Hidden cells that some *other* table of non-negative integers, with every published
    cell unchanged, changes. Brute force over changes of -1, 0 or +1 per hidden cell (for
    one table, the additivity system is totally unimodular, so if any other integer table
    exists, one differing by at most 1 per cell does). For small tables only."""
    rows, cols = [*table.rows, TOTAL], [*table.cols, TOTAL]
    moved = set()

    def steps(cell):
        if cell not in hidden:
            return (0,)
        return (-1, 0, 1) if table.values[cell] > 0 else (0, 1)

    def search(index, change):
        if index == len(rows) - 1:  # the total row follows from the columns
            last = {}
            for col in cols:
                needed = sum(change[(row, col)] for row in rows[:-1])
                if needed not in steps((TOTAL, col)):
                    return
                last[(TOTAL, col)] = needed
            if sum(last[(TOTAL, col)] for col in cols[:-1]) != last[(TOTAL, TOTAL)]:
                return
            full = {**change, **last}
            moved.update(cell for cell, step in full.items() if step)
            return
        row = rows[index]
        for line in product(*(steps((row, col)) for col in cols)):
            if sum(line[:-1]) == line[-1]:
                search(
                    index + 1,
                    {**change, **{(row, col): step for col, step in zip(cols, line, strict=True)}},
                )

    search(0, {})
    return moved


# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 4), st.integers(1, 12), st.integers(8, 60))


@st.composite
def tables(draw, max_rows=4, max_cols=4):
    rows = [f"r{index}" for index in range(draw(st.integers(1, max_rows)))]
    cols = [f"c{index}" for index in range(draw(st.integers(1, max_cols)))]
    cells = {(row, col): draw(counts) for row in rows for col in cols}
    return Table(name="t", row_var="rv", col_var="cv", rows=rows, cols=cols, cells=cells)


CATEGORIES = {"a": ["a1", "a2", "a3"], "b": ["b1", "b2", "b3"], "c": ["c1", "c2"]}
SPECS = [
    ("ab", "a", "b"),
    ("ac", "a", "c"),
    ("bc", "b", "c"),
    ("a", "a", None),
    ("b", "b", None),
    ("c", "c", None),
]


def crosstabs(persons, specs, categories=CATEGORIES):
    result = []
    for name, row_var, col_var in specs:
        if col_var is None:
            tally = Counter(person[row_var] for person in persons)
            result.append(Table.one_way(name, row_var, tally, categories=categories[row_var]))
        else:
            tally = Counter((person[row_var], person[col_var]) for person in persons)
            result.append(
                Table(
                    name=name,
                    row_var=row_var,
                    col_var=col_var,
                    rows=categories[row_var],
                    cols=categories[col_var],
                    cells=dict(tally),
                )
            )
    return result


@st.composite
def releases(draw):
    """Tables cross-tabulating one population: their margins on a variable are equal."""
    weights = {
        name: draw(
            st.lists(st.integers(0, 5), min_size=len(categories), max_size=len(categories)).filter(
                any
            )
        )
        for name, categories in CATEGORIES.items()
    }
    persons = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    name: st.sampled_from(
                        [
                            c
                            for c, w in zip(categories, weights[name], strict=True)
                            for _ in range(w)
                        ]
                    )
                    for name, categories in CATEGORIES.items()
                }
            ),
            min_size=1,
            max_size=70,
        )
    )
    specs = draw(st.lists(st.sampled_from(SPECS), min_size=2, max_size=5, unique=True))
    return crosstabs(persons, specs)


def hidden(result: ProtectedTable) -> set:
    return {cell for cell, value in result.published.items() if value is None}


# ---------------------------------------------------------------------------------------------
# Properties of one table
# ---------------------------------------------------------------------------------------------


@PROPERTY
@given(table=tables(), k=st.integers(2, 15), suppress_zeros=st.booleans())
def test_no_published_cell_is_small_and_every_small_cell_is_primary(table, k, suppress_zeros):
    [result] = protect([table], k=k, suppress_zeros=suppress_zeros)
    for value in result.published.values():
        if value is not None:
            assert not 0 < value < k
            assert not (suppress_zeros and value == 0)
    small = {
        cell
        for cell, value in table.values.items()
        if 0 < value < k or (suppress_zeros and value == 0)
    }
    assert result.primary == small
    assert not result.primary & result.secondary


@PROPERTY
@given(table=tables(), k=st.integers(2, 15), suppress_zeros=st.booleans())
def test_published_cells_are_the_true_values(table, k, suppress_zeros):
    [result] = protect([table], k=k, suppress_zeros=suppress_zeros)
    assert set(result.published) == set(table.values)
    for cell, value in result.published.items():
        assert value is None or value == table.values[cell]
    assert hidden(result) == result.primary | result.secondary


@PROPERTY
@given(table=tables(max_rows=5, max_cols=5), k=st.integers(2, 15), suppress_zeros=st.booleans())
def test_no_hidden_cell_is_determined_by_its_table(table, k, suppress_zeros):
    [result] = protect([table], k=k, suppress_zeros=suppress_zeros)
    assert table_determined(table, hidden(result)) == set()
    assert recoverable_cells(result) == set()


@PROPERTY
@given(table=tables(max_rows=3, max_cols=3), k=st.integers(2, 15))
def test_no_hidden_cell_is_determined_even_knowing_counts_are_non_negative_integers(table, k):
    [result] = protect([table], k=k)
    assert movable_cells(table, hidden(result)) == hidden(result)
    assert all(table.values[cell] > 0 for cell in hidden(result))  # zeros are never complements


@PROPERTY
@given(table=tables(), k=st.integers(2, 15), base=st.integers(2, 10))
def test_rounding_keeps_the_pattern_and_rounds_each_published_cell(table, k, base):
    [plain] = protect([table], k=k)
    [rounded] = protect([table], k=k, rounding=base)
    assert (rounded.primary, rounded.secondary) == (plain.primary, plain.secondary)
    for cell, value in rounded.published.items():
        if value is None:
            continue
        true = table.values[cell]
        assert value % base == 0
        assert abs(value - true) * 2 <= base
        assert value == round_to_base(true, base)


@PROPERTY
@given(table=tables(max_rows=4, max_cols=4), data=st.data())
def test_the_safety_net_finds_exactly_the_determined_cells_of_any_pattern(table, data):
    """The release writer's check against the independent computation, on arbitrary (mostly
    unsafe) patterns, not only on what the engine produces."""
    chosen = data.draw(st.sets(st.sampled_from(table.all_cells())))
    result = ProtectedTable(
        name="t",
        row_var="rv",
        col_var="cv",
        rows=table.rows,
        cols=table.cols,
        published={cell: None if cell in chosen else value for cell, value in table.values.items()},
        primary=frozenset(chosen),
        secondary=frozenset(),
        k=11,
    )
    assert recoverable_cells(result) == table_determined(table, chosen)


# ---------------------------------------------------------------------------------------------
# Properties of a release of linked tables
# ---------------------------------------------------------------------------------------------


@PROPERTY
@given(release=releases(), k=st.integers(2, 12), suppress_zeros=st.booleans())
def test_linked_margins_are_published_identically(release, k, suppress_zeros):
    protected = protect(release, k=k, suppress_zeros=suppress_zeros)
    shown = {}  # (variable, category) or grand total -> what each table publishes
    for table, result in zip(release, protected, strict=True):
        for row in table.rows:
            shown.setdefault((table.row_var, row), set()).add(result.published[(row, TOTAL)])
        for col in table.cols:
            shown.setdefault((table.col_var, col), set()).add(result.published[(TOTAL, col)])
        shown.setdefault("grand", set()).add(result.published[(TOTAL, TOTAL)])
        if table.is_one_way:  # the one column repeats the margin
            for row in table.rows:
                assert result.published[(row, table.cols[0])] == result.published[(row, TOTAL)]
    for key, values in shown.items():
        if key[0] != "total":  # the one-way tables' single column, not a shared variable
            assert len(values) == 1, key


@PROPERTY
@given(release=releases(), k=st.integers(2, 12), suppress_zeros=st.booleans())
def test_no_hidden_cell_is_determined_by_the_whole_release(release, k, suppress_zeros):
    protected = protect(release, k=k, suppress_zeros=suppress_zeros)
    assert release_determined(release, protected) == set()
    assert not any(release_recoverable_cells(protected).values())
    for table, result in zip(release, protected, strict=True):
        for cell, value in result.published.items():
            assert value is None or (value == table.values[cell] and not 0 < value < k)
        if not suppress_zeros:  # and within each table, even over non-negative integers
            assert movable_cells(table, hidden(result)) == hidden(result)


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


def bridge_table() -> Table:
    """Two 2x2 blocks of small cells (r1,r2 x c1,c2 and r3,r4 x c3,c4) joined by one small
    cell (r2, c3); every other cell is large."""
    rows, cols = ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]
    small = {
        ("r1", "c1"): 3,
        ("r1", "c2"): 4,
        ("r2", "c1"): 2,
        ("r2", "c2"): 5,
        ("r2", "c3"): 1,
        ("r3", "c3"): 6,
        ("r3", "c4"): 2,
        ("r4", "c3"): 3,
        ("r4", "c4"): 7,
    }
    cells = {
        (row, col): small.get((row, col), 40 + 3 * index)
        for index, (row, col) in enumerate(product(rows, cols))
    }
    return Table(name="bridge", row_var="rv", col_var="cv", rows=rows, cols=cols, cells=cells)


def test_two_suppressions_per_line_is_not_enough_the_bridge_is_determined():
    table = bridge_table()
    naive = {cell for cell, value in table.values.items() if value < 11}
    for line in [*table.rows, *table.cols]:
        on_line = [cell for cell in naive if line in cell]
        assert len(on_line) >= 2
    assert table_determined(table, naive) == {("r2", "c3")}
    result = ProtectedTable(
        name="bridge",
        row_var="rv",
        col_var="cv",
        rows=table.rows,
        cols=table.cols,
        primary=frozenset(naive),
        secondary=frozenset(),
        k=11,
        published={cell: None if cell in naive else value for cell, value in table.values.items()},
    )
    assert recoverable_cells(result) == {("r2", "c3")}


def test_the_bridge_gets_a_complementary_suppression():
    table = bridge_table()
    [result] = protect([table])
    assert result.primary == {cell for cell, value in table.values.items() if value < 11}
    assert result.secondary  # the pattern above is not safe, so something more is hidden
    assert table_determined(table, hidden(result)) == set()
    assert recoverable_cells(result) == set()
    assert not any(TOTAL in cell for cell in result.secondary)  # interior cells suffice


def test_one_way_table():
    table = Table.one_way(
        "nationality",
        "nationality",
        {"GT": 30, "HN": 4, "SV": 25, "NI": 12},
        categories=["GT", "HN", "SV", "NI", "BZ"],
    )
    [result] = protect([table])
    assert result.published[("HN", "total")] is None
    # one more category must go, else HN = total - the others; the smallest is NI
    assert result.secondary == {("NI", "total"), ("NI", TOTAL)}
    assert result.published[("BZ", "total")] == 0
    assert result.as_rows() == [
        ["nationality", "total"],
        ["GT", 30],
        ["HN", SUPPRESSED],
        ["SV", 25],
        ["NI", SUPPRESSED],
        ["BZ", 0],
        ["Total", 71],
    ]
    assert recoverable_cells(result) == set()


def test_one_way_table_with_a_single_category_hides_it_and_the_total():
    [result] = protect([Table.one_way("sex", "sex", {"F": 5})])
    assert all(value is None for value in result.published.values())
    assert recoverable_cells(result) == set()


def test_one_way_table_equal_to_a_margin_is_linked_to_it():
    cross = Table(
        name="nationality_sex",
        row_var="nationality",
        col_var="sex",
        rows=["GT", "HN", "SV"],
        cols=["F", "M"],
        cells={
            ("GT", "F"): 20,
            ("GT", "M"): 25,
            ("HN", "F"): 3,
            ("HN", "M"): 4,
            ("SV", "F"): 30,
            ("SV", "M"): 12,
        },
    )
    alone = Table.one_way("nationality", "nationality", {"GT": 45, "HN": 7, "SV": 42})
    protected = protect([cross, alone])
    assert protected[0].linked_tables == ("nationality",)
    assert protected[1].linked_tables == ("nationality_sex",)
    for row in cross.rows:
        margin = protected[0].published[(row, TOTAL)]
        assert protected[1].published[(row, "total")] == margin
        assert protected[0].link_keys[(row, TOTAL)] == protected[1].link_keys[(row, TOTAL)]
    assert protected[1].published[("HN", "total")] is None
    assert release_determined([cross, alone], protected) == set()


def test_margins_of_different_populations_are_not_linked():
    victims = Table.one_way("victims", "nationality", {"GT": 40, "HN": 30})
    suspects = Table.one_way("suspects", "nationality", {"GT": 5, "HN": 30})
    protected = protect([victims, suspects])
    assert protected[0].linked_tables == () and protected[0].link_keys == {}
    assert protected[0].published[("GT", "total")] == 40
    assert protected[1].published[("GT", "total")] is None


def test_a_table_published_twice_transposed_hides_the_same_cells():
    cells = {("a1", "b1"): 3, ("a1", "b2"): 20, ("a2", "b1"): 15, ("a2", "b2"): 30}
    ab = Table(
        name="ab", row_var="a", col_var="b", rows=["a1", "a2"], cols=["b1", "b2"], cells=cells
    )
    ba = Table(
        name="ba",
        row_var="b",
        col_var="a",
        rows=["b1", "b2"],
        cols=["a1", "a2"],
        cells={(col, row): value for (row, col), value in cells.items()},
    )
    first, second = protect([ab, ba])
    assert {(col, row) for row, col in hidden(first)} == hidden(second)
    assert first.link_keys[("a1", "b1")] == second.link_keys[("b1", "a1")]


def test_all_zero_table():
    table = Table(
        name="empty",
        row_var="rv",
        col_var="cv",
        rows=["r1", "r2"],
        cols=["c1", "c2", "c3"],
        cells={},
    )
    [result] = protect([table])
    assert set(result.published.values()) == {0}
    [hidden_zeros] = protect([table], suppress_zeros=True)
    assert set(hidden_zeros.published.values()) == {None}
    assert hidden_zeros.primary == set(table.values) and not hidden_zeros.secondary
    assert recoverable_cells(hidden_zeros) == set()


def test_table_of_only_small_cells():
    table = Table(
        name="small",
        row_var="rv",
        col_var="cv",
        rows=["r1", "r2", "r3"],
        cols=["c1", "c2", "c3"],
        cells={(row, col): 2 for row in ["r1", "r2", "r3"] for col in ["c1", "c2", "c3"]},
    )
    [result] = protect([table])
    assert result.published[(TOTAL, TOTAL)] == 18  # only the grand total reaches k
    assert hidden(result) == set(table.values) - {(TOTAL, TOTAL)}
    assert result.counts == {
        "cells": 16,
        "published": 1,
        "primary": 15,
        "secondary": 0,
        "suppressed": 15,
    }
    assert table_determined(table, hidden(result)) == set()
    tiny = Table(
        name="tiny",
        row_var="rv",
        col_var="cv",
        rows=["r1", "r2"],
        cols=["c1", "c2"],
        cells={("r1", "c1"): 1, ("r1", "c2"): 2, ("r2", "c1"): 1, ("r2", "c2"): 3},
    )
    [result] = protect([tiny])
    assert set(result.published.values()) == {None}


def joint_release():
    """Thirteen persons, five linked tables (found by search, kept as data)."""
    population = {
        ("a1", "b1", "c2"): 1,
        ("a1", "b2", "c2"): 1,
        ("a1", "b2", "c3"): 5,
        ("a2", "b2", "c3"): 2,
        ("a4", "b2", "c3"): 4,
    }
    persons = [
        dict(zip("abc", key, strict=True))
        for key, times in population.items()
        for _ in range(times)
    ]
    categories = {"a": ["a1", "a2", "a3", "a4"], "b": ["b1", "b2", "b3"], "c": ["c1", "c2", "c3"]}
    return crosstabs(
        persons,
        [("bc", "b", "c"), ("ab", "a", "b"), ("b", "b", None), ("ac", "a", "c"), ("a", "a", None)],
        categories,
    )


# Every table is safe on its own with these cells hidden, but together: b1 total = (a1,b1)
# [ab] = (b1,c2) [bc]; a1 total = (a1,b1) + 6 [ab] = (a1,c2) + 5 [ac]; c2 total = (a1,c2)
# [ac] = (b1,c2) + (b2,c2) [bc]; so (b2,c2) = 1.
JOINTLY_UNSAFE = {
    "bc": {
        (TOTAL, "c2"),
        (TOTAL, "c3"),
        ("b1", TOTAL),
        ("b1", "c2"),
        ("b2", TOTAL),
        ("b2", "c2"),
        ("b2", "c3"),
    },
    "ab": {(TOTAL, "b1"), (TOTAL, "b2"), ("a1", TOTAL), ("a1", "b1"), ("a2", TOTAL), ("a2", "b2")},
    "b": {("b1", TOTAL), ("b1", "total"), ("b2", TOTAL), ("b2", "total")},
    "ac": {(TOTAL, "c2"), (TOTAL, "c3"), ("a1", TOTAL), ("a1", "c2"), ("a2", TOTAL), ("a2", "c3")},
    "a": {("a1", TOTAL), ("a1", "total"), ("a2", TOTAL), ("a2", "total")},
}


def test_a_pattern_safe_in_each_table_can_be_unsafe_across_linked_tables():
    release = joint_release()
    shapes = protect(release, k=3)  # for the link keys, which depend on the data only
    patterned = [
        replace(
            shape,
            published={
                cell: None if cell in JOINTLY_UNSAFE[shape.name] else value
                for cell, value in table.values.items()
            },
        )
        for table, shape in zip(release, shapes, strict=True)
    ]
    for result in patterned:
        assert recoverable_cells(result) == set()
    assert release_recoverable_cells(patterned) == {
        "bc": {("b2", "c2")},
        "ab": set(),
        "b": set(),
        "ac": set(),
        "a": set(),
    }
    assert release_determined(release, patterned) == {("bc", "b2", "c2")}


def test_the_joint_step_repairs_a_pattern_only_safe_table_by_table():
    release = joint_release()
    engine = _Release(release)
    engine.suppressed = [False] * len(engine.value)
    for number, table in enumerate(release):
        for cell, release_cell in zip(table.all_cells(), engine.edges[number], strict=True):
            if cell in JOINTLY_UNSAFE[table.name]:
                engine.suppressed[release_cell] = True
    [component] = engine.components
    assert engine.joint_recoverable(component)
    engine.close_jointly(component)
    primary = [False] * len(engine.value)
    repaired = [engine.protected(number, primary, 3, None) for number in range(len(release))]
    assert release_determined(release, repaired) == set()
    for table, result in zip(release, repaired, strict=True):
        assert JOINTLY_UNSAFE[table.name] <= hidden(result)
    protected = protect(release, k=3)
    assert release_determined(release, protected) == set()
    assert not any(release_recoverable_cells(protected).values())


def test_as_rows_writes_header_margins_and_marker():
    table = Table(
        name="t",
        row_var="sex",
        col_var="year",
        rows=["F", "M"],
        cols=["2023", "2024"],
        cells={("F", "2023"): 30, ("F", "2024"): 2, ("M", "2023"): 14, ("M", "2024"): 20},
    )
    [result] = protect([table])
    assert result.as_rows(total_label="Total") == [
        ["sex", "2023", "2024", "Total"],
        ["F", SUPPRESSED, SUPPRESSED, 32],
        ["M", SUPPRESSED, SUPPRESSED, 34],
        ["Total", 44, 22, 66],
    ]


def test_round_to_base():
    assert [round_to_base(value, 5) for value in (0, 2, 3, 7, 8, 12, 13)] == [
        0,
        0,
        5,
        5,
        10,
        10,
        15,
    ]
    assert round_to_base(5, 10) == 10  # halves round up


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cells": {("r1", "c1"): -1}}, "must be a count"),
        ({"cells": {("r1", "c1"): 2, ("r1", TOTAL): 3}}, "add up to 2"),
        ({"cells": {("r9", "c1"): 2}}, "outside the table"),
        ({"cells": {"r1": 2}}, "cell keys"),
        ({"rows": ["r1", "r1"]}, "repeated rows"),
        ({"rows": [TOTAL]}, "reserved"),
        ({"cols": []}, "no columns"),
        ({"col_var": "rv"}, "same variable"),
    ],
)
def test_malformed_tables_are_refused(kwargs, message):
    arguments = {
        "name": "t",
        "row_var": "rv",
        "col_var": "cv",
        "rows": ["r1"],
        "cols": ["c1"],
        "cells": {},
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        Table(**arguments)


def test_one_way_counts_must_be_listed_categories():
    with pytest.raises(ValueError, match="unlisted categories"):
        Table.one_way("t", "v", {"a": 20, "b": 3}, categories=["a"])


def test_release_arguments_are_checked():
    table = Table.one_way("t", "v", {"a": 20})
    with pytest.raises(ValueError, match="unique"):
        protect([table, table])
    with pytest.raises(ValueError, match="positive integer"):
        protect([table], k=0)
    with pytest.raises(ValueError, match="rounding"):
        protect([table], rounding=0)
