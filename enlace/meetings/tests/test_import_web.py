"""The web import of meeting reports: never a 500, the wrong kind of file named, every problem
of the reading shown, drafts (a detected duplicate included) discardable; the branded 500."""

from __future__ import annotations

import html
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.core.documents.kinds import MEETING_REPORT, WORK_PLAN, document_kind
from enlace.core.reference_data import SEEDS_DIR
from enlace.meetings.models import Meeting, MeetingStatus
from enlace.meetings.parsing import parse_meeting_report
from enlace.meetings.services import WrongKindError, meeting_import

pytestmark = pytest.mark.django_db
WORK_PLAN_SEED = SEEDS_DIR / "004_abb5666c6524ad2c.txt"
TEGUCIGALPA = SEEDS_DIR / "002_d9e9c4457487cb69.txt"


def upload(content: bytes, name: str = "informe.txt"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_a_work_plan_uploaded_as_a_report_is_named_with_a_link(users, login):
    client = login(users["st"])
    response = client.post(
        reverse("meetings:meeting_import"), {"file": upload(WORK_PLAN_SEED.read_bytes())}
    )
    assert response.status_code == 400
    assert response.context["wrong_kind"] == WORK_PLAN
    assert reverse("workplan:import") in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_command_dry_run_of_a_work_plan_says_so(users):
    report, meeting = meeting_import(actor=None, path=WORK_PLAN_SEED, dry_run=True)
    assert meeting is None
    assert "work plan" in report.problems[0].message
    with pytest.raises(WrongKindError):
        meeting_import(actor=users["st"], path=WORK_PLAN_SEED)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["Plan de trabajo de la Red 2020-2022", "Work plan of the Network 2020"]),
    st.integers(min_value=5, max_value=12),
)
def test_work_plans_are_recognized_and_reports_are_not(title, rows):
    plan = [title, "Objetivo\tActividad\tResponsable\tCronograma"]
    plan += [f"{n}. Objetivo {n}\tActividad {n}\tPaíses miembros\t2021" for n in range(rows)]
    assert document_kind(plan) == WORK_PLAN
    report = [
        "La Red se reunió el 5 de mayo de 2012 en Managua, Nicaragua, con la participación de "
        "Belice y Canadá, y acordó revisar el plan de trabajo:",
        *(f"{n}. Revisar el plan de trabajo, objetivo {n}." for n in range(1, rows)),
    ]
    assert document_kind(report) == MEETING_REPORT


def test_a_file_that_trips_the_importer_is_a_form_error_not_a_500(users, login):
    client = login(users["st"])
    with mock.patch(
        "enlace.meetings.services.parse_meeting_report", side_effect=RuntimeError("boom")
    ):
        response = client.post(
            reverse("meetings:meeting_import"), {"file": upload(TEGUCIGALPA.read_bytes())}
        )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_any_bytes_uploaded_never_give_a_500(users, login, content):
    client = login(users["st"])
    response = client.post(reverse("meetings:meeting_import"), {"file": upload(content)})
    assert response.status_code in (302, 400)


