"""Writes of the sharing state and of law profiles: atomic, version-checked, audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.accounts.actors import Actor
from enlace.audit.services import record_event
from enlace.core.models import Country

from .choices import Audience, HandlingCode
from .models import LawProfile, Shareable
from .permissions import check_law_profile_edit, check_record_edit


class StaleVersionError(ValidationError):
    """The record changed since the editor loaded it; her edit is refused, not merged."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this record after you opened it. Reload it, "
                "review their changes and apply yours again."
            ),
            code="stale",
        )


def bump_version(record, expected_version: int) -> None:
    """Optimistic locking: increment the version only if it is still `expected_version`.
    A record with `updated_at` is marked updated too (sharing changes no other column, and
    change detection such as the watchlist index's reads `updated_at`)."""
    values = {"version": F("version") + 1}
    stamped = any(field.name == "updated_at" for field in record._meta.concrete_fields)
    if stamped:
        values["updated_at"] = timezone.now()
    updated = (
        type(record)
        ._default_manager.filter(pk=record.pk, version=expected_version)
        .update(**values)
    )
    if not updated:
        raise StaleVersionError
    record.version = expected_version + 1
    if stamped:
        record.updated_at = values["updated_at"]


def record_share(
    *,
    actor: Actor,
    record: Shareable,
    audience: str,
    countries: Iterable[str] = (),
    handling_code: str | None = None,
    expected_version: int,
) -> Shareable:
    """Set who beyond the owner sees `record`. Only the owner's liaison officers may."""
    check_record_edit(actor, record)
    audience = Audience(audience)
    country_ids = sorted(set(countries) - {record.owner_country_id})
    if audience == Audience.SELECTED:
        members = set(
            Country.objects.filter(iso2__in=country_ids, member_state=True).values_list(
                "iso2", flat=True
            )
        )
        unknown = sorted(set(country_ids) - members)
        if unknown:
            raise ValidationError(
                {"countries": _("Not member states: %(codes)s") % {"codes": ", ".join(unknown)}}
            )
        if not country_ids:
            raise ValidationError(
                {"countries": _("Choose at least one member state to share with.")}
            )
    else:
        country_ids = []
    with transaction.atomic():
        bump_version(record, expected_version)
        record.audience = audience
        if handling_code:
            record.handling_code = HandlingCode(handling_code)
        type(record)._default_manager.filter(pk=record.pk).update(
            audience=record.audience, handling_code=record.handling_code
        )
        record.shared_with.set(country_ids)
        action = "withdraw" if audience == Audience.NATIONAL else "share"
        record_event(
            actor=actor,
            action=f"{record._meta.app_label}.{action}",
            obj=record,
            summary=f"audience={audience} countries={','.join(country_ids)} "
            f"handling={record.handling_code}",
        )
    return record


def record_withdraw(*, actor: Actor, record: Shareable, expected_version: int) -> Shareable:
    """Stop sharing: the record becomes national again."""
    return record_share(
        actor=actor, record=record, audience=Audience.NATIONAL, expected_version=expected_version
    )


def law_profile_update(
    *, actor: Actor, country_id: str, values: dict, expected_version: int
) -> LawProfile:
    """Change what may leave the country. Only that country's national administrator."""
    check_law_profile_edit(actor, country_id)
    allowed_fields = {
        "share_names",
        "share_birth_dates",
        "share_identity_numbers",
        "share_phones",
        "share_addresses",
        "share_photos",
        "contributes_to_regional_statistics",
        "legal_basis",
    }
    with transaction.atomic():
        profile, _created = LawProfile.objects.select_for_update().get_or_create(
            country_id=country_id
        )
        if profile.version != expected_version:
            raise StaleVersionError
        changes = []
        for field, value in values.items():
            if field in allowed_fields and getattr(profile, field) != value:
                changes.append(field)
                setattr(profile, field, value)
        profile.version += 1
        profile.updated_by = actor
        profile.save()
        record_event(
            actor=actor,
            action="access.law_profile_update",
            obj=profile,
            owner_country=country_id,
            summary="changed: " + ", ".join(changes),
        )
    return profile
