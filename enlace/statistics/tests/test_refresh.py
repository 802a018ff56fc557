"""The aggregate store is refreshed by a background job that case writes queue, never inside
a GET: every statistics page and API read only reads, and says when the figures were last
refreshed."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enlace.core.choices import JobStatus
from enlace.core.jobs import job_run
from enlace.core.models import Job
from enlace.statistics.facts import facts_sync, facts_synced_at
from enlace.statistics.models import SyncState
from enlace.statistics.services import data_call_open, release_publish, submission_save
from enlace.statistics.tasks import FACTS_JOB

from .helpers import contributes, victims
from .test_views import chart_data

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
QUEUE_ONLY = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)


def writes_in(captured) -> list[str]:
    """Statements that write or take write locks (the session middleware's own row aside:
    it renews the session's expiry on every request, statistics or not)."""
    found = []
    for query in captured.captured_queries:
        sql = query["sql"].lstrip().upper()
        if '"DJANGO_SESSION"' in sql:
            continue
        if sql.startswith(WRITES) or "FOR UPDATE" in sql:
            found.append(query["sql"])
    return found


def total_victims(response) -> int:
    tables = {table["code"]: table for table in chart_data(response)["tables"]}
    return tables["VIC_AGE_SEX"]["total"]


@pytest.fixture
def world(users):
    contributes("CR", "MX")
    victims("CR", 4)
    victims("MX", 30, per_case=10)
    call = data_call_open(
        actor=users["st"],
        title="Cifras",
        period="2025-S2",
        indicators=["VIC_AGE_SEX"],
        deadline=timezone.localdate() + timedelta(days=20),
    )
    submission_save(
        actor=users["cr_liaison"],
        call=call,
        tables={"VIC_AGE_SEX": [["18_29", "F", 30]]},
        channel="api",
    )
    release = release_publish(actor=users["st"], period="2025", k=11)
    report = Job.objects.create(
        kind="statistics.report",
        created_by=users["st"],
        parameters={"period": "2025", "language": "es", "format": "pdf"},
    )
    return {"call": call, "release": release, "report": report}


def pages(world) -> list[tuple[str, str]]:
    call, release, report = world["call"].pk, world["release"].pk, world["report"].pk
    return [
        ("cr_liaison", "/statistics/"),
        ("cr_liaison", "/statistics/?period=2025&scope=own"),
        ("st", "/statistics/?period=2025-S2&case_type=trafficking&granularity=month"),
        ("observer", "/statistics/"),
        ("cr_liaison", "/statistics/definitions/"),
        ("civil_society", "/statistics/releases/"),
        ("civil_society", f"/statistics/releases/{release}/"),
        ("civil_society", f"/statistics/releases/{release}/VIC_AGE_SEX.csv"),
        ("civil_society", f"/statistics/releases/{release}/download.zip"),
        ("st", "/statistics/releases/new/"),
        ("st", "/statistics/data-calls/"),
        ("cr_liaison", "/statistics/data-calls/"),
        ("st", "/statistics/data-calls/new/"),
        ("st", f"/statistics/data-calls/{call}/"),
        ("cr_liaison", f"/statistics/data-calls/{call}/"),
        ("cr_liaison", f"/statistics/data-calls/{call}/submit/"),
        ("cr_liaison", f"/statistics/data-calls/{call}/upload/"),
        ("st", f"/statistics/data-calls/{call}/countries/CR/"),
        ("st", "/statistics/report/"),
        ("st", f"/statistics/report/{report}/"),
        ("cr_liaison", "/api/v1/statistics/tables/?period=2025"),
        ("cr_liaison", "/api/v1/statistics/tables/VIC_AGE_SEX/?period=2025&scope=own"),
        ("st", "/api/v1/statistics/indicators/"),
        ("st", "/api/v1/statistics/releases/"),
        ("st", "/api/v1/statistics/data-calls/"),
    ]


def test_no_statistics_page_writes_on_a_get(users, login, world):
    # a case written after the last refresh: the pages must not recount it themselves
    with QUEUE_ONLY:
        victims("CR", 2)
    for user, url in pages(world):
        client = login(users[user])
        client.get("/")  # per-login bookkeeping settles first
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (user, url, response.status_code)
        assert writes_in(captured) == [], (user, url)


def test_downloads_write_only_their_audit_event(users, login, world):
    client = login(users["cr_liaison"])
    client.get("/")
    for url in (
        "/statistics/download.xlsx?period=2025",
        "/statistics/download.csv?period=2025&table=VIC_AGE_SEX",
    ):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        for sql in writes_in(captured):
            assert "audit" in sql.lower(), (url, sql)
            assert "statistics_" not in sql.lower(), (url, sql)


def test_a_case_write_queues_the_refresh_and_the_job_brings_the_new_count(users, login):
    contributes("CR")
    victims("CR", 4)  # immediate queue in tests: counted at once
    officer = login(users["cr_liaison"])
    assert total_victims(officer.get("/statistics/?period=2025&scope=own")) == 4
    with QUEUE_ONLY:
        victims("CR", 3)
        victims("CR", 2)  # a burst of writes waits for one refresh
    [job] = Job.objects.filter(kind=FACTS_JOB, status=JobStatus.QUEUED)
    page = officer.get("/statistics/?period=2025&scope=own")
    assert total_victims(page) == 4  # the GET reads the store as it is
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    finished = job_run(job.pk)
    assert finished.status == JobStatus.SUCCEEDED
    assert finished.result["changed_cases"] == 5
    page = officer.get("/statistics/?period=2025&scope=own")
    assert total_victims(page) == 9
    synced = SyncState.objects.get(pk=1).synced_at
    assert synced is not None
    assert page.context["facts_synced_at"] == synced
    assert 'data-testid="stats-refreshed"' in page.content.decode()
    assert (
        officer.get("/api/v1/statistics/tables/?period=2025&scope=own").json()["refreshed_at"]
        is not None
    )


def test_updates_and_deletes_queue_the_refresh_too(users, login):
    contributes("CR")
    [case] = victims("CR", 12, per_case=12)
    officer = login(users["cr_liaison"])
    assert total_victims(officer.get("/statistics/?period=2025&scope=own")) == 12
    with QUEUE_ONLY:
        response = officer.delete(f"/api/v1/cases/{case.pk}/?version={case.version}")
        assert response.status_code == 204
    [job] = Job.objects.filter(kind=FACTS_JOB, status=JobStatus.QUEUED)
    job_run(job.pk)
    assert total_victims(officer.get("/statistics/?period=2025&scope=own")) == 0


def test_the_dashboard_says_when_nothing_was_refreshed_yet(users, login):
    assert facts_synced_at() is None
    page = login(users["st"]).get("/statistics/")
    assert page.status_code == 200 and page.context["facts_synced_at"] is None
    facts_sync()
    assert facts_synced_at() is not None
    assert date.today() - timezone.localdate(facts_synced_at()) <= timedelta(days=1)
