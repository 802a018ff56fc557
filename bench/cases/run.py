"""Case-exchange benchmarks (make bench). Prints one figure per line as `name: value unit`.

- cases_import_seconds: `cases import` of a generated CSV of N cases with two persons each
  (one row per person) into a fresh SQLite database.
- cases_list_api_p95_ms: p95 latency of GET /api/v1/cases/ (page of 50) for an officer who
  sees every case, on the database of ENLACE_BENCH_PG_URL (PostgreSQL) when set, else SQLite.

Usage: python bench/cases/run.py [--cases N] [--requests R]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def generate_csv(path: Path, cases: int, seed: int = 1) -> None:
    from enlace.cases.importing import COLUMNS

    rng = random.Random(seed)
    given = ["María", "José", "Ana", "Luis", "Rosa", "Carlos", "Lucía", "Jorge"]
    surnames = ["Pérez", "López", "García", "Cruz", "Reyes", "Flores", "Mejía", "Solano"]
    start = date(2024, 1, 1)
    per_year: dict[int, int] = {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for _number in range(cases):
            day = start + timedelta(days=rng.randint(0, 600))
            # rows of one case share its reference (numbered per year, as the format says)
            per_year[day.year] = per_year.get(day.year, 0) + 1
            reference = f"MX-{day.year}-{per_year[day.year]:05d}"
            origin = rng.choice(["GT", "HN", "SV", "CU", "VE"])
            base = {
                "reference": reference,
                "reporting_agency": "INM",
                "date_identified": day.isoformat(),
                "case_type": rng.choice(["trafficking", "smuggling"]),
                "route_countries": f"{origin};MX;US",
                "route_transport_modes": "bus;car",
            }
            writer.writerow(
                {
                    **base,
                    "person_role": "victim",
                    "given_names": rng.choice(given),
                    "first_surname": rng.choice(surnames),
                    "sex": "F",
                    "age": rng.randint(8, 50),
                    "nationalities": origin,
                    "document_type": "passport",
                    "document_issuing_country": origin,
                    "document_number": f"P{rng.randint(10**6, 10**7)}",
                    "document_nature": rng.choice(["genuine", "forged"]),
                }
            )
            writer.writerow(
                {
                    "reference": reference,
                    "person_role": "suspect",
                    "given_names": rng.choice(given),
                    "sex": "M",
                    "age": 40,
                    "nationalities": "MX",
                }
            )


def setup_django(database_url: str, var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "enlace.config.settings.dev"
    os.environ["ENLACE_DATABASE_URL"] = database_url
    os.environ["ENLACE_VAR_DIR"] = var_dir
    os.environ["ENLACE_DEBUG"] = "0"
    (Path(var_dir) / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: keep the cases already loaded, measure the list only",
    )
    args = parser.parse_args()

    pg_url = os.environ.get("ENLACE_BENCH_PG_URL")
    # PostgreSQL data outlives a run (--reuse), so its encryption keys must too.
    work = (
        Path(tempfile.gettempdir()) / "enlace-bench-pg"
        if pg_url
        else Path(tempfile.mkdtemp(prefix="enlace-bench-"))
    )
    work.mkdir(parents=True, exist_ok=True)
    setup_django(pg_url or f"sqlite:///{work / 'bench.sqlite3'}", str(work))
    from django.db import connection

    from enlace.accounts.actors import CountryActor
    from enlace.cases.importing import cases_import
    from enlace.cases.models import Case

    engine = connection.vendor
    if not (pg_url and args.reuse and Case.objects.exists()):
        if pg_url:  # start from an empty case table on the bench database
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {Case._meta.db_table} CASCADE")
        source = work / "cases.csv"
        generate_csv(source, args.cases)
        started = time.perf_counter()
        report = cases_import(actor=CountryActor("MX"), path=source, file_format="csv")
        elapsed = time.perf_counter() - started
        if report.errors:
            raise SystemExit(f"bench import failed: {report.errors[:3]}")
        print(f"cases_import_rows: {report.rows} rows")
        print(f"cases_import_seconds_{engine}: {elapsed:.1f} s")
        print(f"cases_import_rate_{engine}: {report.created / elapsed:.0f} cases/s")
    print(f"cases_visible: {Case.objects.count()} cases")

    from django.test import Client

    from enlace.accounts.choices import Role
    from enlace.accounts.models import User
    from enlace.core.models import Organization

    officer, _created = User.objects.get_or_create(
        username="bench-mx",
        defaults={"role": Role.LIAISON, "organization": Organization.objects.get(code="MX-NLO")},
    )
    from knox.models import AuthToken

    # as API clients call it: a token, no session
    _token, key = AuthToken.objects.create(officer)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    from enlace.config.runtime import tune_garbage_collector

    tune_garbage_collector()  # as the WSGI application does
    for page in range(1, 11):  # warm-up: connections, caches, code paths
        client.get("/api/v1/cases/", {"page": page}, HTTP_HOST="127.0.0.1")
    timings = []
    for index in range(args.requests):
        page = 1 + index % 20
        began = time.perf_counter()
        response = client.get("/api/v1/cases/", {"page": page}, HTTP_HOST="127.0.0.1")
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"list API answered {response.status_code}")
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"cases_list_api_p95_ms_{engine}: {p95:.0f} ms")
    print(f"cases_list_api_median_ms_{engine}: {statistics.median(timings):.0f} ms")


if __name__ == "__main__":
    main()
