"""Reads of the audit trail, scoped to the auditor: her country's events (those of her
country's users and those touching her country's records), or all for the regional auditor."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.core.filters import narrow

from .models import Event


def event_list(*, actor: Actor, **criteria) -> QuerySet[Event]:
    """Events of the auditor's scope, newest first, narrowed by `filters.EventFilterSet`'s
    keywords (action prefix, username, object_type, date_from, date_to)."""
    from .filters import EventFilterSet

    if not getattr(actor, "is_authenticated", False) or actor.role != Role.AUDITOR:
        return Event.objects.none()
    events = Event.objects.all()
    if actor.country_id:
        events = events.filter(Q(country=actor.country_id) | Q(owner_country=actor.country_id))
    return narrow(EventFilterSet, events.order_by("-sequence"), criteria)


def object_history(*, obj, actions: tuple[str, ...] = ()) -> QuerySet[Event]:
    """Changes recorded for one object (for its owner's change history, not the trail)."""
    events = Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    if actions:
        events = events.filter(action__in=actions)
    return events.order_by("-sequence")
