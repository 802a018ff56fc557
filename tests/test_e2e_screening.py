"""Issue 4 in the browser: a Guatemalan border officer uploads a manifest of 5,000 travellers;
"JOSE GUADALUPE HERNANDEZ" born 1979-03-04 hits Costa Rica's entry with its four reasons, the
owner's contact is shown, the entry's name stays in Costa Rica, and she confirms the hit."""

from __future__ import annotations

import random

import pytest

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.screening import demo
from enlace.screening.models import Hit, Screening
from enlace.screening.tests.test_acceptance import JOSE_ROW, TRAVELLERS, manifest
from tests.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_manifest_is_screened_and_the_hit_confirmed(live_server, browser, users, tmp_path):
    LawProfile.objects.update_or_create(
        country_id="CR", defaults={"share_birth_dates": True, "share_identity_numbers": True}
    )
    rng = random.Random(2002)
    demo.populate(rng=rng, users=users, options={})
    path = tmp_path / "TA560.csv"
    path.write_bytes(manifest(rng))
    guatemala = user_for(Role.LIAISON, "GT-NLO", "gt-liaison")

    page = log_in(browser, live_server, guatemala)
    page.goto(f"{live_server.url}/screening/screenings/new/")
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.get_by_test_id("screening-summary").wait_for(timeout=120_000)
    screening = Screening.objects.get(kind="batch")
    assert screening.travellers == TRAVELLERS

    hit = Hit.objects.get(screening=screening, row=JOSE_ROW)
    row = page.locator(f"#hit-{hit.pk}")
    if not row.count():  # the hits are paged: open the page that holds Jose's row
        page.goto(f"{live_server.url}/screening/screenings/{screening.pk}/?q=HERNANDEZ")
    text = row.inner_text()
    assert "JOSE GUADALUPE HERNANDEZ" in text and "1979-03-04" in text
    codes = (
        row.get_by_test_id("reasons")
        .locator("li")
        .evaluate_all("items => items.map(item => item.dataset.code)")
    )
    assert codes == [
        "given_names_equal",
        "first_surname_equal",
        "second_surname_missing",
        "birth_date_equal",
    ]
    assert "Ulloa" not in text and "ULLOA" not in text  # Costa Rica keeps names at home
    assert row.get_by_test_id("owner-contact").count() >= 1

    row.locator("button[value=confirmed]").click()
    page.locator(f"#hit-{hit.pk} [data-testid=decision]").filter(
        has_text="Confirm"
    ).wait_for()  # "Confirmada" / "Confirmed"
    hit.refresh_from_db()
    assert hit.decision == "confirmed" and hit.decided_by == guatemala
