"""The "to confirm" flag, validation of what an entry stores, accent-blind search keys."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from enlace.core.models import Organization
from enlace.directory.models import Contact, confirmation_cutoff
from enlace.directory.selectors import contacts_to_confirm

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 1)


def test_an_entry_is_to_confirm_after_180_days(cr_contact):
    cr_contact.last_confirmed = TODAY - timedelta(days=180)
    assert not cr_contact.to_confirm_on(TODAY)
    cr_contact.last_confirmed = TODAY - timedelta(days=181)
    assert cr_contact.to_confirm_on(TODAY)
    cr_contact.last_confirmed = None  # never confirmed
    assert cr_contact.to_confirm_on(TODAY)


def test_a_fresh_entry_is_not_to_confirm(cr_contact):
    assert cr_contact.last_confirmed is not None and not cr_contact.to_confirm


@override_settings(ENLACE_CONTACT_CONFIRM_DAYS=30)
def test_the_period_comes_from_the_setting(cr_contact):
    assert confirmation_cutoff(TODAY) == TODAY - timedelta(days=30)
    cr_contact.last_confirmed = TODAY - timedelta(days=31)
    assert cr_contact.to_confirm_on(TODAY)


def test_contacts_to_confirm_selects_by_the_cutoff_and_country(make_contact):
    old = make_contact(given_names="Vieja", surnames="Entrada")
    boundary = make_contact(given_names="Justo", surnames="Al Límite")
    recent = make_contact(given_names="Reciente", surnames="Entrada")
    never = make_contact(
        given_names="Nunca", surnames="Confirmada", country="MX", organization="MX-NLO", phones=[]
    )
    Contact.objects.filter(pk=old.pk).update(last_confirmed=TODAY - timedelta(days=400))
    Contact.objects.filter(pk=boundary.pk).update(last_confirmed=TODAY - timedelta(days=180))
    Contact.objects.filter(pk=recent.pk).update(last_confirmed=TODAY - timedelta(days=3))
    Contact.objects.filter(pk=never.pk).update(last_confirmed=None)
    assert set(contacts_to_confirm(today=TODAY)) == {old, never}
    assert list(contacts_to_confirm("cr", today=TODAY)) == [old]


def _contact(**overrides) -> Contact:
    values = {
        "given_names": "Ana",
        "surnames": "Solano",
        "country_id": "CR",
        "organization": Organization.objects.get(code="CR-NLO"),
        "network_roles": ["liaison_officer"],
        "phones": ["+50622123456"],
        "languages": ["es"],
    }
    values.update(overrides)
    return Contact(**values)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phones", ["22123456"]),  # not E.164
        ("phones", ["+5062212"]),  # too short to exist
        ("languages", ["spa"]),  # ISO 639-2, not 639-1
        ("languages", ["xx"]),
        ("network_roles", ["chief"]),
    ],
)
def test_stored_lists_are_validated(db, field, value):
    with pytest.raises(ValidationError) as error:
        _contact(**{field: value}).full_clean(exclude=["created_by", "search_text"])
    assert field in error.value.message_dict


def test_a_contact_belongs_to_a_member_state_and_a_matching_office(db):
    with pytest.raises(ValidationError) as error:
        _contact(country_id="CO").full_clean(exclude=["created_by", "search_text"])
    assert "country" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _contact(organization=Organization.objects.get(code="MX-NLO")).full_clean(
            exclude=["created_by", "search_text"]
        )
    assert "organization" in error.value.message_dict
    # an observer organization has no country: its focal point may be of any member state
    _contact(organization=Organization.objects.get(code="IOM")).full_clean(
        exclude=["created_by", "search_text"]
    )


def test_search_text_ignores_accents_and_case(cr_contact):
    cr_contact.refresh_from_db()
    assert "direccion general de migracion y extranjeria" in cr_contact.search_text
    assert "solano mora" in cr_contact.search_text and "cr-nlo" in cr_contact.search_text
