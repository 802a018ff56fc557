"""The directory's FilterSets: they only narrow what the role may read, mean what they say,
and refuse wrong values with a translated error (API 400, page form error)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enlace.core.tests.filtering import FILTER_PROPERTY, check_filterset
from enlace.directory import selectors
from enlace.directory.filters import (
    ContactApiFilterSet,
    ContactFilterSet,
    ServiceApiFilterSet,
    ServiceFilterSet,
)
from enlace.directory.models import Contact, Service, search_key

from .conftest import contact_data, service_data

pytestmark = pytest.mark.django_db

COUNTRIES = ["CR", "MX", "GT", "PA"]
ORGANIZATIONS = {"CR": "CR-NLO", "MX": "MX-NLO", "GT": "GT-NLO", "PA": "PA-NLO"}
ROLES = ["liaison_officer", "alternate", "repatriation_liaison", "campaign_focal_point"]
KINDS = ["shelter", "legal_aid", "health", "other"]
POPULATIONS = ["children", "women", "men", "families"]
LANGUAGES = ["es", "en", "fr", "miq"]
WORDS = ["ana", "hernandez", "migracion", "albergue", "san jose", "zzz", "trata"]
NAMES = ["Ana", "Jorge", "María José", "Luis"]
SURNAMES = ["Solano Mora", "Hernández Ruiz", "Pérez", "Quesada"]


@pytest.fixture
def directory(users, make_contact, make_service):
    rng = random.Random(5)
    for _ in range(14):
        country = rng.choice(COUNTRIES)
        make_contact(
            **{
                **contact_data(),
                "given_names": rng.choice(NAMES),
                "surnames": rng.choice(SURNAMES),
                "country": country,
                "organization": ORGANIZATIONS[country],
                "network_roles": rng.sample(ROLES, rng.randint(0, 2)),
                "languages": rng.sample(LANGUAGES[:3], rng.randint(1, 2)),
                "phones": [],
                "email": f"c{rng.randint(1, 10**6)}@example.invalid",
            }
        )
    for _ in range(14):
        make_service(
            **service_data(
                name=rng.choice(["Albergue Esperanza", "Casa Segura", "Clínica Norte"]),
                kind=rng.choice(KINDS),
                country=rng.choice(COUNTRIES),
                phone="",
                city=rng.choice(["San José", "Tapachula", "Colón"]),
                populations=rng.sample(POPULATIONS, rng.randint(0, 2)),
                languages=rng.sample(LANGUAGES[:3], rng.randint(1, 2)),
            )
        )
    # some entries never confirmed, some confirmed long ago
    for model in (Contact, Service):
        ids = list(model.objects.values_list("pk", flat=True))
        model.objects.filter(pk__in=ids[::3]).update(last_confirmed=None)
        model.objects.filter(pk__in=ids[1::4]).update(last_confirmed=date(2020, 1, 1))
    return users


def _keep(record, cleaned: dict) -> bool:
    tests = {
        "country": lambda v: record.country_id == v.iso2,
        "network_role": lambda v: v in record.network_roles,
        "kind": lambda v: record.kind == v,
        "population": lambda v: v in record.populations,
        "language": lambda v: v.lower() in record.languages,
        "to_confirm": lambda v: not v or record.to_confirm,
        "search": lambda v: all(word in record.search_text for word in search_key(v).split()),
    }
    return all(tests[key](value) for key, value in cleaned.items())


FLAGS = st.sampled_from(["", "on", "1", "true", "no", "0"])
CONTACT_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "country": st.sampled_from(["CR", "mx", "GT", "PA"]),
        "network_role": st.sampled_from(ROLES),
        "to_confirm": FLAGS,
        "search": st.sampled_from(WORDS),
    },
)
SERVICE_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "country": st.sampled_from(["CR", "mx", "GT", "PA"]),
        "kind": st.sampled_from(KINDS),
        "population": st.sampled_from(POPULATIONS),
        "language": st.sampled_from(["es", "en"]),
        "to_confirm": FLAGS,
        "search": st.sampled_from(WORDS),
    },
)


@pytest.mark.parametrize("filterset_class", [ContactFilterSet, ContactApiFilterSet])
def test_contact_filters(directory, filterset_class):
    scoped = selectors.contact_list(actor=directory["cr_liaison"])
    api = filterset_class is ContactApiFilterSet
    params_strategy = st.builds(
        lambda params, language: {**params, **({"language": language} if language else {})},
        CONTACT_PARAMS,
        st.sampled_from(["", "es", "EN", "fr"]) if api else st.just(""),
    )

    @FILTER_PROPERTY
    @given(params=params_strategy)
    def check(params):
        check_filterset(filterset_class, scoped, params, _keep)

    check()


@pytest.mark.parametrize("viewer", ["cr_liaison", "civil_society"])
@pytest.mark.parametrize("filterset_class", [ServiceFilterSet, ServiceApiFilterSet])
def test_service_filters(directory, filterset_class, viewer):
    scoped = selectors.service_list(actor=directory[viewer])

    @FILTER_PROPERTY
    @given(params=SERVICE_PARAMS)
    def check(params):
        check_filterset(filterset_class, scoped, params, _keep)

    check()


def test_a_role_that_may_not_read_contacts_gets_nothing_whatever_the_filters(directory):
    scoped = selectors.contact_list(actor=directory["civil_society"])
    assert not ContactApiFilterSet({"country": "CR"}, queryset=scoped).qs.exists()


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/contacts/", {"country": "ZZ"}),
        ("/api/v1/contacts/", {"network_role": "chief"}),
        ("/api/v1/services/", {"kind": "hotel"}),
        ("/api/v1/services/", {"population": "aliens", "country": "1"}),
    ],
)
def test_a_wrong_value_is_a_400_in_the_error_shape(directory, login, url, params):
    response = login(directory["st"]).get(url, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == set(params)


def test_a_wrong_value_is_a_translated_form_error_on_the_page(directory, login):
    client = login(directory["st"])
    response = client.get("/directory/services/", {"kind": "hotel"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    errors = response.context["filter_form"].errors
    assert "Escoja una opción válida" in " ".join(errors["kind"])
    assert "invalid-feedback" in response.content.decode()
