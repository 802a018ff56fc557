"""Who opens the watchlist and screening pages and API routes.

Only liaison officers: they own their country's entries and screen travellers. Which entries
each one sees is the access policy's business (enlace.access.policy), and a watchlist entry can
only be shared with member states (choices.ENTRY_AUDIENCES, and a database constraint), so:

- the Technical Secretariat and observers: no access. The policy would show them `partners`
  records, but a watchlist entry is a law-enforcement record used to refuse entry at the
  border; it never reaches the partners audience, so they would see nothing anyway;
- national administrators: no access (they manage users and the law profile, which decides
  what leaves the country, without reading entries);
- civil society: never; the platform administrator: never reads watchlist content;
- auditors: the audit trail records every read, check, manifest, hit and decision (with the
  owner country), not the entries themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import is_active_actor

if TYPE_CHECKING:
    from .models import Hit, Screening

SCREENING_ROLES: frozenset[str] = frozenset({Role.LIAISON})


def screening_country(actor: Actor) -> str | None:
    """The member state whose watchlist `actor` keeps and screens for, or None."""
    if is_active_actor(actor) and actor.role in SCREENING_ROLES and actor.country_id:
        return actor.country_id
    return None


def check_screening_officer(actor: Actor) -> str:
    """The member state a liaison officer lists persons and screens travellers for
    (PermissionDenied otherwise)."""
    country_id = screening_country(actor)
    if country_id is None:
        raise PermissionDenied
    return country_id


def check_screening_own(actor: Actor, screening: Screening) -> None:
    """A screening is its country's: only that country's officers run it."""
    if check_screening_officer(actor) != screening.country_id:
        raise PermissionDenied


def check_hit_decide(actor: Actor, hit: Hit) -> None:
    """Liaison officers of the screening country decide on its hits."""
    check_screening_own(actor, hit.screening)
