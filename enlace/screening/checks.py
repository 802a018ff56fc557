"""Screening of travellers: single checks, passenger manifests, hits and decisions.

A member state screens against the entries visible to it and valid today (index.py). Every
match is re-read through the access policy before it becomes a hit, pairs an officer of the
country cleared as false positives are left out (and counted), and each hit, check, manifest
and decision writes an audit event. The audit trail never holds a traveller's name: events
name the screening, the hit and the entry (whose owner country is recorded, so the owner's
auditor sees hits on her country's entries)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.access.choices import FieldGroup
from enlace.access.models import LawProfile
from enlace.access.policy import redacted_groups
from enlace.access.services import StaleVersionError
from enlace.accounts.actors import Actor
from enlace.accounts.permissions import allows
from enlace.audit.services import record_event
from enlace.core.parallel import worker_count
from enlace.matching import DEFAULT_THRESHOLD

from .choices import Decision, ScreeningKind, ScreeningStatus
from .contacts import ContactBook
from .index import Traveller, index_for, screened_entries
from .models import ClearedMatch, Hit, Screening, WatchlistEntry
from .permissions import check_hit_decide, check_screening_officer, check_screening_own
from .reasons import reasons_as_data, reasons_for_reader
from .selectors import readable_entries
from .services import entry_as_dict

MIN_THRESHOLD = 0.5
MAX_THRESHOLD = 0.99
MATCHES_PER_TRAVELLER = 10
# From this many travellers on, a manifest is screened on every core (forked workers).
PARALLEL_MIN_TRAVELLERS = 20_000
IN_CHUNK = 500  # ids per IN (...) list, within every database's parameter limit

Progress = Callable[[int, str], None]


def check_threshold(threshold: float | None) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise ValidationError(
            {
                "threshold": [
                    _("The minimum score must be between %(low)s and %(high)s.")
                    % {"low": MIN_THRESHOLD, "high": MAX_THRESHOLD}
                ]
            }
        )
    return threshold


@dataclass
class Outcome:
    hits: list[Hit]
    suppressed: int
    watchlist_size: int


def _chunks(values: Sequence, size: int = IN_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _screen(
    country_id: str,
    travellers: Sequence[Traveller],
    threshold: float,
    progress: Progress | None = None,
) -> Outcome:
    """Search every traveller; return unsaved hits on entries visible and valid now."""
    if progress:
        progress(5, _("Preparing the watchlist"))
    cached = index_for(country_id)
    identities = [
        traveller.identity(str(position)) for position, traveller in enumerate(travellers)
    ]
    workers = worker_count() if len(travellers) >= PARALLEL_MIN_TRAVELLERS else 1
    step = max(1, len(travellers) // 100)
    found: list[tuple[Traveller, Any]] = []
    for position, (_identifier, matches) in enumerate(
        cached.index.search_many(
            identities, threshold=threshold, workers=workers, limit=MATCHES_PER_TRAVELLER
        )
    ):
        if matches:
            found.extend((travellers[position], match) for match in matches)
        if progress and position % step == 0:
            progress(
                10 + 85 * position // max(1, len(travellers)),
                _("Screening travellers: %(done)s of %(total)s")
                % {"done": position, "total": len(travellers)},
            )
    if not found:
        return Outcome([], 0, cached.entries)
    entry_ids = sorted({int(match.watchlist_id) for _traveller, match in found})
    entries: dict[int, WatchlistEntry] = {}
    today = timezone.localdate()
    for chunk in _chunks(entry_ids):
        entries.update(
            (entry.pk, entry) for entry in screened_entries(country_id, today).filter(pk__in=chunk)
        )
    keys = {id(traveller): traveller.key for traveller, _match in found}
    cleared: set[tuple[str, int]] = set()
    for chunk in _chunks(sorted(set(keys.values()))):
        cleared.update(
            ClearedMatch.objects.filter(country_id=country_id, traveller_key__in=chunk).values_list(
                "traveller_key", "entry_id"
            )
        )
    hits, suppressed = [], 0
    for traveller, match in found:
        entry = entries.get(int(match.watchlist_id))
        if entry is None:  # expired, withdrawn or deleted since the index was built
            continue
        key = keys[id(traveller)]
        if (key, entry.pk) in cleared:
            suppressed += 1
            continue
        hits.append(
            Hit(
                entry=entry,
                entry_reference=entry.reference,
                owner_country_id=entry.owner_country_id,
                row=traveller.row,
                traveller_reference=traveller.reference[:64],
                traveller_given_names=traveller.given_names,
                traveller_surnames=traveller.surnames,
                traveller_full_name=traveller.full_name,
                traveller_birth_date=traveller.birth_text,
                traveller_nationalities=list(traveller.nationalities),
                traveller_sex=traveller.sex,
                traveller_documents="; ".join(traveller.documents),
                flight=traveller.flight[:40],
                travel_date=traveller.travel_date,
                traveller_key=key,
                score=match.score,
                reasons=reasons_as_data(match.reasons),
            )
        )
    return Outcome(hits, suppressed, cached.entries)


def _save_hits(actor: Actor, screening: Screening, hits: list[Hit]) -> None:
    for hit in hits:
        hit.screening = screening
    Hit.objects.bulk_create(hits, batch_size=500)
    if hits and hits[0].pk is None:  # a database that does not return keys: read them back
        hits[:] = list(screening.hits.order_by("id"))
    for hit in hits:
        record_event(
            actor=actor,
            action="screening.hit",
            obj=hit,
            owner_country=hit.owner_country_id,
            summary=f"{screening.get_kind_display()} #{screening.pk}: entry "
            f"{hit.entry_reference} ({hit.owner_country_id}), "
            f"score {hit.score:.3f}",
        )


def traveller_check(
    *, actor: Actor, traveller: Traveller, threshold: float | None = None
) -> tuple[Screening, list[Hit]]:
    """Screen one traveller now (a form or the API) and keep the hits for decisions."""
    country_id = check_screening_officer(actor)
    threshold = check_threshold(threshold)
    outcome = _screen(country_id, [traveller], threshold)
    with transaction.atomic():
        screening = Screening.objects.create(
            country_id=country_id,
            kind=ScreeningKind.SINGLE,
            status=ScreeningStatus.COMPLETED,
            threshold=threshold,
            travellers=1,
            hits_count=len(outcome.hits),
            suppressed=outcome.suppressed,
            watchlist_size=outcome.watchlist_size,
            created_by=actor if getattr(actor, "pk", None) else None,
            finished_at=timezone.now(),
        )
        record_event(
            actor=actor,
            action="screening.check",
            obj=screening,
            summary=f"{len(outcome.hits)} hits, {outcome.suppressed} cleared before, "
            f"{outcome.watchlist_size} entries searched",
        )
        _save_hits(actor, screening, outcome.hits)
    return screening, outcome.hits


def manifest_screen(
    *,
    actor: Actor,
    screening: Screening,
    travellers: Sequence[Traveller],
    progress: Progress | None = None,
) -> Screening:
    """Screen a validated manifest for `screening` (run by the background job)."""
    check_screening_own(actor, screening)
    Screening.objects.filter(pk=screening.pk).update(
        status=ScreeningStatus.RUNNING, travellers=len(travellers)
    )
    outcome = _screen(screening.country_id, travellers, screening.threshold, progress)
    if progress:
        progress(96, _("Saving the hits"))
    with transaction.atomic():
        screening.status = ScreeningStatus.COMPLETED
        screening.travellers = len(travellers)
        screening.hits_count = len(outcome.hits)
        screening.suppressed = outcome.suppressed
        screening.watchlist_size = outcome.watchlist_size
        screening.finished_at = timezone.now()
        screening.save()
        record_event(
            actor=actor,
            action="screening.batch",
            obj=screening,
            summary=f"{screening.source_name}: {len(travellers)} travellers, "
            f"{len(outcome.hits)} hits, {outcome.suppressed} cleared before, "
            f"{outcome.watchlist_size} entries searched",
        )
        _save_hits(actor, screening, outcome.hits)
    return screening


def manifest_reject(*, actor: Actor, screening: Screening, rows: int, errors: int) -> Screening:
    """A manifest with errors: nothing was screened."""
    screening.status = ScreeningStatus.REJECTED
    screening.travellers = 0
    screening.finished_at = timezone.now()
    screening.save(update_fields=["status", "travellers", "finished_at"])
    record_event(
        actor=actor,
        action="screening.batch_rejected",
        obj=screening,
        summary=f"{screening.source_name}: {rows} rows, {errors} errors",
    )
    return screening


@transaction.atomic
def hit_decide(
    *, actor: Actor, hit: Hit, decision: str, note: str = "", expected_version: int
) -> Hit:
    """Confirm a hit or clear it as a false positive (or set it back to be decided). A
    cleared pair (traveller identity, entry) is not raised again in this country's
    screenings; changing the decision again forgets it."""
    check_hit_decide(actor, hit)
    decision = Decision(decision)
    updated = Hit.objects.filter(pk=hit.pk, version=expected_version).update(
        version=F("version") + 1,
        decision=decision,
        decision_note=note.strip(),
        decided_by=actor if decision != Decision.PENDING else None,
        decided_at=timezone.now() if decision != Decision.PENDING else None,
    )
    if not updated:
        raise StaleVersionError
    hit.refresh_from_db()
    country_id = hit.screening.country_id
    if hit.entry_id:
        remembered = ClearedMatch.objects.filter(
            country_id=country_id, traveller_key=hit.traveller_key, entry_id=hit.entry_id
        )
        if decision == Decision.FALSE_POSITIVE:
            if not remembered.exists():
                ClearedMatch.objects.create(
                    country_id=country_id,
                    traveller_key=hit.traveller_key,
                    entry_id=hit.entry_id,
                    hit=hit,
                    cleared_by=actor,
                )
        else:
            remembered.delete()
    record_event(
        actor=actor,
        action="screening.decision",
        obj=hit,
        owner_country=hit.owner_country_id,
        summary=f"{decision}: entry {hit.entry_reference} "
        f"({hit.owner_country_id}), {hit.screening.get_kind_display()} "
        f"#{hit.screening_id}",
    )
    return hit


# --- reading hits -------------------------------------------------------------------------

ALL_GROUPS = {group.value for group in FieldGroup}


def hit_rows(hits: Sequence[Hit], *, actor: Actor) -> list[dict[str, Any]]:
    """Hits as the officer may read them: the traveller in full (her own country's data),
    the entry redacted by its owner's law profile (or withheld altogether if it is no longer
    visible to her, or has expired), the reasons in her language, and always whom to contact."""
    entry_ids = sorted({hit.entry_id for hit in hits if hit.entry_id})
    entries: dict[int, WatchlistEntry] = {}
    for chunk in _chunks(entry_ids):
        entries.update(
            (entry.pk, entry)
            for entry in readable_entries(actor)
            .filter(pk__in=chunk)
            .prefetch_related("documents", "shared_with")
        )
    profiles: dict[str, LawProfile | None] = {}
    contacts = ContactBook()
    rows = []
    for hit in hits:
        entry = entries.get(hit.entry_id) if hit.entry_id else None
        if entry is not None:
            hidden = redacted_groups(actor, entry, profiles)
            shown = entry_as_dict(entry, actor=actor, hidden=hidden)
        else:
            hidden, shown = set(ALL_GROUPS), None
        rows.append(
            {
                "hit": hit,
                "id": hit.pk,
                "entry": shown,
                "entry_reference": hit.entry_reference,
                "owner_country": hit.owner_country_id,
                "score": hit.score,
                "reasons": reasons_for_reader(hit.reasons, hidden),
                "contacts": [contact.as_dict() for contact in contacts(hit.owner_country_id)],
                "can_decide": allows(check_hit_decide, actor, hit),
            }
        )
    return rows


def hit_as_data(row: dict[str, Any]) -> dict[str, Any]:
    """A row of `hit_rows` as JSON (API)."""
    hit: Hit = row["hit"]
    return {
        "id": hit.pk,
        "screening": hit.screening_id,
        "score": round(hit.score, 4),
        "decision": hit.decision,
        "version": hit.version,
        "decided_at": hit.decided_at.isoformat() if hit.decided_at else None,
        "traveller": {
            "id": hit.traveller_reference,
            "row": hit.row,
            "given_names": hit.traveller_given_names,
            "surnames": hit.traveller_surnames,
            "full_name": hit.traveller_full_name,
            "birth_date": hit.traveller_birth_date,
            "nationalities": hit.traveller_nationalities,
            "sex": hit.traveller_sex,
            "documents": [number for number in hit.traveller_documents.split("; ") if number],
            "flight": hit.flight,
            "travel_date": hit.travel_date.isoformat() if hit.travel_date else None,
        },
        "entry_reference": hit.entry_reference,
        "owner_country": hit.owner_country_id,
        "entry": row["entry"],
        "reasons": [
            {key: reason[key] for key in ("code", "field", "detail", "text")}
            for reason in row["reasons"]
        ],
        "contacts": row["contacts"],
    }


def manifest_submit(
    *,
    actor: Actor,
    path,
    file_format: str,
    name: str,
    threshold: float | None = None,
    language: str = "",
) -> Screening:
    """Queue a manifest (saved at `path`, deleted by the job) for screening in the
    background; the job checks every row before it screens anyone."""
    from enlace.core.jobs import job_start

    country_id = check_screening_officer(actor)
    threshold = check_threshold(threshold)
    screening = Screening.objects.create(
        country_id=country_id,
        kind=ScreeningKind.BATCH,
        status=ScreeningStatus.QUEUED,
        source_name=name[:200],
        threshold=threshold,
        created_by=actor,
    )
    job = job_start(
        actor=actor,
        kind="screening.batch",
        parameters={
            "path": str(path),
            "format": file_format,
            "name": name,
            "screening": screening.pk,
            "language": language,
        },
    )
    Screening.objects.filter(pk=screening.pk).update(job=job)
    screening.refresh_from_db()
    return screening
