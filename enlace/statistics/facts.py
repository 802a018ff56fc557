"""Keeping the aggregate store (models.Aggregate) equal to the cases.

The store holds, per indicator, reporting country, month and case type, the count of each
table cell. It is rebuilt by (country, month) slice: a sync finds the cases whose version the
ledger does not know (new or edited), and those deleted, and recounts every slice they were or
are in. This module is the only statistics code that reads cases; it reads the coded fields
only (role, sex, age band, nationalities, route, document natures), never a name or a number.

Counting happens in Python because two of the counted values live in JSON lists (the first
nationality, the number of exploitation types), which SQLite and PostgreSQL extract with
different functions; a slice is small (one country, one month), and a full rebuild of a
million persons takes seconds, once."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from enlace.cases.choices import RecordStatus
from enlace.cases.models import Case, DocumentUsed, Person, RouteLeg
from enlace.core.models import Country

from .choices import Population, RouteStage
from .indicators import INDICATORS, MULTIPLE, NONE, PERIOD, UNKNOWN, UNSPECIFIED
from .models import Aggregate, CaseLedger, SyncState
from .periods import month_index

POPULATION_OF_ROLE = {
    "victim": Population.VICTIM.value,
    "smuggled_migrant": Population.SMUGGLED_MIGRANT.value,
    "suspect": Population.SUSPECT.value,
    "convicted": Population.SUSPECT.value,
    "facilitator": Population.SUSPECT.value,
    "witness": Population.OTHER.value,
}
MOVED = {Population.VICTIM.value, Population.SMUGGLED_MIGRANT.value}
OTHER = Population.OTHER.value
ORIGIN, TRANSIT, DESTINATION = (
    RouteStage.ORIGIN.value,
    RouteStage.TRANSIT.value,
    RouteStage.DESTINATION.value,
)
CASES_PER_READ = 20000  # cases whose persons, legs and documents are read at once

Slice = tuple[str, int]  # (reporting country, month index)
Key = tuple[str, str, int, str, str, str]  # indicator, country, month, case type, row, col


@dataclass(frozen=True)
class SyncResult:
    changed_cases: int
    deleted_cases: int
    slices: int
    rows: int

    @property
    def changed(self) -> bool:
        return bool(self.changed_cases or self.deleted_cases)


# Each source record is a tuple; these are its fields, in order. Person tables read the case's
# fields too (case type, reporting country, exploitation).
FIELDS = {
    "case": ("case_type", "owner_country", "exploitation"),
    "person": (
        "case_type",
        "owner_country",
        "exploitation",
        "population",
        "sex",
        "age_band",
        "nationality",
        "origin_region",
        "origin_subregion",
    ),
    "leg": (
        "case_type",
        "owner_country",
        "exploitation",
        "route_from",
        "route_to",
        "transport_mode",
        "persons",
    ),
    "stop": ("case_type", "owner_country", "exploitation", "route_country", "route_stage"),
    "document": ("case_type", "owner_country", "exploitation", "document_nature", "document_type"),
}
Plan = list[tuple[str, int, int | None, int | None]]  # code, row, column, weight positions


def _plans() -> dict[str, dict[str, Plan]]:
    """Per source and population, which cells a record adds to: positions in its tuple, so
    the per-person loop does no lookups by name (it runs a million times on a rebuild)."""
    plans: dict[str, dict[str, Plan]] = defaultdict(lambda: defaultdict(list))
    for indicator in INDICATORS.values():
        fields = FIELDS[indicator.source]
        step = (
            indicator.code,
            fields.index(indicator.row),
            None if indicator.col == PERIOD else fields.index(indicator.col),
            fields.index(indicator.weight) if indicator.weight else None,
        )
        populations = (
            [indicator.population]
            if indicator.population
            else list(Population.values)
            if indicator.source == "person"
            else [""]
        )
        for population in populations:
            plans[indicator.source][population].append(step)
    return plans


def exploitation_category(types: list | None) -> str:
    types = [value for value in (types or []) if value]
    if not types:
        return NONE
    return types[0] if len(set(types)) == 1 else MULTIPLE


def _json_list(value) -> list:
    """A JSON list column as read raw: text on SQLite, already a list on PostgreSQL."""
    if value is None or value == "":
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _month_of(value) -> int:
    """Month index of a date column read raw: 'YYYY-MM-DD' on SQLite, a date on PostgreSQL."""
    if isinstance(value, str):
        return int(value[:4]) * 12 + int(value[5:7]) - 1
    return month_index(value)


class _Counter:
    """Adds the records of cases to the cells of every indicator of their source.

    Persons are first counted by their whole record (many persons of a country and month
    share one), then each distinct record is added to its indicators once (`cells`)."""

    def __init__(self) -> None:
        self._cells: Counter[Key] = Counter()
        self.people: Counter[tuple] = Counter()
        self.plans = _plans()
        self.origin: dict[str, tuple[str, str]] = {
            iso2: ("intra" if member else "extra", subregion)
            for iso2, member, subregion in Country.objects.values_list(
                "iso2", "member_state", "subregion_id"
            )
        }
        self.origin[UNKNOWN] = (UNKNOWN, UNKNOWN)

    def _add(
        self, plan: Plan, record: tuple, country: str, month: int, case_type: str, times: int = 1
    ) -> None:
        cells = self._cells
        for code, row, col, weight in plan:
            amount = (record[weight] if weight is not None else 1) * times
            if amount:
                cells[
                    (
                        code,
                        country,
                        month,
                        case_type,
                        record[row],
                        "" if col is None else record[col],
                    )
                ] += amount

    @property
    def cells(self) -> Counter[Key]:
        person_plans = self.plans["person"]
        for (month, record), times in self.people.items():
            self._add(person_plans[record[3]], record, record[1], month, record[0], times)
        self.people.clear()
        return self._cells

    def case(
        self,
        country: str,
        month: int,
        case_type: str,
        exploitation: str,
        persons: list[tuple],
        legs: list[tuple],
        documents: list[tuple],
    ) -> None:
        plans = self.plans
        common = (case_type, country, exploitation)
        self._add(plans["case"][""], common, country, month, case_type)
        moved = 0
        people, origin = self.people, self.origin
        for role, sex, age_band, nationalities in persons:
            population = POPULATION_OF_ROLE.get(role, OTHER)
            moved += population in MOVED
            nationality = (nationalities[0] if nationalities else UNKNOWN) or UNKNOWN
            region, subregion = origin.get(nationality, (UNKNOWN, UNKNOWN))
            people[
                (
                    month,
                    (
                        *common,
                        population,
                        sex or "X",
                        age_band or UNKNOWN,
                        nationality,
                        region,
                        subregion,
                    ),
                )
            ] += 1
        stops: set[tuple[str, str]] = set()
        last = len(legs) - 1
        for position, (from_country, to_country, mode) in enumerate(legs):
            from_stage = ORIGIN if position == 0 else TRANSIT
            to_stage = DESTINATION if position == last else TRANSIT
            stops.add((from_country, from_stage))
            stops.add((to_country, to_stage))
            self._add(
                plans["leg"][""],
                (
                    *common,
                    f"{from_stage}:{from_country}",
                    f"{to_stage}:{to_country}",
                    mode or UNSPECIFIED,
                    moved,
                ),
                country,
                month,
                case_type,
            )
        for country_code, stage in sorted(stops):
            self._add(plans["stop"][""], (*common, country_code, stage), country, month, case_type)
        for nature, document_type in documents:
            self._add(
                plans["document"][""],
                (*common, nature or UNKNOWN, document_type or UNKNOWN),
                country,
                month,
                case_type,
            )


def _month_range(first: int, last: int) -> tuple[date, date]:
    start = date(first // 12, first % 12 + 1, 1)
    year, month = divmod(last + 1, 12)
    end = date.fromordinal(date(year, month + 1, 1).toordinal() - 1)
    return start, end


def _raw(queryset) -> list[tuple]:
    """The rows of a values_list queryset without Django's per-value converters (JSON and
    dates are decoded by the callers, once per distinct need): on a full rebuild this halves
    the reading time."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _children(
    model, fields: tuple[str, ...], ids: list[int], order: tuple[str, ...] = ()
) -> dict[int, list[tuple]]:
    """Rows of a child table (case_id first) for the cases `ids` (sorted), grouped by case.
    Dense ids are read as one range and filtered here, scattered ones by lists."""
    wanted = set(ids)
    grouped: dict[int, list[tuple]] = defaultdict(list)
    if ids[-1] - ids[0] < 3 * len(ids):
        batches = [model.objects.filter(case_id__gte=ids[0], case_id__lte=ids[-1])]
    else:
        batches = [
            model.objects.filter(case_id__in=ids[start : start + 900])
            for start in range(0, len(ids), 900)
        ]
    for queryset in batches:
        for case_id, *values in _raw(queryset.values_list("case_id", *fields).order_by(*order)):
            if case_id in wanted:
                grouped[case_id].append(tuple(values))
    return grouped


