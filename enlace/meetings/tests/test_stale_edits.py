"""A stale edit of a meeting, its agreements or a task is refused with the one stale message
(the one `StaleVersionError` carries) and 409, like every other page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from enlace.access.services import StaleVersionError
from enlace.core.models import Country
from enlace.meetings.services import meeting_import, task_create
from enlace.meetings.tests.test_meetings import TEGUCIGALPA

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(users):
    _report, meeting = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    return meeting


def stale_message(response) -> str:
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return str(StaleVersionError().messages[0])


def assert_refused_as_stale(response, form):
    assert response.status_code == 409
    errors = form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["stale"]
    message = stale_message(response)
    assert [str(text) for text in form.non_field_errors()] == [message]
    assert escape(message) in response.content.decode()


def test_a_stale_edit_of_the_agreements_answers_with_the_stale_message(users, login, meeting):
    client = login(users["st"])
    url = reverse("meetings:meeting_update", args=[meeting.pk])
    seen = meeting.version
    assert (
        client.post(url, {"agreements": "1", "version": seen, "text": "1. Primero"}).status_code
        == 302
    )
    stale = client.post(url, {"agreements": "1", "version": seen, "text": "1. Otro"})
    assert_refused_as_stale(stale, stale.context["agreements_form"])
    assert not stale.context["agreements_form"].has_error("text")
    assert [a.text for a in meeting.agreements.all()] == ["Primero"]


def test_a_stale_edit_of_the_meeting_answers_with_the_stale_message(users, login, meeting):
    client = login(users["st"])
    url = reverse("meetings:meeting_update", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name not in {"participants", "organizations"} and value is not None
    }
    data.update(
        version=meeting.version,
        start_date=meeting.start_date.isoformat(),
        end_date=meeting.end_date.isoformat(),
        country=meeting.country_id or "",
        participants=[country.pk for country in meeting.participants.all()],
        organizations=[org.pk for org in meeting.organizations.all()],
    )
    assert client.post(url, {**data, "title": "Primera"}).status_code == 302
    stale = client.post(url, {**data, "title": "Segunda"})
    assert_refused_as_stale(stale, stale.context["form"])
    meeting.refresh_from_db()
    assert meeting.title == "Primera"


def test_a_stale_review_is_refused_with_the_stale_message(users, login, meeting):
    client = login(users["st"])
    url = reverse("meetings:meeting_review", args=[meeting.pk])
    assert client.post(url, {"version": meeting.version}).status_code == 302
    refused = client.post(url, {"version": meeting.version}, follow=True)
    assert escape(stale_message(refused)) in refused.content.decode()


def test_a_stale_task_update_answers_with_the_stale_message(users, login, meeting):
    task = task_create(
        actor=users["st"],
        agreement=meeting.agreements.first(),
        title="Informe",
        due_date=date.today() + timedelta(days=5),
        countries=[Country.objects.get(iso2="CR")],
    )
    client = login(users["cr_liaison"])
    url = reverse("meetings:task_detail", args=[task.pk])
    assert client.post(url, {"status": "done", "version": task.version}).status_code == 302
    stale = client.post(url, {"status": "open", "version": task.version})
    assert_refused_as_stale(stale, stale.context["form"])
