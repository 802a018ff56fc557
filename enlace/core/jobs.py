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
import os
import signal
import socket
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from enlace.accounts.actors import Actor
from enlace.accounts.permissions import allows

from .choices import JobStatus
from .importing import ImportFileError
from .models import Job, WorkerHeartbeat
from .parallel import WorkerProcessDied, raise_when_safe, terminate_pools
from .permissions import check_job_content_read

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


class JobTimeLimitExceeded(BaseException):
    """Raised in the worker's main thread when a job outlives ENLACE_JOB_TIME_LIMIT_SECONDS.
    A BaseException, so that a handler's `except Exception` cannot swallow the stop."""


# Exceptions whose text is written for the user (translated, by row and field).
USER_FACING_ERRORS: tuple[type[Exception], ...] = (ValidationError, ImportFileError)


def _duration_text(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}


def job_failure_reason(exc: BaseException, *, time_limit: int | None = None) -> str:
    """What the user reads when a job fails: the messages of an error meant for her, a
    plain sentence otherwise (the traceback goes to the log, never to the page)."""
    if isinstance(exc, JobTimeLimitExceeded):
        return _("Stopped after %(duration)s: the time limit for background jobs.") % {
            "duration": _duration_text(time_limit or 0)
        }
    if isinstance(exc, ValidationError):
        return " ".join(str(message) for message in exc.messages)
    if isinstance(exc, USER_FACING_ERRORS):
        return str(exc)
    if isinstance(exc, WorkerProcessDied):
        return _(
            "A worker process stopped unexpectedly (for example out of memory); nothing was "
            "saved. Try again with a smaller file or ask the platform administrator."
        )
    return _(
        "The job stopped because of an unexpected error; nothing was saved. The platform "
        "administrator can find the details in the log."
    )


@contextmanager
def _time_limit(seconds: int):
    """Raise JobTimeLimitExceeded in this thread after `seconds` (SIGALRM: the main thread of
    a POSIX process, which is where the worker runs tasks; elsewhere no limit applies)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def stop(_signum, _frame):
        raise_when_safe(JobTimeLimitExceeded())

    previous_handler = signal.signal(signal.SIGALRM, stop)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0]:  # someone else's alarm (e.g. a test timeout) goes on
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


def job_run(job_id: int) -> Job:
    """Run one job now, recording status, progress and any error. Used by the queue task.

    Whatever the handler does, the job ends succeeded or failed within the time limit, with a
    reason the user can read, no worker process of it is left running, and the caller (the
    worker) goes on with the next job."""
    job = Job.objects.get(pk=job_id)
    handler = _HANDLERS.get(job.kind)
    time_limit = settings.ENLACE_JOB_TIME_LIMIT_SECONDS
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        with _time_limit(time_limit):
            if handler is None:
                raise LookupError(f"no handler registered for job kind {job.kind!r}")
            result = handler(job, Progress(job)) or {}
    except (Exception, JobTimeLimitExceeded) as exc:  # recorded; the worker keeps running
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        terminate_pools()
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=job_failure_reason(exc, time_limit=time_limit)[:4000],
            finished_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED, progress=100, result=result, finished_at=timezone.now()
        )
    finally:
        terminate_pools()
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: int) -> None:
    job_run(job_id)


def _counts_only(value: Any) -> Any:
    """A result without its content: numbers and flags stay, a list becomes its length, a
    mapping keeps only such values, text (which may quote a cell) goes."""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return len(value)
    if isinstance(value, dict):
        kept = {key: _counts_only(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item is not None}
    return None


def job_redact(actor: Actor, job: Job) -> Job:
    """The job as `actor` may see it. Results, messages and errors can quote imported cell
    values, so they are shown only to those who may read records (`check_job_content_read`);
    others (the platform administrator) see status, kind, times, progress and the counts of
    the result. Changes the instance in memory only."""
    if allows(check_job_content_read, actor, job):
        return job
    job.result = {**(_counts_only(job.result) or {}), "redacted": True}
    job.message = ""
    job.parameters = {}
    if job.error:
        job.error = _("The job failed. Only its creator can read the reason.")
    return job


def jobs_prune(*, days: int) -> int:
    """Delete finished job records (and the queue's finished task rows) older than `days`;
    returns how many job records went. Queued and running jobs are never touched."""
    cutoff = timezone.now() - timedelta(days=days)
    finished = [JobStatus.SUCCEEDED, JobStatus.FAILED]
    deleted, _per_model = Job.objects.filter(status__in=finished, finished_at__lt=cutoff).delete()
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return deleted


def worker_heartbeat(worker_id: str) -> None:
    """Record that the worker `worker_id` (this process) is alive now."""
    now = timezone.now()
    identity = {"host": socket.gethostname()[:255], "pid": os.getpid(), "beat_at": now}
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64],
        defaults=identity,
        create_defaults={**identity, "started_at": now},
    )


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def worker_interrupted_jobs_fail() -> int:
    """At a worker's start: jobs left "running" by a worker that died (killed, restarted by
    `enlace serve`) are marked failed, unless another live worker may still be running them.
    A worker is dead when its heartbeat is stale or its process on this host is gone."""
    now = timezone.now()
    dead_after = timedelta(seconds=settings.ENLACE_WORKER_DEAD_AFTER_SECONDS)
    host = socket.gethostname()[:255]
    live = False
    for beat in WorkerHeartbeat.objects.all():
        if beat.beat_at < now - dead_after or (beat.host == host and not _process_alive(beat.pid)):
            beat.delete()
        else:
            live = True
    if live:
        return 0
    return Job.objects.filter(status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED,
        error=_("The background worker stopped while this job ran; nothing was saved."),
        finished_at=timezone.now(),
    )


def queue_health() -> dict[str, Any]:
    """The queue and worker part of `/healthz`: queued and running jobs, the age of the oldest
    queued one, and the age of the freshest worker heartbeat (None: no worker ever beat)."""
    now = timezone.now()
    counts = dict(
        Job.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    oldest = Job.objects.filter(status=JobStatus.QUEUED).aggregate(oldest=Min("created_at"))[
        "oldest"
    ]
    last_beat = WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]
    heartbeat_age = None if last_beat is None else max(0.0, (now - last_beat).total_seconds())
    return {
        "queue": {
            "queued": counts.get(JobStatus.QUEUED, 0),
            "oldest_queued_age_seconds": (
                None if oldest is None else round(max(0.0, (now - oldest).total_seconds()), 1)
            ),
            "running": counts.get(JobStatus.RUNNING, 0),
        },
        "worker": {
            "heartbeat_age_seconds": None if heartbeat_age is None else round(heartbeat_age, 1),
            "alive": heartbeat_age is not None
            and heartbeat_age <= settings.ENLACE_WORKER_DEAD_AFTER_SECONDS,
        },
    }
