"""Issue 3, end to end in the browser: a Mexican liaison officer imports a spreadsheet of cases,
shares two with Guatemala under H1; the Guatemalan officer finds them in her inbox, redacted as
Mexico's law profile says; a Honduran officer cannot reach them by list, search or URL."""

from __future__ import annotations

import re

import pytest
from openpyxl import Workbook

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.cases.importing import COLUMNS
from enlace.cases.models import Case
from enlace.cases.tests.test_import_export import GOOD_ROWS
from tests.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def spreadsheet(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    rows = [
        *GOOD_ROWS,
        dict(GOOD_ROWS[0], reference="MX-2025-00020", given_names="Julia"),
        dict(GOOD_ROWS[1], reference="MX-2025-00020"),
    ]
    for row in rows:
        sheet.append([row.get(column, "") for column in COLUMNS])
    workbook.save(path)
    return path


def share_with_guatemala(page, live_server, case):
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_label("Estados miembros seleccionados").check()
    page.get_by_label("Guatemala", exact=True).check()
    page.get_by_label("Código de manejo").select_option("H1")
    page.get_by_role("button", name="Actualizar").click()
    page.wait_for_url(f"{live_server.url}/cases/{case.pk}/")


def test_import_share_inbox_redaction_and_no_third_country(live_server, browser, users, tmp_path):
    LawProfile.objects.create(country_id="MX", share_birth_dates=True)
    mexico = users["mx_liaison"]
    guatemala = user_for(Role.LIAISON, "GT-NLO", "gt-liaison")
    honduras = user_for(Role.LIAISON, "HN-NLO", "hn-liaison")

    page = log_in(browser, live_server, mexico)
    page.goto(f"{live_server.url}/cases/import/")
    page.set_input_files("#id_file", str(spreadsheet(tmp_path / "casos.xlsx")))
    page.get_by_role("button", name="Importar").click()
    outcome = page.get_by_test_id("import-outcome")
    outcome.wait_for()
    assert "Se importaron 3 casos" in outcome.inner_text()

    shared = list(Case.objects.filter(reference__in=["MX-2025-00010", "MX-2025-00020"]))
    for case in shared:
        share_with_guatemala(page, live_server, case)
    assert Case.objects.filter(audience="selected", handling_code="H1").count() == 2

    gt = log_in(browser, live_server, guatemala)
    gt.goto(f"{live_server.url}/cases/inbox/")
    inbox = gt.locator("main").inner_text()
    assert "MX-2025-00010" in inbox and "MX-2025-00020" in inbox
    assert "MX-2025-00011" not in inbox  # the third case was not shared
    gt.get_by_role("link", name="MX-2025-00020").click()
    detail = gt.locator("main").inner_text()
    assert "Julia" not in detail and "Pérez" not in detail  # names stay in Mexico
    assert "2009-01-02" in detail  # birth dates may leave Mexico
    assert re.search(r"V-[A-Z0-9]{10}", detail)  # the victim's pseudonym
    assert "H1" in detail

    hn = log_in(browser, live_server, honduras)
    hn.goto(f"{live_server.url}/cases/?search=MX-2025")
    assert "MX-2025" not in hn.locator("table").inner_text()
    response = hn.goto(f"{live_server.url}/cases/{shared[0].pk}/")
    assert response.status == 404
