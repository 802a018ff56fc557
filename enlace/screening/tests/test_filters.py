"""The watchlist, screening and hit FilterSets: they only narrow the reader's scope, mean
what they say, and refuse wrong values with a translated error (API 400, page form error)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from enlace.core.models import Country
from enlace.core.tests.filtering import FILTER_PROPERTY, check_filterset, contains
from enlace.screening import selectors
from enlace.screening.filters import EntryFilterSet, HitFilterSet, ScreeningFilterSet
from enlace.screening.models import Hit, Screening, WatchlistEntry
from enlace.screening.services import EXPIRY_NOTICE_DAYS, REVIEW_DAYS

pytestmark = pytest.mark.django_db

CATEGORIES = ["child_sexual_exploitation", "trafficking", "smuggling", "other"]
DOCUMENTS = ["112340567", "A1234567", "P998877"]


@pytest.fixture
def watchlist(users, make_entry):
    rng = random.Random(3)
    for number in range(12):
        owner = users[rng.choice(["cr_liaison", "mx_liaison"])]
        make_entry(
            owner,
            audience=rng.choice(["national", "network"]),
            reference=f"WL-{number:03d}",
            category=rng.choice(CATEGORIES),
            documents=[("CR", rng.choice(DOCUMENTS))],
        )
    today = timezone.localdate()
    ids = list(WatchlistEntry.objects.values_list("pk", flat=True))
    WatchlistEntry.objects.filter(pk__in=ids[::4]).update(valid_until=today - timedelta(days=3))
    WatchlistEntry.objects.filter(pk__in=ids[1::5]).update(
        last_reviewed=today - timedelta(days=REVIEW_DAYS + 1)
    )
    return users


def _status(entry, value: str) -> bool:
    today = timezone.localdate()
    if value == "active":
        return entry.valid_until >= today
    if value == "expired":
        return entry.valid_until < today
    return entry.valid_until <= today + timedelta(
        days=EXPIRY_NOTICE_DAYS
    ) or entry.last_reviewed <= today - timedelta(days=REVIEW_DAYS)


def _keep_entry(entry, cleaned: dict) -> bool:
    numbers = {document.number for document in entry.documents.all()}
    tests = {
        "owner_country": lambda v: entry.owner_country_id == v.iso2,
        "category": lambda v: entry.category == v,
        "status": lambda v: _status(entry, v),
        "document": lambda v: v in numbers,
        "reference": lambda v: contains(entry.reference, v.strip()),
    }
    return all(tests[key](value) for key, value in cleaned.items())


ENTRY_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "owner_country": st.sampled_from(["CR", "mx"]),
        "category": st.sampled_from(CATEGORIES),
        "status": st.sampled_from(["", "active", "expired", "review"]),
        "document": st.sampled_from(DOCUMENTS),
        "reference": st.sampled_from(["WL-00", " wl-01 ", "WL-011", "X"]),
    },
)


@pytest.mark.parametrize("viewer", ["cr_liaison", "mx_liaison"])
def test_entry_filters(watchlist, viewer):
    scoped = selectors.entry_list(actor=watchlist[viewer])

    @FILTER_PROPERTY
    @given(params=ENTRY_PARAMS)
    def check(params):
        check_filterset(EntryFilterSet, scoped, params, _keep_entry)

    check()


@pytest.fixture
def screenings(users):
    rng = random.Random(4)
    costa_rica, mexico = Country.objects.get(iso2="CR"), Country.objects.get(iso2="MX")
    for number in range(8):
        country = rng.choice([costa_rica, mexico])
        screening = Screening.objects.create(
            country=country,
            kind=rng.choice(["single", "batch"]),
            threshold=0.8,
            created_by=users["cr_liaison"],
        )
        for row in range(rng.randint(0, 3)):
            Hit.objects.create(
                screening=screening,
                entry_reference=f"WL-{number}",
                owner_country=country,
                row=row,
                traveller_key=f"k{number}{row}",
                score=rng.random(),
                decision=rng.choice(["pending", "confirmed", "false_positive"]),
            )
    return users


def test_screening_and_hit_filters(screenings):
    officer = screenings["cr_liaison"]
    screening_scope = selectors.screening_list(actor=officer)
    hit_scope = selectors.hit_list(actor=officer)

    @FILTER_PROPERTY
    @given(
        kind=st.sampled_from(["", "single", "batch"]),
        decision=st.sampled_from(["", "pending", "confirmed", "false_positive"]),
    )
    def check(kind, decision):
        check_filterset(
            ScreeningFilterSet,
            screening_scope,
            {"kind": kind},
            lambda screening, cleaned: screening.kind == cleaned.get("kind", screening.kind),
        )
        check_filterset(
            HitFilterSet,
            hit_scope,
            {"decision": decision},
            lambda hit, cleaned: hit.decision == cleaned.get("decision", hit.decision),
        )

    check()
    assert {screening.country_id for screening in screening_scope} == {"CR"}


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/watchlist/", {"status": "forever"}),
        ("/api/v1/watchlist/", {"owner_country": "ZZ", "category": "piracy"}),
        ("/api/v1/screening/hits/", {"decision": "maybe"}),
    ],
)
def test_a_wrong_value_is_a_400_in_the_error_shape(screenings, login, url, params):
    response = login(screenings["cr_liaison"]).get(url, params)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == set(params)


def test_a_wrong_value_is_a_translated_form_error_on_the_page(watchlist, login):
    response = login(watchlist["cr_liaison"]).get(
        "/screening/watchlist/", {"status": "siempre"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 200
    assert "Escoja una opción válida" in " ".join(response.context["filter_form"].errors["status"])
