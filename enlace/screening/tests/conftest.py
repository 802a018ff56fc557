"""Watchlist fixtures: the shared test base (CR and MX liaison officers, the ST, an observer,
civil society, administrators, auditors, the platform administrator) plus a Guatemalan
liaison officer, entries written through the services, and law profiles set per test."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.screening.index import index_cache_clear
from enlace.screening.services import entry_create


@pytest.fixture(autouse=True)
def _fresh_index_cache():
    """Indexes live in process memory: no test screens against another test's watchlist."""
    index_cache_clear()
    yield
    index_cache_clear()


@pytest.fixture
def gt_liaison(db):
    return user_for(Role.LIAISON, "GT-NLO", "gt-liaison")


def entry_data(**overrides) -> dict:
    data = {
        "category": "child_sexual_exploitation",
        "legal_basis": "Sentencia 2019-000345, Tribunal Penal de San José",
        "valid_until": timezone.localdate() + timedelta(days=400),
        "given_names": "José Guadalupe",
        "first_surname": "Hernández",
        "second_surname": "Ulloa",
        "aliases": ["Lupe Hernández"],
        "birth_date": date(1979, 3, 4),
        "nationalities": ["CR"],
        "sex": "M",
        "documents": [("CR", "112340567")],
        "notes": "Visto por última vez en Peñas Blancas",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_entry():
    """Create an entry as `actor` and share it as asked (national by default)."""
    from enlace.screening.services import entry_share

    def make(actor, audience: str = "national", countries=(), **overrides):
        entry = entry_create(actor=actor, data=entry_data(**overrides))
        if audience != "national":
            entry = entry_share(
                actor=actor,
                entry=entry,
                audience=audience,
                countries=countries,
                expected_version=entry.version,
            )
        return entry

    return make


@pytest.fixture
def law_profile():
    def set_profile(country: str, **shares) -> LawProfile:
        profile, _created = LawProfile.objects.update_or_create(country_id=country, defaults=shares)
        return profile

    return set_profile
