"""Who changes what the access policy reads: sharing of a record and a country's law profile.

Whether a record is *visible* is `policy.visible_to` / `policy.get_visible_or_404` (a record
outside the audience is a 404); these checks refuse (403) a change to a record or profile
the actor already sees."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

from .models import Shareable
from .policy import can_edit

LAW_PROFILE_EDITORS: frozenset[str] = frozenset({Role.NATIONAL_ADMIN})


def check_record_edit(actor: Actor, record: Shareable) -> None:
    """Only liaison officers of the owner country edit, share and withdraw a record."""
    if not can_edit(actor, record):
        raise PermissionDenied


def check_law_profile_edit(actor: Actor, country_id: str | None) -> None:
    """Only the country's national administrator changes what may leave it."""
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.role in LAW_PROFILE_EDITORS
        and actor.country_id
        and actor.country_id == country_id
    ):
        raise PermissionDenied
