"""The meeting and task FilterSets: they only narrow what the role may read, mean what
they say, and a wrong value is a translated form error, never a 500."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enlace.core.models import Country
from enlace.core.tests.filtering import FILTER_PROPERTY, check_filterset, contains
from enlace.meetings import selectors
from enlace.meetings.filters import MeetingFilterSet, TaskFilterSet
from enlace.meetings.models import Agreement, FollowUpTask, Meeting

pytestmark = pytest.mark.django_db

COUNTRIES = ["CR", "MX", "GT", "HN"]
KINDS = ["network", "grcm", "workshop", "other"]
STATUSES = ["open", "in_progress", "done", "cancelled"]


@pytest.fixture
def minutes(users):
    rng = random.Random(2)
    countries = {code: Country.objects.get(iso2=code) for code in COUNTRIES}
    for _ in range(12):
        start = date(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
        meeting = Meeting.objects.create(
            kind=rng.choice(KINDS),
            title=rng.choice(["Reunión de oficiales", "Taller regional"]),
            start_date=start,
            end_date=start,
            city=rng.choice(["San José", "Tegucigalpa", ""]),
            country=countries[rng.choice(COUNTRIES)],
            status=rng.choice(["draft", "reviewed", "reviewed"]),
        )
        meeting.participants.set(rng.sample(list(countries.values()), rng.randint(0, 3)))
        for position in range(rng.randint(0, 2)):
            agreement = Agreement.objects.create(
                meeting=meeting,
                number=str(position + 1),
                position=position,
                text=rng.choice(["Compartir estadísticas", "Capacitar en trata", "Protocolo"]),
            )
            task = FollowUpTask.objects.create(
                agreement=agreement,
                title="Seguimiento",
                status=rng.choice(STATUSES),
                due_date=date.today() + timedelta(days=rng.randint(-60, 60)),
            )
            task.owner_countries.set(rng.sample(list(countries.values()), rng.randint(0, 2)))
    return users


def _keep_meeting(meeting, cleaned: dict) -> bool:
    texts = [meeting.title, meeting.city, *(a.text for a in meeting.agreements.all())]
    tests = {
        "kind": lambda v: meeting.kind == v,
        "year": lambda v: meeting.start_date.year == v,
        "country": lambda v: meeting.country_id == v.iso2 or v in meeting.participants.all(),
        "search": lambda v: any(contains(text, v) for text in texts),
    }
    return all(tests[key](value) for key, value in cleaned.items())


def _keep_task(task, cleaned: dict) -> bool:
    tests = {
        "country": lambda v: v in task.owner_countries.all(),
        "status": lambda v: task.status == v,
        "overdue": lambda v: (
            not v or (task.status in ("open", "in_progress") and task.due_date < date.today())
        ),
    }
    return all(tests[key](value) for key, value in cleaned.items())


MEETING_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["", *KINDS]),
        "year": st.sampled_from(["2023", "2024", "2025", ""]),
        "country": st.sampled_from(["CR", "mx", "GT"]),
        "search": st.sampled_from(["reunión", "TALLER", "san", "trata", "zzz"]),
    },
)
TASK_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "country": st.sampled_from(COUNTRIES),
        "status": st.sampled_from(["", *STATUSES]),
        "overdue": st.sampled_from(["", "on", "1"]),
    },
)


@pytest.mark.parametrize("reader", ["cr_liaison", "st"])
def test_meeting_and_task_filters(minutes, reader):
    meetings = selectors.meeting_list(actor=minutes[reader])
    tasks = selectors.task_list(actor=minutes[reader])

    @FILTER_PROPERTY
    @given(meeting_params=MEETING_PARAMS, task_params=TASK_PARAMS)
    def check(meeting_params, task_params):
        check_filterset(MeetingFilterSet, meetings, meeting_params, _keep_meeting)
        check_filterset(TaskFilterSet, tasks, task_params, _keep_task)

    check()


def test_civil_society_reads_no_meetings_whatever_the_filters(minutes):
    scoped = selectors.meeting_list(actor=minutes["civil_society"])
    assert not MeetingFilterSet({"kind": "network"}, queryset=scoped).qs.exists()


def test_a_wrong_value_is_a_translated_form_error(minutes, login):
    client = login(minutes["cr_liaison"])
    page = client.get("/meetings/", {"year": "1066"}, HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert "1990" in " ".join(page.context["filter_form"].errors["year"])
    page = client.get("/meetings/tasks/", {"status": "lost"}, HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert "Escoja una opción válida" in " ".join(page.context["filter_form"].errors["status"])
    assert "invalid-feedback" in page.content.decode()
