"""Issue 3 in the browser: the case form in steps with server-side messages, a stale edit
refused with a message, and a third country refused through the API and the export too."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.cases.models import Case
from tests.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def next_step(page, button="Siguiente"):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_a_case_in_seven_steps_with_messages_in_spanish(live_server, browser, users):
    page = log_in(browser, live_server, users["mx_liaison"])
    page.goto(f"{live_server.url}/cases/new/")
    page.fill('[name="record-reporting_agency"]', "Instituto Nacional de Migración")
    page.select_option('[name="record-case_type"]', "trafficking")
    # no date identified: the server says so, in Spanish, on the same step
    page.locator('[name="record-date_identified"]').evaluate("field => field.required = false")
    next_step(page)
    assert "Este campo es requerido" in page.locator("main").inner_text()
    page.fill('[name="record-date_identified"]', "2025-06-01")
    next_step(page)
    page.select_option('[name="persons-0-role"]', "victim")
    page.fill('[name="persons-0-given_names"]', "Rosa")
    page.fill('[name="persons-0-first_surname"]', "Cojtí")
    page.fill('[name="persons-0-birth_date"]', "2010-04-04")
    page.fill('[name="persons-0-phones"]', "+50255551234")
    next_step(page)
    page.select_option('[name="route-0-from_country"]', "GT")
    page.select_option('[name="route-0-to_country"]', "MX")
    for _step in ("route", "documents", "context", "justice"):
        next_step(page)
    next_step(page, "Guardar el caso")
    case = Case.objects.get()
    assert case.owner_country_id == "MX" and case.reporting_agency.startswith("Instituto")
    victim = case.persons.get()
    assert victim.given_names == "Rosa" and victim.is_minor
    assert [(leg.from_country_id, leg.to_country_id) for leg in case.route.all()] == [("GT", "MX")]
    assert case.reference in page.locator("main").inner_text()


def test_a_stale_edit_is_refused_with_a_message(live_server, browser, users):
    from enlace.accounts.actors import CountryActor
    from enlace.cases.services import case_create, case_update

    case = case_create(
        actor=CountryActor("MX"),
        data={
            "reporting_agency": "INM",
            "date_identified": date(2025, 1, 2),
            "case_type": "smuggling",
            "persons": [],
            "route": [],
        },
    )
    page = log_in(browser, live_server, users["mx_liaison"])
    page.goto(f"{live_server.url}/cases/{case.pk}/edit/")
    page.fill('[name="record-reporting_agency"]', "Versión de la página")
    # meanwhile someone else saves the case
    case_update(
        actor=users["mx_liaison"],
        case=case,
        data={
            "reporting_agency": "Versión de otra persona",
            "date_identified": case.date_identified,
            "case_type": "smuggling",
            "persons": [],
            "route": [],
        },
        expected_version=case.version,
    )
    for _step in range(6):
        next_step(page)
    next_step(page, "Guardar el caso")
    assert "modificó este registro" in page.locator("main").inner_text()
    case.refresh_from_db()
    assert case.reporting_agency == "Versión de otra persona"


def test_a_third_country_gets_nothing_through_the_api_or_the_export(live_server, browser, users):
    from enlace.accounts.actors import CountryActor
    from enlace.cases.services import case_create

    case = case_create(
        actor=CountryActor("MX"),
        data={
            "reference": "MX-2025-00042",
            "reporting_agency": "INM",
            "date_identified": date(2025, 1, 2),
            "case_type": "smuggling",
            "persons": [],
            "route": [],
        },
    )
    Case.objects.filter(pk=case.pk).update(audience="selected")
    case.shared_with.set(["GT"])
    honduras = user_for(Role.LIAISON, "HN-NLO", "hn-liaison")
    page = log_in(browser, live_server, honduras)
    api = page.goto(f"{live_server.url}/api/v1/cases/{case.pk}/?format=json")
    assert api.status == 404
    listing = page.goto(f"{live_server.url}/api/v1/cases/?search=MX-2025-00042&format=json")
    assert listing.status == 200 and listing.json()["count"] == 0
    page.goto(f"{live_server.url}/cases/")
    with page.expect_download() as download_info:
        page.get_by_test_id("case-export").click()
        page.get_by_role("link", name="JSON").click()
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert all(item["reference"] != "MX-2025-00042" for item in exported)
    # Guatemala, with whom it was shared, does get it in her export
    guatemala = log_in(browser, live_server, user_for(Role.LIAISON, "GT-NLO", "gt-liaison"))
    guatemala.goto(f"{live_server.url}/cases/")
    with guatemala.expect_download() as download_info:
        guatemala.get_by_test_id("case-export").click()
        guatemala.get_by_role("link", name="JSON").click()
    exported = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert [item["reference"] for item in exported] == ["MX-2025-00042"]
