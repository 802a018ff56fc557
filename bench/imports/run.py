"""A large case import while the API serves others (make bench; issue 12, finding 2).

A `cases import` of N generated cases runs in a child process while this process keeps
sending API reads (the case list, a case) and small writes (a case created through the API, a
directory entry confirmed) until the import has finished and at least --reads reads and
--writes writes were made. Every answer must be a success: no 500, no "database is locked".
With --bad-last-row the file's last row is invalid and the import must write nothing.

Prints one figure per line as `name: value unit`; with --json one JSON object instead (the
test `enlace/cases/tests/test_import_concurrency.py` runs a smaller import through it).

The database is a fresh SQLite file in a temporary directory (the embedded default; one
connection per process, as in production), or with --database-url postgres://.../NAME a
fresh PostgreSQL database NAME (created, and dropped at the end).

Usage: python bench/imports/run.py [--cases N] [--reads R] [--writes W] [--bad-last-row]
                                   [--database-url URL] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FIELDS = [
    "reference",
    "reporting_agency",
    "date_identified",
    "case_type",
    "route_countries",
    "person_role",
    "given_names",
    "nationalities",
    "sex",
    "age",
    "phone",
    "document_type",
    "document_issuing_country",
    "document_number",
    "document_nature",
]


def generate_csv(path: Path, cases: int, *, bad_last_row: bool) -> None:
    """One row per case, as `test_import_export.many_cases` makes them."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for number in range(1, cases + 1):
            # at most 99,999 references a year: 50,000 cases in each of 2025, 2024, ...
            year, sequence = 2025 - (number - 1) // 50_000, 1 + (number - 1) % 50_000
            writer.writerow(
                {
                    "reference": f"MX-{year}-{sequence:05d}",
                    "reporting_agency": "INM",
                    "date_identified": f"{year}-05-01",
                    "case_type": "smuggling",
                    "route_countries": "HN;GT;MX",
                    "person_role": "smuggled_migrant",
                    "given_names": f"Persona {number}",
                    # an unknown country: the last row is refused, after every other is valid
                    "nationalities": "XX" if bad_last_row and number == cases else "HN",
                    "sex": "F",
                    "age": "30",
                    "phone": "+50495551234",
                    "document_type": "passport",
                    "document_issuing_country": "HN",
                    "document_number": f"H{number}",
                    "document_nature": "genuine",
                }
            )


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enlace.config.settings.dev",
        "ENLACE_DATABASE_URL": database_url,
        "ENLACE_VAR_DIR": str(var_dir),
        "ENLACE_DEBUG": "0",
        "ENLACE_LOG_LEVEL": "WARNING",
        # this measures locking, not the rate limit
        "ENLACE_THROTTLE_USER": "1000000/minute",
    }


def setup_django(database_url: str, var_dir: Path) -> None:
    os.environ.update(environment(database_url, var_dir))
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def child_import(path: Path) -> None:
    """In the child process: the import, timed; its report on stdout as JSON."""
    from contextlib import contextmanager

    from enlace.accounts.actors import CountryActor
    from enlace.cases import importing

    # The write transaction is entered right inside `large_write_cache`: its time is how
    # long the import holds the write lock.
    held: list[float] = []
    cache = importing.large_write_cache

    @contextmanager
    def timed_cache(*args, **kwargs):
        began = time.perf_counter()
        try:
            with cache(*args, **kwargs):
                yield
        finally:
            held.append(time.perf_counter() - began)

    importing.large_write_cache = timed_cache
    started = time.perf_counter()
    report = importing.cases_import(actor=CountryActor("MX"), path=path, file_format="csv")
    print(
        json.dumps(
            {
                "created": report.created,
                "errors": len(report.errors),
                "first_error": [error.row for error in report.errors[:1]],
                "seconds": time.perf_counter() - started,
                "write_transaction_seconds": max(held, default=0.0),
            }
        )
    )


