"""The case list's FilterSet: it only narrows the viewer's scope, means what it says, and
refuses wrong values with a translated error (API 400, page form error), never a 500."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enlace.cases import selectors
from enlace.cases.filters import CaseFilterSet
from enlace.cases.models import Case
from enlace.core.tests.filtering import FILTER_PROPERTY, check_filterset, contains

from .factories import CaseDataFactory, PersonDataFactory, create_cases

pytestmark = pytest.mark.django_db

COUNTRIES = ["CR", "MX", "GT", "HN", "SV", "US", "PA"]
EXPLOITATION = ["SexualExploitation", "ForcedLabour", "ChildLabour"]
NATURES = ["genuine", "counterfeit", "forged"]
WORDS = ["costa", "hotel", "Agencia", "CR-2025", "finca", "zzz"]


def _case(rng: random.Random) -> dict:
    legs = [
        {
            "from_country": rng.choice(COUNTRIES),
            "to_country": rng.choice(COUNTRIES),
            "transport_mode": "bus",
        }
        for _ in range(rng.randint(0, 2))
    ]
    persons = [
        PersonDataFactory(nationalities=rng.sample(COUNTRIES, rng.randint(0, 2)))
        for _ in range(rng.randint(1, 3))
    ]
    return CaseDataFactory(
        minimal=True,
        case_type=rng.choice(["trafficking", "smuggling"]),
        status=rng.choice(["draft", "active", "closed"]),
        date_identified=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        reporting_agency=rng.choice(["Agencia Norte", "Policía", "Fiscalía"]),
        summary=rng.choice(["Hotel en la costa", "Finca cafetalera", "Bar de carretera"]),
        exploitation_types=rng.sample(EXPLOITATION, rng.randint(0, 2)),
        persons=persons,
        route=legs,
        documents_used=[
            {"document_type": "passport", "nature": rng.choice(NATURES)}
            for _ in range(rng.randint(0, 2))
        ],
    )


@pytest.fixture
def population(users):
    rng = random.Random(11)
    create_cases("CR", [_case(rng) for _ in range(14)])
    mexican = create_cases("MX", [_case(rng) for _ in range(10)])
    # half of Mexico's cases shared with the network: Costa Rica sees those, not the rest
    Case.objects.filter(pk__in=[case.pk for case in mexican[::2]]).update(audience="network")
    return users


def _keep(case: Case, cleaned: dict) -> bool:
    nationalities = {code for person in case.persons.all() for code in person.nationalities}
    route = {code for leg in case.route.all() for code in (leg.from_country_id, leg.to_country_id)}
    natures = {document.nature for document in case.documents_used.all()}
    tests = {
        "case_type": lambda v: case.case_type == v,
        "owner_country": lambda v: case.owner_country_id == v.iso2,
        "status": lambda v: case.status == v,
        "date_from": lambda v: case.date_identified >= v,
        "date_to": lambda v: case.date_identified <= v,
        "exploitation_type": lambda v: v in case.exploitation_types,
        "nationality": lambda v: v.iso2 in nationalities,
        "route_country": lambda v: v.iso2 in route,
        "document_nature": lambda v: v in natures,
        "search": lambda v: any(
            contains(text, v)
            for text in (
                case.reference,
                case.reporting_agency,
                case.summary,
                case.modus_operandi_narrative,
            )
        ),
    }
    return all(tests[key](value) for key, value in cleaned.items())


PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "case_type": st.sampled_from(["", "trafficking", "smuggling"]),
        "owner_country": st.sampled_from(["CR", "mx", "GT"]),
        "status": st.sampled_from(["active", "closed", "draft", "archived"]),
        "date_from": st.dates().map(lambda d: f"2025-{d.month:02d}-{min(d.day, 28):02d}"),
        "date_to": st.dates().map(lambda d: f"2025-{d.month:02d}-{min(d.day, 28):02d}"),
        "exploitation_type": st.sampled_from(EXPLOITATION),
        "nationality": st.sampled_from([*COUNTRIES, "gt"]),
        "route_country": st.sampled_from(COUNTRIES),
        "document_nature": st.sampled_from(NATURES),
        "search": st.sampled_from(WORDS),
    },
)


@pytest.mark.parametrize("viewer", ["cr_liaison", "st"])
def test_filters_narrow_the_scope_and_mean_what_they_say(population, viewer):
    scoped = selectors.case_list(actor=population[viewer])

    @FILTER_PROPERTY
    @given(params=PARAMS)
    def check(params):
        check_filterset(CaseFilterSet, scoped, params, _keep)

    check()


def test_selector_keywords_are_the_same_filters(population):
    officer = population["cr_liaison"]
    by_keywords = selectors.case_list(actor=officer, owner_country="mx", case_type="smuggling")
    by_filterset = CaseFilterSet(
        {"owner_country": "MX", "case_type": "smuggling"},
        queryset=selectors.case_list(actor=officer),
    ).qs
    assert list(by_keywords) == list(by_filterset)


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "not-a-date"},
        {"owner_country": "ZZ"},
        {"case_type": "piracy"},
        {"exploitation_type": "Nope"},
        {"route_country": "12345"},
    ],
)
def test_a_wrong_value_is_a_400_in_the_error_shape(population, login, params):
    response = login(population["cr_liaison"]).get("/api/v1/cases/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == set(params)


def test_a_wrong_value_is_a_translated_form_error_on_the_page(population, login):
    client = login(population["cr_liaison"])
    response = client.get("/cases/", {"date_from": "ayer"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert "date_from" in form.errors
    assert "Introduzca una fecha válida" in " ".join(form.errors["date_from"])
    assert "invalid-feedback" in response.content.decode()
