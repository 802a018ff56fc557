"""/api/v1/contacts/ and /api/v1/services/: read-only, same roles and filters as the pages."""

from datetime import date

import pytest

from enlace.directory.models import Contact

pytestmark = pytest.mark.django_db


def test_contacts_for_the_network_roles(users, login, cr_contact, mx_contact):
    for key in ("cr_liaison", "mx_admin", "st", "observer"):
        page = login(users[key]).get("/api/v1/contacts/").json()
        assert page["count"] == 2, key
    for key in ("civil_society", "cr_auditor", "sysadmin"):
        assert login(users[key]).get("/api/v1/contacts/").status_code == 403, key
    detail = login(users["observer"]).get(f"/api/v1/contacts/{cr_contact.pk}/").json()
    assert detail["full_name"] == "Ana Solano Mora" and detail["country"] == "CR"
    assert detail["phones"] == ["+50622123456", "+50622123457"]
    assert detail["network_roles"] == ["liaison_officer", "repatriation_liaison"]
    assert detail["organization"] == "CR-NLO" and detail["to_confirm"] is False
    assert detail["has_account"] is False and detail["version"] == 1


def test_contacts_are_read_only(users, login, cr_contact):
    client = login(users["st"])
    assert client.post("/api/v1/contacts/", {"given_names": "X"}).status_code == 405
    assert client.delete(f"/api/v1/contacts/{cr_contact.pk}/").status_code == 405
    assert Contact.objects.count() == 1


def test_contact_filters(users, login, cr_contact, mx_contact):
    client = login(users["cr_liaison"])

    def ids(**params):
        return {row["id"] for row in client.get("/api/v1/contacts/", params).json()["results"]}

    assert ids(country="mx") == {mx_contact.pk}
    assert ids(network_role="repatriation_liaison") == {cr_contact.pk}
    assert ids(search="HERNANDEZ") == {mx_contact.pk}
    assert ids(language="en") == {cr_contact.pk}
    Contact.objects.filter(pk=mx_contact.pk).update(last_confirmed=date(2020, 1, 1))
    assert ids(to_confirm="true") == {mx_contact.pk}
    assert ids() == {cr_contact.pk, mx_contact.pk}


def test_services_for_civil_society_too_without_confidential_addresses(users, login, make_service):
    shelter = make_service(address_confidential=True)
    clinic = make_service(name="Clínica", kind="health", address="Avenida 1")
    public = login(users["civil_society"]).get("/api/v1/services/").json()
    rows = {row["id"]: row for row in public["results"]}
    assert set(rows) == {shelter.pk, clinic.pk}
    assert rows[shelter.pk]["address"] is None and rows[shelter.pk]["address_confidential"]
    assert rows[clinic.pk]["address"] == "Avenida 1"
    network = login(users["mx_liaison"]).get(f"/api/v1/services/{shelter.pk}/").json()
    assert network["address"] == "Calle 5, avenida 3"
    assert (
        login(users["civil_society"]).get("/api/v1/services/", {"kind": "health"}).json()["count"]
        == 1
    )
    assert login(users["sysadmin"]).get("/api/v1/services/").status_code == 403
    assert login(users["civil_society"]).get("/api/v1/services/999999/").status_code == 404
