"""Who may write which entries, optimistic locking, confirmation, the audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.access.services import StaleVersionError
from enlace.audit.models import Event
from enlace.core.models import Organization
from enlace.directory import services
from enlace.directory.models import Competency, Contact, Service
from enlace.directory.tests.conftest import contact_data, service_data

pytestmark = pytest.mark.django_db


def _with_organization(data: dict) -> dict:
    data["organization"] = Organization.objects.get(code=data["organization"])
    return data


def test_create_normalizes_phones_languages_and_roles(users):
    contact = services.contact_create(
        actor=users["cr_liaison"],
        data=_with_organization(
            contact_data(
                phones=["2212 3457", "+506 2212 3456", "22123457"],
                languages=["ES", "en", "es"],
                network_roles=["repatriation_liaison", "liaison_officer"],
            )
        ),
    )
    # a national number is read in the contact's country; duplicates go
    assert contact.phones == ["+50622123457", "+50622123456"]
    assert contact.languages == ["es", "en"]
    assert contact.network_roles == ["liaison_officer", "repatriation_liaison"]
    assert contact.last_confirmed == date.today() and contact.version == 1
    assert contact.created_by == users["cr_liaison"]


def test_a_phone_that_does_not_exist_is_refused_on_its_field(users):
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            actor=users["cr_liaison"], data=_with_organization(contact_data(phones=["+506 1"]))
        )
    assert list(error.value.message_dict) == ["phones"]
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("actor", "country", "allowed"),
    [
        ("cr_liaison", "CR", True),
        ("cr_admin", "CR", True),
        ("st", "MX", True),
        ("cr_liaison", "MX", False),
        ("cr_admin", "MX", False),
        ("observer", "CR", False),
        ("civil_society", "CR", False),
        ("cr_auditor", "CR", False),
        ("sysadmin", "CR", False),
    ],
)
def test_who_may_create_a_contact(users, actor, country, allowed):
    data = _with_organization(
        contact_data(country=country, organization=f"{country}-NLO", phones=[])
    )
    if allowed:
        assert services.contact_create(actor=users[actor], data=data).country_id == country
    else:
        with pytest.raises(PermissionDenied):
            services.contact_create(actor=users[actor], data=data)
        assert not Contact.objects.exists()


def test_a_cr_liaison_cannot_edit_a_mexican_contact_nor_move_hers_to_mexico(
    users, cr_contact, mx_contact
):
    with pytest.raises(PermissionDenied):
        services.contact_update(
            actor=users["cr_liaison"],
            contact=mx_contact,
            data={"position": "Otro"},
            expected_version=1,
        )
    with pytest.raises(PermissionDenied):
        services.contact_update(
            actor=users["cr_liaison"],
            contact=cr_contact,
            data={"country": "MX"},
            expected_version=1,
        )
    with pytest.raises(PermissionDenied):
        services.contact_delete(actor=users["cr_liaison"], contact=mx_contact, expected_version=1)
    mx_contact.refresh_from_db()
    cr_contact.refresh_from_db()
    assert mx_contact.position == "Jefa de la Unidad contra la Trata" and mx_contact.version == 1
    assert cr_contact.country_id == "CR" and cr_contact.version == 1


def test_update_bumps_the_version_confirms_and_is_audited(users, cr_contact):
    Contact.objects.filter(pk=cr_contact.pk).update(last_confirmed=date(2020, 1, 1))
    cr_contact.refresh_from_db()
    updated = services.contact_update(
        actor=users["cr_admin"],
        contact=cr_contact,
        data={"position": "Directora", "email": "a@example.org"},
        expected_version=1,
    )
    assert updated.version == 2 and updated.last_confirmed == date.today()
    stored = Contact.objects.get(pk=cr_contact.pk)
    assert stored.position == "Directora" and stored.version == 2
    event = Event.objects.filter(action="directory.contact_update").get()
    assert event.owner_country == "CR" and event.actor_username == users["cr_admin"].username
    assert "position" in event.summary and "email" in event.summary


def test_a_stale_edit_is_refused_not_merged(users, cr_contact):
    first = Contact.objects.get(pk=cr_contact.pk)
    second = Contact.objects.get(pk=cr_contact.pk)  # two editors opened version 1
    services.contact_update(
        actor=users["cr_liaison"], contact=first, data={"position": "Primera"}, expected_version=1
    )
    with pytest.raises(StaleVersionError):
        services.contact_update(
            actor=users["cr_admin"],
            contact=second,
            data={"position": "Segunda"},
            expected_version=1,
        )
    stored = Contact.objects.get(pk=cr_contact.pk)
    assert stored.position == "Primera" and stored.version == 2
    assert Event.objects.filter(action="directory.contact_update").count() == 1


def test_a_stale_delete_is_refused(users, cr_contact):
    services.contact_update(
        actor=users["cr_liaison"], contact=cr_contact, data={"notes": "x"}, expected_version=1
    )
    with pytest.raises(StaleVersionError):
        services.contact_delete(actor=users["cr_liaison"], contact=cr_contact, expected_version=1)
    assert Contact.objects.filter(pk=cr_contact.pk).exists()
    services.contact_delete(actor=users["cr_liaison"], contact=cr_contact, expected_version=2)
    assert not Contact.objects.exists()
    assert Event.objects.filter(action="directory.contact_delete", owner_country="CR").exists()


def test_confirm_sets_today_keeps_the_version_and_refuses_a_stale_copy(users, cr_contact):
    Contact.objects.filter(pk=cr_contact.pk).update(
        last_confirmed=date(2020, 1, 1), last_reminded=date(2020, 6, 1)
    )
    services.contact_confirm(users["cr_liaison"], cr_contact)
    stored = Contact.objects.get(pk=cr_contact.pk)
    assert stored.last_confirmed == date.today() and stored.version == 1
    assert stored.last_reminded is None and not stored.to_confirm
    services.contact_update(
        actor=users["st"], contact=stored, data={"notes": "nuevo"}, expected_version=1
    )
    with pytest.raises(StaleVersionError):
        services.contact_confirm(users["cr_liaison"], cr_contact, expected_version=1)
    assert Event.objects.filter(action="directory.contact_confirm").count() == 1


def test_who_may_confirm_a_contact(users, cr_contact):
    for key in ("mx_liaison", "observer", "civil_society", "sysadmin"):
        with pytest.raises(PermissionDenied):
            services.contact_confirm(users[key], cr_contact)
    # the person herself, when the entry is linked to her account, whatever her role
    Contact.objects.filter(pk=cr_contact.pk).update(
        user=users["observer"], organization=Organization.objects.get(code="IOM")
    )
    cr_contact.refresh_from_db()
    services.contact_confirm(users["observer"], cr_contact)


def test_a_user_of_another_country_cannot_be_linked(users):
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            actor=users["st"], data=_with_organization(contact_data(user=users["mx_liaison"]))
        )
    assert "user" in error.value.message_dict


def test_services_for_victims_follow_the_same_rules(users):
    with pytest.raises(PermissionDenied):
        services.service_create(actor=users["mx_liaison"], data=service_data())
    with pytest.raises(PermissionDenied):
        services.service_create(actor=users["civil_society"], data=service_data())
    service = services.service_create(
        actor=users["cr_liaison"], data=service_data(phone="2212 3456")
    )
    assert service.phone == "+50622123456"
    with pytest.raises(PermissionDenied):
        services.service_update(
            actor=users["mx_admin"], service=service, data={"name": "x"}, expected_version=1
        )
    services.service_update(
        actor=users["cr_admin"], service=service, data={"capacity": None}, expected_version=1
    )
    service.refresh_from_db()
    assert service.capacity is None and service.capacity_unit == "" and service.version == 2
    with pytest.raises(StaleVersionError):
        services.service_update(
            actor=users["st"], service=Service.objects.get(), data={"name": "y"}, expected_version=1
        )
    services.service_confirm(users["st"], service, expected_version=2)
    services.service_delete(actor=users["st"], service=service, expected_version=2)
    actions = set(Event.objects.values_list("action", flat=True))
    assert {
        "directory.service_create",
        "directory.service_update",
        "directory.service_confirm",
        "directory.service_delete",
    } <= actions


def test_a_capacity_needs_its_unit(users):
    with pytest.raises(ValidationError) as error:
        services.service_create(actor=users["st"], data=service_data(capacity_unit=""))
    assert "capacity_unit" in error.value.message_dict


def test_competencies_are_unique_per_institution_and_owned_by_their_country(users, make_competency):
    entry = make_competency()
    with pytest.raises(ValidationError):
        make_competency()
    with pytest.raises(PermissionDenied):
        services.competency_update(
            actor=users["mx_liaison"], competency=entry, data={"note": "x"}, expected_version=1
        )
    with pytest.raises(ValidationError) as error:  # extra-regional countries have no row
        services.competency_create(
            actor=users["st"],
            data={"country": "CO", "institution": "Fiscalía", "competency": "prosecution"},
        )
    assert "country" in error.value.message_dict
    updated = services.competency_update(
        actor=users["cr_liaison"],
        competency=entry,
        data={"note": "Ley 9095, artículo 5"},
        expected_version=1,
    )
    assert updated.version == 2
    with pytest.raises(StaleVersionError):
        services.competency_delete(actor=users["cr_liaison"], competency=entry, expected_version=1)
    services.competency_delete(actor=users["cr_liaison"], competency=entry, expected_version=2)
    assert not Competency.objects.exists()


def test_confirming_a_competency(users, make_competency):
    entry = make_competency()
    Competency.objects.filter(pk=entry.pk).update(last_confirmed=date.today() - timedelta(days=365))
    entry.refresh_from_db()
    assert entry.to_confirm
    services.competency_confirm(users["cr_admin"], entry)
    entry.refresh_from_db()
    assert not entry.to_confirm


def test_create_normalizes_the_email_domain(users):
    contact = services.contact_create(
        actor=users["cr_liaison"],
        data=_with_organization(contact_data(email="  Ana.Rojas@Migracion.GO.CR ")),
    )
    assert contact.email == "Ana.Rojas@migracion.go.cr"
