"""Aggregate tables submitted to data calls: checking them, and deriving the catalogue's
tables from them so they join the case-derived figures.

A submission holds one table per requested indicator, as `[[row, column, count], ...]` with
the indicator's category codes; cells not given are 0. Tables of the same population must
agree (same total, same margins on a shared dimension), since they count the same persons.

Any catalogue table whose dimensions a submitted table of the same population contains can
be derived from it by adding up the other dimension: "victims by reporting country and sex"
comes from a submitted "victims by age band and sex" (the reporting country is the submitter).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .indicators import INDICATORS, PERIOD, Indicator, fixed_categories

CONSTANT_DIMENSIONS = {"owner_country", PERIOD}


@dataclass(frozen=True)
class CellError:
    table: str
    row: str
    col: str
    message: str

    def __str__(self) -> str:
        where = " · ".join(part for part in (self.table, self.row, self.col) if part)
        return f"{where}: {self.message}" if where else self.message


def _as_count(value) -> int | None:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        if not text.isdigit():
            return None
        value = int(text)
    if not isinstance(value, int) or value < 0:
        return None
    return value


def _triples(data) -> list | None:
    """Accept `[[row, col, n], ...]` or `{row: {col: n}}`."""
    if isinstance(data, Mapping):
        result = []
        for row, columns in data.items():
            if not isinstance(columns, Mapping):
                return None
            result.extend([row, col, value] for col, value in columns.items())
        return result
    if isinstance(data, list | tuple):
        return list(data)
    return None


def tables_clean(requested: list[str], tables) -> tuple[dict[str, list], list[CellError]]:
    """Check submitted tables against the call's requested indicators. Returns the tables in
    canonical form (every cell listed, zeros too) and the errors, by table, row and column."""
    errors: list[CellError] = []
    clean: dict[str, list] = {}
    if not isinstance(tables, Mapping):
        return {}, [CellError("", "", "", _("The tables must be an object keyed by indicator."))]
    for code in tables:
        if code not in requested:
            errors.append(CellError(str(code), "", "", _("This table was not requested.")))
    for code in requested:
        indicator = INDICATORS[code]
        rows, cols = fixed_categories(indicator.row), fixed_categories(indicator.col)
        if code not in tables:
            errors.append(CellError(code, "", "", _("This table is missing.")))
            continue
        triples = _triples(tables[code])
        if triples is None:
            errors.append(
                CellError(code, "", "", _("Give the table as [[row, column, count], ...]."))
            )
            continue
        cells: dict[tuple[str, str], int] = {}
        for item in triples:
            if not isinstance(item, list | tuple) or len(item) != 3:
                errors.append(CellError(code, "", "", _("Each cell is [row, column, count].")))
                continue
            row, col, raw = str(item[0]), str(item[1]), item[2]
            if row not in rows:
                errors.append(CellError(code, row, col, _("Unknown row category.")))
                continue
            if col not in cols:
                errors.append(CellError(code, row, col, _("Unknown column category.")))
                continue
            value = _as_count(raw)
            if value is None:
                errors.append(
                    CellError(code, row, col, _("A count is a whole number, zero or more."))
                )
                continue
            if (row, col) in cells:
                errors.append(CellError(code, row, col, _("This cell is given twice.")))
                continue
            cells[(row, col)] = value
        clean[code] = [[row, col, cells.get((row, col), 0)] for row in rows for col in cols]
    if not errors:
        errors.extend(_consistency_errors(clean))
    return clean, errors


def _margins(code: str, triples: list) -> dict[str, Counter]:
    indicator = INDICATORS[code]
    margins: dict[str, Counter] = {indicator.row: Counter(), indicator.col: Counter()}
    for row, col, value in triples:
        margins[indicator.row][row] += value
        margins[indicator.col][col] += value
    return margins


def _consistency_errors(tables: dict[str, list]) -> list[CellError]:
    errors = []
    codes = sorted(tables)
    for position, first in enumerate(codes):
        for second in codes[position + 1 :]:
            a, b = INDICATORS[first], INDICATORS[second]
            if (a.source, a.population) != (b.source, b.population):
                continue
            total_a = sum(value for *_cell, value in tables[first])
            total_b = sum(value for *_cell, value in tables[second])
            if total_a != total_b:
                errors.append(
                    CellError(
                        second,
                        "",
                        "",
                        _(
                            "Its total (%(b)s) differs from the total of %(first)s (%(a)s); both "
                            "count the same persons."
                        )
                        % {"a": total_a, "b": total_b, "first": first},
                    )
                )
                continue
            margins_a, margins_b = _margins(first, tables[first]), _margins(second, tables[second])
            for dimension in set(margins_a) & set(margins_b):
                for category in set(margins_a[dimension]) | set(margins_b[dimension]):
                    if margins_a[dimension][category] != margins_b[dimension][category]:
                        errors.append(
                            CellError(
                                second,
                                category,
                                "",
                                _("The total of %(category)s differs from %(first)s.")
                                % {"category": category, "first": first},
                            )
                        )
    return errors


def derive(
    tables: Mapping[str, list], indicator: Indicator, country: str
) -> tuple[Counter, set[str] | None] | None:
    """The cells of `indicator` (period column left empty) derived from one country's
    submitted tables, and the rows covered (None: all rows); None if nothing derives."""
    if indicator.row == "population":
        result: Counter = Counter()
        covered: set[str] = set()
        for code, triples in tables.items():
            source = INDICATORS.get(code)
            if source is None or source.source != indicator.source or not source.population:
                continue
            if source.population in covered:
                continue
            covered.add(source.population)
            result[(source.population, "")] = sum(value for *_cell, value in triples)
        return (result, covered) if covered else None
    needed = {indicator.row, indicator.col} - CONSTANT_DIMENSIONS
    ordered = sorted(tables, key=lambda code: code != indicator.code)
    for code in ordered:
        source = INDICATORS.get(code)
        if source is None or (source.source, source.population, source.unit) != (
            indicator.source,
            indicator.population,
            indicator.unit,
        ):
            continue
        if not needed <= {source.row, source.col}:
            continue
        result = Counter()
        for row, col, value in tables[code]:
            values = {source.row: row, source.col: col, "owner_country": country, PERIOD: ""}
            result[(values[indicator.row], values[indicator.col])] += value
        return result, None
    return None
