"""The watchlist pages: create, edit (version-checked), share, review, delete, filters, and
the demo data."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from enlace.audit.models import Event
from enlace.screening import demo
from enlace.screening.models import WatchlistEntry
from enlace.web.navigation import items_for


def form_data(**overrides) -> dict:
    data = {
        "category": "trafficking",
        "legal_basis": "Orden de captura 77-2024",
        "valid_until": (timezone.localdate() + timedelta(days=200)).isoformat(),
        "given_names": "Wilmer",
        "first_surname": "Orellana",
        "second_surname": "Pineda",
        "aliases": "El Flaco\nWilly Orellana",
        "birth_date": "1985-11-30",
        "nationalities": ["HN", "GT"],
        "sex": "M",
        "documents": "HN:0801198512345\nC01234567",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_create_edit_share_review_and_delete_from_the_pages(users, gt_liaison, login):
    client = login(users["cr_liaison"])
    assert client.get("/screening/watchlist/new/").status_code == 200
    response = client.post("/screening/watchlist/new/", form_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = WatchlistEntry.objects.get()
    assert entry.alias_list == ["El Flaco", "Willy Orellana"]
    assert sorted(document.as_text for document in entry.documents.all()) == [
        "C01234567",
        "HN:0801198512345",
    ]
    assert entry.nationalities == ["GT", "HN"] and entry.audience == "national"
    detail = client.get(response["Location"])
    assert "Orellana" in detail.content.decode()
    # edit: the form carries the version it was read at
    edit = client.get(f"/screening/watchlist/{entry.pk}/edit/")
    assert edit.status_code == 200 and 'value="1"' in edit.content.decode()
    saved = client.post(
        f"/screening/watchlist/{entry.pk}/edit/", form_data(second_surname="Paz", version=1)
    )
    assert saved.status_code == 302
    stale = client.post(
        f"/screening/watchlist/{entry.pk}/edit/", form_data(second_surname="Otra", version=1)
    )
    assert stale.status_code == 409
    entry.refresh_from_db()
    assert entry.second_surname == "Paz" and entry.version == 2
    # share with Guatemala only
    shared = client.post(
        f"/screening/watchlist/{entry.pk}/",
        {
            "audience": "selected",
            "countries": ["GT"],
            "handling_code": "H1",
            "version": entry.version,
        },
    )
    assert shared.status_code == 302
    assert login(gt_liaison).get(f"/screening/watchlist/{entry.pk}/").status_code == 200
    assert login(users["mx_liaison"]).get(f"/screening/watchlist/{entry.pk}/").status_code == 404
    # a recipient can neither edit, share nor delete
    recipient = login(gt_liaison)
    assert recipient.get(f"/screening/watchlist/{entry.pk}/edit/").status_code == 403
    assert (
        recipient.post(
            f"/screening/watchlist/{entry.pk}/",
            {"audience": "network", "handling_code": "H0", "version": 3},
        ).status_code
        == 403
    )
    assert (
        recipient.post(f"/screening/watchlist/{entry.pk}/delete/", {"version": 3}).status_code
        == 403
    )
    # review and delete by the owner
    entry.refresh_from_db()
    assert client.post(f"/screening/watchlist/{entry.pk}/review/").status_code == 302
    assert client.get(f"/screening/watchlist/{entry.pk}/delete/").status_code == 200
    deleted = client.post(f"/screening/watchlist/{entry.pk}/delete/", {"version": entry.version})
    assert deleted.status_code == 302 and not WatchlistEntry.objects.exists()
    actions = set(Event.objects.values_list("action", flat=True))
    assert {
        "screening.entry_create",
        "screening.entry_update",
        "screening.share",
        "screening.entry_review",
        "screening.entry_delete",
    } <= actions


def test_form_errors_are_shown(users, login):
    client = login(users["cr_liaison"])
    response = client.post(
        "/screening/watchlist/new/",
        form_data(
            given_names="",
            first_surname="",
            second_surname="",
            documents="ZZ:12",
            valid_until="2001-01-01",
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "unknown country code ZZ" in page and "this day has already passed" in page
    assert "give at least a surname or the given names" in page
    partners = client.post("/screening/watchlist/new/", form_data())
    entry = WatchlistEntry.objects.get()
    assert partners.status_code == 302
    refused = client.post(
        f"/screening/watchlist/{entry.pk}/",
        {"audience": "partners", "handling_code": "H0", "version": entry.version},
    )
    assert refused.status_code == 400
    entry.refresh_from_db()
    assert entry.audience == "national"


def test_list_filters_and_navigation(users, login, make_entry, gt_liaison):
    owner = users["cr_liaison"]
    make_entry(owner, reference="CR-A", audience="network")
    old = make_entry(owner, reference="CR-B", category="smuggling")
    WatchlistEntry.objects.filter(pk=old.pk).update(
        valid_until=timezone.localdate() - timedelta(days=3)
    )
    client = login(owner)
    page = client.get("/screening/watchlist/").content.decode()
    assert "CR-A" in page and "CR-B" in page
    assert "CR-B" not in client.get("/screening/watchlist/?status=active").content.decode()
    assert "CR-A" not in client.get("/screening/watchlist/?category=smuggling").content.decode()
    found = client.get("/screening/watchlist/?document=112340567").content.decode()
    assert "CR-A" in found and "CR-B" in found
    recipient = login(gt_liaison).get("/screening/watchlist/").content.decode()
    assert "CR-A" in recipient and "CR-B" not in recipient
    names = {item.url_name for item in items_for(owner)}
    assert {"screening:entry_list", "screening:batch_list"} <= names
    for key in ("st", "observer", "civil_society", "sysadmin", "cr_auditor", "cr_admin"):
        assert not {
            item.url_name
            for item in items_for(users[key])
            if item.url_name.startswith("screening:")
        }, key
    assert client.get("/screening/screenings/").status_code == 200


def test_the_demo_watchlist_is_idempotent_and_holds_the_scenario_entry(users):
    demo.populate(rng=random.Random(1), users=users, options={})
    count = WatchlistEntry.objects.count()
    assert 250 <= count <= 350
    entry = WatchlistEntry.objects.get(reference="CR-DEMO-0001")
    assert (entry.given_names, entry.first_surname, entry.second_surname) == (
        "José Guadalupe",
        "Hernández",
        "Ulloa",
    )
    assert entry.birth_date.isoformat() == "1979-03-04" and entry.audience == "network"
    assert set(WatchlistEntry.objects.values_list("owner_country_id", flat=True)) >= {
        "CR",
        "MX",
        "GT",
        "US",
        "PA",
    }
    assert WatchlistEntry.objects.filter(valid_until__lt=timezone.localdate()).exists()
    demo.populate(rng=random.Random(2), users=users, options={})
    assert WatchlistEntry.objects.count() == count
