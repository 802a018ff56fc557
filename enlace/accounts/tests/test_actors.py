"""Every user and every command's actor (CountryActor, SecretariatActor) is an `Actor`, and a
CountryActor sees what its country's liaison officers see."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enlace.access.choices import Audience
from enlace.access.policy import can_edit, visible_to
from enlace.accounts.actors import Actor, CountryActor, SecretariatActor
from enlace.cases.models import Case
from enlace.cases.tests.factories import create_case


@pytest.mark.django_db
def test_every_user_is_an_actor(users):
    for user in users.values():
        assert isinstance(user, Actor), user.username


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
def test_a_country_actor_is_an_actor_of_its_country(country):
    actor = CountryActor(country)
    assert isinstance(actor, Actor)
    assert actor.country_id == country and actor.role == "liaison"
    assert actor.get_username() == f"cli:{country}" and actor.pk is None


def test_the_secretariat_actor_is_an_actor_without_a_country():
    actor = SecretariatActor()
    assert isinstance(actor, Actor)
    assert actor.role == "secretariat" and actor.country_id is None and actor.pk is None


@pytest.mark.django_db
def test_a_country_actor_sees_and_edits_as_its_liaison_officers(users):
    own = create_case(actor=users["cr_liaison"])
    shared = create_case(actor=users["mx_liaison"])
    Case.objects.filter(pk=shared.pk).update(audience=Audience.NETWORK)
    national = create_case(actor=users["mx_liaison"])
    actor = CountryActor("CR")
    assert set(visible_to(Case, actor)) == set(visible_to(Case, users["cr_liaison"]))
    assert {own.pk, shared.pk} <= set(visible_to(Case, actor).values_list("pk", flat=True))
    assert national not in visible_to(Case, actor)
    assert can_edit(actor, own) and not can_edit(actor, shared)
