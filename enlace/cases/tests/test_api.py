"""Case exchange over the API: Mexico records, shares with Guatemala under H1; Guatemala reads
redacted as Mexico's law profile says; Honduras cannot reach the case at all."""

import pytest
from django.db import connection

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.audit.models import Event
from enlace.cases.models import Case, Person
from enlace.cases.tests.factories import CaseDataFactory

pytestmark = pytest.mark.django_db


def standard_case(**overrides):
    """Mexico's standard case (`CaseDataFactory`), with `overrides`."""
    return CaseDataFactory(**overrides)


@pytest.fixture
def officers(users):
    return {
        "mx": users["mx_liaison"],
        "gt": user_for(Role.LIAISON, "GT-NLO", "gt-liaison"),
        "hn": user_for(Role.LIAISON, "HN-NLO", "hn-liaison"),
    }


def test_create_share_read_redacted_and_refuse_others(officers, login):
    LawProfile.objects.create(country_id="MX", share_birth_dates=True)
    mx = login(officers["mx"])
    created = mx.post("/api/v1/cases/", standard_case(), content_type="application/json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["reference"] == "MX-2025-00001" and body["owner_country"] == "MX"
    assert body["persons"][0]["given_names"] == "María José"
    assert body["persons"][0]["is_minor"] and body["persons"][0]["age_band"] == "12_17"
    assert body["persons"][0]["phones"] == ["+50255551234"]
    case_id, version = body["id"], body["version"]

    shared = mx.post(
        f"/api/v1/cases/{case_id}/share/",
        {"audience": "selected", "countries": ["GT"], "handling_code": "H1", "version": version},
        content_type="application/json",
    )
    assert shared.status_code == 200 and shared.json()["shared_with"] == ["GT"]

    gt = login(officers["gt"])
    inbox = gt.get("/api/v1/cases/inbox/").json()
    assert [case["reference"] for case in inbox["results"]] == ["MX-2025-00001"]
    seen = gt.get(f"/api/v1/cases/{case_id}/").json()
    victim = seen["persons"][0]
    assert seen["handling_code"] == "H1"
    assert victim["given_names"] is None and victim["first_surname"] is None
    assert victim["pseudonym"].startswith("V-")
    assert victim["birth_date"] == "2008-03-02"  # Mexico lets birth dates leave
    assert victim["phones"] == [] and victim["documents"][0]["number"] is None
    assert seen["documents_used"][0]["number"] is None
    assert "names" in seen["redacted"] and "birth_dates" not in seen["redacted"]
    assert Event.objects.filter(
        action="cases.read", actor_username="gt-liaison", owner_country="MX"
    ).exists()

    hn = login(officers["hn"])
    assert hn.get("/api/v1/cases/").json()["count"] == 0
    assert hn.get(f"/api/v1/cases/{case_id}/").status_code == 404
    assert hn.get("/api/v1/cases/inbox/").json()["count"] == 0
    assert hn.get("/api/v1/cases/", {"search": "hoteles"}).json()["count"] == 0
    # recipients never edit
    update = gt.put(
        f"/api/v1/cases/{case_id}/",
        {**standard_case(), "version": 2},
        content_type="application/json",
    )
    assert update.status_code == 403


def test_names_are_encrypted_in_the_database(officers, login):
    login(officers["mx"]).post("/api/v1/cases/", standard_case(), content_type="application/json")
    person = Person.objects.get(role="victim")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT given_names, first_surname, birth_date FROM "  # noqa: S608
            f"{Person._meta.db_table} WHERE id = %s",
            [person.pk],
        )
        row = cursor.fetchone()
    assert all(value.startswith("e1:") for value in row)
    assert "Pérez" not in "".join(row) and "2008" not in "".join(row)


