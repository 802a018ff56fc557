"""The matching engine wired to the watchlist: identities, traveller keys and the per-country
index cache.

Each member state screens against the entries VISIBLE to it (its own, plus those shared with
it) that have not expired, so each country has its own `WatchlistIndex`. Building one is the
expensive step (decrypting every entry and indexing it: seconds for 100,000 entries), so
indexes are kept in process memory, keyed by country, and rebuilt only when the watchlist
changed. Whether it changed is read from the whole table (count, highest id, latest update)
plus the day, since entries expire at midnight: creating raises the highest id, deleting
lowers the count, and every other write (edits, documents, sharing and withdrawing, which
go through `access.services.bump_version`) sets `updated_at`.

Each process (web server, job worker) has its own cache. At most
ENLACE_SCREENING_INDEX_CACHE_SIZE indexes are kept (least recently used dropped first): an
index of 100,000 entries holds about 300 MB.

Whatever an index returns is re-read through the access policy before anyone sees it (see
services), so a stale index could only miss, never show what the officer may not see.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from enlace.access.policy import visible_to
from enlace.accounts.actors import CountryActor
from enlace.core.crypto import blind_index
from enlace.core.identifiers import document_key, split_document
from enlace.matching import Identity, WatchlistIndex
from enlace.matching.normalize import tokens

from .models import WatchlistDocument, WatchlistEntry

DEFAULT_CACHE_SIZE = 4


def cache_size() -> int:
    return max(1, int(getattr(settings, "ENLACE_SCREENING_INDEX_CACHE_SIZE", DEFAULT_CACHE_SIZE)))


# --- identities ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Traveller:
    """A traveller to screen, as a form, the API or a manifest row gives her."""

    reference: str = ""
    given_names: str = ""
    surnames: str = ""
    full_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    nationalities: tuple[str, ...] = ()
    sex: str = ""  # M, F or ""
    documents: tuple[str, ...] = ()  # "G12345678" or "MX:G12345678"
    flight: str = ""
    travel_date: date | None = None
    row: int | None = None  # the manifest row, as a person counts it (header = 1)

    def identity(self, identifier: str) -> Identity:
        return Identity(
            identifier,
            given_names=self.given_names,
            surnames=self.surnames,
            full_name="" if (self.given_names or self.surnames) else self.full_name,
            birth_date=self.birth_date,
            birth_year=None if self.birth_date else self.birth_year,
            nationalities=self.nationalities,
            sex=self.sex,
            document_numbers=self.documents,
        )

    @property
    def birth_text(self) -> str:
        if self.birth_date:
            return self.birth_date.isoformat()
        return str(self.birth_year) if self.birth_year else ""

    @property
    def key(self) -> str:
        return traveller_key(self)


def traveller_key(traveller: Traveller) -> str:
    """The traveller identity a false positive is remembered by: normalised name (its words
    sorted, so the order of given names and surnames does not matter), birth date and
    document numbers, under the keyed blind index (HMAC), so equal identities meet without
    the name being stored in clear."""
    words = tokens(f"{traveller.given_names} {traveller.surnames}") or tokens(traveller.full_name)
    name = "".join(sorted(words))
    birth = traveller.birth_text.replace("-", "")
    numbers = {split_document(number)[1] for number in traveller.documents} - {""}
    documents = "".join(sorted(numbers))
    # Lengths keep the parts apart: blind_index keeps letters and digits only.
    message = f"{len(name)}n{name}{len(birth)}b{birth}{len(documents)}d{documents}"
    return blind_index(message, purpose="screening.traveller")


def entry_surnames(first_surname: str, second_surname: str) -> str:
    return f"{first_surname} {second_surname}".strip()


def entry_identity(
    entry_id: int,
    given_names: str,
    first_surname: str,
    second_surname: str,
    aliases: str,
    birth_date: date | None,
    nationalities: list[str],
    sex: str,
    documents: list[str],
) -> Identity:
    return Identity(
        str(entry_id),
        given_names=given_names or "",
        surnames=entry_surnames(first_surname or "", second_surname or ""),
        birth_date=birth_date,
        nationalities=tuple(nationalities or ()),
        sex=sex if sex in {"M", "F"} else "",
        document_numbers=tuple(documents),
        aliases=tuple(alias.strip() for alias in (aliases or "").splitlines() if alias.strip()),
    )


# --- the visible set of a country ---------------------------------------------------------


def screened_entries(country_id: str, today: date | None = None) -> QuerySet[WatchlistEntry]:
    """Entries a member state screens against: visible to it under the access policy, and
    valid today."""
    day = today or timezone.localdate()
    return visible_to(WatchlistEntry, CountryActor(country_id)).filter(valid_until__gte=day)


def fingerprint(country_id: str, today: date | None = None) -> tuple:
    """What changes whenever the country's screened set may have changed (see the module
    docstring). It is read from the whole watchlist, not from what the country sees: an
    aggregate over the visible set was nine tenths of a single check at 100,000 entries
    (bench/watchlist), while the table's count, highest id and latest update come from
    indexes. Writes are rare next to checks, so a change anywhere costs each country one
    rebuild, on its next check. Nothing of it is shown to anyone: it only keys the cache,
    and what the index is built from still goes through the access policy
    (`screened_entries`)."""
    del country_id  # the same for every country
    day = today or timezone.localdate()
    values = WatchlistEntry.objects.order_by().aggregate(
        count=Count("id"), last=Max("id"), updated=Max("updated_at")
    )
    return (
        day.isoformat(),
        values["count"],
        int(values["last"] or 0),
        values["updated"].isoformat() if values["updated"] else "",
    )


def _identities(country_id: str, today: date) -> Iterator[Identity]:
    entries = screened_entries(country_id, today)
    documents: dict[int, list[str]] = {}
    for entry_id, number, issuer in (
        WatchlistDocument.objects.filter(entry__in=entries)
        .order_by()
        .values_list("entry_id", "number", "issuing_country_id")
        .iterator(chunk_size=5000)
    ):
        documents.setdefault(entry_id, []).append(document_key(number, issuer or ""))
    rows = entries.order_by().values_list(
        "id",
        "given_names",
        "first_surname",
        "second_surname",
        "aliases",
        "birth_date",
        "nationalities",
        "sex",
    )
    for entry_id, given, first, second, aliases, birth, nationalities, sex in rows.iterator(
        chunk_size=5000
    ):
        yield entry_identity(
            entry_id,
            given,
            first,
            second,
            aliases,
            birth,
            nationalities,
            sex,
            documents.get(entry_id, []),
        )


# --- the cache ----------------------------------------------------------------------------


@dataclass
class CachedIndex:
    country_id: str
    fingerprint: tuple
    index: WatchlistIndex
    entries: int
    built_in: float  # seconds
    built_at: float = field(default_factory=time.time)


_CACHE: OrderedDict[str, CachedIndex] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_BUILD_LOCKS: dict[str, threading.Lock] = {}
STATS: dict[str, Any] = {"builds": 0, "hits": 0}


def index_for(country_id: str, today: date | None = None) -> CachedIndex:
    """The index of what `country_id` screens against today, built only if its visible set
    changed since the cached one. Concurrent requests of one country wait for one build."""
    day = today or timezone.localdate()
    current = fingerprint(country_id, day)
    with _CACHE_LOCK:
        cached = _CACHE.get(country_id)
        if cached is not None and cached.fingerprint == current:
            _CACHE.move_to_end(country_id)
            STATS["hits"] += 1
            return cached
        build_lock = _BUILD_LOCKS.setdefault(country_id, threading.Lock())
    with build_lock:
        with _CACHE_LOCK:  # another thread may have built it while this one waited
            cached = _CACHE.get(country_id)
            if cached is not None and cached.fingerprint == current:
                STATS["hits"] += 1
                return cached
        started = time.perf_counter()
        index = WatchlistIndex.build(_identities(country_id, day))
        # Hundreds of megabytes of small objects that live until the index is replaced: left
        # to the cyclic collector, its next full collection would rescan all of them (a pause
        # of a second on 100,000 entries, measured). Frozen, it skips them; dropping the index
        # still frees them, by reference counting (the index holds no cycles).
        gc.freeze()
        built = CachedIndex(country_id, current, index, len(index), time.perf_counter() - started)
        with _CACHE_LOCK:
            _CACHE[country_id] = built
            _CACHE.move_to_end(country_id)
            while len(_CACHE) > cache_size():
                _CACHE.popitem(last=False)
            STATS["builds"] += 1
        return built


def index_cache_clear() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
        STATS.update(builds=0, hits=0)