def test_the_problems_of_the_reading_are_shown_after_an_import(users, login):
    client = login(users["st"])
    content = (
        "La Red de Funcionarios de Enlace se reunió el 5 de mayo de 2012 y acordó lo siguiente:\n"
        "1. Uno.\n2. Dos.\n"
    ).encode()
    response = client.post(
        reverse("meetings:meeting_import"), {"file": upload(content)}, follow=True
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    # No place and no participants: every problem of the reading is on the page.
    report = parse_meeting_report(content.decode().splitlines())
    assert len(report.problems) >= 2
    for found in report.problems:
        assert found.localized() in page


def test_a_detected_duplicate_draft_can_be_discarded(users, login):
    client = login(users["st"])
    meeting_import(actor=users["st"], path=TEGUCIGALPA)
    _report, again = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    detail = client.get(reverse("meetings:meeting_detail", args=[again.pk]))
    assert reverse("meetings:meeting_discard", args=[again.pk]) in detail.content.decode()
    response = client.post(
        reverse("meetings:meeting_discard", args=[again.pk]), {"version": again.version}
    )
    assert response.status_code == 302
    assert Meeting.objects.count() == 1


def test_a_reviewed_meeting_is_not_discarded(users, login):
    client = login(users["st"])
    _report, meeting = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.REVIEWED)
    meeting.refresh_from_db()
    client.post(
        reverse("meetings:meeting_discard", args=[meeting.pk]), {"version": meeting.version}
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_officer_cannot_discard_a_draft(users, login):
    _report, meeting = meeting_import(actor=users["st"], path=TEGUCIGALPA)
    response = login(users["cr_liaison"]).post(
        reverse("meetings:meeting_discard", args=[meeting.pk]), {"version": meeting.version}
    )
    assert response.status_code in (403, 404)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


@override_settings(DEBUG=False)
def test_the_site_has_a_branded_500_page(client):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "bg-enlace" in page and "Enlace" in page


def test_a_folder_gives_one_json_line_per_report(tmp_path):
    import io
    import json

    from django.core.management import call_command

    (tmp_path / "a.txt").write_bytes(TEGUCIGALPA.read_bytes())
    (tmp_path / "b.txt").write_bytes(WORK_PLAN_SEED.read_bytes())
    (tmp_path / "notes.md").write_text("not a report")
    out = io.StringIO()
    call_command("meetings", "import", str(tmp_path), "--dry-run", "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["file"] for line in lines] == ["a.txt", "b.txt"]
    assert lines[0]["start_date"] and lines[0]["meeting"] is None
    assert "work plan" in lines[1]["problems"][0]
    assert not Meeting.objects.exists()


def test_a_folder_import_writes_drafts_and_fails_on_the_wrong_kind(users, tmp_path):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    (tmp_path / "a.txt").write_bytes(TEGUCIGALPA.read_bytes())
    (tmp_path / "b.txt").write_bytes(WORK_PLAN_SEED.read_bytes())
    with pytest.raises(CommandError):
        call_command(
            "meetings",
            "import",
            str(tmp_path),
            "--json",
            "--user",
            users["st"].username,
            stdout=io.StringIO(),
        )
    assert Meeting.objects.count() == 1


def test_several_files_in_the_web_give_a_review_page(users, login):
    client = login(users["st"])
    response = client.post(
        reverse("meetings:meeting_import"),
        {
            "file": [
                upload(TEGUCIGALPA.read_bytes(), "tegucigalpa.txt"),
                upload(WORK_PLAN_SEED.read_bytes(), "plan.txt"),
                upload(b"\x00\x01", "broken.txt"),
            ]
        },
    )
    assert response.status_code == 200
    results = {result["name"]: result for result in response.context["results"]}
    assert results["tegucigalpa.txt"]["meeting"] is not None
    assert results["plan.txt"]["wrong_kind"] == WORK_PLAN
    assert results["broken.txt"]["meeting"] is None and results["broken.txt"]["errors"]
    page = response.content.decode()
    meeting = results["tegucigalpa.txt"]["meeting"]
    assert reverse("meetings:meeting_update", args=[meeting.pk]) in page
    assert reverse("meetings:meeting_discard", args=[meeting.pk]) in page
    assert "data-upload-progress" in client.get(reverse("meetings:meeting_import")).content.decode()
    assert Meeting.objects.count() == 1


def test_the_upload_with_a_progress_bar_is_told_where_the_draft_is(users, login):
    client = login(users["st"])
    response = client.post(
        reverse("meetings:meeting_import"),
        {"file": upload(TEGUCIGALPA.read_bytes())},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    meeting = Meeting.objects.get()
    assert response.json() == {"location": reverse("meetings:meeting_detail", args=[meeting.pk])}
    # the messages of the import are still there for the page it goes to
    page = client.get(response.json()["location"]).content.decode()
    assert "alert-success" in page
