"""Every read that returns person-level data is in the audit trail, lists and exports
included: one event per owner country with the ids returned, so each country's auditor sees
who listed or exported her records (and not listings of only other countries' records)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from enlace.accounts.actors import CountryActor
from enlace.audit.models import Event
from enlace.audit.selectors import event_list
from enlace.audit.services import SUMMARY_LENGTH, ids_summary, record_list_read
from enlace.cases.models import Case
from enlace.cases.tests.factories import CaseDataFactory, create_case
from enlace.screening.checks import traveller_check
from enlace.screening.index import Traveller, index_cache_clear
from enlace.screening.services import entry_create, entry_share

# --- the summary ------------------------------------------------------------------------


@given(st.lists(st.integers(min_value=1, max_value=10**12), max_size=400))
def test_an_ids_summary_fits_the_field_and_counts_every_id(ids):
    summary = ids_summary(ids, prefix="42 cases as csv; ")
    assert len(summary) <= SUMMARY_LENGTH
    assert summary.startswith(f"42 cases as csv; {len(ids)} ids: ")
    listed = summary.split(" ids: ", 1)[1].split(" ... ")[0]
    shown = [int(value) for value in listed.split(", ") if value]
    assert shown == ids[: len(shown)]
    if len(shown) < len(ids):
        assert summary.endswith(f"+{len(ids) - len(shown)} more")


@pytest.mark.django_db
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=10**6), st.sampled_from(["CR", "MX", "GT"])),
        max_size=60,
    )
)
def test_a_list_read_is_one_event_per_owner_with_that_owners_ids(records):
    before = Event.objects.count()
    events = record_list_read(
        actor=CountryActor("MX"),
        action="cases.list_read",
        object_type="cases.case",
        records=records,
    )
    assert Event.objects.count() == before + len(events)
    owners = {owner for _pk, owner in records}
    assert {event.owner_country for event in events} == (owners or {""})
    for event in events:
        assert event.object_id == "list"
        mine = [pk for pk, owner in records if owner == event.owner_country]
        assert event.summary.startswith(f"{len(mine)} ids")


# --- who sees what ----------------------------------------------------------------------


@pytest.fixture
def cases(users):
    """A Costa Rican case shared with the network and a Mexican case of Mexico's own."""
    costa_rica = create_case(actor=users["cr_liaison"], data=CaseDataFactory())
    mexico = create_case(actor=users["mx_liaison"], data=CaseDataFactory())
    Case.objects.filter(pk=costa_rica.pk).update(audience="network")
    return {"cr": costa_rica, "mx": mexico}


def _reads_seen_by(auditor, action: str) -> list[Event]:
    return list(event_list(actor=auditor).filter(action=action, object_id="list"))


def _mexican_reads(auditor, action):
    return [event for event in _reads_seen_by(auditor, action) if event.country == "MX"]


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/api/v1/cases/", "cases.list_read"),
        ("/cases/", "cases.list_read"),
        ("/api/v1/cases/inbox/", "cases.inbox_read"),
        ("/cases/inbox/", "cases.inbox_read"),
        ("/cases/export/?format=csv", "cases.export"),
        ("/cases/export/?format=json", "cases.export"),
    ],
)
def test_costa_ricas_auditor_sees_mexico_listing_her_cases(users, login, cases, url, action):
    mexico = login(users["mx_liaison"])
    assert mexico.get(url).status_code == 200
    reads = _mexican_reads(users["cr_auditor"], action)
    assert len(reads) == 1
    assert reads[0].owner_country == "CR"
    assert reads[0].actor_username == users["mx_liaison"].username
    assert str(cases["cr"].pk) in reads[0].summary.split(" ids: ")[1].split(", ")
    assert str(cases["mx"].pk) not in reads[0].summary.split(" ids: ")[1].split(", ")
    # Mexico's own records read in the same request are Mexico's auditor's, not hers.
    everything = Event.objects.filter(action=action, object_id="list", country="MX")
    if action != "cases.inbox_read":
        assert set(everything.values_list("owner_country", flat=True)) == {"CR", "MX"}


