"""Reads of cases: always through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from enlace.access.policy import get_visible_or_404, visible_to
from enlace.accounts.actors import Actor
from enlace.core.filters import narrow

from .models import Case

PREFETCH = (
    "persons__phones",
    "persons__documents",
    "route",
    "documents_used",
    "justice",
    "assistance",
    "shared_with",
)


def case_list(*, actor: Actor, **criteria) -> QuerySet[Case]:
    """Cases the actor may see, narrowed by `filters.CaseFilterSet`'s keywords (case_type,
    owner_country, status, date_from, date_to, exploitation_type, nationality,
    route_country, document_nature, search). `search` looks in non-sensitive text only
    (reference, agency, summary, modus operandi narrative): never in persons' identities."""
    from .filters import CaseFilterSet

    cases = visible_to(Case, actor).prefetch_related(*PREFETCH).order_by("-date_identified", "-id")
    return narrow(CaseFilterSet, cases, criteria)


def case_inbox(*, actor: Actor) -> QuerySet[Case]:
    """Cases other member states shared with the actor's country (selected or network)."""
    if not actor.country_id:
        return Case.objects.none()
    # everything visible that another country owns arrived by sharing
    return (
        visible_to(Case, actor)
        .exclude(owner_country_id=actor.country_id)
        .prefetch_related(*PREFETCH)
        .order_by("-updated_at")
    )


def case_get(*, actor: Actor, pk: int) -> Case:
    """One case, or 404 when it is outside the actor's audience. The read is audited."""
    return get_visible_or_404(Case.objects.prefetch_related(*PREFETCH), actor, pk=pk)