def _count_slices(slices: set[Slice], progress: Callable[[int, str], None] | None) -> Counter:
    """Recount every cell of the given slices from the cases (coded fields only): the cases of
    the slices first, then their persons, legs and documents by batches of case ids, so
    memory stays bounded and each child table is read along its case index once."""
    counter = _Counter()
    months = sorted({month for _country, month in slices})
    start, end = _month_range(months[0], months[-1])
    countries = sorted({country for country, _month in slices})
    cases: dict[int, tuple] = {}
    for case_id, country, day, case_type, exploitation in _raw(
        Case.objects.filter(date_identified__range=(start, end), owner_country_id__in=countries)
        .exclude(status=RecordStatus.DRAFT)
        .values_list("id", "owner_country_id", "date_identified", "case_type", "exploitation_types")
        .order_by()
    ):
        month = _month_of(day)
        if (country, month) in slices:
            cases[case_id] = (
                country,
                month,
                case_type,
                exploitation_category(_json_list(exploitation)),
            )
    ids = sorted(cases)
    decoded: dict[str, list] = {}
    for number, first in enumerate(range(0, len(ids), CASES_PER_READ), start=1):
        batch = ids[first : first + CASES_PER_READ]
        persons = _children(Person, ("role", "sex", "age_band", "nationalities"), batch)
        legs = _children(
            RouteLeg,
            ("from_country_id", "to_country_id", "transport_mode"),
            batch,
            ("case_id", "sequence"),
        )
        documents = _children(DocumentUsed, ("nature", "document_type"), batch)
        empty: list[tuple] = []
        for case_id in batch:
            people = persons.get(case_id, empty)
            if people and isinstance(people[0][3], str):
                people = [
                    (
                        role,
                        sex,
                        age,
                        decoded.get(raw)
                        if raw in decoded
                        else decoded.setdefault(raw, _json_list(raw)),
                    )
                    for role, sex, age, raw in people
                ]
            country, month, case_type, exploitation = cases[case_id]
            counter.case(
                country,
                month,
                case_type,
                exploitation,
                people,
                legs.get(case_id, empty),
                documents.get(case_id, empty),
            )
        if progress:
            progress(int(80 * number * CASES_PER_READ / max(len(ids), 1)), "")
    return counter.cells


