"""Who reads and who keeps meetings, follow-up tasks, trainings and campaigns.

Meetings are the network's internal record: liaison officers, national administrators, the
Technical Secretariat and observers read them; civil society does not. The ST keeps
meetings and agreements (DESIGN §1). A follow-up task is updated by the ST or by an officer
of a country (or organization) it is assigned to. Trainings and campaigns are added by the
ST and by liaison officers (their own country's campaigns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

if TYPE_CHECKING:
    from .models import FollowUpTask

MEETING_READERS: frozenset[str] = frozenset(
    {Role.LIAISON, Role.NATIONAL_ADMIN, Role.SECRETARIAT, Role.OBSERVER}
)
MEETING_MANAGERS: frozenset[str] = frozenset({Role.SECRETARIAT})
TASK_ASSIGNEES: frozenset[str] = frozenset({Role.LIAISON, Role.NATIONAL_ADMIN, Role.OBSERVER})
COORDINATION_EDITORS: frozenset[str] = frozenset({Role.SECRETARIAT, Role.LIAISON})


def _authenticated(actor: Actor | None) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def check_meeting_read(actor: Actor) -> None:
    if not (_authenticated(actor) and actor.role in MEETING_READERS):
        raise PermissionDenied


def check_meeting_manage(actor: Actor | None) -> None:
    """Import, edit and review meetings and agreements: the ST. A command run without
    --user (actor None) acts as the operator."""
    if actor is not None and not (_authenticated(actor) and actor.role in MEETING_MANAGERS):
        raise PermissionDenied


def check_task_update(actor: Actor, task: FollowUpTask) -> None:
    """The ST, or an officer of a country (or organization) the task is assigned to."""
    if not _authenticated(actor):
        raise PermissionDenied
    if actor.role in MEETING_MANAGERS:
        return
    if actor.role not in TASK_ASSIGNEES:
        raise PermissionDenied
    assigned = (
        task.owner_countries.filter(iso2=actor.country_id).exists() if actor.country_id else False
    ) or task.owner_organizations.filter(pk=actor.organization_id).exists()
    if not assigned:
        raise PermissionDenied


def check_coordination_record_create(actor: Actor) -> None:
    """Add a training or a campaign: the ST, or a liaison officer (her country's campaigns)."""
    if not (_authenticated(actor) and actor.role in COORDINATION_EDITORS):
        raise PermissionDenied
