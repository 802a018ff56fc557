"""Reads of the directory that other apps use."""

import pytest

from enlace.core.models import Organization
from enlace.directory import selectors, services
from enlace.directory.tests.conftest import contact_data

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    data = contact_data(**overrides)
    data["organization"] = Organization.objects.get(code=data["organization"])
    return services.contact_create(actor=actor, data=data)


def test_liaison_officer_contacts_are_the_countrys_liaison_officers_by_name(users):
    zeta = _create(users["cr_liaison"], surnames="Zeledón", network_roles=["liaison_officer"])
    alfa = _create(users["cr_liaison"], surnames="Arias", network_roles=["liaison_officer"])
    _create(users["cr_liaison"], surnames="Brenes", network_roles=["repatriation_liaison"])
    assert list(selectors.liaison_officer_contacts("CR")) == [alfa, zeta]
    assert list(selectors.liaison_officer_contacts("cr")) == [alfa, zeta]
    assert not selectors.liaison_officer_contacts("MX").exists()
