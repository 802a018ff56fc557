"""Single checks through the API against a large watchlist (make bench). Prints one figure per
line as `name: value unit`.

A member state (Costa Rica) lists N identities of the labelled screening set (bench/screening,
same seed) and shares them with the network; a Guatemalan liaison officer screens travellers
one at a time with POST /api/v1/screening/check/ (token, as API clients call it), half of them
perturbed listed people, half other people, with every field.

- screening_watchlist_load_seconds: the entries written with `entries_create_many` (names,
  birth dates and document numbers encrypted, blind indexes).
- screening_check_first_ms: the first check, which builds Guatemala's index from the database
  (decrypting every entry visible to it).
- screening_check_api_p95_ms / _median_ms: the checks after it: change detection of the
  visible set, search, every hit re-read through the access policy, the screening and its
  audit event written, the answer redacted by Costa Rica's law profile.

Usage: python bench/watchlist/run.py [--entries N] [--requests R]
(on the database of ENLACE_BENCH_PG_URL when set, else a fresh SQLite file)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "screening"))


def _cases_bench():
    """bench/cases/run.py, for its Django set-up."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cases_bench", ROOT / "bench/cases/run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entry_item(identity, today) -> dict:
    from enlace.matching.names import surname_readings

    surnames = surname_readings(identity.surnames)[0] if identity.surnames else ()
    nationality = identity.nationalities[0] if identity.nationalities else ""
    return {
        "category": "trafficking",
        "legal_basis": "Bench",
        "valid_until": today + timedelta(days=365),
        "given_names": identity.given_names,
        "first_surname": surnames[0] if surnames else "",
        "second_surname": " ".join(surnames[1:]),
        "aliases": list(identity.aliases),
        "birth_date": identity.birth_date,
        "nationalities": [nationality] if nationality else [],
        "sex": identity.sex or "X",
        "documents": [(nationality, number) for number in identity.document_numbers],
        "notes": "",
        "audience": "network",
        "shared_with": [],
        "handling_code": "H1",
        "last_reviewed": today,
    }


def payload(traveller) -> dict:
    data = {
        "given_names": traveller.given_names,
        "surnames": traveller.surnames,
        "full_name": "" if traveller.given_names or traveller.surnames else traveller.full_name,
        "birth_date": traveller.birth_date.isoformat() if traveller.birth_date else "",
        "nationality": list(traveller.nationalities),
        "sex": traveller.sex,
        "document_number": list(traveller.document_numbers),
    }
    return {key: value for key, value in data.items() if value}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    from dataset import generate

    setup_django = _cases_bench().setup_django

    pg_url = os.environ.get("ENLACE_BENCH_PG_URL")
    work = Path(tempfile.mkdtemp(prefix="enlace-bench-watchlist-"))
    setup_django(pg_url or f"sqlite:///{work / 'bench.sqlite3'}", str(work))
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone
    from knox.models import AuthToken

    from enlace.access.models import LawProfile
    from enlace.accounts.actors import CountryActor
    from enlace.accounts.choices import Role
    from enlace.accounts.models import User
    from enlace.core.models import Organization
    from enlace.screening.models import WatchlistEntry
    from enlace.screening.services import entries_create_many

    engine = connection.vendor
    data = generate(args.entries, max(args.requests * 20, 2_000), seed=20240601)
    today = timezone.localdate()
    if pg_url:  # start from an empty watchlist on the bench database
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {WatchlistEntry._meta.db_table} CASCADE")
    items = [entry_item(identity, today) for identity in data.watchlist]
    started = time.perf_counter()
    with transaction.atomic():
        entries_create_many(actor=CountryActor("CR"), items=items, audit=False)
    print(f"screening_watchlist_entries: {len(items)} entries")
    print(f"screening_watchlist_load_seconds_{engine}: {time.perf_counter() - started:.1f} s")
    LawProfile.objects.update_or_create(
        country_id="CR", defaults={"share_birth_dates": True, "share_identity_numbers": True}
    )

    officer, _created = User.objects.get_or_create(
        username="bench-gt",
        defaults={"role": Role.LIAISON, "organization": Organization.objects.get(code="GT-NLO")},
    )
    _token, key = AuthToken.objects.create(officer)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    from enlace.config.runtime import tune_garbage_collector

    tune_garbage_collector()  # as the WSGI application does

    members = [t for t, source in zip(data.travellers, data.sources, strict=True) if source]
    others = [t for t, source in zip(data.travellers, data.sources, strict=True) if not source]
    travellers = [t for pair in zip(members, others, strict=False) for t in pair]
    travellers = (travellers * (1 + args.requests // max(len(travellers), 1)))[: args.requests + 1]

    def check(traveller) -> tuple[float, int]:
        began = time.perf_counter()
        response = client.post(
            "/api/v1/screening/check/",
            payload(traveller),
            content_type="application/json",
            HTTP_HOST="127.0.0.1",
        )
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            raise SystemExit(f"check answered {response.status_code}: {response.content[:300]}")
        return elapsed, len(response.json()["hits"])

    first, _hits = check(travellers[0])
    print(f"screening_check_first_ms_{engine}: {first:.0f} ms")
    timings, with_hits = [], 0
    for traveller in travellers[1:]:
        elapsed, hits = check(traveller)
        timings.append(elapsed)
        with_hits += bool(hits)
    timings.sort()
    print(f"screening_check_requests: {len(timings)} checks ({with_hits} with hits)")
    print(f"screening_check_api_p95_ms_{engine}: {timings[int(0.95 * (len(timings) - 1))]:.0f} ms")
    print(f"screening_check_api_median_ms_{engine}: {statistics.median(timings):.0f} ms")


if __name__ == "__main__":
    main()
