import pytest

from enlace.access.models import LawProfile
from enlace.audit.models import Event

pytestmark = pytest.mark.django_db


def form_data(version, **overrides):
    data = {
        "version": version,
        "share_names": "",
        "share_birth_dates": "on",
        "contributes_to_regional_statistics": "on",
        "legal_basis": "Ley 9095",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_national_admin_edits_her_countrys_profile(users, login):
    client = login(users["cr_admin"])
    assert client.get("/access/law-profile/").status_code == 200
    response = client.post("/access/law-profile/", form_data(1))
    assert response.status_code == 302
    profile = LawProfile.objects.get(country_id="CR")
    assert profile.share_birth_dates and not profile.share_names
    assert profile.version == 2 and profile.legal_basis == "Ley 9095"
    event = Event.objects.get(action="access.law_profile_update")
    assert event.owner_country == "CR" and "share_birth_dates" in event.summary


def test_a_stale_edit_is_refused_with_a_message(users, login):
    client = login(users["cr_admin"])
    client.post("/access/law-profile/", form_data(1))
    response = client.post("/access/law-profile/", form_data(1, share_names="on"))
    assert response.status_code == 409
    assert not LawProfile.objects.get(country_id="CR").share_names
    assert "Recargue" in response.content.decode() or "Reload" in response.content.decode()


@pytest.mark.parametrize("user_key", ["cr_liaison", "st", "sysadmin", "cr_auditor"])
def test_only_national_admins_open_it(users, login, user_key):
    assert login(users[user_key]).get("/access/law-profile/").status_code == 403


def test_each_admin_edits_only_her_own_country(users, login):
    login(users["mx_admin"]).post("/access/law-profile/", form_data(1, share_names="on"))
    assert LawProfile.objects.get(country_id="MX").share_names
    assert not LawProfile.objects.filter(country_id="CR", share_names=True).exists()
