"""Dashboard benchmark: the aggregates of one dashboard view over 1,000,000 person records.

A fresh SQLite database gets N persons (default 1,000,000) in about N/3 cases of the 11
member states, all identified in one year so that a view of that year aggregates every one of
them: victims, smuggled migrants, suspects and witnesses with skewed nationalities, ages and
exploitation types, smuggling routes of 2 to 5 legs and documents used. Rows are written with
raw SQL (`executemany` on the SQLite driver), then the aggregate store is built once
(`facts_sync(full=True)`) and the dashboard's view is computed several times:

- stats_dashboard_aggregates_seconds: the GROUP BYs of one view (every indicator of the
  catalogue, the 11 countries) over the aggregate store, median of the runs;
- stats_dashboard_view_seconds: the whole view of the Secretariat (aggregates, submissions,
  disclosure control of ~20 linked tables), median;
- stats_dashboard_officer_view_seconds: the same for a liaison officer (own part + others
  protected), median;
- stats_dashboard_page_seconds: GET /statistics/ for the Secretariat with a cold cache (sync
  check, view, template, charts' data), median;
- stats_facts_rebuild_seconds: building the aggregate store from the N persons (once);
- stats_sync_unchanged_seconds: a sync that finds nothing changed (what a page pays).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

MEMBER_STATES = ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"]
NATIONALITIES = [
    "GT",
    "HN",
    "SV",
    "NI",
    "MX",
    "DO",
    "CR",
    "PA",
    "CU",
    "HT",
    "VE",
    "CO",
    "EC",
    "IN",
    "CN",
    "CM",
    "SN",
    "BD",
    "NP",
    "AF",
    "ER",
    "GH",
    "PE",
    "BR",
    "UZ",
]
NATIONALITY_WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(NATIONALITIES))]
EXPLOITATION = [
    "SexualExploitation",
    "ForcedLabour",
    "ForcedBegging",
    "ChildLabour",
    "Servitude",
    "ForcedMarriage",
    "Other",
]
ROLES = ["victim", "smuggled_migrant", "suspect", "witness", "facilitator"]
ROLE_WEIGHTS = [35, 45, 12, 5, 3]
AGE_BANDS = [
    ("0_11", 4, 11),
    ("12_17", 12, 17),
    ("18_29", 18, 29),
    ("30_49", 30, 49),
    ("50_plus", 50, 70),
]
PATH = ["PA", "CR", "NI", "HN", "GT", "MX", "US"]
MODES = ["on_foot", "bus", "truck_trailer", "small_vessel", "air", "car"]
NATURES = ["genuine", "counterfeit", "forged", "impostor", "fraudulently_obtained"]
YEAR = 2025


def setup_django(work: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "enlace.config.settings.dev"
    os.environ["ENLACE_DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["ENLACE_VAR_DIR"] = str(work)
    os.environ["ENLACE_DEBUG"] = "0"
    (work / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _insert_sql(table: str, columns: str) -> str:
    marks = ", ".join(["?"] * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - fixed names


CASE_SQL = _insert_sql(
    "cases_case",
    "id, audience, handling_code, version, created_at, updated_at, reference, "
    "reporting_agency, date_identified, status, case_type, summary, exploitation_types, "
    "sexual_exploitation_types, forced_labour_industries, methods_of_control, "
    "recruitment_methods, modus_operandi_tags, modus_operandi_narrative, migrants_count, "
    "deaths, injuries, rescues, owner_country_id",
)
PERSON_SQL = _insert_sql(
    "cases_person",
    "id, role, pseudonym, given_names, first_surname, second_surname, "
    "aliases, sex, gender, birth_date, age, age_band, is_minor, nationalities, address, "
    "trafficking_status, case_id",
)
LEG_SQL = _insert_sql(
    "cases_routeleg",
    "sequence, from_place, to_place, transport_mode, crossing_point, "
    "crossing_type, date, fee_amount, fee_currency, case_id, from_country_id, to_country_id",
)
DOCUMENT_SQL = _insert_sql(
    "cases_documentused",
    "document_type, number, number_index, nature, case_id, issuing_country_id, person_id",
)


def load_persons(total: int, seed: int, chunk: int = 20000) -> dict[str, int]:
    """Write `total` persons (and their cases, legs and documents) with raw SQL on the
    driver's connection (SQLite), `chunk` cases at a time so memory stays flat."""
    from django.db import connection, transaction

    rng = random.Random(seed)
    now = "2026-01-15 12:00:00"
    start = date(YEAR, 1, 1)
    counts = {"cases": 0, "persons": 0, "legs": 0, "documents": 0}
    numbers: dict[str, int] = {}
    connection.ensure_connection()
    raw = connection.connection
    case_id = person_id = 0
    while person_id < total:
        cases, persons, legs, documents = [], [], [], []
        while person_id < total and len(cases) < chunk:
            case_id += 1
            owner = rng.choice(MEMBER_STATES)
            numbers[owner] = numbers.get(owner, 0) + 1
            day = start + timedelta(days=rng.randint(0, 364))
            smuggling = rng.random() < 0.5
            exploitation = (
                []
                if smuggling
                else (
                    rng.sample(EXPLOITATION, 2)
                    if rng.random() < 0.1
                    else [rng.choice(EXPLOITATION)]
                )
            )
            cases.append(
                (
                    case_id,
                    "national",
                    "H0",
                    1,
                    now,
                    now,
                    f"{owner}-{YEAR}-{numbers[owner]:05d}",
                    "Agencia",
                    day.isoformat(),
                    "active",
                    "smuggling" if smuggling else "trafficking",
                    "",
                    json.dumps(exploitation),
                    "[]",
                    "[]",
                    "[]",
                    "[]",
                    "[]",
                    "",
                    0,
                    0,
                    0,
                    0,
                    owner,
                )
            )
            for _ in range(min(rng.randint(1, 5), total - person_id)):
                person_id += 1
                role = rng.choices(ROLES, ROLE_WEIGHTS)[0]
                if smuggling and role == "victim":
                    role = "smuggled_migrant"
                band, low, high = (
                    rng.choice(AGE_BANDS) if rng.random() < 0.9 else ("unknown", None, None)
                )
                age = rng.randint(low, high) if low is not None else None
                nationality = rng.choices(NATIONALITIES, NATIONALITY_WEIGHTS)[0]
                persons.append(
                    (
                        person_id,
                        role,
                        f"B{person_id:09d}",
                        "",
                        "",
                        "",
                        "",
                        rng.choice("FFMMX"),
                        "",
                        None,
                        age,
                        band,
                        age is not None and age < 18,
                        json.dumps([nationality] if rng.random() < 0.97 else []),
                        "",
                        "",
                        case_id,
                    )
                )
            if smuggling:
                first = rng.randint(0, 3)
                route = [rng.choice(NATIONALITIES[8:]), *PATH[first : rng.randint(first + 1, 7)]]
                for sequence, (a, b) in enumerate(pairwise(route), start=1):
                    legs.append(
                        (sequence, "", "", rng.choice(MODES), "", "", None, None, "", case_id, a, b)
                    )
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                documents.append(("passport", "", "", rng.choice(NATURES), case_id, None, None))
        with transaction.atomic():  # one transaction per chunk
            raw.executemany(CASE_SQL, cases)
            raw.executemany(PERSON_SQL, persons)
            raw.executemany(LEG_SQL, legs)
            raw.executemany(DOCUMENT_SQL, documents)
        for name, rows in (
            ("cases", cases),
            ("persons", persons),
            ("legs", legs),
            ("documents", documents),
        ):
            counts[name] += len(rows)
    return counts