def postgres_database(url: str, *, create: bool) -> None:
    """Create (dropping any left over) or drop the database the URL names."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        name = config["NAME"]
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def run(args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="enlace-import-bench-"))
    database_url = args.database_url or f"sqlite:///{work / 'enlace.sqlite3'}"
    if database_url.startswith("postgres"):
        postgres_database(database_url, create=True)
    try:
        return _run(args, work, database_url)
    finally:
        if database_url.startswith("postgres"):
            from django.db import connections

            connections.close_all()
            postgres_database(database_url, create=False)


def _run(args, work: Path, database_url: str) -> dict:
    setup_django(database_url, work)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from knox.models import AuthToken

    from enlace.accounts.choices import Role
    from enlace.accounts.models import User
    from enlace.cases.models import Case
    from enlace.cases.tests.factories import CaseDataFactory
    from enlace.core.models import Organization
    from enlace.directory.models import Contact

    organization = Organization.objects.get(code="MX-NLO")
    officer = User.objects.create(username="bench-mx", role=Role.LIAISON, organization=organization)
    admin = User.objects.create(
        username="bench-mx-admin", role=Role.NATIONAL_ADMIN, organization=organization
    )
    _token, key = AuthToken.objects.create(officer)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}", raise_request_exception=False)
    pages = Client(raise_request_exception=False)
    pages.force_login(admin)
    session = pages.session
    device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    contact = Contact.objects.create(
        country_id="MX", organization=organization, given_names="Ana", surnames="Pérez"
    )
    seen = Case.objects.create(
        owner_country_id="MX",
        reference="MX-2010-00001",
        reporting_agency="INM",
        date_identified="2010-01-01",
        case_type="smuggling",
    )

    source = work / "cases.csv"
    generate_csv(source, args.cases, bad_last_row=args.bad_last_row)
    child = subprocess.Popen(  # noqa: S603  this script, with our own arguments
        [sys.executable, __file__, "--child-import", str(source)],
        env=environment(database_url, work),
        stdout=subprocess.PIPE,
        text=True,
    )
    outcomes: list[tuple[str, int, float, str]] = []

    def send(kind: str, call) -> None:
        began = time.perf_counter()
        response = call()
        body = response.content[:300].decode("utf-8", "replace")
        outcomes.append((kind, response.status_code, time.perf_counter() - began, body))

    reads = writes = 0
    host = {"HTTP_HOST": "127.0.0.1"}
    while child.poll() is None or reads < args.reads or writes < args.writes:
        if reads % 10 == 9 or (child.poll() is not None and writes < args.writes):
            if writes % 2 == 0:
                # cases of a year before the file's, so their references never meet it
                document = CaseDataFactory(date_identified="2010-03-01", date_reported=None)
                send(
                    "write",
                    lambda document=document: api.post(
                        "/api/v1/cases/", document, content_type="application/json", **host
                    ),
                )
            else:
                version = Contact.objects.get(pk=contact.pk).version
                send(
                    "write",
                    lambda version=version: pages.post(
                        f"/directory/contacts/{contact.pk}/confirm/", {"version": version}, **host
                    ),
                )
            writes += 1
        if reads % 2 == 0:
            send("read", lambda: api.get("/api/v1/cases/", {"page": 1}, **host))
        else:
            send("read", lambda: api.get(f"/api/v1/cases/{seen.pk}/", **host))
        reads += 1
        time.sleep(args.pause)
    output, _ = child.communicate()
    report = json.loads(output.strip().splitlines()[-1]) if child.returncode == 0 else {}
    imported = Case.objects.filter(reporting_agency="INM").exclude(pk=seen.pk).count()
    failures = [(kind, status, body) for kind, status, _seconds, body in outcomes if status >= 400]
    return {
        "engine": database_url.split(":", 1)[0],
        "cases": args.cases,
        "bad_last_row": args.bad_last_row,
        "import_exit_code": child.returncode,
        "import_created": report.get("created"),
        "import_errors": report.get("errors"),
        "import_first_error_rows": report.get("first_error"),
        "import_seconds": report.get("seconds"),
        "import_write_transaction_seconds": report.get("write_transaction_seconds"),
        "cases_imported_in_database": imported,
        "reads": sum(1 for kind, *_rest in outcomes if kind == "read"),
        "writes": sum(1 for kind, *_rest in outcomes if kind == "write"),
        "failures": failures[:5],
        "failure_count": len(failures),
        "longest_read_seconds": max(s for kind, _c, s, _b in outcomes if kind == "read"),
        "longest_write_seconds": max(s for kind, _c, s, _b in outcomes if kind == "write"),
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between requests")
    parser.add_argument("--bad-last-row", action="store_true")
    parser.add_argument("--database-url", help="postgres://.../NAME: a database to create and drop")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child-import", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        import django

        django.setup()
        child_import(args.child_import)
        return
    result = run(args)
    if args.json:
        print(json.dumps(result))
        return
    engine = result["engine"]
    print(f"import_under_load_cases: {result['cases']} cases")
    print(f"import_under_load_seconds_{engine}: {result['import_seconds']:.1f} s")
    print(
        f"import_under_load_write_transaction_{engine}: "
        f"{result['import_write_transaction_seconds']:.1f} s"
    )
    print(f"import_under_load_longest_write_{engine}: {result['longest_write_seconds']:.2f} s")
    print(f"import_under_load_longest_read_{engine}: {result['longest_read_seconds']:.2f} s")
    print(f"import_under_load_requests_{engine}: {result['reads'] + result['writes']} requests")
    print(f"import_under_load_failures_{engine}: {result['failure_count']} failures")
    if result["failure_count"] or result["cases_imported_in_database"] != result["cases"]:
        raise SystemExit(f"import under load failed: {json.dumps(result)[:2000]}")


if __name__ == "__main__":
    main()
