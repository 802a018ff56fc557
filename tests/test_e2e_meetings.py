"""Issue 5 in the browser: the ST imports the 2016 Tegucigalpa report, reviews it, turns
agreement 2a into a task for the member states with a two-month deadline, and the Honduran
liaison officer sees it on her home page and in her calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.core.reference_data import SEEDS_DIR
from enlace.meetings.models import FollowUpTask, Meeting
from tests.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
REPORT = SEEDS_DIR / "002_d9e9c4457487cb69.txt"


def test_the_st_turns_agreement_2a_into_a_task_the_honduran_officer_sees(
    live_server, browser, users
):
    honduras = user_for(Role.LIAISON, "HN-NLO", "hn-liaison")
    st = log_in(browser, live_server, users["st"])
    st.goto(f"{live_server.url}/meetings/import/")
    st.set_input_files("#id_file", str(REPORT))
    with st.expect_navigation():
        st.get_by_role("button", name="Leer el informe").click()
    meeting = Meeting.objects.get()
    assert st.url == f"{live_server.url}/meetings/{meeting.pk}/"
    agreements = st.get_by_test_id("agreements").inner_text()
    assert "Protocolo" in agreements and meeting.agreements.count() == 7
    with st.expect_navigation():
        st.get_by_role("button", name="Marcar como revisada").click()
    meeting.refresh_from_db()
    assert meeting.status == "reviewed"

    st.locator("#agreement-2").get_by_role("link", name="Dar seguimiento").first.click()
    st.wait_for_url("**/tasks/new/**")
    due = date.today() + timedelta(days=61)
    st.fill("#id_title", "Informar los avances en los indicadores del Protocolo de Palermo")
    st.fill("#id_due_date", due.isoformat())
    for name in ("Honduras", "Guatemala", "El Salvador", "Costa Rica"):
        st.get_by_label(name, exact=True).check()
    with st.expect_navigation():
        st.get_by_role("button", name="Crear la tarea").click()
    task = FollowUpTask.objects.get()
    assert task.subitem.label == "a" and task.due_date == due
    assert sorted(task.owner_countries.values_list("iso2", flat=True)) == ["CR", "GT", "HN", "SV"]

    hn = log_in(browser, live_server, honduras)
    assert "Informar los avances" in hn.get_by_test_id("tasks-due").inner_text()
    hn.goto(f"{live_server.url}/meetings/calendar/")
    feed = hn.get_by_test_id("feed-url").input_value()
    calendar = hn.request.get(feed)
    assert calendar.ok and "Informar los avances" in calendar.text()
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in calendar.text()
