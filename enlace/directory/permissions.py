"""Who reads and who writes the directory.

The directory is not shareable case data (no audience, no redaction): it is the network's own
address book, and each member state keeps its part of it.
- Contacts and competencies: read by liaison officers, national administrators, the Technical
  Secretariat and observers. Civil society does not see who the network's officials are.
- Services for victims: the same, plus civil society (it refers victims to them and runs many).
- Writes: a liaison officer or national administrator for her own country; the ST for all.
Auditors and the platform administrator have no reason to read the directory."""

from __future__ import annotations

from django.db.models import QuerySet

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.core.models import Country

CONTACT_READERS: frozenset[str] = frozenset(
    {Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT, Role.OBSERVER}
)
SERVICE_READERS: frozenset[str] = CONTACT_READERS | {Role.CIVIL_SOCIETY}
DIRECTORY_EDITORS: frozenset[str] = frozenset({Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT})
COUNTRY_EDITORS: frozenset[str] = frozenset({Role.LIAISON, Role.NATIONAL_ADMIN})
# A shelter may ask that its address stay inside the network (the safety of those it houses);
# civil society then gets the phone and the city, not the street.
CONFIDENTIAL_ADDRESS_READERS: frozenset[str] = CONTACT_READERS


def _active(actor: Actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def can_read_contacts(actor: Actor) -> bool:
    return _active(actor) and actor.role in CONTACT_READERS


def can_read_services(actor: Actor) -> bool:
    return _active(actor) and actor.role in SERVICE_READERS


def sees_confidential_address(actor: Actor) -> bool:
    return _active(actor) and actor.role in CONFIDENTIAL_ADDRESS_READERS


def can_edit_country(actor: Actor, country_id: str | None) -> bool:
    """May `actor` write directory entries of `country_id`?"""
    if not _active(actor) or not country_id:
        return False
    if actor.role == Role.SECRETARIAT:
        return True
    return (
        actor.role in COUNTRY_EDITORS and bool(actor.country_id) and actor.country_id == country_id
    )


def can_write_directory(actor: Actor) -> bool:
    """May `actor` write any entry at all (shows the "New ..." buttons)?"""
    return _active(actor) and (
        actor.role == Role.SECRETARIAT or (actor.role in COUNTRY_EDITORS and bool(actor.country_id))
    )


def editable_countries(actor: Actor, *, member_states_only: bool = True) -> QuerySet[Country]:
    """The countries whose entries `actor` may write: her own, or all for the ST."""
    # member states first: most entries are theirs
    countries = Country.objects.order_by("-member_state", "name_es")
    if member_states_only:
        countries = countries.filter(member_state=True)
    if not can_write_directory(actor):
        return countries.none()
    if actor.role == Role.SECRETARIAT:
        return countries
    return countries.filter(iso2=actor.country_id)
