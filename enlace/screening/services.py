"""Writes of the watchlist (atomic, version-checked, audited) and its representation for a
reader, redacted by the owner's law profile.

Only liaison officers of the owner country create, edit, share, review and delete entries
(`access.policy.can_edit`); the entry's audience can be national, selected member states or
the network, never `partners` (choices.ENTRY_AUDIENCES)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.access.choices import FieldGroup
from enlace.access.models import LawProfile
from enlace.access.permissions import check_record_edit
from enlace.access.policy import redacted_groups
from enlace.access.services import bump_version, record_share
from enlace.accounts.actors import Actor
from enlace.audit.services import record_event
from enlace.core.bulk import bulk_insert
from enlace.core.crypto import document_index
from enlace.core.models import MEMBER_STATES

from .choices import ENTRY_AUDIENCES, Sex
from .models import WatchlistDocument, WatchlistEntry, WatchlistPhoto
from .permissions import check_screening_officer
from .validation import entry_errors

ENTRY_FIELDS = (
    "category",
    "legal_basis",
    "valid_until",
    "given_names",
    "first_surname",
    "second_surname",
    "birth_date",
    "nationalities",
    "sex",
    "notes",
)
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
REVIEW_DAYS = 365  # an entry not reviewed for a year is due for review
EXPIRY_NOTICE_DAYS = 30  # an entry whose listing ends within this many days is due too
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# --- photos -------------------------------------------------------------------------------


def photo_prepare(raw: bytes) -> tuple[str, bytes]:
    """(content type, bytes) of an uploaded photo: JPEG or PNG by its content (never by its
    name), decoded and re-encoded with Pillow so what is stored is a plain image without the
    metadata a camera writes (GPS position, device). Raises ValidationError otherwise.

    Photos are not an ImageField: persons' photos are encrypted at rest (DESIGN §3.6), which
    files in MEDIA_ROOT would not be. Pillow (installed with reportlab) does the decoding;
    without it only the content sniffing applies and the bytes are kept as uploaded."""
    if len(raw) > MAX_PHOTO_BYTES:
        raise ValidationError(
            {
                "photo": [
                    _("The photo is larger than %(mb)s MB.")
                    % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)}
                ]
            }
        )
    if raw.startswith(JPEG_MAGIC):
        kind, image_format = "image/jpeg", "JPEG"
    elif raw.startswith(PNG_MAGIC):
        kind, image_format = "image/png", "PNG"
    else:
        raise ValidationError({"photo": [_("The photo must be a JPEG or PNG image.")]})
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:  # Pillow is optional: the content sniffing above is then the check
        return kind, raw
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format != image_format:
                raise ValidationError({"photo": [_("The photo must be a JPEG or PNG image.")]})
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise ValidationError({"photo": [_("The photo has too many pixels.")]})
            probe.verify()
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            output = io.BytesIO()
            image.save(
                output, format=image_format, **({"quality": 90} if image_format == "JPEG" else {})
            )
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError({"photo": [_("The photo cannot be read as an image.")]}) from exc
    return kind, output.getvalue()


def _photo_store(entry: WatchlistEntry, raw: bytes) -> None:
    kind, data = photo_prepare(raw)
    WatchlistPhoto.objects.update_or_create(
        entry=entry,
        defaults={"content_type": kind, "data": base64.b64encode(data).decode(), "size": len(data)},
    )


def photo_bytes(photo: WatchlistPhoto) -> bytes:
    return base64.b64decode(photo.data)


# --- references ---------------------------------------------------------------------------


class ReferenceAllocator:
    """`<ISO2>-WL-<NNNNNN>` for entries created without a reference, read once per batch."""

    def __init__(self, country_id: str) -> None:
        self.prefix = f"{country_id}-WL-"
        last = WatchlistEntry.objects.filter(
            owner_country_id=country_id, reference__startswith=self.prefix
        ).aggregate(last=Max("reference"))["last"]
        tail = last.rsplit("-", 1)[1] if last else "0"
        self.last = int(tail) if tail.isdigit() else 0

    def next(self, taken: set[str]) -> str:
        while True:
            self.last += 1
            reference = f"{self.prefix}{self.last:06d}"
            if reference not in taken:
                return reference


# --- writes -------------------------------------------------------------------------------


def _document_rows(
    entry: WatchlistEntry, documents: Iterable[tuple[str | None, str]]
) -> list[WatchlistDocument]:
    return [
        WatchlistDocument(
            entry=entry,
            issuing_country_id=issuer or None,
            number=number,
            number_index=document_index(number),
        )
        for issuer, number in documents
    ]


def _apply(entry: WatchlistEntry, data: dict[str, Any]) -> None:
    for field in ENTRY_FIELDS:
        if field in data:
            value = data[field]
            if field == "sex":
                value = value or Sex.UNKNOWN
            elif field in {
                "given_names",
                "first_surname",
                "second_surname",
                "notes",
                "legal_basis",
            }:
                value = (value or "").strip()
            setattr(entry, field, value)
    if "aliases" in data:
        entry.aliases = "\n".join(alias.strip() for alias in data["aliases"] if alias.strip())


def _check_sharing(data: dict[str, Any], owner: str) -> tuple[str, list[str], str]:
    audience = data.get("audience") or "national"
    countries = sorted(set(data.get("shared_with") or []) - {owner})
    unknown = sorted(set(countries) - set(MEMBER_STATES))
    if unknown:
        raise ValidationError(
            {"shared_with": [_("Not member states: %(codes)s") % {"codes": ", ".join(unknown)}]}
        )
    if audience not in ENTRY_AUDIENCES:
        raise ValidationError(
            {
                "audience": [
                    _(
                        "A watchlist entry is shared with member states only: national, "
                        "selected or network."
                    )
                ]
            }
        )
    if audience != "selected":
        countries = []
    return audience, countries, data.get("handling_code") or "H0"


@transaction.atomic
def entries_create_many(
    *, actor: Actor, items: list[dict[str, Any]], audit: bool = True, batch_size: int = 1000
) -> list[WatchlistEntry]:
    """Create entries owned by the actor's country from validated values (see validation),
    in bulk; references already used or repeated are refused before anything is written."""
    country_id = check_screening_officer(actor)
    given = [item["reference"] for item in items if item.get("reference")]
    repeated = (
        sorted({reference for reference in given if given.count(reference) > 1})
        if len(given) != len(set(given))
        else []
    )
    taken = set(
        WatchlistEntry.objects.filter(owner_country_id=country_id, reference__in=given).values_list(
            "reference", flat=True
        )
    )
    if taken or repeated:
        raise ValidationError(
            {
                "reference": [
                    _("The reference %(reference)s already exists.")
                    % {"reference": ", ".join(sorted(taken | set(repeated))[:5])}
                ]
            }
        )
    today = timezone.localdate()
    for item in items:
        _raise_if(entry_errors(item, creating=True, today=today))
    allocator = ReferenceAllocator(country_id)
    reserved = set(given)
    creator = actor if getattr(actor, "pk", None) else None
    created: list[WatchlistEntry] = []
    through = WatchlistEntry.shared_with.through
    for start in range(0, len(items), batch_size):
        batch = items[start : start + batch_size]
        entries, sharing = [], []
        for item in batch:
            audience, countries, handling = _check_sharing(item, country_id)
            entry = WatchlistEntry(
                owner_country_id=country_id,
                created_by=creator,
                reference=item.get("reference") or allocator.next(reserved),
                audience=audience,
                handling_code=handling,
                last_reviewed=item.get("last_reviewed") or today,
            )
            _apply(entry, item)
            entries.append(entry)
            sharing.append(countries)
        bulk_insert(entries)
        documents, links = [], []
        for entry, item, countries in zip(entries, batch, sharing, strict=True):
            documents.extend(_document_rows(entry, item.get("documents", [])))
            links.extend(
                through(watchlistentry_id=entry.pk, country_id=country) for country in countries
            )
        bulk_insert(documents)
        if links:
            through.objects.bulk_create(links)
        for entry, item in zip(entries, batch, strict=True):
            if item.get("photo"):
                _photo_store(entry, item["photo"])
        created.extend(entries)
    if audit:
        for entry in created:
            record_event(
                actor=actor, action="screening.entry_create", obj=entry, summary=entry.reference
            )
    return created


def entry_create(*, actor: Actor, data: dict[str, Any]) -> WatchlistEntry:
    """Create one entry owned by the actor's country."""
    return entries_create_many(actor=actor, items=[data])[0]


