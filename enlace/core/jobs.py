"""Background jobs: the extension point for long work (imports, batch screening, reports).

A capability registers a handler for a job kind::

    @job_handler("screening.batch")
    def screen_batch(job: Job, progress: Progress) -> dict:
        for i, row in enumerate(rows):
            ...
            progress.update(100 * i // len(rows), _("Screening travellers"))
        return {"hits": 12}          # stored in job.result

and starts it from a service with ``job_start(actor=..., kind=..., parameters=...)``. The queue
is Django's Tasks API (database backend by default, so no extra server is needed); pages poll
``web:job_progress`` and show a progress bar that updates without reloading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from enlace.accounts.actors import Actor

from .choices import JobStatus
from .models import Job

logger = logging.getLogger(__name__)

JobHandler = Callable[[Job, "Progress"], dict | None]
_HANDLERS: dict[str, JobHandler] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    """Register `function` as the handler of jobs of `kind`."""

    def register(function: JobHandler) -> JobHandler:
        _HANDLERS[kind] = function
        return function

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


class Progress:
    """Writes progress straight to the job row (outside any surrounding transaction's
    rollback is not needed: handlers run in their own transactions)."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def update(self, percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        Job.objects.filter(pk=self.job.pk).update(progress=percent, message=str(message)[:300])
        self.job.progress = percent
        self.job.message = str(message)[:300]


def job_start(*, actor: Actor, kind: str, parameters: dict[str, Any] | None = None) -> Job:
    """Create a job record and put it on the queue. Raises KeyError for an unknown kind."""
    if kind not in _HANDLERS:
        raise KeyError(kind)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            parameters=parameters or {},
            created_by=actor if getattr(actor, "pk", None) else None,
        )
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def job_run(job_id: int) -> Job:
    """Run one job now, recording status, progress and any error. Used by the queue task."""
    job = Job.objects.get(pk=job_id)
    handler = _HANDLERS.get(job.kind)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        if handler is None:
            raise LookupError(f"no handler registered for job kind {job.kind!r}")
        result = handler(job, Progress(job)) or {}
    except Exception as exc:  # the job records any failure; the worker keeps running
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(exc)[:4000], finished_at=timezone.now()
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED, progress=100, result=result, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: int) -> None:
    job_run(job_id)
