"""Regional tables for one view: read the aggregate store, add the data-call submissions,
split what counts fully (the viewer's own country) from what counts only through disclosure
control (everybody else), protect the latter, and combine.

How a cell reaches an officer of country C in the regional view:
    shown = own(C) + published(others)     if the others' part of the cell is published
    shown = suppressed                     otherwise
where `published(others)` comes from `disclosure.protect` over all the others' tables of the
view at once (primary and secondary suppression, shared margins linked). She knows own(C),
so the shown value tells her exactly the others' published value and nothing more. The
Secretariat and observers have no own part: every cell is protected.

Which figures a country contributes to a table for one period (or one period of a trend):
1. if its submissions to data calls cover the period exactly (one submission whose call period
   is it, or several of shorter periods that tile it) and a submitted table derives the
   indicator, the submitted figures, marked as such;
2. otherwise its cases, if it is the viewer's own country or a contributing country.
Submitted figures carry no case type, so a view filtered by case type reads cases only.

Everything here reads `Aggregate` (counts) and submissions (counts), never a case.

Limits of the guarantee: the tables of ONE view are protected together (linked margins
agree), but two views (two periods, with and without a case-type filter) are protected
separately, so a reader who differences them may learn more than either shows; filters are
therefore limited to whole periods and the case type, not free date ranges or arbitrary
dimensions. A trend by month cannot place a semester's submission (it shows case data by
month); the whole-period tables of the same view do include it."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Max, Sum

from . import disclosure
from .disclosure import TOTAL
from .indicators import DIMENSIONS, INDICATORS, PERIOD, Indicator, Labels, fixed_categories
from .models import Aggregate, DataCallSubmission
from .periods import MONTHS_IN, Period
from .scope import StatisticsScope
from .submissions import derive

CACHE_SECONDS = 300

Cell = tuple[str, str]


def default_k() -> int:
    return int(getattr(settings, "ENLACE_STATISTICS_K", disclosure.DEFAULT_K))


@dataclass
class ViewTable:
    """One table as a viewer may see it: every cell (margins keyed with TOTAL) with its value,
    or None when suppressed."""

    indicator: Indicator
    rows: list[str]
    cols: list[str]
    values: dict[Cell, int | None]
    primary: frozenset[Cell] = frozenset()
    secondary: frozenset[Cell] = frozenset()
    submitted_by: list[str] = field(default_factory=list)
    # the others' part as disclosure control left it (None: nothing was protected)
    protected: disclosure.ProtectedTable | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def suppressed(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    @property
    def total(self) -> int | None:
        return self.values.get((TOTAL, TOTAL))

    @property
    def is_empty(self) -> bool:
        return not self.rows or not self.cols

    def value(self, row: str, col: str) -> int | None:
        return self.values.get((row, col))

    def grid(self, labels: Labels) -> dict:
        """Rows and columns with labels, for templates and files."""
        row_labels = labels.categories(self.indicator.row, self.rows)
        col_labels = labels.categories(self.indicator.col, self.cols)
        return {
            "row_name": labels.dimension(self.indicator.row),
            "col_name": labels.dimension(self.indicator.col),
            "cols": [(col, col_labels[col]) for col in self.cols],
            "rows": [
                (
                    row,
                    row_labels[row],
                    [self.values.get((row, col)) for col in self.cols],
                    self.values.get((row, TOTAL)),
                )
                for row in self.rows
            ],
            "totals": [self.values.get((TOTAL, col)) for col in self.cols],
            "total": self.values.get((TOTAL, TOTAL)),
        }

    def as_rows(
        self, labels: Labels | None = None, suppressed: str = disclosure.SUPPRESSED
    ) -> list[list]:
        """Header and lines for CSV/XLSX: codes (and labels when `labels` is given)."""

        def shown(value):
            return suppressed if value is None else value

        header = [self.indicator.row] + ([f"{self.indicator.row}_label"] if labels else [])
        header += [*self.cols, "Total"]
        lines = [header]
        row_labels = labels.categories(self.indicator.row, self.rows) if labels else {}
        for row in [*self.rows, TOTAL]:
            line = ["Total" if row == TOTAL else row]
            line += [row_labels.get(row, "Total")] if labels else []
            line += [shown(self.values.get((row, col))) for col in [*self.cols, TOTAL]]
            lines.append(line)
        return lines

    def chart(self, labels: Labels) -> dict:
        """What the chart script needs: labels, series and the suppressed marker (null)."""
        grid = self.grid(labels)
        return {
            "code": self.code,
            "name": labels.indicator(self.indicator),
            "chart": self.indicator.chart,
            "unit": str(self.indicator.unit),
            "row_var": self.indicator.row,
            "col_var": self.indicator.col,
            "row_name": grid["row_name"],
            "col_name": grid["col_name"],
            "rows": [
                {"code": code, "label": label, "total": total}
                for code, label, _values, total in grid["rows"]
            ],
            "cols": [{"code": code, "label": label} for code, label in grid["cols"]],
            "values": [values for _code, _label, values, _total in grid["rows"]],
            "total": grid["total"],
        }


@dataclass
class View:
    """The tables of one dashboard view (or of one release before it is stored)."""

    period: Period
    scope: StatisticsScope
    own_only: bool
    case_type: str
    granularity: str
    k: int
    tables: dict[str, ViewTable]
    case_countries: list[str]
    submitted: dict[str, list[str]]  # country -> titles of the data calls it answered

    def table(self, code: str) -> ViewTable:
        return self.tables[code]


# ---------------------------------------------------------------------------------------------
# Reading the store and the submissions
# ---------------------------------------------------------------------------------------------


def _store_counts(
    indicators: list[Indicator],
    period: Period,
    countries: Iterable[str],
    case_type: str,
    granularity: str,
) -> dict[str, dict[str, Counter]]:
    """Case-derived counts per indicator and reporting country; the column of a trend table
    is the code of the period bucket."""
    result: dict[str, dict[str, Counter]] = {i.code: defaultdict(Counter) for i in indicators}
    countries = sorted(countries)
    if not countries or not indicators:
        return result
    base = Aggregate.objects.filter(
        month__range=(period.first, period.last), owner_country__in=countries
    )
    if case_type:
        base = base.filter(case_type=case_type)
    plain = [i.code for i in indicators if not i.is_trend]
    trend = [i.code for i in indicators if i.is_trend]
    if plain:
        for item in (
            base.filter(indicator__in=plain)
            .values("indicator", "owner_country", "row", "col")
            .annotate(n=Sum("value"))
            .order_by()
        ):
            result[item["indicator"]][item["owner_country"]][(item["row"], item["col"])] += item[
                "n"
            ]
    if trend:
        size = MONTHS_IN[granularity]
        codes: dict[int, str] = {}
        for item in (
            base.filter(indicator__in=trend)
            .annotate(bucket=F("month") / size)
            .values("indicator", "owner_country", "row", "bucket")
            .annotate(n=Sum("value"))
            .order_by()
        ):
            bucket = item["bucket"]
            if bucket not in codes:
                codes[bucket] = Period.of(granularity, bucket * size).code
            result[item["indicator"]][item["owner_country"]][(item["row"], codes[bucket])] += item[
                "n"
            ]
    return result


@dataclass(frozen=True)
class _Submitted:
    country: str
    period: Period
    title: str
    submitted_at: object
    tables: dict


def _submissions_within(period: Period) -> list[_Submitted]:
    found = []
    for item in DataCallSubmission.objects.values(
        "country_id", "call__period", "call__title", "submitted_at", "tables"
    ):
        try:
            call_period = Period.parse(item["call__period"])
        except ValueError:
            continue
        if period.contains(call_period):
            found.append(
                _Submitted(
                    item["country_id"],
                    call_period,
                    item["call__title"],
                    item["submitted_at"],
                    item["tables"],
                )
            )
    return found


def _cover(candidates: list[_Submitted], unit: Period) -> list[_Submitted] | None:
    """Submissions whose periods tile `unit` exactly, longest first (periods are aligned, so
    taking the longest that starts where the cover stands never blocks a cover), the latest
    submission when two calls ask for the same period."""
    best: dict[int, _Submitted] = {}
    for item in candidates:
        if not unit.contains(item.period):
            continue
        current = best.get(item.period.first)
        if (
            current is None
            or item.period.last > current.period.last
            or (
                item.period == current.period and str(item.submitted_at) > str(current.submitted_at)
            )
        ):
            best[item.period.first] = item
    chosen, month = [], unit.first
    while month <= unit.last:
        item = best.get(month)
        if item is None:
            return None
        chosen.append(item)
        month = item.period.last + 1
    return chosen


def _submitted_counts(
    indicator: Indicator, cover: list[_Submitted], country: str, bucket: str
) -> tuple[Counter, set[str] | None] | None:
    total: Counter = Counter()
    rows: set[str] | None = None
    for item in cover:
        derived = derive(item.tables, indicator, country)
        if derived is None:
            return None
        counts, covered = derived
        if covered is not None:
            rows = covered if rows is None else rows & covered
        for (row, col), value in counts.items():
            total[(row, bucket if indicator.is_trend else col)] += value
    if rows is not None:
        total = Counter({cell: value for cell, value in total.items() if cell[0] in rows})
    return total, rows


# ---------------------------------------------------------------------------------------------
# Building the view
# ---------------------------------------------------------------------------------------------


def _categories(
    indicator: Indicator,
    dimension: str,
    seen: set[str],
    period: Period,
    granularity: str,
    countries: list[str],
) -> list[str]:
    if dimension == PERIOD:
        return [bucket.code for bucket in period.buckets(granularity)]
    if DIMENSIONS[dimension].fixed:
        categories = fixed_categories(dimension)
        return categories + sorted(seen - set(categories))
    if dimension == "owner_country":
        return sorted(set(countries) | seen)
    # By code, never by count: an order by value would rank hidden cells.
    return sorted(seen)


def view_compute(
    *,
    scope: StatisticsScope,
    period: Period,
    own_only: bool = False,
    case_type: str = "",
    granularity: str = "month",
    indicators: list[str] | None = None,
    k: int | None = None,
    rounding: int | None = None,
) -> View:
    """The tables of one view. `own_only`: the viewer's own country's cases only (no
    protection needed); otherwise the region as `scope` says, protected with threshold k."""
    k = k or default_k()
    chosen = [INDICATORS[code] for code in (indicators or list(INDICATORS))]
    if own_only and not scope.own_country:
        raise ValueError("own_only needs an own country")
    case_countries = sorted({scope.own_country} if own_only else scope.countries)
    store = _store_counts(chosen, period, case_countries, case_type, granularity)

    submitted_titles: dict[str, set[str]] = defaultdict(set)
    covers: dict[tuple[str, str], list[_Submitted] | None] = {}
    submissions: list[_Submitted] = []
    if not own_only and not case_type:
        submissions = _submissions_within(period)
    by_country: dict[str, list[_Submitted]] = defaultdict(list)
    for item in submissions:
        by_country[item.country].append(item)

    own_parts: dict[str, Counter] = {}
    other_parts: dict[str, Counter] = {}
    submitted_by: dict[str, set[str]] = defaultdict(set)
    for indicator in chosen:
        own, others = Counter(), Counter()
        units = period.buckets(granularity) if indicator.is_trend else [period]
        countries = set(case_countries) | set(by_country)
        for country in sorted(countries):
            cases = store[indicator.code].get(country, Counter())
            target = own if country == scope.own_country else others
            for unit in units:
                in_unit = Counter(
                    {
                        cell: value
                        for cell, value in cases.items()
                        if not indicator.is_trend or cell[1] == unit.code
                    }
                )
                derived = None
                if country in by_country:
                    key = (country, unit.code)
                    if key not in covers:
                        covers[key] = _cover(by_country[country], unit)
                    if covers[key]:
                        derived = _submitted_counts(indicator, covers[key], country, unit.code)
                if derived is not None:
                    counts, rows = derived
                    target.update(counts)
                    submitted_by[indicator.code].add(country)
                    submitted_titles[country].update(item.title for item in covers[key])
                    if rows is None:
                        continue
                    in_unit = Counter(
                        {cell: value for cell, value in in_unit.items() if cell[0] not in rows}
                    )
                if country in case_countries:
                    target.update(in_unit)
        own_parts[indicator.code] = +own
        other_parts[indicator.code] = +others

    counted = sorted(set(case_countries) | set(by_country))
    tables: dict[str, ViewTable] = {}
    to_protect: list[tuple[Indicator, list[str], list[str]]] = []
    for indicator in chosen:
        seen_rows = {row for part in (own_parts, other_parts) for row, _col in part[indicator.code]}
        seen_cols = {col for part in (own_parts, other_parts) for _row, col in part[indicator.code]}
        rows = _categories(indicator, indicator.row, seen_rows, period, granularity, counted)
        cols = _categories(indicator, indicator.col, seen_cols, period, granularity, counted)
        to_protect.append((indicator, rows, cols))

    protected: dict[str, disclosure.ProtectedTable] = {}
    if not own_only:
        protected = _protect(
            [
                (indicator, rows, cols, other_parts[indicator.code])
                for indicator, rows, cols in to_protect
            ],
            k,
            rounding,
        )
    for indicator, rows, cols in to_protect:
        own = own_parts[indicator.code]
        own_values = _with_margins(rows, cols, own)
        shielded = protected.get(indicator.code)
        values: dict[Cell, int | None] = {}
        for cell, own_value in own_values.items():
            if own_only or shielded is None:
                values[cell] = own_value
            else:
                published = shielded.published.get(cell)
                values[cell] = None if published is None else own_value + published
        tables[indicator.code] = ViewTable(
            indicator=indicator,
            rows=rows,
            cols=cols,
            values=values,
            primary=shielded.primary if shielded else frozenset(),
            secondary=shielded.secondary if shielded else frozenset(),
            submitted_by=sorted(submitted_by[indicator.code]),
            protected=shielded,
        )
    return View(
        period=period,
        scope=scope,
        own_only=own_only,
        case_type=case_type,
        granularity=granularity,
        k=k,
        tables=tables,
        case_countries=case_countries,
        submitted={country: sorted(titles) for country, titles in sorted(submitted_titles.items())},
    )


def _with_margins(rows: list[str], cols: list[str], counts: Counter) -> dict[Cell, int]:
    values: dict[Cell, int] = {}
    for row in rows:
        for col in cols:
            values[(row, col)] = counts.get((row, col), 0)
        values[(row, TOTAL)] = sum(values[(row, col)] for col in cols)
    for col in cols:
        values[(TOTAL, col)] = sum(values[(row, col)] for row in rows)
    values[(TOTAL, TOTAL)] = sum(values[(row, TOTAL)] for row in rows)
    return values


def _protect(
    items: list[tuple[Indicator, list[str], list[str], Counter]], k: int, rounding: int | None
) -> dict[str, disclosure.ProtectedTable]:
    """Protect the others' tables of a view together (linked margins stay consistent). A
    table without rows or columns has nothing to protect. Should the engine fail, every cell
    is suppressed: nothing unsafe is ever shown."""
    tables = []
    for indicator, rows, cols, counts in items:
        if not rows or not cols:
            continue
        tables.append(
            disclosure.Table(
                name=indicator.code,
                row_var=indicator.row,
                col_var=indicator.col,
                rows=rows,
                cols=cols,
                cells={(row, col): counts.get((row, col), 0) for row in rows for col in cols},
            )
        )
    if not tables:
        return {}
    try:
        result = disclosure.protect(tables, k=k, rounding=rounding)
    except disclosure.DisclosureError:
        result = [_all_suppressed(table, k, rounding) for table in tables]
    return {table.name: table for table in result}


def _all_suppressed(
    table: disclosure.Table, k: int, rounding: int | None
) -> disclosure.ProtectedTable:
    cells = table.all_cells()
    return disclosure.ProtectedTable(
        name=table.name,
        row_var=table.row_var,
        col_var=table.col_var,
        rows=list(table.rows),
        cols=list(table.cols),
        published=dict.fromkeys(cells),
        primary=frozenset(cells),
        secondary=frozenset(),
        k=k,
        rounding=rounding,
    )


# ---------------------------------------------------------------------------------------------
# Cached views for pages
# ---------------------------------------------------------------------------------------------


def latest_period(granularity: str = "year") -> Period | None:
    """The period of `granularity` holding the most recent counted month, if any."""
    last = Aggregate.objects.aggregate(last=Max("month"))["last"]
    return Period.of(granularity, last) if last is not None else None


def _stamp() -> str:
    """Changes whenever anything a view reads changes: the store, submissions, law
    profiles (the contributing countries)."""
    from enlace.access.models import LawProfile

    from .facts import store_version

    submissions = DataCallSubmission.objects.aggregate(last=Max("submitted_at"), n=Max("id"))
    profiles = LawProfile.objects.aggregate(last=Max("updated_at"))
    count = DataCallSubmission.objects.count()
    return f"{store_version()}|{submissions['last']}|{submissions['n']}|{count}|{profiles['last']}"


def view_cached(**arguments) -> View:
    """`view_compute` through the cache: the same view for the same viewer's scope and the
    same data is computed once."""
    scope: StatisticsScope = arguments["scope"]
    key_parts = [
        _stamp(),
        scope.own_country or "",
        ",".join(sorted(scope.others)),
        str(arguments.get("period")),
        str(arguments.get("own_only", False)),
        arguments.get("case_type", ""),
        arguments.get("granularity", "month"),
        ",".join(arguments.get("indicators") or []),
        str(arguments.get("k")),
        str(arguments.get("rounding")),
    ]
    key = "stats-view:" + hashlib.sha256("|".join(key_parts).encode()).hexdigest()
    view = cache.get(key)
    if view is None:
        view = view_compute(**arguments)
        cache.set(key, view, CACHE_SECONDS)
    return view
