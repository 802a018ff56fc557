"""Whom to contact about a watchlist entry: its owner country's liaison officer.

A hit must always say it, whatever the owner's law profile withholds: the officer at the
border cannot act on a redacted entry without calling its owner. The directory's contacts
with the liaison-officer network role come first (they carry the institution and phones the
country keeps current); a country without one falls back to its liaison officers' accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

from enlace.accounts.choices import Role
from enlace.directory.selectors import liaison_officer_contacts

if TYPE_CHECKING:
    from enlace.directory.models import Contact


@dataclass(frozen=True)
class OwnerContact:
    name: str
    institution: str
    email: str
    phones: tuple[str, ...]
    country: str
    source: str  # "directory" or "account"
    language: str = "es"  # of messages to this person

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "institution": self.institution,
            "email": self.email,
            "phones": list(self.phones),
            "country": self.country,
            "source": self.source,
        }


def _default_language() -> str:
    return settings.LANGUAGE_CODE[:2]


def _contact_language(contact: Contact) -> str:
    if contact.user_id and contact.user.preferred_language in {"es", "en"}:
        return contact.user.preferred_language
    for language in contact.languages:
        if language in {"es", "en"}:
            return language
    return _default_language()


def owner_contacts(country_id: str) -> list[OwnerContact]:
    """The liaison officers of `country_id`: directory contacts, else user accounts."""
    from enlace.accounts.models import User

    contacts = [
        OwnerContact(
            contact.full_name,
            contact.institution,
            contact.email,
            tuple(contact.phones),
            country_id,
            "directory",
            _contact_language(contact),
        )
        for contact in liaison_officer_contacts(country_id)
    ]
    if contacts:
        return contacts
    users = (
        User.objects.filter(role=Role.LIAISON, is_active=True, organization__country_id=country_id)
        .select_related("organization")
        .order_by("last_name", "first_name", "id")
    )
    return [
        OwnerContact(
            user.get_full_name() or user.username,
            str(user.organization),
            user.email,
            (),
            country_id,
            "account",
            user.preferred_language or _default_language(),
        )
        for user in users
    ]


class ContactBook:
    """Owner contacts looked up once per country while one page or job is built."""

    def __init__(self) -> None:
        self._by_country: dict[str, list[OwnerContact]] = {}

    def __call__(self, country_id: str) -> list[OwnerContact]:
        if country_id not in self._by_country:
            self._by_country[country_id] = owner_contacts(country_id)
        return self._by_country[country_id]
