"""Exports of the directory: contacts as CSV, XLSX and vCard 4.0; services as CSV and XLSX.

Columns carry stable codes (roles, kinds, languages), as the case exports do, so a file read
back gives the same values; lists are joined with "; ". Files are written by `core.exporting`
(formulas neutralized, phones included: "+506..." would otherwise be read as a number or a
formula). Every export is audited by the caller (services.directory_export)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from enlace.accounts.actors import Actor
from enlace.core.exporting import csv_bytes, xlsx_bytes

from .models import Contact, Service
from .permissions import address_withheld

LIST_SEPARATOR = "; "

CONTACT_COLUMNS = [
    "id",
    "country",
    "given_names",
    "surnames",
    "organization",
    "institution",
    "position",
    "network_roles",
    "email",
    "phones",
    "languages",
    "notes",
    "last_confirmed",
    "to_confirm",
    "version",
]
SERVICE_COLUMNS = [
    "id",
    "country",
    "organization_name",
    "name",
    "kind",
    "description",
    "city",
    "address",
    "phone",
    "email",
    "website",
    "populations",
    "languages",
    "capacity",
    "capacity_unit",
    "hours",
    "last_confirmed",
    "to_confirm",
    "version",
]


def _join(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def contact_row(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "country": contact.country_id,
        "given_names": contact.given_names,
        "surnames": contact.surnames,
        "organization": contact.organization.code,
        "institution": contact.institution,
        "position": contact.position,
        "network_roles": _join(contact.network_roles),
        "email": contact.email,
        "phones": _join(contact.phones),
        "languages": _join(contact.languages),
        "notes": contact.notes,
        "last_confirmed": contact.last_confirmed.isoformat() if contact.last_confirmed else "",
        "to_confirm": "yes" if contact.to_confirm else "no",
        "version": contact.version,
    }


def service_row(service: Service, *, actor: Actor) -> dict[str, Any]:
    hide_address = address_withheld(actor, service)
    return {
        "id": service.pk,
        "country": service.country_id,
        "organization_name": service.organization_name,
        "name": service.name,
        "kind": service.kind,
        "description": service.description,
        "city": service.city,
        "address": "" if hide_address else service.address,
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "populations": _join(service.populations),
        "languages": _join(service.languages),
        "capacity": service.capacity if service.capacity is not None else "",
        "capacity_unit": service.capacity_unit,
        "hours": service.hours,
        "last_confirmed": service.last_confirmed.isoformat() if service.last_confirmed else "",
        "to_confirm": "yes" if service.to_confirm else "no",
        "version": service.version,
    }


def contacts_csv(contacts: Iterable[Contact]) -> bytes:
    return csv_bytes(CONTACT_COLUMNS, (contact_row(contact) for contact in contacts))


def contacts_xlsx(contacts: Iterable[Contact]) -> bytes:
    return xlsx_bytes(CONTACT_COLUMNS, (contact_row(contact) for contact in contacts), "contacts")


def services_csv(services: Iterable[Service], *, actor: Actor) -> bytes:
    return csv_bytes(SERVICE_COLUMNS, (service_row(service, actor=actor) for service in services))


def services_xlsx(services: Iterable[Service], *, actor: Actor) -> bytes:
    return xlsx_bytes(
        SERVICE_COLUMNS, (service_row(service, actor=actor) for service in services), "services"
    )
