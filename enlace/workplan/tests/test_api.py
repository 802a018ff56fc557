"""/api/v1/workplan/: the same readers as the pages, the plan as JSON with its flags."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from enlace.workplan.selectors import version_as_json


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_versions_and_a_version_as_json(users, plan):
    client = client_for(users["observer"])
    listing = client.get("/api/v1/workplan/")
    assert listing.status_code == 200
    rows = listing.json()["results"] if isinstance(listing.json(), dict) else listing.json()
    assert [row["number"] for row in rows] == [1]
    assert rows[0]["updated_on"] == "2009-11-26"
    detail = client.get("/api/v1/workplan/1/").json()
    assert detail["plan"]["areas"] == version_as_json(plan)["areas"]
    assert len(detail["plan"]["history"]) == 19
    assert {"objective": "B", "code": "7", "flags": ["no_activity"]} in detail["flags"]
    assert client.get("/api/v1/workplan/2/").status_code == 404


@pytest.mark.parametrize("role", ["civil_society", "cr_auditor", "sysadmin"])
def test_the_api_is_internal_too(users, plan, role):
    assert client_for(users[role]).get("/api/v1/workplan/").status_code == 403
    assert client_for(users[role]).get("/api/v1/workplan/1/").status_code == 403
