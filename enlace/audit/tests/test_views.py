import csv
import io

import pytest

from enlace.audit.models import Event
from enlace.audit.services import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(users):
    record_event(
        actor=users["cr_liaison"],
        action="case.read",
        object_type="case",
        object_id="CR-2025-00001",
        owner_country="CR",
    )
    record_event(
        actor=users["mx_liaison"],
        action="case.read",
        object_type="case",
        object_id="CR-2025-00001",
        owner_country="CR",
        summary="MX read a CR case",
    )
    record_event(
        actor=users["mx_liaison"],
        action="case.read",
        object_type="case",
        object_id="MX-2025-00009",
        owner_country="MX",
    )
    record_event(actor=users["st"], action="meeting.update", object_type="meeting", object_id="3")


def test_country_auditor_sees_her_scope_only(trail, users, login):
    response = login(users["cr_auditor"]).get("/audit/")
    assert response.status_code == 200
    ids = [event.object_id for event in response.context["object_list"]]
    assert ids.count("CR-2025-00001") == 2  # includes Mexico's read of the CR record
    assert "MX-2025-00009" not in ids and "3" not in ids


def test_regional_auditor_sees_everything(trail, users, login):
    response = login(users["regional_auditor"]).get("/audit/")
    ids = [event.object_id for event in response.context["object_list"]]
    assert {"CR-2025-00001", "MX-2025-00009", "3"} <= set(ids)


def test_filters(trail, users, login):
    client = login(users["regional_auditor"])
    response = client.get("/audit/", {"username": "mx-liaison", "action": "case."})
    assert {event.object_id for event in response.context["object_list"]} == {
        "CR-2025-00001",
        "MX-2025-00009",
    }


def test_csv_export_is_the_filtered_scope_and_is_audited(trail, users, login):
    response = login(users["cr_auditor"]).get("/audit/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    reads = {row["object_id"] for row in rows if row["action"] == "case.read"}
    assert reads == {"CR-2025-00001"}  # not Mexico's own record
    assert {row["country"] for row in rows} <= {"CR", "MX"}
    assert all(row["hash"] and row["sequence"] for row in rows)
    assert Event.objects.filter(action="audit.export", actor_username="cr-auditor").exists()


@pytest.mark.parametrize("user_key", ["cr_liaison", "st", "sysadmin", "civil_society"])
def test_other_roles_cannot_open_the_trail(users, login, user_key):
    client = login(users[user_key])
    assert client.get("/audit/").status_code == 403
    assert client.get("/api/v1/audit/events/").status_code == 403


def test_audit_api_for_auditors(trail, users, login):
    response = login(users["cr_auditor"]).get("/api/v1/audit/events/")
    assert response.status_code == 200
    reads = {row["object_id"] for row in response.json()["results"] if row["action"] == "case.read"}
    assert reads == {"CR-2025-00001"}


def test_the_csv_export_is_inert(users, login):
    """Summaries and object ids carry text people typed (a search, a file name): none of it
    runs as a formula in the auditor's spreadsheet."""
    from enlace.core.tests.injection import HOSTILE, assert_csv_inert

    for payload in HOSTILE:
        record_event(
            actor=users["cr_liaison"],
            action="case.read",
            object_type="case",
            object_id=payload,
            owner_country="CR",
            summary=payload,
        )
    response = login(users["regional_auditor"]).get("/audit/", {"format": "csv"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert_csv_inert(b"".join(response.streaming_content))