def test_a_stale_update_answers_409(officers, login):
    mx = login(officers["mx"])
    body = mx.post("/api/v1/cases/", standard_case(), content_type="application/json").json()
    first = mx.put(
        f"/api/v1/cases/{body['id']}/",
        {**standard_case(summary="v2"), "version": body["version"]},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["version"] == body["version"] + 1
    assert first.json()["persons"][0]["pseudonym"] == body["persons"][0]["pseudonym"]
    stale = mx.put(
        f"/api/v1/cases/{body['id']}/",
        {**standard_case(summary="v3"), "version": body["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "stale"
    assert Case.objects.get().summary == "v2"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"case_type": "kidnapping"}, "case_type"),
        ({"date_identified": "2025-02-30"}, "date_identified"),
        ({"exploitation_types": ["Slavery"]}, "exploitation_types"),
        ({"route": [{"from_country": "XX", "to_country": "MX"}]}, "route"),
        ({"reporting_agency": ""}, "reporting_agency"),
        ({"persons": [{"role": "victim", "phones": ["12"]}]}, "persons"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(officers, login, overrides, field):
    response = login(officers["mx"]).post(
        "/api/v1/cases/", standard_case(**overrides), content_type="application/json"
    )
    assert response.status_code == 400
    paths = response.json()["error"]["fields"]
    assert any(path == field or path.startswith(f"{field}.") for path in paths)
    assert not Case.objects.exists()


def test_bulk_create_is_all_or_nothing(officers, login):
    mx = login(officers["mx"])
    good = standard_case()
    response = mx.post(
        "/api/v1/cases/bulk/",
        [good, standard_case(case_type="nope")],
        content_type="application/json",
    )
    assert response.status_code == 400 and not Case.objects.exists()
    response = mx.post(
        "/api/v1/cases/bulk/",
        [good, standard_case(reference="MX-2025-00077")],
        content_type="application/json",
    )
    assert response.status_code == 201
    assert sorted(response.json()["created"]) == ["MX-2025-00001", "MX-2025-00077"]


def test_filters(officers, login):
    mx = login(officers["mx"])
    mx.post("/api/v1/cases/", standard_case(), content_type="application/json")
    mx.post(
        "/api/v1/cases/",
        standard_case(
            case_type="smuggling",
            exploitation_types=[],
            route=[{"from_country": "CU", "to_country": "MX"}],
            documents_used=[],
        ),
        content_type="application/json",
    )

    def count(**params):
        return mx.get("/api/v1/cases/", params).json()["count"]

    assert count() == 2
    assert count(case_type="smuggling") == 1
    assert count(exploitation_type="SexualExploitation") == 1
    assert count(route_country="CU") == 1
    assert count(nationality="GT") == 2
    assert count(document_nature="genuine") == 1
    assert count(search="hoteles") == 2
    assert count(search="Pérez") == 0  # identities are never searchable as text


@pytest.mark.parametrize("user_key", ["civil_society", "sysadmin", "cr_auditor", "cr_admin"])
def test_roles_without_records_cannot_use_the_case_api(users, login, user_key):
    assert login(users[user_key]).get("/api/v1/cases/").status_code == 403


def test_partners_audience_reaches_the_secretariat_but_not_civil_society(officers, users, login):
    mx = login(officers["mx"])
    body = mx.post("/api/v1/cases/", standard_case(), content_type="application/json").json()
    mx.post(
        f"/api/v1/cases/{body['id']}/share/",
        {"audience": "partners", "version": 1},
        content_type="application/json",
    )
    assert login(users["st"]).get(f"/api/v1/cases/{body['id']}/").status_code == 200
    assert login(users["observer"]).get("/api/v1/cases/").json()["count"] == 1
    assert login(users["civil_society"]).get(f"/api/v1/cases/{body['id']}/").status_code == 403


def test_automatic_references_never_overflow_the_format(officers):
    from datetime import date

    from django.core.exceptions import ValidationError

    from enlace.cases.services import cases_create_many

    item = {
        "reporting_agency": "INM",
        "date_identified": date(2025, 1, 1),
        "case_type": "smuggling",
    }
    cases_create_many(
        actor=officers["mx"], items=[dict(item, reference="MX-2025-99999")], audit=False
    )
    with pytest.raises(ValidationError):
        cases_create_many(actor=officers["mx"], items=[item], audit=False)
    assert Case.objects.count() == 1


def test_colliding_pseudonyms_are_redrawn(officers, monkeypatch):
    from datetime import date

    from enlace.cases import services

    # the second draw repeats the first within the batch; the fourth is already stored
    draws = iter(["V-SAME", "V-SAME", "V-OTHER1", "V-SAME", "V-OTHER2"])
    monkeypatch.setattr(services, "new_pseudonym", lambda role: next(draws))
    item = {
        "reporting_agency": "INM",
        "date_identified": date(2025, 1, 1),
        "case_type": "trafficking",
        "persons": [{"role": "victim"}, {"role": "victim"}],
    }
    services.cases_create_many(actor=officers["mx"], items=[item], audit=False)
    services.cases_create_many(
        actor=officers["mx"], items=[{**item, "persons": [{"role": "victim"}]}], audit=False
    )
    assert sorted(Person.objects.values_list("pseudonym", flat=True)) == [
        "V-OTHER1",
        "V-OTHER2",
        "V-SAME",
    ]


@pytest.mark.parametrize(
    ("choices", "vocabulary"),
    [
        ("CaseType", "case_type"),
        ("PersonRole", "person_role"),
        ("RecordStatus", "record_status"),
        ("Sex", "sex"),
        ("AgeBand", "age_band"),
    ],
)
def test_model_choices_and_published_vocabularies_agree(choices, vocabulary):
    """The same codes are model choices (for the database) and vocabulary terms (for API
    clients); they must not drift apart."""
    from enlace.cases import choices as module
    from enlace.core.vocabularies import vocabulary_codes

    assert set(getattr(module, choices).values) == set(vocabulary_codes(vocabulary))


def test_a_page_of_shared_cases_reads_each_law_profile_once(
    officers, login, django_assert_max_num_queries
):
    from enlace.cases.serializers import CaseSerializer
    from enlace.cases.services import cases_create_many

    LawProfile.objects.create(country_id="MX", share_birth_dates=True)
    data = CaseSerializer(
        data=[standard_case() for _ in range(10)], many=True, context={"actor": officers["mx"]}
    )
    data.is_valid(raise_exception=True)
    cases = cases_create_many(actor=officers["mx"], items=data.validated_data, audit=False)
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(audience="network")
    guatemala = login(officers["gt"])
    guatemala.get("/api/v1/cases/")  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = guatemala.get("/api/v1/cases/")
    profile_reads = [
        query for query in captured.captured_queries if "access_lawprofile" in query["sql"]
    ]
    assert len(profile_reads) == 1  # not one per case
    # constant: session, user, page, prefetches, and the read's audit event (one owner)
    with django_assert_max_num_queries(24):
        response = guatemala.get("/api/v1/cases/")
    assert response.json()["count"] == 10
    assert all("names" in case["redacted"] for case in response.json()["results"])
