from datetime import date

import pytest

from enlace.audit.models import Event
from enlace.core.models import ProTemporePresidency

pytestmark = pytest.mark.django_db


def test_the_secretariat_records_presidencies_without_overlap(users, login):
    client = login(users["st"])
    response = client.post(
        "/presidency/", {"country": "PA", "start_date": "2026-01-01", "end_date": "2026-12-31"}
    )
    assert response.status_code == 302
    assert ProTemporePresidency.current(on=date(2026, 6, 1)).country_id == "PA"
    assert ProTemporePresidency.current(on=date(2027, 1, 2)) is None
    overlapping = client.post(
        "/presidency/", {"country": "HN", "start_date": "2026-12-01", "end_date": ""}
    )
    assert overlapping.status_code == 400
    assert "Panamá" in overlapping.content.decode()
    assert ProTemporePresidency.objects.count() == 1
    assert Event.objects.filter(action="core.presidency_assign").count() == 1


def test_only_member_states_hold_it(users, login):
    response = login(users["st"]).post(
        "/presidency/", {"country": "FR", "start_date": "2027-01-01"}
    )
    assert response.status_code == 400
    assert not ProTemporePresidency.objects.exists()
