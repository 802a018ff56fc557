"""The demo directory: every member state has its liaison officer and alternate, some
entries are to confirm, about forty services, a competencies matrix; running twice adds
nothing."""

import random

import pytest

from enlace.core.demo import demo_users_create
from enlace.core.models import MEMBER_STATES
from enlace.directory.demo import populate
from enlace.directory.models import Competency, Contact, Service
from enlace.directory.selectors import contacts_to_confirm

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_complete_and_idempotent():
    users = demo_users_create()
    populate(rng=random.Random(1), users=users, options={})
    counts = (Contact.objects.count(), Service.objects.count(), Competency.objects.count())
    for country in MEMBER_STATES:
        roles = [
            role
            for contact in Contact.objects.filter(country_id=country)
            for role in contact.network_roles
        ]
        assert roles.count("liaison_officer") == 1 and roles.count("alternate") == 1, country
    assert Contact.objects.filter(network_roles__icontains='"repatriation_liaison"').exists()
    assert Contact.objects.filter(
        network_roles__icontains='"campaign_focal_point"', organization__code="IOM"
    ).exists()
    assert 3 <= contacts_to_confirm().count() < counts[0] // 2
    assert 35 <= counts[1] <= 50
    assert {"shelter", "repatriation"} <= set(Service.objects.values_list("kind", flat=True))
    assert counts[2] >= 40
    assert Contact.objects.get(user=users["cr-liaison"]).surnames == "Solano Mora"
    for contact in Contact.objects.all():  # what the demo wrote passes the model's checks
        contact.full_clean(exclude=["created_by", "search_text"])
    populate(rng=random.Random(2), users=users, options={})
    assert (Contact.objects.count(), Service.objects.count(), Competency.objects.count()) == counts
