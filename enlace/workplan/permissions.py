"""Who reads and who writes the work plan.

The plan is the network's internal document: liaison officers, national administrators, the
Technical Secretariat and observers (many activities are theirs) read it; civil society does
not (the plan names what member states have not done yet). Only the ST keeps it: imports,
edits, publications. Auditors and the platform administrator have no reason to read it."""

from __future__ import annotations

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

WORKPLAN_READERS: frozenset[str] = frozenset(
    {Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT, Role.OBSERVER}
)
WORKPLAN_EDITORS: frozenset[str] = frozenset({Role.SECRETARIAT})


def _active(actor: Actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def can_read_workplan(actor: Actor) -> bool:
    return _active(actor) and actor.role in WORKPLAN_READERS


def can_edit_workplan(actor: Actor) -> bool:
    return _active(actor) and actor.role in WORKPLAN_EDITORS