def _median_time(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _page_timer():
    """GET /statistics/ as the Secretariat with a cold cache: the sync check, the view, the
    template and the charts' JSON, as a browser gets them."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from enlace.accounts.choices import Role
    from enlace.accounts.models import User
    from enlace.core.models import Organization

    user, _created = User.objects.get_or_create(
        username="bench-st",
        defaults={"role": Role.SECRETARIAT, "organization": Organization.objects.get(code="ST")},
    )
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    # no collectstatic in a benchmark: static URLs without the manifest's hashes
    plain = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    def get():
        cache.clear()
        with override_settings(STORAGES=plain):
            response = client.get(f"/statistics/?period={YEAR}")
        assert response.status_code == 200, response.status_code

    return get


def bench_dashboard(
    persons: int = 1_000_000, seed: int = 1, runs: int = 3
) -> dict[str, tuple[float, str]]:
    work = Path(tempfile.mkdtemp(prefix="enlace-bench-stats-"))
    try:
        return _bench(work, persons, seed, runs)
    finally:  # the database of a million persons takes a third of a gigabyte
        from django.db import connections

        connections.close_all()
        shutil.rmtree(work, ignore_errors=True)


def _bench(work: Path, persons: int, seed: int, runs: int) -> dict[str, tuple[float, str]]:
    setup_django(work)
    from django.core.cache import cache

    from enlace.access.models import LawProfile
    from enlace.statistics.aggregates import _store_counts, view_compute
    from enlace.statistics.facts import facts_sync
    from enlace.statistics.indicators import INDICATORS
    from enlace.statistics.models import Aggregate
    from enlace.statistics.periods import Period
    from enlace.statistics.scope import StatisticsScope, regional_scope

    for country in MEMBER_STATES:
        LawProfile.objects.get_or_create(country_id=country)
    started = time.perf_counter()
    counts = load_persons(persons, seed)
    load = time.perf_counter() - started
    started = time.perf_counter()
    facts_sync(full=True)
    rebuild = time.perf_counter() - started
    unchanged = _median_time(facts_sync, runs)

    period = Period.parse(str(YEAR))
    region = regional_scope()
    officer = StatisticsScope(own_country="MX", others=region.others - {"MX"})
    indicators = list(INDICATORS.values())

    def aggregates():
        _store_counts(indicators, period, region.countries, "", "month")

    def view(scope):
        def compute():
            cache.clear()
            view_compute(scope=scope, period=period, granularity="month")

        return compute

    page = _page_timer()

    figures = {
        "stats_bench_persons": (counts["persons"], "persons"),
        "stats_bench_cases": (counts["cases"], "cases"),
        "stats_bench_load_seconds": (load, "s"),
        "stats_facts_rebuild_seconds": (rebuild, "s"),
        "stats_aggregate_rows": (Aggregate.objects.count(), "rows"),
        "stats_sync_unchanged_seconds": (unchanged, "s"),
        "stats_dashboard_aggregates_seconds": (_median_time(aggregates, runs), "s"),
        "stats_dashboard_view_seconds": (_median_time(view(region), runs), "s"),
        "stats_dashboard_officer_view_seconds": (_median_time(view(officer), runs), "s"),
        "stats_dashboard_page_seconds": (_median_time(page, runs), "s"),
    }
    return figures
