"""Who reads and who writes the work plan.

The plan is the network's internal document: liaison officers, national administrators, the
Technical Secretariat and observers (many activities are theirs) read it; civil society does
not (the plan names what member states have not done yet). Only the ST keeps it: imports,
edits, publications. Auditors and the platform administrator have no reason to read it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import is_active_actor

if TYPE_CHECKING:
    from .models import PlanVersion

WORKPLAN_READERS: frozenset[str] = frozenset(
    {Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT, Role.OBSERVER}
)
WORKPLAN_EDITORS: frozenset[str] = frozenset({Role.SECRETARIAT})


def check_workplan_read(actor: Actor) -> None:
    if not (is_active_actor(actor) and actor.role in WORKPLAN_READERS):
        raise PermissionDenied


def check_workplan_edit(actor: Actor) -> None:
    """Imports, edits, publications: the ST."""
    if not (is_active_actor(actor) and actor.role in WORKPLAN_EDITORS):
        raise PermissionDenied


def check_version_export(actor: Actor, version: PlanVersion) -> None:
    """A published version: its readers; the draft: the ST only."""
    check_workplan_read(actor)
    if version.is_draft:
        check_workplan_edit(actor)
