"""Who keeps the reference data: the Technical Secretariat records the pro-tempore presidency.
Countries, organizations and vocabularies are read by every role (core.api)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

PRESIDENCY_EDITORS: frozenset[str] = frozenset({Role.SECRETARIAT})


def check_presidency_assign(actor: Actor) -> None:
    if actor.role not in PRESIDENCY_EDITORS:
        raise PermissionDenied
