"""The audit trail's FilterSets: they only narrow the auditor's scope, mean what they say,
and refuse wrong values with a translated error (API 400, page form error)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from enlace.audit.filters import EventApiFilterSet, EventFilterSet
from enlace.audit.selectors import event_list
from enlace.audit.services import record_event
from enlace.core.tests.filtering import FILTER_PROPERTY, check_filterset

pytestmark = pytest.mark.django_db

ACTIONS = ["cases.create", "cases.read", "screening.check", "directory.export", "auth.login"]
TYPES = ["cases.case", "screening.watchlistentry", ""]


@pytest.fixture
def trail(users):
    rng = random.Random(9)
    for _ in range(30):
        actor = users[rng.choice(["cr_liaison", "mx_liaison", "st"])]
        record_event(
            actor=actor,
            action=rng.choice(ACTIONS),
            object_type=rng.choice(TYPES),
            object_id=rng.randint(1, 5),
            owner_country=rng.choice(["CR", "MX", ""]),
        )
    return users


def _keep(event, cleaned: dict) -> bool:
    day = timezone.localtime(event.created_at).date()
    tests = {
        "action": lambda v: event.action.startswith(v),
        "username": lambda v: event.actor_username.lower() == v.lower(),
        "object_type": lambda v: event.object_type == v,
        "date_from": lambda v: day >= v,
        "date_to": lambda v: day <= v,
    }
    return all(tests[key](value) for key, value in cleaned.items())


def _keep_api(event, cleaned: dict) -> bool:
    return all(getattr(event, key) == value for key, value in cleaned.items())


def _days():
    today = timezone.localdate()
    return st.sampled_from([today - timedelta(days=1), today, today + timedelta(days=1)]).map(
        lambda day: day.isoformat()
    )


PAGE_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "action": st.sampled_from(["cases.", "cases.create", "screening", "auth.login", "zzz"]),
        "username": st.sampled_from(["cr-liaison", "MX-LIAISON", "st", "nobody"]),
        "object_type": st.sampled_from(TYPES),
        "date_from": _days(),
        "date_to": _days(),
    },
)
API_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "action": st.sampled_from([*ACTIONS, "cases."]),
        "object_type": st.sampled_from(TYPES),
        "country": st.sampled_from(["CR", "MX", ""]),
    },
)


@pytest.mark.parametrize("auditor", ["cr_auditor", "regional_auditor"])
def test_event_filters(trail, auditor):
    scoped = event_list(actor=trail[auditor])
    assert scoped.exists()

    @FILTER_PROPERTY
    @given(page=PAGE_PARAMS, api=API_PARAMS)
    def check(page, api):
        check_filterset(EventFilterSet, scoped, page, _keep)
        check_filterset(EventApiFilterSet, scoped, api, _keep_api)

    check()


def test_a_wrong_date_is_a_form_error_not_a_crash(trail, login):
    client = login(trail["regional_auditor"])
    response = client.get("/audit/", {"date_from": "31/31/2025"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert "Introduzca una fecha válida" in " ".join(
        response.context["filter_form"].errors["date_from"]
    )
    assert "invalid-feedback" in response.content.decode()
    export = client.get("/audit/", {"date_from": "31/31/2025", "format": "csv"})
    assert export.status_code == 200  # an invalid filter narrows nothing, as on the page
