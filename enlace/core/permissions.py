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


# Job results and messages may quote imported cell values: record content. Besides the job's
# creator, only the liaison officers of her country read them (they may read those records).
JOB_CONTENT_READERS: frozenset[str] = frozenset({Role.LIAISON})


def check_job_content_read(actor: Actor, job) -> None:
    creator = job.created_by
    if creator is not None and creator.pk == actor.pk:
        return
    if (
        actor.role in JOB_CONTENT_READERS
        and creator is not None
        and creator.country_id
        and creator.country_id == actor.country_id
    ):
        return
    raise PermissionDenied
