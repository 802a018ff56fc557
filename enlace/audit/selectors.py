"""Reads of the audit trail, scoped to the auditor: her country's events (those of her
country's users and those touching her country's records), or all for the regional auditor."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

from .models import Event


def event_list(*, actor: Actor, action: str = "", username: str = "", object_type: str = "",
               country: str = "", date_from: date | None = None,
               date_to: date | None = None) -> QuerySet[Event]:
    if not getattr(actor, "is_authenticated", False) or actor.role != Role.AUDITOR:
        return Event.objects.none()
    events = Event.objects.all()
    if actor.country_id:
        events = events.filter(Q(country=actor.country_id) | Q(owner_country=actor.country_id))
    if action:
        events = events.filter(action__startswith=action)
    if username:
        events = events.filter(actor_username__iexact=username)
    if object_type:
        events = events.filter(object_type=object_type)
    if country:
        events = events.filter(Q(country=country) | Q(owner_country=country))
    if date_from:
        events = events.filter(created_at__date__gte=date_from)
    if date_to:
        events = events.filter(created_at__date__lte=date_to)
    return events.order_by("-sequence")


def object_history(*, obj, actions: tuple[str, ...] = ()) -> QuerySet[Event]:
    """Changes recorded for one object (for its owner's change history, not the trail)."""
    events = Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    if actions:
        events = events.filter(action__in=actions)
    return events.order_by("-sequence")
