"""The statistics API: the same tables and rules as the dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enlace.statistics.services import data_call_open

from .helpers import contributes, victims

pytestmark = pytest.mark.django_db


def cells(table):
    return {(row, col): value for row, col, value in table["cells"]}


def test_tables_follow_the_viewers_scope(users, login, client):
    contributes("CR", "MX")
    victims("CR", 2)
    victims("MX", 4, sex="M")
    victims("MX", 30, per_case=10)
    officer = login(users["cr_liaison"])
    region = officer.get("/api/v1/statistics/tables/VIC_AGE_SEX/?period=2025").json()
    assert cells(region)[("18_29", "M")] is None
    assert cells(region)[("18_29", "__total__")] == 36
    own = officer.get("/api/v1/statistics/tables/VIC_AGE_SEX/?period=2025&scope=own").json()
    assert cells(own)[("18_29", "F")] == 2 and cells(own)[("__total__", "__total__")] == 2
    listing = login(users["st"]).get("/api/v1/statistics/tables/?period=2025").json()
    assert listing["k"] == 11 and listing["scope"] == "region"
    assert {table["code"] for table in listing["tables"]} >= {"RTE_FLOW", "VIC_NAT_SEX"}
    assert officer.get("/api/v1/statistics/tables/?period=2025-S7").status_code == 400
    assert officer.get("/api/v1/statistics/tables/NOPE/").status_code == 404
    assert login(users["civil_society"]).get("/api/v1/statistics/tables/").status_code == 403
    assert client.get("/api/v1/statistics/tables/").status_code in {401, 403}


def test_indicators_are_public(client):
    listing = client.get("/api/v1/statistics/indicators/").json()
    codes = {item["code"] for item in listing}
    assert {"VIC_AGE_SEX", "RTE_FLOW", "DOC_NATURE_TYPE"} <= codes
    one = client.get("/api/v1/statistics/indicators/VIC_EXP_SEX/").json()
    assert one["requestable"] and one["population"] == "victim" and one["name_es"]


def test_data_calls_over_the_api(users, login):
    st = login(users["st"])
    created = st.post(
        "/api/v1/statistics/data-calls/",
        {
            "title": "Cifras 2025-S2",
            "period": "2025-S2",
            "indicators": ["SUS_AGE_SEX"],
            "deadline": (timezone.localdate() + timedelta(days=9)).isoformat(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    call_id = created.json()["id"]
    data_call_open(
        actor=users["st"],
        title="Otra",
        period="2025",
        indicators=["CAS_EXP_TYPE"],
        deadline=timezone.localdate(),
    )
    officer = login(users["cr_liaison"])
    calls = officer.get("/api/v1/statistics/data-calls/").json()["results"]
    assert {call["my_status"] for call in calls} == {"pending"}
    submitted = officer.post(
        f"/api/v1/statistics/data-calls/{call_id}/submission/",
        {"tables": {"SUS_AGE_SEX": {"30_49": {"M": 4}}}},
        content_type="application/json",
    )
    assert submitted.status_code == 201, submitted.json()
    mine = officer.get(f"/api/v1/statistics/data-calls/{call_id}/").json()
    assert mine["my_status"] == "on_time"
    assert st.post(f"/api/v1/statistics/data-calls/{call_id}/close/").json()["status"] == "closed"
    closed = officer.post(
        f"/api/v1/statistics/data-calls/{call_id}/submission/",
        {"tables": {"SUS_AGE_SEX": []}},
        content_type="application/json",
    )
    assert closed.status_code == 400
    assert officer.post(f"/api/v1/statistics/data-calls/{call_id}/close/").status_code == 403
    assert login(users["observer"]).get("/api/v1/statistics/data-calls/").status_code == 403
