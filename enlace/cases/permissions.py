"""Who opens the case pages and who writes cases.

Liaison officers, the Technical Secretariat and observers read cases (the access policy
decides which: own country, shared with it, or shared with partners). Only liaison officers
write: their country's cases, its imports, its sharing. The inbox lists what other member
states shared with the officer's country, so it is theirs only (the ST and observers have no
country to share with). Editing one case is the access policy's rule
(`access.permissions.check_record_edit`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import CONTENT_ROLES

CASE_READERS: frozenset[str] = CONTENT_ROLES
CASE_WRITERS: frozenset[str] = frozenset({Role.LIAISON})
CASE_INBOX_READERS: frozenset[str] = CASE_WRITERS


def check_case_create(actor: Actor) -> str:
    """The member state a liaison officer creates cases for (PermissionDenied otherwise)."""
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.role in CASE_WRITERS
        and actor.country_id
    ):
        raise PermissionDenied
    return actor.country_id
