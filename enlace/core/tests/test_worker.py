"""The background worker survives any job (issue 12, finding 1): real forked children, the
real django-tasks database worker with its signal handlers, no mocks."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from enlace.core.choices import JobStatus
from enlace.core.jobs import job_handler, job_start
from enlace.core.models import Job
from enlace.core.parallel import map_in_processes

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork"),
]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def child_pids() -> set[int]:
    """Live (not zombie) processes whose parent is this process, from /proc."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            children.add(int(entry.name))
    return children


def fail_in_child(item):
    if item == 5:
        raise ValidationError("row %(row)s: bad value", params={"row": item})
    time.sleep(0.05)
    return item


@job_handler("test.parallel_child_fails")
def parallel_child_fails(job, progress):
    return {"sum": sum(map_in_processes(fail_in_child, range(40), processes=2))}


@job_handler("test.parallel_parent_fails")
def parallel_parent_fails(job, progress):
    for number, value in enumerate(map_in_processes(slow_square, range(40), processes=2)):
        if number == 3:
            raise ValidationError("the parent refused result %(value)s", params={"value": value})
    return {}


def slow_square(item):
    time.sleep(0.05)
    return item * item


def die_in_child(item):
    if item == 2:
        os._exit(9)  # as the out-of-memory killer would end it: no answer, no exception
    time.sleep(0.05)
    return item


@job_handler("test.parallel_child_dies")
def parallel_child_dies(job, progress):
    return {"sum": sum(map_in_processes(die_in_child, range(20), processes=2))}


def sleep_long(item):
    time.sleep(30)
    return item


@job_handler("test.parallel_too_long")
def parallel_too_long(job, progress):
    return {"sum": sum(map_in_processes(sleep_long, range(4), processes=2))}


@job_handler("test.too_long")
def too_long(job, progress):
    try:
        time.sleep(30)
    except Exception:  # a handler that swallows errors cannot swallow the time limit
        return {"swallowed": True}
    return {}


@job_handler("test.parallel_ok")
def parallel_ok(job, progress):
    return {"sum": sum(map_in_processes(slow_square, range(10), processes=2))}


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """The worker drops connections between tasks (`close_old_connections`); inside the test's
    transaction that would close the test's own connection on PostgreSQL (SQLite's in-memory
    database ignores it), so here the worker keeps it. Nothing else of the worker changes."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker_until_idle() -> None:
    """The django-tasks database worker, in this process, with its own signal handlers (the
    ones forked children inherit), processing every queued task and then returning."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # A regression would wait forever on a child: fail the test instead of hanging the run.
    # (to the real stderr: pytest's capture of fd 2 would swallow the dump)
    faulthandler.dump_traceback_later(120, exit=True, file=sys.__stderr__)
    worker.configure_signals()
    try:
        worker.run()
    finally:
        worker.reset_signals()
        faulthandler.cancel_dump_traceback_later()


@override_settings(TASKS=DATABASE_QUEUE)
@pytest.mark.parametrize(
    "kind", ["test.parallel_child_fails", "test.parallel_parent_fails", "test.parallel_child_dies"]
)
def test_a_failed_parallel_job_ends_its_children_and_the_next_job_runs(users, kind):
    actor = users["cr_liaison"]
    failing = job_start(actor=actor, kind=kind)
    following = job_start(actor=actor, kind="test.parallel_ok")
    assert Job.objects.get(pk=failing.pk).status == JobStatus.QUEUED  # really queued

    run_worker_until_idle()

    failing.refresh_from_db()
    following.refresh_from_db()
    assert failing.status == JobStatus.FAILED and failing.finished_at
    assert failing.error and "Traceback" not in failing.error
    assert following.status == JobStatus.SUCCEEDED
    assert following.result == {"sum": sum(n * n for n in range(10))}
    assert not multiprocessing.active_children()
    assert not child_pids()


@override_settings(TASKS=DATABASE_QUEUE, ENLACE_JOB_TIME_LIMIT_SECONDS=1)
@pytest.mark.parametrize("kind", ["test.too_long", "test.parallel_too_long"])
def test_a_job_past_the_time_limit_is_stopped_and_the_worker_goes_on(users, kind):
    actor = users["cr_liaison"]
    slow = job_start(actor=actor, kind=kind)
    following = job_start(actor=actor, kind="test.parallel_ok")
    started = time.monotonic()

    with translation.override("en"):
        run_worker_until_idle()

    assert time.monotonic() - started < 20  # not the 30 s the handler wanted
    slow.refresh_from_db()
    following.refresh_from_db()
    assert slow.status == JobStatus.FAILED
    assert "1 second" in slow.error and "time limit" in slow.error
    assert following.status == JobStatus.SUCCEEDED
    assert not child_pids()


@override_settings(TASKS=DATABASE_QUEUE, ENLACE_JOB_TIME_LIMIT_SECONDS=120, LANGUAGE_CODE="es")
def test_the_time_limit_reason_is_translated_in_minutes(users):
    from enlace.core.jobs import JobTimeLimitExceeded, job_failure_reason

    with translation.override("es"):
        reason = job_failure_reason(JobTimeLimitExceeded(), time_limit=120)
    assert "2 minutos" in reason
    with translation.override("en"):
        reason = job_failure_reason(JobTimeLimitExceeded(), time_limit=120)
    assert "2 minutes" in reason
