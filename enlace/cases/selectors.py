"""Reads of cases: always through the access policy."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from enlace.access.policy import get_visible_or_404, visible_to
from enlace.accounts.actors import Actor

from .models import Case

PREFETCH = ("persons__phones", "persons__documents", "route", "documents_used", "justice",
            "assistance", "shared_with")


def case_list(*, actor: Actor, case_type: str = "", owner_country: str = "", status: str = "",
              date_from: date | None = None, date_to: date | None = None,
              exploitation_type: str = "", nationality: str = "", route_country: str = "",
              document_nature: str = "", search: str = "") -> QuerySet[Case]:
    """Cases the actor may see, filtered. `search` looks in non-sensitive text only
    (reference, agency, summary, modus operandi narrative): never in persons' identities."""
    cases = visible_to(Case, actor)
    if case_type:
        cases = cases.filter(case_type=case_type)
    if owner_country:
        cases = cases.filter(owner_country_id=owner_country.upper())
    if status:
        cases = cases.filter(status=status)
    if date_from:
        cases = cases.filter(date_identified__gte=date_from)
    if date_to:
        cases = cases.filter(date_identified__lte=date_to)
    if exploitation_type:
        # JSON lists are matched on their serialised form so SQLite and PostgreSQL agree.
        cases = cases.filter(exploitation_types__icontains=f'"{exploitation_type}"')
    if nationality:
        cases = cases.filter(persons__nationalities__icontains=f'"{nationality.upper()}"')
    if route_country:
        code = route_country.upper()
        cases = cases.filter(Q(route__from_country_id=code) | Q(route__to_country_id=code))
    if document_nature:
        cases = cases.filter(documents_used__nature=document_nature)
    if search:
        cases = cases.filter(Q(reference__icontains=search)
                             | Q(reporting_agency__icontains=search)
                             | Q(summary__icontains=search)
                             | Q(modus_operandi_narrative__icontains=search))
    if nationality or route_country or document_nature:  # joins that can repeat a case
        cases = cases.distinct()
    return cases.prefetch_related(*PREFETCH).order_by("-date_identified", "-id")


def case_inbox(*, actor: Actor) -> QuerySet[Case]:
    """Cases other member states shared with the actor's country (selected or network)."""
    if not actor.country_id:
        return Case.objects.none()
    # everything visible that another country owns arrived by sharing
    return (visible_to(Case, actor).exclude(owner_country_id=actor.country_id)
            .prefetch_related(*PREFETCH).order_by("-updated_at"))


def case_get(*, actor: Actor, pk: int) -> Case:
    """One case, or 404 when it is outside the actor's audience. The read is audited."""
    return get_visible_or_404(Case.objects.prefetch_related(*PREFETCH), actor, pk=pk)