@transaction.atomic
def entry_update(
    *, actor: Actor, entry: WatchlistEntry, data: dict[str, Any], expected_version: int
) -> WatchlistEntry:
    """Replace an entry's content (documents included). Editing counts as a review. A stale
    `expected_version` is refused (StaleVersionError)."""
    check_record_edit(actor, entry)
    merged = {field: getattr(entry, field) for field in ENTRY_FIELDS}
    merged.update(data)
    _raise_if(entry_errors(merged, creating=False))
    reference = (data.get("reference") or "").strip()
    if reference and reference != entry.reference:
        if (
            WatchlistEntry.objects.filter(
                owner_country_id=entry.owner_country_id, reference=reference
            )
            .exclude(pk=entry.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "reference": [
                        _("The reference %(reference)s already exists.") % {"reference": reference}
                    ]
                }
            )
        entry.reference = reference
    bump_version(entry, expected_version)
    _apply(entry, data)
    entry.last_reviewed = timezone.localdate()
    entry.last_reminded = None
    entry.save()
    if "documents" in data:
        entry.documents.all().delete()
        bulk_insert(_document_rows(entry, data["documents"]))
    if data.get("remove_photo"):
        WatchlistPhoto.objects.filter(entry=entry).delete()
    if data.get("photo"):
        _photo_store(entry, data["photo"])
    record_event(
        actor=actor,
        action="screening.entry_update",
        obj=entry,
        summary=f"{entry.reference} v{entry.version}",
    )
    return entry


