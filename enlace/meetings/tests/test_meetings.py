"""Meetings from the network's reports: import, review, agreements turned into tasks with
owners and deadlines, follow-up, reports in DOCX/PDF that read back, calendar and digests."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.audit.models import Event
from enlace.core.models import Country
from enlace.core.reference_data import SEEDS_DIR
from enlace.meetings.models import FollowUpTask, Meeting, MeetingStatus, TaskStatus
from enlace.meetings.notifications import send_digests
from enlace.meetings.parsing.report import parse_meeting_file
from enlace.meetings.reports import date_range_text, meeting_report_docx, meeting_report_pdf
from enlace.meetings.services import meeting_import, meeting_review, task_create

pytestmark = pytest.mark.django_db
SEEDS = SEEDS_DIR
TEGUCIGALPA = SEEDS / "002_d9e9c4457487cb69.txt"
MEETING_SEEDS = sorted(path for path in SEEDS.glob("00[0-3]_*.txt"))


@pytest.fixture
def hn_liaison(db):
    return user_for(Role.LIAISON, "HN-NLO", "hn-liaison")


@pytest.fixture
def tegucigalpa(users):
    _report, meeting = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    return meeting


def test_the_command_prints_the_contract_json_without_writing(capsys):
    out = io.StringIO()
    call_command("meetings", "import", str(TEGUCIGALPA), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {
        "title",
        "body",
        "start_date",
        "end_date",
        "city",
        "country",
        "participants",
        "language",
        "items",
    }
    assert (data["start_date"], data["end_date"], data["city"], data["country"]) == (
        "2016-06-08",
        "2016-06-08",
        "Tegucigalpa",
        "HN",
    )
    assert data["participants"] == ["CA", "CR", "DO", "GT", "HN", "MX", "PA", "SV", "US"]
    assert data["body"] == "network" and data["language"] == "es"
    assert [len(item["subitems"]) for item in data["items"]] == [0, 2, 2, 2, 0, 0, 1]
    assert not Meeting.objects.exists()


def test_the_command_creates_a_draft_for_the_st_to_review(users):
    out = io.StringIO()
    call_command("meetings", "import", str(TEGUCIGALPA), "--user", "st", stdout=out)
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.DRAFT and meeting.created_by == users["st"]
    assert meeting.agreements.count() == 7
    assert meeting.agreements.get(number="2").subitems.count() == 2
    assert sorted(meeting.participants.values_list("iso2", flat=True)) == [
        "CA",
        "CR",
        "DO",
        "GT",
        "HN",
        "MX",
        "PA",
        "SV",
        "US",
    ]
    assert Event.objects.filter(action="meetings.import").exists()


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError):
        call_command("meetings", "import", str(bad), "--dry-run", "--json")
    empty = tmp_path / "empty.txt"
    empty.write_text("Nada que leer aquí.\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("meetings", "import", str(empty), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Meeting.objects.exists()


def test_drafts_are_hidden_from_officers_until_reviewed(users, login, tegucigalpa):
    officer = login(users["cr_liaison"])
    url = reverse("meetings:meeting_detail", args=[tegucigalpa.pk])
    assert officer.get(url).status_code == 404
    assert login(users["st"]).get(url).status_code == 200
    meeting_review(actor=users["st"], meeting=tegucigalpa, expected_version=tegucigalpa.version)
    page = officer.get(url)
    assert page.status_code == 200 and "Tegucigalpa" in page.content.decode()


def test_civil_society_does_not_see_meetings(users, login, tegucigalpa):
    client = login(users["civil_society"])
    assert client.get(reverse("meetings:meeting_list")).status_code == 403
    assert client.get(reverse("meetings:task_list")).status_code == 403


@pytest.mark.parametrize("seed", MEETING_SEEDS, ids=lambda path: path.name[:3])
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_generated_report_reads_back_with_the_same_agreements(users, tmp_path, seed, language):
    _report, meeting = meeting_import(actor=users["st"], path=seed)
    path = tmp_path / "report.docx"
    path.write_bytes(meeting_report_docx(meeting, language))
    again = parse_meeting_file(path)
    original = [
        (
            agreement.number,
            agreement.text,
            [(sub.label, sub.text) for sub in agreement.subitems.all()],
        )
        for agreement in meeting.agreements.all()
    ]
    assert [
        (item.number, item.text, [(sub.label, sub.text) for sub in item.subitems])
        for item in again.items
    ] == original
    assert (again.start_date, again.end_date) == (meeting.start_date, meeting.end_date)
    assert again.participants == sorted(meeting.participants.values_list("iso2", flat=True))
    if language == meeting.language:  # an English frame around Spanish agreements reads as es
        assert again.language == language
    Document(str(path))  # and Word opens it


def test_the_pdf_report_is_a_pdf_with_pages(users, tegucigalpa):
    content = meeting_report_pdf(tegucigalpa, "en")
    assert content.startswith(b"%PDF-") and b"/Type /Page" in content
    assert content.rstrip().endswith(b"%%EOF")


def test_report_downloads_are_audited(users, login, tegucigalpa):
    response = login(users["st"]).get(
        reverse("meetings:meeting_report", args=[tegucigalpa.pk]), {"lang": "en", "format": "docx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Event.objects.filter(action="meetings.report").count() == 1


def test_dates_are_written_as_the_region_writes_them():
    assert date_range_text(date(2016, 6, 8), date(2016, 6, 8), "es") == "8 de junio de 2016"
    assert date_range_text(date(2010, 5, 18), date(2010, 5, 19), "es") == "18 y 19 de mayo de 2010"
    assert date_range_text(date(2014, 6, 24), date(2014, 6, 25), "en") == "June 24-25, 2014"


def test_agreement_2a_becomes_a_task_the_honduran_officer_sees(
    users, login, tegucigalpa, hn_liaison
):
    meeting_review(actor=users["st"], meeting=tegucigalpa, expected_version=tegucigalpa.version)
    st = login(users["st"])
    agreement = tegucigalpa.agreements.get(number="2")
    sub = agreement.subitems.get(label="a")
    due = date.today() + timedelta(days=61)
    response = st.post(
        reverse("meetings:task_create", args=[tegucigalpa.pk]),
        {
            "agreement": "2",
            "title": "Enviar avances sobre los indicadores del Protocolo",
            "subitem": str(sub.pk),
            "due_date": due.isoformat(),
            "countries": list(
                Country.objects.filter(member_state=True).values_list("pk", flat=True)
            ),
        },
    )
    assert response.status_code == 302
    task = FollowUpTask.objects.get()
    assert task.subitem == sub and task.owner_countries.count() == 11 and task.due_date == due

    officer = login(hn_liaison)
    home = officer.get(reverse("web:home")).content.decode()
    assert "Enviar avances sobre los indicadores" in home
    calendar_page = officer.get(reverse("meetings:calendar"))
    feed_url = calendar_page.context["feed_url"]
    feed = officer.get(feed_url.replace("http://testserver", ""))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Enviar avances sobre los indicadores" in body
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in body
    assert "Tegucigalpa" in body  # the reviewed meeting itself


def test_a_task_needs_an_owner(users, tegucigalpa):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        task_create(
            actor=users["st"],
            agreement=tegucigalpa.agreements.first(),
            title="x",
            due_date=date.today(),
        )


def test_only_owners_update_a_task_and_stale_updates_are_refused(users, login, tegucigalpa):
    task = task_create(
        actor=users["st"],
        agreement=tegucigalpa.agreements.first(),
        title="Informe",
        due_date=date.today() + timedelta(days=5),
        countries=[Country.objects.get(iso2="CR")],
    )
    url = reverse("meetings:task_detail", args=[task.pk])
    assert login(users["mx_liaison"]).post(url, {"status": "done", "version": 1}).status_code == 403
    officer = login(users["cr_liaison"])
    assert officer.post(url, {"status": "done", "version": 1}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_on == date.today()
    stale = officer.post(url, {"status": "open", "version": 1})
    assert stale.status_code == 409
    assert any(word in stale.content.decode() for word in ("Reload", "Recargue"))
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_overdue_tasks_are_listed_per_country(users, login, tegucigalpa):
    task_create(
        actor=users["st"],
        agreement=tegucigalpa.agreements.first(),
        title="Atrasada",
        due_date=date.today() - timedelta(days=3),
        countries=[Country.objects.get(iso2="MX")],
    )
    page = login(users["st"]).get(reverse("meetings:task_list"), {"overdue": "on"})
    assert [row["owner_countries__iso2"] for row in page.context["overdue_by_country"]] == ["MX"]
    assert [task.title for task in page.context["object_list"]] == ["Atrasada"]


def test_digests_reach_the_owners_of_tasks_due_soon(users, mailoutbox, tegucigalpa):
    users["mx_liaison"].email = "mx@example.org"
    users["mx_liaison"].save()
    users["cr_liaison"].email = "cr@example.org"
    users["cr_liaison"].save()
    task_create(
        actor=users["st"],
        agreement=tegucigalpa.agreements.first(),
        title="Enviar la matriz",
        due_date=date.today() + timedelta(days=3),
        countries=[Country.objects.get(iso2="MX")],
    )
    sent = send_digests()
    recipients = {address for message in mailoutbox for address in message.to}
    assert sent == len(mailoutbox) and "mx@example.org" in recipients
    assert "cr@example.org" not in recipients  # Costa Rica owns no task
    mexico = next(message for message in mailoutbox if message.to == ["mx@example.org"])
    assert "Enviar la matriz" in mexico.body


def test_the_calendar_address_can_be_renewed(users, login, tegucigalpa):
    client = login(users["cr_liaison"])
    old = client.get(reverse("meetings:calendar")).context["feed_url"]
    client.post(reverse("meetings:calendar"))
    assert client.get(old.replace("http://testserver", "")).status_code == 404


def test_the_st_corrects_the_agreements_of_an_import(users, login, tegucigalpa):
    client = login(users["st"])
    url = reverse("meetings:meeting_update", args=[tegucigalpa.pk])
    response = client.post(
        url,
        {
            "agreements": "1",
            "version": tegucigalpa.version,
            "text": "1. Primero\na) uno\nb) dos\n\n2. Segundo\nsigue",
        },
    )
    assert response.status_code == 302
    agreements = list(tegucigalpa.agreements.all())
    assert [(a.number, a.text) for a in agreements] == [("1", "Primero"), ("2", "Segundo sigue")]
    assert [sub.label for sub in agreements[0].subitems.all()] == ["a", "b"]
    stale = client.post(url, {"agreements": "1", "version": tegucigalpa.version, "text": "1. Otro"})
    assert stale.status_code == 409


def test_a_report_imported_twice_is_flagged_for_the_st(users):
    meeting_import(actor=users["st"], path=TEGUCIGALPA)
    _report, again = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    assert "twice" in again.import_notes or "dos veces" in again.import_notes


def test_an_officer_adds_campaigns_of_her_own_country_only(users, login):
    from enlace.meetings.models import Campaign

    client = login(users["cr_liaison"])
    refused = client.post(
        reverse("meetings:campaign_create"), {"country": "MX", "title": "Corazón Azul"}
    )
    assert refused.status_code == 400 and not Campaign.objects.exists()
    assert (
        client.post(
            reverse("meetings:campaign_create"), {"country": "CR", "title": "No se deje engañar"}
        ).status_code
        == 302
    )
    assert Event.objects.filter(action="meetings.campaign.create").count() == 1


def test_a_training_is_evaluated_six_months_after_it_ends(users, login):
    from enlace.meetings.models import TrainingEvent

    response = login(users["st"]).post(
        reverse("meetings:training_create"),
        {
            "title": "Taller de documentos",
            "start_date": "2026-03-02",
            "end_date": "2026-03-04",
            "participants_count": "20",
        },
    )
    assert response.status_code == 302
    training = TrainingEvent.objects.get()
    assert training.evaluation_due == date(2026, 3, 4) + timedelta(days=182)
