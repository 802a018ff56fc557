"""Queue health in /healthz, the worker heartbeat, supervision by `enlace serve`, pruning of
old job records, and job content only for those who may read records (issue 12)."""

from __future__ import annotations

import logging
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.accounts.choices import Role
from enlace.accounts.permissions import allows
from enlace.accounts.tests.factories import user_for
from enlace.core.choices import JobStatus
from enlace.core.jobs import (
    _counts_only,
    queue_health,
    worker_heartbeat,
    worker_interrupted_jobs_fail,
)
from enlace.core.models import Job, WorkerHeartbeat
from enlace.core.permissions import check_job_content_read
from enlace.core.supervisor import Supervisor
from enlace.core.tests.test_jobs import count_to  # noqa: F401  registers "test.count"

MARKER = "Zacarías-Quispe-7731"  # an imported cell value


def aged(job: Job, **age) -> Job:
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(**age))
    return job


# -- /healthz ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_an_empty_queue_and_no_worker_yet(client):
    body = client.get("/healthz").json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["queue"] == {"queued": 0, "oldest_queued_age_seconds": None, "running": 0}
    assert body["worker"] == {"heartbeat_age_seconds": None, "alive": False}


@pytest.mark.django_db
def test_healthz_is_degraded_but_200_when_jobs_wait_and_no_worker_beats(client):
    aged(Job.objects.create(kind="test.count"), minutes=5)
    Job.objects.create(kind="test.count")
    Job.objects.create(kind="test.count", status=JobStatus.RUNNING)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert (body["queue"]["queued"], body["queue"]["running"]) == (2, 1)
    assert 290 <= body["queue"]["oldest_queued_age_seconds"] <= 400
    assert body["worker"]["alive"] is False


@pytest.mark.django_db
def test_healthz_is_ok_with_a_fresh_heartbeat_and_dead_with_a_stale_one(client, settings):
    Job.objects.create(kind="test.count")
    worker_heartbeat("worker-a")
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker"]["alive"] is True
    assert 0 <= body["worker"]["heartbeat_age_seconds"] < 30
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=120))
    settings.ENLACE_WORKER_DEAD_AFTER_SECONDS = 60
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["worker"]["alive"] is False
    assert body["worker"]["heartbeat_age_seconds"] >= 120


@pytest.mark.django_db
def test_a_heartbeat_updates_one_row_per_worker():
    worker_heartbeat("worker-a")
    first = WorkerHeartbeat.objects.get().beat_at
    time.sleep(0.01)
    worker_heartbeat("worker-a")
    assert WorkerHeartbeat.objects.count() == 1
    assert WorkerHeartbeat.objects.get().beat_at > first
    assert queue_health()["worker"]["alive"]


@pytest.mark.django_db
def test_a_new_worker_fails_jobs_a_dead_worker_left_running(settings):
    running = Job.objects.create(kind="test.count", status=JobStatus.RUNNING)
    queued = Job.objects.create(kind="test.count")
    # a worker of this host whose process is gone: dead even though its beat is fresh
    WorkerHeartbeat.objects.create(worker_id="gone", host=_hostname(), pid=_unused_pid())
    assert worker_interrupted_jobs_fail() == 1
    running.refresh_from_db()
    queued.refresh_from_db()
    assert running.status == JobStatus.FAILED and running.error and running.finished_at
    assert queued.status == JobStatus.QUEUED
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.django_db
def test_a_new_worker_leaves_jobs_a_live_worker_runs():
    running = Job.objects.create(kind="test.count", status=JobStatus.RUNNING)
    worker_heartbeat("alive-here")  # this process: alive
    assert worker_interrupted_jobs_fail() == 0
    running.refresh_from_db()
    assert running.status == JobStatus.RUNNING


def _hostname() -> str:
    import socket

    return socket.gethostname()


def _unused_pid() -> int:
    import subprocess

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# -- supervision -------------------------------------------------------------------------


def test_the_supervisor_restarts_a_command_that_exits_with_growing_back_off(caplog):
    caplog.set_level(logging.INFO, logger="test.supervisor")
    supervisor = Supervisor(
        [sys.executable, "-c", "import sys; sys.exit(3)"],
        backoff=0.05,
        backoff_max=0.1,
        max_starts=4,
        log=logging.getLogger("test.supervisor"),
    )
    started = time.monotonic()
    supervisor.run()
    assert supervisor.starts == 4
    assert supervisor.exit_codes == [3, 3, 3, 3]
    assert time.monotonic() - started >= 0.05 + 0.1 + 0.1  # waited, doubling up to the max
    restarts = [record.getMessage() for record in caplog.records if "restarting" in record.message]
    assert len(restarts) == 3
    assert all("code 3" in message for message in restarts)
    assert [message.rsplit("in ", 1)[1] for message in restarts] == ["0.1 s", "0.1 s", "0.1 s"]


def test_the_supervisor_retries_a_command_that_cannot_start(tmp_path):
    supervisor = Supervisor([str(tmp_path / "missing")], backoff=0.01, max_starts=2)
    supervisor.run()
    assert supervisor.starts == 2 and supervisor.exit_codes == [-1, -1]


def test_the_supervisor_stops_a_running_command_and_does_not_restart_it():
    supervisor = Supervisor(
        [sys.executable, "-c", "import time; time.sleep(60)"], backoff=0.01, stop_timeout=5
    ).start()
    deadline = time.monotonic() + 10
    while supervisor.process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process = supervisor.process
    started = time.monotonic()
    supervisor.stop()
    assert process.poll() is not None
    assert time.monotonic() - started < 5
    time.sleep(0.1)
    assert supervisor.starts == 1


