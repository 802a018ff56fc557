"""Data calls: the Secretariat opens one, countries answer by form, XLSX or API, on time or
late; the missing are reminded before and after the deadline; submitted aggregates count."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import load_workbook

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.audit.models import Event
from enlace.core.tests.injection import HOSTILE
from enlace.statistics.aggregates import view_compute
from enlace.statistics.choices import SubmissionStatus
from enlace.statistics.disclosure import TOTAL
from enlace.statistics.facts import facts_sync
from enlace.statistics.models import DataCall, DataCallReminder, DataCallSubmission
from enlace.statistics.periods import Period
from enlace.statistics.scope import statistics_scope
from enlace.statistics.services import (
    SubmissionInvalid,
    data_call_close,
    data_call_open,
    data_call_standings,
    reminders_send,
    submission_save,
)

from .helpers import contributes, victims

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def open_call(
    st,
    *,
    deadline=None,
    indicators=("VIC_AGE_SEX", "VIC_EXP_SEX"),
    period="2025-S2",
    title="Cifras del segundo semestre",
):
    return data_call_open(
        actor=st,
        title=title,
        period=period,
        indicators=list(indicators),
        deadline=deadline or TODAY + timedelta(days=20),
    )


def victims_table(female_adults=30, male_children=2):
    """VIC_AGE_SEX cells as [[row, col, n]]."""
    return [["18_29", "F", female_adults], ["12_17", "M", male_children]]


def exploitation_table(female_adults=30, male_children=2):
    return [["SexualExploitation", "F", female_adults], ["ForcedLabour", "M", male_children]]


def tables(female_adults=30, male_children=2):
    return {
        "VIC_AGE_SEX": victims_table(female_adults, male_children),
        "VIC_EXP_SEX": exploitation_table(female_adults, male_children),
    }


def test_only_the_secretariat_opens_and_closes(users, login):
    page = login(users["st"]).post(
        "/statistics/data-calls/new/",
        {
            "title": "Cifras 2025-S2",
            "period": "2025-S2",
            "indicators": ["VIC_AGE_SEX"],
            "deadline": (TODAY + timedelta(days=30)).isoformat(),
            "remind_days_before": 7,
            "remind_every_days": 7,
        },
    )
    call = DataCall.objects.get()
    assert page.status_code == 302 and call.period == "2025-S2"
    assert call.indicators == ["VIC_AGE_SEX"] and call.opened_by == users["st"]
    assert Event.objects.filter(action="statistics.data_call_open").exists()
    bad = login(users["st"]).post(
        "/statistics/data-calls/new/",
        {
            "title": "x",
            "period": "2025-S7",
            "indicators": ["RTE_FLOW"],
            "deadline": TODAY.isoformat(),
            "remind_days_before": 7,
            "remind_every_days": 7,
        },
    )
    assert bad.status_code == 400 and DataCall.objects.count() == 1
    assert login(users["cr_liaison"]).post("/statistics/data-calls/new/", {}).status_code == 403
    with pytest.raises(PermissionDenied):
        open_call(users["cr_liaison"])
    with pytest.raises(PermissionDenied):
        data_call_close(actor=users["observer"], call=call)
    login(users["st"]).post(f"/statistics/data-calls/{call.pk}/close/")
    call.refresh_from_db()
    assert call.status == "closed"
    with pytest.raises(Exception, match="cerrada"):  # Spanish, the default language
        submission_save(actor=users["cr_liaison"], call=call, tables={}, channel="api")


def test_submit_by_form(users, login):
    call = open_call(users["st"])
    officer = login(users["cr_liaison"])
    page = officer.get(f"/statistics/data-calls/{call.pk}/submit/")
    assert page.status_code == 200
    assert 'name="VIC_AGE_SEX|18_29|F"' in page.content.decode()
    response = officer.post(
        f"/statistics/data-calls/{call.pk}/submit/",
        {
            "VIC_AGE_SEX|18_29|F": "30",
            "VIC_AGE_SEX|12_17|M": "2",
            "VIC_EXP_SEX|SexualExploitation|F": "30",
            "VIC_EXP_SEX|ForcedLabour|M": "2",
            "note": "Cifras preliminares",
        },
    )
    assert response.status_code == 302
    submission = DataCallSubmission.objects.get(call=call, country_id="CR")
    assert submission.channel == "form" and submission.note == "Cifras preliminares"
    cells = {(row, col): value for row, col, value in submission.tables["VIC_AGE_SEX"]}
    assert cells[("18_29", "F")] == 30 and cells[("0_11", "X")] == 0
    standings = {item.country.iso2: item.status for item in data_call_standings(call)}
    assert standings["CR"] == SubmissionStatus.ON_TIME and standings["MX"] == "pending"

    # totals of the two tables of victims must agree; nothing is saved otherwise
    refused = officer.post(
        f"/statistics/data-calls/{call.pk}/submit/",
        {"VIC_AGE_SEX|18_29|F": "31", "VIC_EXP_SEX|SexualExploitation|F": "30"},
    )
    assert refused.status_code == 400
    assert "submission-errors" in refused.content.decode()
    submission.refresh_from_db()
    assert submission.version == 1


def test_submit_by_xlsx(users, login):
    call = open_call(users["st"])
    officer = login(users["cr_liaison"])
    template = officer.get(f"/statistics/data-calls/{call.pk}/template.xlsx")
    assert template.status_code == 200
    workbook = load_workbook(io.BytesIO(template.content))
    assert workbook.sheetnames == ["VIC_AGE_SEX", "VIC_EXP_SEX"]
    sheet = workbook["VIC_AGE_SEX"]
    codes = [cell.value for cell in sheet[4]]
    rows = [sheet.cell(row, 1).value for row in range(6, sheet.max_row + 1)]
    sheet.cell(6 + rows.index("18_29"), codes.index("F") + 1, 25)
    sheet.cell(6 + rows.index("30_49"), codes.index("F") + 1, 5)
    sheet = workbook["VIC_EXP_SEX"]
    codes = [cell.value for cell in sheet[4]]
    rows = [sheet.cell(row, 1).value for row in range(6, sheet.max_row + 1)]
    sheet.cell(6 + rows.index("SexualExploitation"), codes.index("F") + 1, 30)

    def upload(book):
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        buffer.name = "cifras.xlsx"
        return officer.post(f"/statistics/data-calls/{call.pk}/upload/", {"file": buffer})

    assert upload(workbook).status_code == 302
    submission = DataCallSubmission.objects.get(call=call, country_id="CR")
    assert submission.channel == "xlsx"
    assert ["30_49", "F", 5] in submission.tables["VIC_AGE_SEX"]

    sheet["C6"] = "doce"
    refused = upload(workbook)
    assert refused.status_code == 400
    assert "Un conteo es un número entero" in refused.content.decode()
    del workbook["VIC_EXP_SEX"]
    assert "Falta la hoja de este cuadro" in upload(workbook).content.decode()
    submission.refresh_from_db()
    assert submission.version == 1


def test_submit_by_api_and_late(users, login):
    call = open_call(users["st"], deadline=TODAY - timedelta(days=3))
    api = login(users["mx_liaison"])
    url = f"/api/v1/statistics/data-calls/{call.pk}/submission/"
    assert api.get(url).status_code == 404
    wrong = api.post(
        url, {"tables": {"VIC_AGE_SEX": [["18_29", "F", -1]]}}, content_type="application/json"
    )
    assert wrong.status_code == 400
    fields = wrong.json()["error"]["fields"]
    assert "VIC_AGE_SEX" in fields and "VIC_EXP_SEX" in fields  # a bad cell, a missing table
    created = api.post(url, {"tables": tables(), "note": "API"}, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "late" and created.json()["country"] == "MX"
    assert api.get(url).json()["version"] == 1
    again = api.post(url, {"tables": tables(31)}, content_type="application/json")
    assert again.json()["version"] == 2
    standings = login(users["st"]).get(f"/api/v1/statistics/data-calls/{call.pk}/standings/").json()
    status = {item["country"]: item["status"] for item in standings}
    assert status["MX"] == "late" and status["CR"] == "missing" and len(status) == 11
    # the Secretariat sees each country's answer; an officer only her own
    assert (
        login(users["st"]).get(f"/statistics/data-calls/{call.pk}/countries/MX/").status_code == 200
    )
    assert (
        login(users["cr_liaison"])
        .get(f"/statistics/data-calls/{call.pk}/countries/MX/")
        .status_code
        == 404
    )
    assert (
        login(users["st"])
        .post(url, {"tables": tables()}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        login(users["cr_liaison"])
        .post(
            "/api/v1/statistics/data-calls/",
            {
                "title": "x",
                "period": "2025",
                "indicators": ["VIC_AGE_SEX"],
                "deadline": "2026-01-01",
            },
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_reminders_before_and_after_the_deadline(users, mailoutbox):
    deadline = date(2026, 3, 31)
    call = open_call(users["st"], deadline=deadline)
    submission_save(actor=users["cr_liaison"], call=call, tables=tables(), channel="api")

    assert reminders_send(today=deadline - timedelta(days=10)) == 0  # too early
    assert reminders_send(today=deadline - timedelta(days=5)) == 1
    [message] = mailoutbox
    assert message.to == [users["mx_liaison"].email]  # Costa Rica answered already
    assert call.title in message.subject and "2026-03-31" in message.body
    assert f"/statistics/data-calls/{call.pk}/" in message.body
    assert reminders_send(today=deadline - timedelta(days=4)) == 0  # once before
    assert DataCallReminder.objects.filter(kind="before", country_id="CR").count() == 0

    assert reminders_send(today=deadline + timedelta(days=1)) == 2  # MX, and the ST digest
    digest = mailoutbox[-1]
    assert digest.to == [users["st"].email]
    assert "(MX)" in digest.body and "(CR)" not in digest.body
    assert reminders_send(today=deadline + timedelta(days=3)) == 0  # every 7 days
    call_command("stats", "remind", "--date", (deadline + timedelta(days=8)).isoformat())
    assert len(mailoutbox) == 5
    assert Event.objects.filter(action="statistics.reminders_send").count() == 3
    data_call_close(actor=users["st"], call=call)
    assert reminders_send(today=deadline + timedelta(days=30)) == 0


def test_submitted_aggregates_join_the_regional_figures(users, login):
    contributes("CR", "MX")
    victims("CR", 12, per_case=12, day=date(2025, 8, 1))
    victims("MX", 20, per_case=10, day=date(2025, 9, 1))
    honduras = user_for(Role.LIAISON, "HN-NLO", "hn-liaison")
    call = open_call(users["st"])
    # Honduras shares no case data (no law profile) but answers the call
    submission_save(actor=honduras, call=call, tables=tables(40, 0), channel="api")
    # Mexico answers too: its submission replaces its case figures for the period
    submission_save(actor=users["mx_liaison"], call=call, tables=tables(25, 0), channel="api")
    facts_sync()
    semester = view_compute(scope=statistics_scope(users["st"]), period=Period.parse("2025-S2"))
    assert semester.tables["VIC_AGE_SEX"].total == 12 + 25 + 40
    owners = semester.tables["VIC_OWNER_SEX"]
    assert owners.value("HN", "F") == 40 and owners.value("MX", "F") == 25
    assert owners.value("CR", TOTAL) is None or owners.value("CR", TOTAL) == 12
    assert semester.tables["VIC_AGE_SEX"].submitted_by == ["HN", "MX"]
    assert semester.submitted == {"HN": [call.title], "MX": [call.title]}
    # a trend by month cannot place a semester's submission: its months count case data
    assert semester.tables["PER_TREND"].value("victim", TOTAL) == 12 + 20
    assert semester.tables["PER_TREND"].submitted_by == []
    # a trend by semester can
    by_semester = view_compute(
        scope=statistics_scope(users["st"]), period=Period.parse("2025"), granularity="semester"
    )
    assert by_semester.tables["PER_TREND"].value("victim", "2025-S2") == 12 + 25 + 40
    assert by_semester.tables["PER_TREND"].submitted_by == ["HN", "MX"]
    # a year is not covered by one semester: Honduras counts nothing, Mexico its cases
    year = view_compute(scope=statistics_scope(users["st"]), period=Period.parse("2025"))
    assert year.tables["VIC_AGE_SEX"].total == 12 + 20
    assert year.submitted == {}
    # filtered by case type, submitted figures (which have none) are left out
    filtered = view_compute(
        scope=statistics_scope(users["st"]), period=Period.parse("2025-S2"), case_type="trafficking"
    )
    assert filtered.tables["VIC_AGE_SEX"].total == 32

    page = login(users["st"]).get("/statistics/?period=2025-S2")
    assert page.content.decode().count('data-testid="submitted-badge"') == 2


@pytest.fixture
def english():
    """The messages some tests assert, in English (Spanish is the default)."""
    with translation.override("en"):
        yield


def test_submission_validation(users, english):
    call = open_call(users["st"], indicators=["VIC_AGE_SEX", "VIC_EXP_SEX", "SUS_AGE_SEX"])
    with pytest.raises(SubmissionInvalid) as refused:
        submission_save(
            actor=users["cr_liaison"],
            call=call,
            channel="api",
            tables={**tables(), "SUS_AGE_SEX": [["99", "F", 1], ["18_29", "Q", 1]], "RTE_FLOW": []},
        )
    messages = [str(error) for error in refused.value.cell_errors]
    assert any("SUS_AGE_SEX · 99" in text for text in messages)
    assert any("Unknown column" in text for text in messages)
    assert any("RTE_FLOW" in text and "not requested" in text for text in messages)
    with pytest.raises(SubmissionInvalid, match="differs"):
        submission_save(
            actor=users["cr_liaison"],
            call=call,
            channel="api",
            tables={
                "VIC_AGE_SEX": victims_table(30, 2),
                "VIC_EXP_SEX": exploitation_table(30, 3),
                "SUS_AGE_SEX": [],
            },
        )
    with pytest.raises(PermissionDenied):
        submission_save(actor=users["st"], call=call, channel="api", tables=tables())
    assert not DataCallSubmission.objects.exists()


@pytest.mark.parametrize("payload", HOSTILE)
def test_typed_titles_leave_the_dashboard_workbook_inert(users, payload):
    """A data call's title (typed by the Secretariat) is written into the dashboard workbook
    as text a spreadsheet shows, never runs."""
    from enlace.core.tests.injection import assert_xlsx_inert
    from enlace.statistics.exports import view_xlsx
    from enlace.statistics.indicators import Labels

    call = open_call(users["st"], title=payload)
    submission_save(actor=users["mx_liaison"], call=call, tables=tables(25, 0), channel="api")
    facts_sync()
    view = view_compute(scope=statistics_scope(users["st"]), period=Period.parse("2025-S2"))
    assert_xlsx_inert(view_xlsx(view, Labels()), payloads=[payload.strip()])
