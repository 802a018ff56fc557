"""National administrators manage only their country's users; the platform administrator
manages users but opens no content (see the access matrix)."""

import pytest

from enlace.accounts.models import User
from enlace.audit.models import Event
from enlace.core.models import Organization

pytestmark = pytest.mark.django_db


def new_user(organization_code, role="liaison", username="new-officer"):
    return {
        "username": username,
        "first_name": "Nueva",
        "last_name": "Oficial",
        "email": f"{username}@example.invalid",
        "role": role,
        "organization": Organization.objects.get(code=organization_code).pk,
        "preferred_language": "es",
        "is_active": "on",
        "password": "Una-Clave-Larga-2026",
    }


def test_national_admin_lists_only_her_countrys_users(users, login):
    response = login(users["cr_admin"]).get("/accounts/users/")
    names = {user.username for user in response.context["object_list"]}
    assert {"cr-liaison", "cr-admin", "cr-auditor"} <= names
    assert not names & {"mx-liaison", "st", "sysadmin"}


def test_national_admin_creates_a_user_of_her_country(users, login):
    response = login(users["cr_admin"]).post("/accounts/users/new/", new_user("CR-NLO"))
    assert response.status_code == 302
    created = User.objects.get(username="new-officer")
    assert created.country_id == "CR" and created.check_password("Una-Clave-Larga-2026")
    assert Event.objects.filter(action="accounts.user_create", owner_country="CR").exists()


def test_national_admin_cannot_create_users_elsewhere_or_above_her(users, login):
    client = login(users["cr_admin"])
    response = client.post("/accounts/users/new/", new_user("MX-NLO"))
    assert response.status_code == 400
    response = client.post("/accounts/users/new/", new_user("CR-NLO", role="sysadmin"))
    assert response.status_code == 400
    assert not User.objects.filter(username="new-officer").exists()


def test_national_admin_cannot_open_another_countrys_user(users, login):
    mx = users["mx_liaison"]
    assert login(users["cr_admin"]).get(f"/accounts/users/{mx.pk}/").status_code == 404


def test_sysadmin_manages_every_user(users, login):
    client = login(users["sysadmin"])
    response = client.post(
        "/accounts/users/new/", new_user("ST", role="secretariat", username="st2")
    )
    assert response.status_code == 302
    mx = users["mx_liaison"]
    response = client.post(
        f"/accounts/users/{mx.pk}/",
        {**new_user("MX-NLO", username="mx-liaison"), "password": "", "is_active": ""},
    )
    assert response.status_code == 302
    mx.refresh_from_db()
    assert not mx.is_active


def test_weak_passwords_are_refused_with_a_field_message(users, login):
    data = new_user("CR-NLO")
    data["password"] = "123"
    response = login(users["cr_admin"]).post("/accounts/users/new/", data)
    assert response.status_code == 400
    assert not User.objects.filter(username="new-officer").exists()


def test_role_must_fit_the_organization(users, login):
    response = login(users["sysadmin"]).post(
        "/accounts/users/new/", new_user("RROCM", role="liaison")
    )
    assert response.status_code == 400


def test_reset_authenticator(users, login):
    from enlace.accounts.tests.factories import totp_device

    totp_device(users["cr_liaison"])
    client = login(users["cr_admin"])
    response = client.post(f"/accounts/users/{users['cr_liaison'].pk}/reset-two-factor/")
    assert response.status_code == 302
    assert not users["cr_liaison"].totpdevice_set.exists()