@pytest.mark.parametrize("url", ["/api/v1/cases/?owner_country=MX", "/cases/?owner_country=MX"])
def test_a_listing_of_only_mexican_cases_is_not_costa_ricas_to_see(users, login, cases, url):
    mexico = login(users["mx_liaison"])
    assert mexico.get(url).status_code == 200
    assert _mexican_reads(users["cr_auditor"], "cases.list_read") == []
    mine = Event.objects.filter(action="cases.list_read", country="MX")
    assert list(mine.values_list("owner_country", flat=True)) == ["MX"]


@pytest.fixture
def entries(users):
    index_cache_clear()
    data = {
        "category": "child_sexual_exploitation",
        "legal_basis": "Sentencia 2019-000345",
        "valid_until": timezone.localdate() + timedelta(days=400),
        "given_names": "José Guadalupe",
        "first_surname": "Hernández",
        "second_surname": "Ulloa",
        "birth_date": date(1979, 3, 4),
        "nationalities": ["CR"],
        "sex": "M",
        "documents": [("CR", "112340567")],
    }
    costa_rica = entry_create(actor=users["cr_liaison"], data=data)
    costa_rica = entry_share(
        actor=users["cr_liaison"],
        entry=costa_rica,
        audience="network",
        countries=(),
        expected_version=costa_rica.version,
    )
    mexico = entry_create(
        actor=users["mx_liaison"],
        # another person: same surnames but born another day (the engine rightly alerts on
        # equal surnames and an equal birth date whatever the given names)
        data={
            **data,
            "given_names": "Pedro",
            "birth_date": date(1985, 11, 20),
            "documents": [("MX", "G1234567")],
        },
    )
    yield {"cr": costa_rica, "mx": mexico}
    index_cache_clear()


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/api/v1/watchlist/", "screening.watchlist_read"),
        ("/screening/watchlist/", "screening.watchlist_read"),
        ("/screening/watchlist/export.csv", "screening.watchlist_export"),
        ("/screening/watchlist/export.xlsx", "screening.watchlist_export"),
    ],
)
def test_costa_ricas_auditor_sees_mexico_listing_her_watchlist(users, login, entries, url, action):
    mexico = login(users["mx_liaison"])
    assert mexico.get(url).status_code == 200
    reads = _mexican_reads(users["cr_auditor"], action)
    assert [event.owner_country for event in reads] == ["CR"]
    listed = reads[0].summary.split(" ids: ")[1].split(", ")
    assert str(entries["cr"].pk) in listed
    assert str(entries["mx"].pk) not in listed


def test_costa_ricas_auditor_sees_mexico_listing_hits_on_her_entries(users, login, entries):
    screening, hits = traveller_check(
        actor=users["mx_liaison"],
        traveller=Traveller(
            given_names="José Guadalupe",
            surnames="Hernández Ulloa",
            birth_date=date(1979, 3, 4),
            documents=("CR:112340567",),
        ),
    )
    assert {hit.owner_country_id for hit in hits} == {"CR"}
    mexico = login(users["mx_liaison"])
    for url, action in [
        ("/api/v1/screening/hits/", "screening.hits_read"),
        (f"/api/v1/screening/hits/?screening={screening.pk}", "screening.hits_read"),
        (f"/screening/screenings/{screening.pk}/", "screening.hits_read"),
        (f"/screening/screenings/{screening.pk}/hits.csv", "screening.hits_export"),
    ]:
        before = len(_mexican_reads(users["cr_auditor"], action))
        assert mexico.get(url).status_code == 200, url
        reads = _mexican_reads(users["cr_auditor"], action)
        assert len(reads) == before + 1, url
        assert reads[0].summary.split(" ids: ")[1].split(", ") == [str(hits[0].pk)]
