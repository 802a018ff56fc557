"""A busy database ("database is locked": SQLite's write lock not granted within the busy
timeout) is retried where that is safe and otherwise answered 503 with Retry-After, never
500 (issue 12, finding 2)."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.utils import translation
from django.utils.translation import gettext

from enlace.audit.models import Event
from enlace.cases.models import Case
from enlace.cases.tests.factories import CaseDataFactory
from enlace.core import busy

pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
BUSY = "The database is busy; try again in a few seconds."


@pytest.fixture(autouse=True)
def _no_pause(monkeypatch):
    monkeypatch.setattr(busy, "RETRY_PAUSE_SECONDS", 0)


@contextmanager
def database_busy(times: int | None = None, table: str = "", message="database is locked"):
    """The database refuses the first `times` writes (all with None) to `table` (any with
    ""), as SQLite does when another connection holds the write lock past the timeout."""
    refused: list[str] = []

    def refuse(execute, sql, params, many, context):
        if WRITE.match(sql) and table in sql and (times is None or len(refused) < times):
            refused.append(sql)
            raise OperationalError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield refused


@pytest.fixture
def mx(users, login):
    client = login(users["mx_liaison"])
    client.raise_request_exception = False  # a 500 is an answer here, not an exception
    return client


@pytest.fixture
def case(mx):
    answer = mx.post("/api/v1/cases/", CaseDataFactory(), content_type="application/json")
    assert answer.status_code == 201
    return Case.objects.get(pk=answer.json()["id"])


def assert_busy(answer, language="es"):
    assert answer.status_code == 503
    assert int(answer["Retry-After"]) > 0
    with translation.override(language):
        expected = gettext(BUSY)
    if language != "en":
        assert expected != BUSY  # translated
    if answer["Content-Type"].startswith("application/json"):
        assert answer.json()["error"]["message"] == expected
    else:
        assert expected in answer.content.decode()


@pytest.mark.parametrize("refusals", range(busy.RETRIES + 1))
@pytest.mark.parametrize("path", ["/api/v1/cases/{pk}/", "/cases/{pk}/"])
def test_a_read_whose_audit_write_meets_a_busy_database_is_retried(mx, case, path, refusals):
    before = Event.objects.filter(action="cases.read").count()
    with database_busy(times=refusals, table="audit_") as refused:
        answer = mx.get(path.format(pk=case.pk))
    assert answer.status_code == 200
    assert len(refused) == refusals
    # one read, one audit event: a refused try left nothing behind
    assert Event.objects.filter(action="cases.read").count() == before + 1


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("path", ["/api/v1/cases/{pk}/", "/cases/{pk}/"])
def test_a_read_that_stays_busy_is_a_translated_503(mx, case, path, language):
    with database_busy() as refused:
        answer = mx.get(path.format(pk=case.pk), HTTP_ACCEPT_LANGUAGE=language)
    assert len(refused) == 1 + busy.RETRIES
    assert_busy(answer, language)
    if path.startswith("/api/"):
        assert answer.json()["error"]["code"] == "busy"


@pytest.mark.parametrize("refusals", range(1, busy.RETRIES + 1))
def test_a_write_refused_before_it_wrote_anything_is_run_again_on_sqlite(mx, refusals):
    """On SQLite every write passes the execute wrappers, so a request refused before its
    first write is known to have written nothing; on PostgreSQL (COPY passes them by) it is
    answered 503 and the client decides."""
    count = Case.objects.count()
    with database_busy(times=refusals) as refused:
        answer = mx.post("/api/v1/cases/", CaseDataFactory(), content_type="application/json")
    if connection.vendor == "sqlite":
        assert len(refused) == refusals
        assert answer.status_code == 201
        assert Case.objects.count() == count + 1  # once
    else:
        assert len(refused) == 1
        assert_busy(answer)
        assert Case.objects.count() == count


def test_a_write_that_stays_busy_is_a_503(mx):
    count = Case.objects.count()
    with database_busy() as refused:
        answer = mx.post("/api/v1/cases/", CaseDataFactory(), content_type="application/json")
    assert len(refused) == (1 + busy.RETRIES if connection.vendor == "sqlite" else 1)
    assert_busy(answer)
    assert Case.objects.count() == count


def test_a_write_refused_after_it_wrote_is_not_repeated(mx):
    """The audit event is written after the case: the request is not run a second time (the
    client decides), and the case it wrote went with the transaction."""
    count = Case.objects.count()
    with database_busy(table="audit_") as refused:
        answer = mx.post("/api/v1/cases/", CaseDataFactory(), content_type="application/json")
    assert len(refused) == 1
    assert_busy(answer)
    assert Case.objects.count() == count
    # once the lock is free the same request succeeds
    answer = mx.post("/api/v1/cases/", CaseDataFactory(), content_type="application/json")
    assert answer.status_code == 201


def test_a_busy_database_outside_the_view_is_a_503_too(mx, case):
    """The session is saved by a middleware after the view (SESSION_SAVE_EVERY_REQUEST)."""
    with database_busy(table="django_session"):
        answer = mx.get(f"/cases/{case.pk}/")
    assert_busy(answer)


def test_other_database_errors_stay_server_errors(mx, case):
    with database_busy(table="audit_", message="disk I/O error"):
        answer = mx.get(f"/api/v1/cases/{case.pk}/")
    assert answer.status_code == 500
    assert not answer.has_header("Retry-After")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database is locked", True),
        ("Database is locked", True),
        ("database table is locked: cases_case", True),
        ("no such table: cases_case", False),
        ("disk I/O error", False),
    ],
)
def test_busy_errors_are_told_apart(message, expected):
    assert busy.is_busy(OperationalError(message)) is expected
    assert busy.is_busy(ValueError(message)) is False
