"""Single checks (page and API), the per-country index cache, redaction of another country's
hit, whom to contact, decisions, the false-positive memory and their audit events."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from enlace.access.services import StaleVersionError
from enlace.audit.models import Event
from enlace.core.models import Organization
from enlace.directory.services import contact_create
from enlace.screening import checks, index
from enlace.screening.index import Traveller, index_for
from enlace.screening.models import ClearedMatch, Hit, Screening, WatchlistEntry
from enlace.screening.services import entry_delete, entry_share, entry_update

JOSE = Traveller(given_names="JOSE GUADALUPE", surnames="HERNANDEZ", birth_date=date(1979, 3, 4))
SCENARIO_REASONS = [
    "given_names_equal",
    "first_surname_equal",
    "second_surname_missing",
    "birth_date_equal",
]


def codes(hit_or_row) -> list[str]:
    reasons = hit_or_row.reasons if isinstance(hit_or_row, Hit) else hit_or_row["reasons"]
    return [reason["code"] for reason in reasons]


def test_the_api_answers_hits_with_score_reasons_and_contact(
    users, gt_liaison, login, make_entry, law_profile
):
    law_profile("CR", share_birth_dates=True)
    entry = make_entry(users["cr_liaison"], audience="network")
    response = login(gt_liaison).post(
        "/api/v1/screening/check/",
        {
            "given_names": "JOSE GUADALUPE",
            "first_surname": "HERNANDEZ",
            "birth_date": "1979-03-04",
            "nationality": "CRI",
            "sex": "M",
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["watchlist_size"] == 1 and body["suppressed"] == 0
    [hit] = body["hits"]
    assert hit["entry_reference"] == entry.reference and hit["owner_country"] == "CR"
    assert 0.9 < hit["score"] <= 1
    assert [reason["code"] for reason in hit["reasons"]][:4] == SCENARIO_REASONS
    texts = {reason["code"]: reason["text"] for reason in hit["reasons"]}
    assert texts["birth_date_equal"] == "Birth date is equal"
    # CR keeps names in: the reason says a second surname is missing, not which one
    missing = next(r for r in hit["reasons"] if r["code"] == "second_surname_missing")
    assert missing["detail"] == "" and "ULLOA" not in response.content.decode().upper()
    assert hit["entry"]["given_names"] is None and hit["entry"]["birth_date"] == "1979-03-04"
    # whom to contact: CR's liaison officer (no directory entry yet: her account)
    assert [contact["source"] for contact in hit["contacts"]] == ["account"]
    assert hit["contacts"][0]["country"] == "CR"
    assert hit["traveller"]["given_names"] == "JOSE GUADALUPE"


def test_the_owner_reads_her_own_hit_in_full_in_spanish(users, login, make_entry):
    make_entry(users["cr_liaison"])
    response = login(users["cr_liaison"]).post(
        "/api/v1/screening/check/",
        {"full_name": "HERNANDEZ, JOSE GUADALUPE", "birth_date": "1979"},
        content_type="application/json",
    )
    [hit] = response.json()["hits"]
    missing = next(r for r in hit["reasons"] if r["code"] == "second_surname_missing")
    assert missing["detail"] == "ULLOA"
    assert hit["entry"]["first_surname"] == "Hernández"


def test_the_directory_contact_comes_first(users, gt_liaison, make_entry):
    contact_create(
        actor=users["st"],
        data={
            "given_names": "Ana",
            "surnames": "Solano Mora",
            "country": "CR",
            "organization": Organization.objects.get(code="CR-NLO"),
            "institution": "Dirección General de Migración",
            "network_roles": ["liaison_officer"],
            "email": "ana@example.invalid",
            "phones": ["+50622123456"],
            "languages": ["es"],
        },
    )
    make_entry(users["cr_liaison"], audience="network")
    _screening, hits = checks.traveller_check(actor=gt_liaison, traveller=JOSE)
    [row] = checks.hit_rows(hits, actor=gt_liaison)
    assert row["contacts"] == [
        {
            "name": "Ana Solano Mora",
            "institution": "Dirección General de Migración",
            "email": "ana@example.invalid",
            "phones": ["+50622123456"],
            "country": "CR",
            "source": "directory",
        }
    ]


def test_the_check_page_shows_hits_withheld_names_and_contact(users, gt_liaison, login, make_entry):
    make_entry(users["cr_liaison"], audience="network")
    client = login(gt_liaison)
    assert client.get("/screening/check/").status_code == 200
    response = client.post(
        "/screening/check/",
        {
            "given_names": "José Guadalupe",
            "first_surname": "Hernández",
            "birth_date": "1979-03-04",
            "sex": "M",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="hit"' in page and 'data-testid="entry-name-withheld"' in page
    assert "Given names are equal" in page and "Second surname is missing" in page
    assert 'data-testid="owner-contact"' in page
    assert users["cr_liaison"].get_full_name() in page
    assert "Ulloa" not in page and "ULLOA" not in page
    nothing = client.post("/screening/check/", {"given_names": "Pedro", "first_surname": "Zúñiga"})
    assert 'data-testid="no-hits"' in nothing.content.decode()
    bad = client.post("/screening/check/", {"given_names": "", "first_surname": ""})
    assert bad.status_code == 400


def test_expired_entries_never_hit(users, make_entry):
    entry = make_entry(users["cr_liaison"])
    _screening, hits = checks.traveller_check(actor=users["cr_liaison"], traveller=JOSE)
    assert len(hits) == 1
    yesterday = timezone.localdate() - timedelta(days=1)
    WatchlistEntry.objects.filter(pk=entry.pk).update(valid_until=yesterday)
    _screening, hits = checks.traveller_check(actor=users["cr_liaison"], traveller=JOSE)
    assert hits == []
    # nor from an index built before midnight: matches are re-read as valid today
    WatchlistEntry.objects.filter(pk=entry.pk).update(valid_until=timezone.localdate())
    index.index_cache_clear()
    index_for("CR")  # built while the entry is valid
    WatchlistEntry.objects.filter(pk=entry.pk).update(valid_until=yesterday)
    with mock.patch(
        "enlace.screening.checks.index_for", side_effect=lambda country: index._CACHE[country]
    ):
        _screening, hits = checks.traveller_check(actor=users["cr_liaison"], traveller=JOSE)
    assert hits == []


def test_the_index_is_cached_per_country_and_rebuilt_only_on_change(users, gt_liaison, make_entry):
    owner = users["cr_liaison"]
    entry = make_entry(owner)
    mexican = make_entry(users["mx_liaison"], first_surname="Zamora", audience="network")
    built = index_for("CR")
    assert len(built.index) == 2  # its own, and Mexico's shared with the network
    assert index_for("CR") is built and index.STATS["builds"] == 1
    assert len(index_for("GT").index) == 1  # GT does not see CR's national entry
    assert index.STATS["builds"] == 2
    # every kind of change to what CR screens against rebuilds CR's index
    changes = [
        lambda e: entry_update(
            actor=owner, entry=e, data={"notes": "x"}, expected_version=e.version
        ),
        lambda e: entry_share(actor=owner, entry=e, audience="network", expected_version=e.version),
        lambda e: entry_update(
            actor=owner,
            entry=e,
            data={"documents": [("CR", "112233445")]},
            expected_version=e.version,
        ),
        lambda e: entry_share(  # withdrawn
            actor=owner, entry=e, audience="national", expected_version=e.version
        ),
        lambda e: entry_share(actor=owner, entry=e, audience="network", expected_version=e.version),
        lambda e: make_entry(users["mx_liaison"], first_surname="Ortega", audience="network"),
    ]
    for change in changes:
        entry.refresh_from_db()
        before = index_for("CR")
        change(entry)
        assert index_for("CR") is not before
    before_gt = index_for("GT")
    assert len(before_gt.index) == 3  # the shared entry now reaches GT, and Mexico's two
    mexican.refresh_from_db()
    entry_delete(actor=users["mx_liaison"], entry=mexican, expected_version=mexican.version)
    assert len(index_for("GT").index) == 2
    # a new day can expire entries: the day is part of the key
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = index_for("CR")
    assert index_for("CR", tomorrow) is not before


def test_the_cache_holds_a_bounded_number_of_indexes(users, gt_liaison, make_entry, settings):
    settings.ENLACE_SCREENING_INDEX_CACHE_SIZE = 2
    make_entry(users["cr_liaison"], audience="network")
    for country in ("CR", "GT", "MX"):
        index_for(country)
    assert list(index._CACHE) == ["GT", "MX"]


def test_a_false_positive_is_not_raised_again_for_that_traveller(users, gt_liaison, make_entry):
    make_entry(users["cr_liaison"], audience="network")
    _screening, [hit] = checks.traveller_check(actor=gt_liaison, traveller=JOSE)
    checks.hit_decide(
        actor=gt_liaison,
        hit=hit,
        decision="false_positive",
        note="otra persona, verificado con el consulado",
        expected_version=hit.version,
    )
    assert ClearedMatch.objects.filter(country_id="GT", entry=hit.entry).count() == 1
    # the same identity (words in another order, other case, document in another form)
    again = Traveller(
        given_names="Jose  Guadalupe", surnames="Hernández", birth_date=date(1979, 3, 4)
    )
    screening, hits = checks.traveller_check(actor=gt_liaison, traveller=again)
    assert hits == [] and screening.suppressed == 1
    # another traveller identity (other birth date) is still raised
    other = Traveller(given_names="JOSE GUADALUPE", surnames="HERNANDEZ", birth_year=1979)
    assert len(checks.traveller_check(actor=gt_liaison, traveller=other)[1]) == 1
    # another country's officers decide for themselves
    assert len(checks.traveller_check(actor=users["mx_liaison"], traveller=JOSE)[1]) == 1
    # undoing the decision forgets the pair
    hit.refresh_from_db()
    checks.hit_decide(actor=gt_liaison, hit=hit, decision="pending", expected_version=hit.version)
    assert not ClearedMatch.objects.exists()
    assert len(checks.traveller_check(actor=gt_liaison, traveller=JOSE)[1]) == 1


def test_decisions_are_checked_versioned_and_audited(users, gt_liaison, login, make_entry):
    make_entry(users["cr_liaison"], audience="network")
    screening, [hit] = checks.traveller_check(actor=gt_liaison, traveller=JOSE)
    # only liaison officers of the screening country
    for actor in (users["cr_liaison"], users["mx_liaison"], users["st"]):
        with pytest.raises(PermissionDenied):
            checks.hit_decide(
                actor=actor, hit=hit, decision="confirmed", expected_version=hit.version
            )
    assert login(users["cr_liaison"]).get(f"/api/v1/screening/hits/{hit.pk}/").status_code == 404
    client = login(gt_liaison)
    response = client.post(
        f"/api/v1/screening/hits/{hit.pk}/decision/",
        {"decision": "confirmed", "version": hit.version},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["decision"] == "confirmed"
    stale = client.post(
        f"/api/v1/screening/hits/{hit.pk}/decision/",
        {"decision": "false_positive", "version": hit.version},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale"
    hit.refresh_from_db()
    assert hit.decision == "confirmed" and hit.decided_by == gt_liaison
    with pytest.raises(StaleVersionError):
        checks.hit_decide(actor=gt_liaison, hit=hit, decision="pending", expected_version=1)
    actions = list(
        Event.objects.filter(action__startswith="screening.")
        .order_by("sequence")
        .values_list("action", "owner_country", "actor_username")
    )
    assert ("screening.check", "", "gt-liaison") in actions
    assert ("screening.hit", "CR", "gt-liaison") in actions
    assert ("screening.decision", "CR", "gt-liaison") in actions
    # the audit trail never names the traveller
    summaries = " ".join(Event.objects.values_list("summary", flat=True)).upper()
    assert "JOSE" not in summaries and "HERNANDEZ" not in summaries
    listed = client.get("/api/v1/screening/hits/?decision=confirmed").json()
    assert [item["id"] for item in listed["results"]] == [hit.pk]
    assert Screening.objects.get(pk=screening.pk).hits_count == 1


def test_the_htmx_decision_swaps_the_row(users, gt_liaison, login, make_entry):
    make_entry(users["cr_liaison"], audience="network")
    _screening, [hit] = checks.traveller_check(actor=gt_liaison, traveller=JOSE)
    response = login(gt_liaison).post(
        f"/screening/hits/{hit.pk}/decision/",
        {"decision": "confirmed", "version": hit.version},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith(f'<tr id="hit-{hit.pk}"')
    hit.refresh_from_db()
    assert hit.decision == "confirmed"
    plain = login(gt_liaison).post(
        f"/screening/hits/{hit.pk}/decision/", {"decision": "confirmed", "version": 1}
    )
    assert plain.status_code == 302  # a stale form: a message on the screening page
    hit.refresh_from_db()
    assert hit.version == 2


def test_api_validation(users, gt_liaison, login):
    client = login(gt_liaison)
    response = client.post(
        "/api/v1/screening/check/",
        {"birth_date": "04/03/1979", "nationality": "XX"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error["fields"]) == {"birth_date", "nationality"}
    assert "YYYY-MM-DD" in error["fields"]["birth_date"][0]
    for key in ("st", "observer", "civil_society", "sysadmin", "cr_auditor"):
        denied = login(users[key]).post(
            "/api/v1/screening/check/", {"full_name": "A B"}, content_type="application/json"
        )
        assert denied.status_code == 403, key
