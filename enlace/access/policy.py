"""THE access policy. The only code that decides who sees and edits a shareable record.

Every read of shareable data goes through `visible_to` (lists, searches, exports, statistics)
or `get_visible_or_404` (one record: outside the audience it is a 404, never a 403 that would
confirm it exists). Recipients get field values through `redact`.

Who sees what (docs/architecture.md §3):
- a liaison officer of member state C: records owned by C, plus records whose audience is
  `network` or `partners`, plus `selected` records listing C;
- the Technical Secretariat and observers: records whose audience is `partners`;
- national administrators, auditors, the platform administrator, civil society and anonymous
  visitors: no records at all (they manage users, read the trail, run the platform, read
  published statistics).
Only liaison officers of the owner country edit, share and withdraw.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

from .choices import Audience, FieldGroup
from .models import LawProfile, Shareable

S = TypeVar("S", bound=Shareable)

REDACTED = None  # the value a recipient sees in place of a redacted field

MEMBER_STATE_READERS = {Role.LIAISON}
PARTNER_READERS = {Role.SECRETARIAT, Role.OBSERVER}


def _queryset(source: type[S] | QuerySet[S]) -> QuerySet[S]:
    if isinstance(source, QuerySet):
        return source
    return source._default_manager.all()


def audience_filter(actor: Actor, model: type[Shareable]) -> Q | None:
    """The condition a record of `model` must meet to be visible to `actor`, or None."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    if actor.role in MEMBER_STATE_READERS and actor.country_id:
        country = actor.country_id
        # `selected` is tested with EXISTS on the many-to-many table, not a join, so a record
        # is never duplicated and no DISTINCT is needed on large lists.
        field = model._meta.get_field("shared_with")
        listed = field.remote_field.through.objects.filter(
            **{
                f"{field.m2m_field_name()}_id": OuterRef("pk"),
                f"{field.m2m_reverse_field_name()}_id": country,
            }
        )
        return (
            Q(owner_country_id=country)
            | Q(audience__in=[Audience.NETWORK, Audience.PARTNERS])
            | (Q(audience=Audience.SELECTED) & Q(Exists(listed)))
        )
    if actor.role in PARTNER_READERS:
        return Q(audience=Audience.PARTNERS)
    return None


def visible_to(source: type[S] | QuerySet[S], actor: Actor) -> QuerySet[S]:
    """Restrict `source` (a Shareable model or queryset) to what `actor` may see."""
    queryset = _queryset(source)
    condition = audience_filter(actor, queryset.model)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def get_visible_or_404(
    source: type[S] | QuerySet[S], actor: Actor, *, audit: bool = True, **lookup: Any
) -> S:
    """One record the actor may see, or Http404 whether it is missing or outside her audience.

    The read is recorded in the audit trail (`<app>.read`, with the owner country) unless the
    caller passes audit=False because it records a more specific event itself."""
    try:
        record = visible_to(source, actor).get(**lookup)
    except (_queryset(source).model.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if audit:
        from enlace.audit.services import record_event

        record_event(
            actor=actor,
            action=f"{record._meta.app_label}.read",
            obj=record,
            summary="" if is_owner(actor, record) else "read by another country",
        )
    return record


def is_owner(actor: Actor, record: Shareable) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.country_id
        and actor.country_id == record.owner_country_id
    )


def can_edit(actor: Actor, record: Shareable) -> bool:
    """Only liaison officers of the owner country edit, share and withdraw a record."""
    return is_owner(actor, record) and actor.role == Role.LIAISON and actor.is_active


def law_profile_for(country_id: str) -> LawProfile | None:
    return LawProfile.objects.filter(country_id=country_id).first()


def contributing_countries() -> frozenset[str]:
    """Member states whose law profile lets their records count in regional statistics. A
    country without a law profile has declared nothing and does not contribute. Who counts
    where on a dashboard builds on this (enlace.statistics.scope)."""
    return frozenset(
        LawProfile.objects.filter(
            contributes_to_regional_statistics=True, country__member_state=True
        ).values_list("country_id", flat=True)
    )


def redacted_groups(
    actor: Actor, record: Shareable, profiles: dict[str, LawProfile | None] | None = None
) -> set[str]:
    """Sensitive field groups the actor must not see: none for the owner country, otherwise
    those the owner's law profile keeps in the country (all of them without a profile).

    `profiles` is an optional cache (country -> profile) shared while one list is rendered,
    so a page of fifty shared records reads each owner's profile once."""
    if is_owner(actor, record):
        return set()
    if profiles is None:
        profile = law_profile_for(record.owner_country_id)
    else:
        if record.owner_country_id not in profiles:
            profiles[record.owner_country_id] = law_profile_for(record.owner_country_id)
        profile = profiles[record.owner_country_id]
    allowed = profile.allowed_groups() if profile else set()
    return {group.value for group in FieldGroup} - allowed


def redact(actor: Actor, record: Shareable, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """Field values of `record` as `actor` may see them.

    `values` defaults to every concrete field. Fields of redacted groups (declared in the
    model's SENSITIVE_FIELDS) are replaced by REDACTED; the result lists the groups withheld
    under the key "redacted" so pages can say why a value is missing."""
    if values is None:
        values = {
            field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields
        }
    else:
        values = dict(values)
    hidden = redacted_groups(actor, record)
    for group in sorted(hidden):
        for field_name in record.SENSITIVE_FIELDS.get(group, []):
            if field_name in values:
                values[field_name] = REDACTED
    values["redacted"] = sorted(group for group in hidden if record.SENSITIVE_FIELDS.get(group))
    return values


def model_is_shareable(model: type[Model]) -> bool:
    return issubclass(model, Shareable)
