"""Who reads and who keeps statistics.

- Dashboards and regional tables: liaison officers, the Technical Secretariat and observers
  (`REGIONAL_READERS`; what each counts is `scope.statistics_scope`). Everybody else reads
  published releases, which are public.
- Data calls: the ST opens and closes them, reads every country's standing and publishes
  releases (`STATISTICS_MANAGERS`); liaison officers of member states read them and submit
  their country's tables (`SUBMITTERS`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import CONTENT_ROLES, is_active_actor
from enlace.core.models import MEMBER_STATES

REGIONAL_READERS: frozenset[str] = CONTENT_ROLES
STATISTICS_MANAGERS: frozenset[str] = frozenset({Role.SECRETARIAT})
SUBMITTERS: frozenset[str] = frozenset({Role.LIAISON})
DATA_CALL_ROLES: frozenset[str] = STATISTICS_MANAGERS | SUBMITTERS


def check_statistics_manage(actor: Actor) -> None:
    """Open and close data calls, read standings, publish releases: the ST."""
    if not (is_active_actor(actor) and actor.role in STATISTICS_MANAGERS):
        raise PermissionDenied


def check_submission_save(actor: Actor) -> None:
    """Answer a data call: a liaison officer of a member state, for her country."""
    if not (
        is_active_actor(actor) and actor.role in SUBMITTERS and actor.country_id in MEMBER_STATES
    ):
        raise PermissionDenied
