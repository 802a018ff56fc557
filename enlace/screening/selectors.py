"""Reads of the watchlist (always through the access policy) and of screenings and hits
(those of the reader's own country, for its liaison officers only)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from enlace.access.policy import get_visible_or_404, visible_to
from enlace.accounts.actors import Actor
from enlace.core.filters import narrow

from .models import Hit, Screening, WatchlistEntry, WatchlistPhoto
from .permissions import screening_country
from .services import EXPIRY_NOTICE_DAYS, REVIEW_DAYS

PREFETCH = ("documents", "shared_with")


def _with_photo_flag(entries: QuerySet[WatchlistEntry]) -> QuerySet[WatchlistEntry]:
    return entries.annotate(has_photo=Exists(WatchlistPhoto.objects.filter(entry=OuterRef("pk"))))


def review_due_filter(today: date | None = None) -> Q:
    day = today or timezone.localdate()
    return Q(valid_until__lte=day + timedelta(days=EXPIRY_NOTICE_DAYS)) | Q(
        last_reviewed__lte=day - timedelta(days=REVIEW_DAYS)
    )


def readable_entries(actor: Actor, today: date | None = None) -> QuerySet[WatchlistEntry]:
    """Entries the access policy shows the actor, less other countries' expired entries: a
    listing that has ended no longer travels (its owner keeps it, to renew or delete it)."""
    day = today or timezone.localdate()
    entries = visible_to(WatchlistEntry, actor)
    own = getattr(actor, "country_id", None)
    return (
        entries.filter(Q(valid_until__gte=day) | Q(owner_country_id=own))
        if own
        else entries.filter(valid_until__gte=day)
    )


def entry_list(*, actor: Actor, today: date | None = None, **criteria) -> QuerySet[WatchlistEntry]:
    """Entries the actor may see, narrowed by `filters.EntryFilterSet`'s keywords
    (owner_country, category, status, document, reference). `document` finds an exact
    document number through its blind index (numbers are encrypted); names are never
    searched in SQL. `status`: active, expired, or review (due for review)."""
    from .filters import EntryFilterSet

    entries = (
        _with_photo_flag(readable_entries(actor, today))
        .prefetch_related(*PREFETCH)
        .order_by("owner_country_id", "reference", "id")
    )
    return narrow(EntryFilterSet, entries, criteria)


def entry_get(*, actor: Actor, pk, audit: bool = True) -> WatchlistEntry:
    """One entry, or 404 when it is outside the actor's audience (or another country's and
    expired). The read is audited."""
    return get_visible_or_404(
        _with_photo_flag(readable_entries(actor)).prefetch_related(*PREFETCH),
        actor,
        audit=audit,
        pk=pk,
    )


def entries_due_for_review(
    country_id: str | None = None, today: date | None = None
) -> QuerySet[WatchlistEntry]:
    """Entries whose listing ends within 30 days (or has ended) or not reviewed for a year,
    of every country or of one. For reminders: not scoped to a reader, and only references,
    categories and dates leave this function's callers (never names)."""
    entries = WatchlistEntry.objects.filter(review_due_filter(today))
    if country_id:
        entries = entries.filter(owner_country_id=country_id)
    return entries.order_by("owner_country_id", "valid_until", "reference")


def _screens(actor: Actor) -> str | None:
    return screening_country(actor)


def screening_list(*, actor: Actor, kind: str = "") -> QuerySet[Screening]:
    """Screenings of the actor's country (its liaison officers share them), of one `kind`
    (`filters.ScreeningFilterSet`)."""
    from .filters import ScreeningFilterSet

    country = _screens(actor)
    if country is None:
        return Screening.objects.none()
    screenings = (
        Screening.objects.filter(country_id=country)
        .select_related("created_by", "job")
        .order_by("-created_at", "-id")
    )
    return narrow(ScreeningFilterSet, screenings, {"kind": kind})


def screening_get(*, actor: Actor, pk) -> Screening:
    try:
        return screening_list(actor=actor).get(pk=pk)
    except (Screening.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def hit_list(
    *, actor: Actor, screening: Screening | None = None, decision: str = ""
) -> QuerySet[Hit]:
    """Hits of the actor's country's screenings (of one screening), of one `decision`
    (`filters.HitFilterSet`)."""
    from .filters import HitFilterSet

    country = _screens(actor)
    if country is None:
        return Hit.objects.none()
    hits = Hit.objects.filter(screening__country_id=country)
    if screening is not None:
        hits = hits.filter(screening=screening)
    hits = hits.select_related("screening", "decided_by", "owner_country").order_by(
        "screening_id", "-score", "id"
    )
    return narrow(HitFilterSet, hits, {"decision": decision})


def hit_get(*, actor: Actor, pk) -> Hit:
    try:
        return hit_list(actor=actor).get(pk=pk)
    except (Hit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
