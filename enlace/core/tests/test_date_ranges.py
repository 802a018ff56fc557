"""Dates are accepted only in a sensible range, everywhere a date is typed or sent: events,
deadlines and validity from 1900-01-01 to a few years ahead, birth dates and days already
passed up to today. A year-340 date identified once gave a malformed case reference. The
refusal is translated and names the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.cases.serializers import CaseSerializer
from enlace.cases.tests.factories import CaseDataFactory, PersonDataFactory
from enlace.core.validators import EARLIEST_DATE, event_date, latest_event_date, past_date
from enlace.screening.validation import InvalidValue, entry_errors, parse_date

DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def in_event_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= latest_event_date()


def in_past_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= timezone.localdate()


@given(DATES)
def test_the_validators_accept_exactly_their_range(day):
    for validator, accepted in ((event_date("X"), in_event_range), (past_date("X"), in_past_range)):
        if accepted(day):
            validator(day)
        else:
            with pytest.raises(ValidationError) as refused:
                validator(day)
            assert day.isoformat() in refused.value.messages[0]


@given(st.dates(max_value=date(1899, 12, 31)) | st.dates(min_value=date(2100, 1, 1)))
def test_the_refusal_names_the_field_in_the_users_language(day):
    for language, label in (("es", "Fecha de nacimiento"), ("en", "Birth date")):
        with translation.override(language):
            with pytest.raises(ValidationError) as refused:
                past_date(translation.gettext_lazy("Birth date"))(day)
            assert refused.value.messages[0].startswith(label)


def _case_errors(data, users) -> dict:
    serializer = CaseSerializer(data=data, context={"actor": users["mx_liaison"]})
    serializer.is_valid()
    return serializer.errors


@DB_SETTINGS
@given(DATES)
def test_a_case_is_identified_between_1900_and_today(users, day):
    errors = _case_errors(
        CaseDataFactory(date_identified=day.isoformat(), date_reported=None), users
    )
    assert ("date_identified" in errors) == (not in_past_range(day))


@DB_SETTINGS
@given(DATES)
def test_a_persons_birth_date_is_not_in_the_future_nor_before_1900(users, day):
    person = PersonDataFactory(age=None, birth_date=day.isoformat())
    errors = _case_errors(CaseDataFactory(persons=[person]), users)
    refused = "persons" in errors and "birth_date" in errors["persons"][0]
    assert refused == (not in_past_range(day))


@DB_SETTINGS
@given(DATES)
def test_justice_and_route_dates_stay_within_the_event_range(users, day):
    data = CaseDataFactory(justice=[{"stage": "arrest", "date": day.isoformat()}])
    data["route"][0]["date"] = day.isoformat()
    errors = _case_errors(data, users)
    assert ("justice" in errors) == (not in_event_range(day))
    assert ("route" in errors) == (not in_event_range(day))


@given(DATES)
def test_imported_watchlist_and_manifest_dates_stay_within_the_event_range(day):
    if in_event_range(day):
        assert parse_date(day.isoformat()) == day
    else:
        with pytest.raises(InvalidValue):
            parse_date(day.isoformat())


@pytest.mark.django_db
@DB_SETTINGS
@given(DATES, DATES)
def test_watchlist_entry_dates_are_checked_by_range(valid_until, birth):
    errors = entry_errors(
        {
            "given_names": "Ana",
            "category": "child_sexual_exploitation",
            "legal_basis": "Sentencia",
            "valid_until": valid_until,
            "birth_date": birth,
            "audience": "national",
        },
        creating=False,
    )
    assert ("valid_until" in errors) == (not in_event_range(valid_until))
    assert ("birth_date" in errors) == (not in_past_range(birth))


def test_the_case_api_refuses_a_year_340_date_naming_the_field(users, login):
    client = login(users["mx_liaison"])
    response = client.post(
        "/api/v1/cases/",
        CaseDataFactory(date_identified="0340-05-01", date_reported=None),
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["date_identified"][0]
    assert "0340-05-01" in message and "1900-01-01" in message


@pytest.mark.parametrize(
    ("form_path", "field", "extra"),
    [
        ("enlace.statistics.forms:DataCallForm", "deadline", {}),
        ("enlace.meetings.forms:TaskForm", "due_date", {}),
        ("enlace.screening.forms:CheckForm", "birth_date", {}),
        ("enlace.meetings.forms:MeetingForm", "start_date", {}),
        ("enlace.meetings.forms:TrainingEventForm", "evaluation_due", {}),
        ("enlace.meetings.forms:CampaignForm", "end_date", {}),
        ("enlace.core.forms:PresidencyForm", "start_date", {}),
        ("enlace.workplan.forms:MarkDoneForm", "done_on", {}),
    ],
)
def test_forms_refuse_dates_out_of_range(db, form_path, field, extra):
    import importlib

    module, name = form_path.split(":")
    form_class = getattr(importlib.import_module(module), name)
    form = form_class(data={field: "0340-05-01", **extra})
    form.is_valid()
    assert field in form.errors
    assert "0340-05-01" in form.errors[field][0]