def test_serve_supervises_the_jobs_worker_command():
    from enlace.web.management.commands.serve import worker_supervisor

    supervisor = worker_supervisor()
    assert supervisor.command[1:5] == ["-m", "enlace.cli", "jobs", "worker"]
    assert supervisor.env["DJANGO_SETTINGS_MODULE"]


@pytest.mark.django_db
def test_the_jobs_worker_command_beats_and_runs_the_queue(users, monkeypatch):
    from django.test import override_settings
    from django_tasks_db.management.commands import db_worker

    # inside the test's transaction the worker must keep the test's connection (PostgreSQL)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    from enlace.core.jobs import job_start

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job = job_start(actor=users["cr_liaison"], kind="test.count", parameters={"n": 3})
        assert job.status == JobStatus.QUEUED
        call_command("jobs", "worker", "--batch", "--interval", "0", verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result == {"counted": 3}
    assert queue_health()["worker"]["alive"]


# -- pruning -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_jobs_prune_deletes_only_old_finished_jobs(capsys):
    old = timezone.now() - timedelta(days=40)
    recent = timezone.now() - timedelta(days=2)
    old_done = Job.objects.create(kind="a", status=JobStatus.SUCCEEDED, finished_at=old)
    old_failed = Job.objects.create(kind="a", status=JobStatus.FAILED, finished_at=old)
    recent_done = Job.objects.create(kind="a", status=JobStatus.SUCCEEDED, finished_at=recent)
    old_queued = aged(Job.objects.create(kind="a"), days=40)
    call_command("jobs", "prune", "--days", "30", "--json")
    assert '"pruned": 2' in capsys.readouterr().out
    left = set(Job.objects.values_list("pk", flat=True))
    assert left == {recent_done.pk, old_queued.pk}
    assert old_done.pk not in left and old_failed.pk not in left


# -- job content only for record readers -------------------------------------------------


@pytest.fixture
def quoting_job(users):
    return Job.objects.create(
        kind="cases.import",
        status=JobStatus.FAILED,
        created_by=users["cr_liaison"],
        message=f"row 2: {MARKER}",
        error=f"row 2, name: «{MARKER}» is not a valid value",
        result={
            "rows": 3,
            "created": 0,
            "dry_run": False,
            "errors": [{"row": 2, "column": "name", "message": f"«{MARKER}» invalid"}],
        },
        finished_at=timezone.now(),
    )


@pytest.mark.django_db
def test_who_may_read_job_content(users, quoting_job):
    colleague = user_for(Role.LIAISON, "CR-NLO", "cr-liaison-2")
    assert allows(check_job_content_read, users["cr_liaison"], quoting_job)  # the creator
    assert allows(check_job_content_read, colleague, quoting_job)  # her country's officers
    for key in ["mx_liaison", "sysadmin", "st", "observer", "cr_admin", "cr_auditor"]:
        assert not allows(check_job_content_read, users[key], quoting_job), key


@pytest.mark.django_db
def test_the_creator_reads_the_result_on_page_and_api(users, login, quoting_job):
    client = login(users["cr_liaison"])
    for url in ["/jobs/", f"/jobs/{quoting_job.pk}/", "/"]:
        assert MARKER in client.get(url).content.decode(), url
    body = client.get(f"/api/v1/jobs/{quoting_job.pk}/").json()
    assert body["result"]["errors"][0]["message"].endswith("invalid")
    assert MARKER in body["error"]


@pytest.mark.django_db
def test_the_platform_administrator_sees_status_and_counts_but_no_cell_value(
    users, login, quoting_job
):
    client = login(users["sysadmin"])
    for url in ["/jobs/", f"/jobs/{quoting_job.pk}/", "/"]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert MARKER not in page.content.decode(), url
    assert "cases.import" in client.get("/jobs/").content.decode()
    detail = client.get(f"/api/v1/jobs/{quoting_job.pk}/").json()
    listed = client.get("/api/v1/jobs/").json()
    for body in [detail, *listed["results"]]:
        assert MARKER not in str(body)
    assert detail["status"] == "failed" and detail["kind"] == "cases.import"
    assert detail["finished_at"] and detail["created_at"]
    assert detail["result"] == {
        "rows": 3,
        "created": 0,
        "dry_run": False,
        "errors": 1,
        "redacted": True,
    }
    assert detail["error"] and detail["message"] == ""


@pytest.mark.django_db
def test_other_users_still_do_not_see_the_job(users, login, quoting_job):
    for key in ["mx_liaison", "st", "cr_admin"]:
        client = login(users[key])
        assert client.get(f"/jobs/{quoting_job.pk}/").status_code == 404, key
        assert client.get(f"/api/v1/jobs/{quoting_job.pk}/").status_code == 404, key


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_a_redacted_result_keeps_no_text_only_numbers_and_flags(result):
    redacted = _counts_only(result)
    assert isinstance(redacted, dict)
    assert all(isinstance(leaf, bool | int | float) for leaf in _leaves(redacted))
    for key, value in result.items():  # counts survive as they were
        if isinstance(value, bool | int | float):
            assert redacted[key] == value
        elif isinstance(value, list):
            assert redacted[key] == len(value)