@transaction.atomic
def entry_delete(*, actor: Actor, entry: WatchlistEntry, expected_version: int) -> None:
    check_record_edit(actor, entry)
    bump_version(entry, expected_version)
    record_event(actor=actor, action="screening.entry_delete", obj=entry, summary=entry.reference)
    entry.delete()


@transaction.atomic
def entry_share(
    *,
    actor: Actor,
    entry: WatchlistEntry,
    audience: str,
    countries: Iterable[str] = (),
    handling_code: str | None = None,
    expected_version: int,
) -> WatchlistEntry:
    """Set which member states see the entry (never the `partners` audience)."""
    check_record_edit(actor, entry)
    if audience not in ENTRY_AUDIENCES:
        raise ValidationError(
            {
                "audience": [
                    _(
                        "A watchlist entry is shared with member states only: national, "
                        "selected or network."
                    )
                ]
            }
        )
    return record_share(
        actor=actor,
        record=entry,
        audience=audience,
        countries=countries,
        handling_code=handling_code,
        expected_version=expected_version,
    )


@transaction.atomic
def entry_mark_reviewed(*, actor: Actor, entry: WatchlistEntry) -> WatchlistEntry:
    """The owner checked the entry is still right. Nothing that matching reads changes, so
    the version (and the screening index) stays as it is."""
    check_record_edit(actor, entry)
    today = timezone.localdate()
    WatchlistEntry.objects.filter(pk=entry.pk).update(last_reviewed=today, last_reminded=None)
    entry.last_reviewed, entry.last_reminded = today, None
    record_event(actor=actor, action="screening.entry_review", obj=entry, summary=entry.reference)
    return entry


# --- reading ------------------------------------------------------------------------------


def review_due(entry: WatchlistEntry, today: date | None = None) -> bool:
    """Listing ends within EXPIRY_NOTICE_DAYS days (or has ended), or not reviewed for a year."""
    day = today or timezone.localdate()
    return (entry.valid_until - day).days <= EXPIRY_NOTICE_DAYS or (
        day - entry.last_reviewed
    ).days >= REVIEW_DAYS


def entry_as_dict(
    entry: WatchlistEntry,
    *,
    actor: Actor,
    profiles: dict[str, LawProfile | None] | None = None,
    hidden: set[str] | None = None,
) -> dict[str, Any]:
    """The entry as `actor` may read it: field groups the owner's law profile keeps in the
    country are None (documents keep their issuing country, not their number)."""
    if hidden is None:
        hidden = redacted_groups(actor, entry, profiles)
    names_hidden = FieldGroup.NAMES in hidden
    numbers_hidden = FieldGroup.IDENTITY_NUMBERS in hidden
    today = timezone.localdate()
    documents = [
        {
            "issuing_country": document.issuing_country_id or "",
            "number": None if numbers_hidden else document.number,
            "text": None if numbers_hidden else document.as_text,
        }
        for document in entry.documents.all()
    ]
    has_photo = getattr(entry, "has_photo", None)  # annotated by the selectors
    if has_photo is None:
        has_photo = WatchlistPhoto.objects.filter(entry_id=entry.pk).exists()
    return {
        "id": entry.pk,
        "reference": entry.reference,
        "owner_country": entry.owner_country_id,
        "category": entry.category,
        "category_label": entry.get_category_display(),
        "legal_basis": entry.legal_basis,
        "valid_until": entry.valid_until.isoformat(),
        "expired": entry.is_expired(today),
        "given_names": None if names_hidden else entry.given_names,
        "first_surname": None if names_hidden else entry.first_surname,
        "second_surname": None if names_hidden else entry.second_surname,
        "aliases": None if names_hidden else entry.alias_list,
        "birth_date": None
        if FieldGroup.BIRTH_DATES in hidden or entry.birth_date is None
        else entry.birth_date.isoformat(),
        "nationalities": entry.nationalities,
        "sex": entry.sex,
        "documents": documents,
        "photo": None if FieldGroup.PHOTOS in hidden else has_photo,
        "notes": entry.notes,
        "audience": entry.audience,
        "audience_label": entry.get_audience_display(),
        "shared_with": sorted(country.iso2 for country in entry.shared_with.all()),
        "handling_code": entry.handling_code,
        "version": entry.version,
        "last_reviewed": entry.last_reviewed.isoformat(),
        "review_due": review_due(entry, today),
        "redacted": sorted(group for group in hidden if entry.SENSITIVE_FIELDS.get(group)),
    }
