"""Reads of the directory, scoped to what the actor's role may read (permissions.py).

A role that may not read a part of the directory gets an empty list and a 404 for an entry,
so pages, the API and exports share one rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from enlace.accounts.actors import Actor
from enlace.accounts.permissions import allows
from enlace.core.filters import narrow
from enlace.core.models import Country

from .choices import CompetencyArea, NetworkRole
from .models import Competency, Contact, Service, confirmation_cutoff, search_key
from .permissions import check_contact_read, check_service_read


def _json_list_contains(field: str, code: str) -> Q:
    # JSON lists are matched on their serialised form so SQLite and PostgreSQL agree
    # (the same approach as cases' exploitation types).
    return Q(**{f"{field}__icontains": f'"{code}"'})


def _search(queryset: QuerySet, text: str) -> QuerySet:
    """Every word must appear; accents and case do not matter."""
    for word in search_key(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _to_confirm(today: date | None = None) -> Q:
    return Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=confirmation_cutoff(today))


def contact_list(*, actor: Actor, **criteria) -> QuerySet[Contact]:
    """Contacts the actor may read, narrowed by `filters.ContactApiFilterSet`'s keywords
    (country, network_role, language, to_confirm, search). `search` looks in names,
    institution, organization, position and e-mail."""
    from .filters import ContactApiFilterSet

    if not allows(check_contact_read, actor):
        return Contact.objects.none()
    contacts = Contact.objects.select_related("organization", "country", "user").order_by(
        "country__name_es", "surnames", "given_names", "id"
    )
    return narrow(ContactApiFilterSet, contacts, criteria)


def contact_get(*, actor: Actor, pk) -> Contact:
    """One contact, or 404 (missing, or the actor may not read contacts)."""
    try:
        return contact_list(actor=actor).get(pk=pk)
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def contacts_to_confirm(
    country: str | None = None, *, today: date | None = None
) -> QuerySet[Contact]:
    """Contacts not confirmed for ENLACE_CONTACT_CONFIRM_DAYS days (or never), of every
    country or of one. For reminders and dashboards: not scoped to a reader."""
    contacts = Contact.objects.filter(_to_confirm(today)).select_related(
        "organization", "country", "user"
    )
    if country:
        contacts = contacts.filter(country_id=country.upper())
    return contacts.order_by("country_id", "surnames", "given_names", "id")


def liaison_officer_contacts(country: str) -> QuerySet[Contact]:
    """The contacts of `country` with the liaison-officer network role, by name: whom other
    apps name as the country's liaison officer (a screening hit names its entry's owner).
    Not scoped to a reader: the caller decides who is told."""
    return (
        Contact.objects.filter(country_id=country.upper())
        .filter(_json_list_contains("network_roles", NetworkRole.LIAISON_OFFICER))
        .select_related("user")
        .order_by("surnames", "given_names", "id")
    )


def service_list(*, actor: Actor, **criteria) -> QuerySet[Service]:
    """Services the actor may read, narrowed by `filters.ServiceApiFilterSet`'s keywords
    (country, kind, population, language, to_confirm, search). `search` looks in the
    service's and the provider's names, the city and the description."""
    from .filters import ServiceApiFilterSet

    if not allows(check_service_read, actor):
        return Service.objects.none()
    services = Service.objects.select_related("country").order_by(
        "country__name_es", "kind", "name", "id"
    )
    return narrow(ServiceApiFilterSet, services, criteria)


def service_get(*, actor: Actor, pk) -> Service:
    try:
        return service_list(actor=actor).get(pk=pk)
    except (Service.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def competency_list(
    *, actor: Actor, country: str = "", competency: str = ""
) -> QuerySet[Competency]:
    if not allows(check_contact_read, actor):
        return Competency.objects.none()
    competencies = Competency.objects.select_related("country")
    if country:
        competencies = competencies.filter(country_id=country.upper())
    if competency:
        competencies = competencies.filter(competency=competency)
    return competencies


def competency_get(*, actor: Actor, pk) -> Competency:
    try:
        return competency_list(actor=actor).get(pk=pk)
    except (Competency.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class MatrixRow:
    competency: str
    label: str
    cells: list[tuple[Country, list[Competency]]]  # (column's country, its institutions)


@dataclass(frozen=True)
class CompetencyMatrix:
    countries: list[Country]
    rows: list[MatrixRow]


def competency_matrix(*, actor: Actor) -> CompetencyMatrix:
    """Competencies as rows, member states as columns, institutions in the cells."""
    countries = list(Country.objects.filter(member_state=True).order_by("name_es"))
    column = {country.iso2: position for position, country in enumerate(countries)}
    grid: dict[str, list[list[Competency]]] = {
        area.value: [[] for _country in countries] for area in CompetencyArea
    }
    for entry in competency_list(actor=actor).order_by("institution", "id"):
        if entry.country_id in column and entry.competency in grid:
            grid[entry.competency][column[entry.country_id]].append(entry)
    rows = [
        MatrixRow(area.value, str(area.label), list(zip(countries, grid[area.value], strict=True)))
        for area in CompetencyArea
    ]
    return CompetencyMatrix(countries, rows)
