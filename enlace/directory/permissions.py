"""Who reads and who writes the directory.

The directory is not shareable case data (no audience, no redaction): it is the network's own
address book, and each member state keeps its part of it.
- Contacts and competencies: read by liaison officers, national administrators, the Technical
  Secretariat and observers. Civil society does not see who the network's officials are.
- Services for victims: the same, plus civil society (it refers victims to them and runs many).
- Writes: a liaison officer or national administrator for her own country; the ST for all.
Auditors and the platform administrator have no reason to read the directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import allows, is_active_actor
from enlace.core.models import Country

if TYPE_CHECKING:
    from .models import Contact

CONTACT_READERS: frozenset[str] = frozenset(
    {Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT, Role.OBSERVER}
)
SERVICE_READERS: frozenset[str] = CONTACT_READERS | {Role.CIVIL_SOCIETY}
DIRECTORY_EDITORS: frozenset[str] = frozenset({Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT})
COUNTRY_EDITORS: frozenset[str] = frozenset({Role.LIAISON, Role.NATIONAL_ADMIN})
# A shelter may ask that its address stay inside the network (the safety of those it houses);
# civil society then gets the phone and the city, not the street.
CONFIDENTIAL_ADDRESS_READERS: frozenset[str] = CONTACT_READERS


def check_contact_read(actor: Actor) -> None:
    if not (is_active_actor(actor) and actor.role in CONTACT_READERS):
        raise PermissionDenied


def check_service_read(actor: Actor) -> None:
    if not (is_active_actor(actor) and actor.role in SERVICE_READERS):
        raise PermissionDenied


def sees_confidential_address(actor: Actor) -> bool:
    return is_active_actor(actor) and actor.role in CONFIDENTIAL_ADDRESS_READERS


def address_withheld(actor: Actor, service) -> bool:
    """The one rule for a shelter's address: marked confidential, it stays inside the
    network (pages, API and exports all ask here)."""
    return bool(service.address_confidential) and not sees_confidential_address(actor)


def check_country_edit(actor: Actor, country_id: str | None) -> None:
    """Write directory entries of `country_id`: its editors, or the ST."""
    if not is_active_actor(actor) or not country_id:
        raise PermissionDenied
    if actor.role == Role.SECRETARIAT:
        return
    if not (
        actor.role in COUNTRY_EDITORS and bool(actor.country_id) and actor.country_id == country_id
    ):
        raise PermissionDenied


def check_directory_write(actor: Actor) -> None:
    """Write any entry at all (pages ask it to show the "New ..." buttons)."""
    if not (
        is_active_actor(actor)
        and (
            actor.role == Role.SECRETARIAT
            or (actor.role in COUNTRY_EDITORS and bool(actor.country_id))
        )
    ):
        raise PermissionDenied


def check_contact_confirm(actor: Actor, contact: Contact) -> None:
    """Editors of the contact's country, and the person herself when she has an account."""
    own_entry = bool(getattr(actor, "pk", None) and contact.user_id == actor.pk and actor.is_active)
    if not own_entry:
        check_country_edit(actor, contact.country_id)


def editable_countries(actor: Actor, *, member_states_only: bool = True) -> QuerySet[Country]:
    """The countries whose entries `actor` may write: her own, or all for the ST."""
    # member states first: most entries are theirs
    countries = Country.objects.order_by("-member_state", "name_es")
    if member_states_only:
        countries = countries.filter(member_state=True)
    if not allows(check_directory_write, actor):
        return countries.none()
    if actor.role == Role.SECRETARIAT:
        return countries
    return countries.filter(iso2=actor.country_id)