def _execute_many(sql: str, rows: list[tuple]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 50000):
            cursor.executemany(sql, rows[start : start + 50000])


def _write(slices: set[Slice], cells: Counter, *, everything: bool) -> int:
    """Replace the store's rows of `slices` (every row with `everything`). Values are plain
    strings and integers, so they go to the driver as they are (no field preparation)."""
    if everything:
        Aggregate.objects.all().delete()
    else:
        by_country: dict[str, list[int]] = defaultdict(list)
        for country, month in slices:
            by_country[country].append(month)
        for country, months in by_country.items():
            for start in range(0, len(months), 500):
                Aggregate.objects.filter(
                    owner_country=country, month__in=months[start : start + 500]
                ).delete()
    table = connection.ops.quote_name(Aggregate._meta.db_table)
    _execute_many(
        f"INSERT INTO {table} (indicator, owner_country, month, case_type, row, col, value) "  # noqa: S608 - table name from metadata
        "VALUES (%s, %s, %s, %s, %s, %s, %s)",
        [(*key, value) for key, value in cells.items()],
    )
    if everything or len(cells) > 100_000:
        # fresh planner statistics, so reads keep using the covering index
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    return len(cells)


def _ledger(changed: list[tuple]) -> None:
    table = connection.ops.quote_name(CaseLedger._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    _execute_many(
        f"INSERT INTO {table} (case_id, updated_at, owner_country, month, counted) "  # noqa: S608 - table name from metadata
        "VALUES (%s, %s, %s, %s, %s)",
        [
            (case_id, adapt(updated_at), country, month_index(day), status != RecordStatus.DRAFT)
            for case_id, updated_at, country, day, status in changed
        ],
    )


def facts_sync(
    *, full: bool = False, progress: Callable[[int, str], None] | None = None
) -> SyncResult:
    """Bring the aggregate store up to date with the cases: recount the (country, month)
    slices of new, edited and deleted cases (all of them with `full`). Safe to call often:
    with nothing changed it runs two index lookups per case and writes nothing."""
    with transaction.atomic():
        # one sync at a time: the row lock serialises PostgreSQL; SQLite's write transaction
        # (IMMEDIATE) already does
        state, _created = SyncState.objects.select_for_update().get_or_create(pk=1)
        fields = ("id", "updated_at", "owner_country_id", "date_identified", "status")
        if full:
            changed = list(Case.objects.values_list(*fields).order_by())
            deleted: list[tuple[int, str, int]] = []
            slices = {
                (country, month_index(day))
                for _i, _u, country, day, status in changed
                if status != RecordStatus.DRAFT
            }
        else:
            known = CaseLedger.objects.filter(
                case_id=OuterRef("pk"), updated_at=OuterRef("updated_at")
            )
            changed = list(Case.objects.exclude(Exists(known)).values_list(*fields).order_by())
            deleted = list(
                CaseLedger.objects.exclude(
                    Exists(Case.objects.filter(pk=OuterRef("case_id")))
                ).values_list("case_id", "owner_country", "month")
            )
            before = (
                {
                    case_id: (country, month)
                    for case_id, country, month in CaseLedger.objects.filter(
                        case_id__in=[row[0] for row in changed]
                    ).values_list("case_id", "owner_country", "month")
                }
                if len(changed) < 20000
                else {
                    case_id: (country, month)
                    for case_id, country, month in CaseLedger.objects.values_list(
                        "case_id", "owner_country", "month"
                    )
                }
            )
            slices = {(country, month_index(day)) for _i, _u, country, day, _s in changed}
            slices |= {before[row[0]] for row in changed if row[0] in before}
            slices |= {(country, month) for _case, country, month in deleted}
        if not changed and not deleted and not full:
            SyncState.objects.filter(pk=state.pk).update(synced_at=timezone.now())
            return SyncResult(0, 0, 0, 0)
        cells = _count_slices(slices, progress) if slices else Counter()
        rows = _write(slices, cells, everything=full)
        if full:
            CaseLedger.objects.all().delete()
        else:
            ids = [row[0] for row in changed] + [row[0] for row in deleted]
            for start in range(0, len(ids), 500):
                CaseLedger.objects.filter(case_id__in=ids[start : start + 500]).delete()
        _ledger(changed)
        SyncState.objects.filter(pk=state.pk).update(
            synced_at=timezone.now(), version=state.version + 1
        )
        if progress:
            progress(100, "")
    return SyncResult(len(changed), len(deleted), len(slices), rows)


def store_version() -> int:
    state = SyncState.objects.filter(pk=1).values_list("version", flat=True).first()
    return state or 0


def facts_synced_at():
    """When the aggregate store was last brought up to date (None: never). A read only."""
    return SyncState.objects.filter(pk=1).values_list("synced_at", flat=True).first()
