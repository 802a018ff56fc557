"""Pages of the work plan: who sees what, the ST's import (upload -> preview -> confirm) and
draft (edit, stale edit, done, publish), exports."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enlace.workplan.models import Activity, HistoryRecord, PlanVersion

from .conftest import SEED, activity_of
from .test_importing import DOCUMENTS


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


@pytest.mark.parametrize("role", ["cr_liaison", "cr_admin", "observer", "st"])
def test_readers_see_the_plan_with_its_flags_and_history(users, login, plan, role):
    response = login(users[role]).get(reverse("workplan:plan"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "POLÍTICAS Y GESTIÓN MIGRATORIA" in page
    assert "Realizar Taller de modernización de la legislación" in page
    assert 'data-flag="no_activity"' in page  # objective 7
    assert "Taller realizado en Manzanillo, México, enero de 2008." in page  # history
    assert (reverse("workplan:import") in page) == (role == "st")


@pytest.mark.parametrize("role", ["civil_society", "cr_auditor", "sysadmin"])
def test_the_plan_is_internal(users, login, plan, role):
    client = login(users[role])
    assert client.get(reverse("workplan:plan")).status_code == 403
    assert client.get(reverse("workplan:version_export_docx", args=[1])).status_code == 403


def test_an_empty_plan_says_so(users, login):
    response = login(users["cr_liaison"]).get(reverse("workplan:plan"))
    assert response.status_code == 200
    assert 'data-testid="plan-empty"' in response.content.decode()


def test_a_country_filters_the_activities_it_answers_for(users, login, plan):
    page = login(users["mx_liaison"]).get(reverse("workplan:plan") + "?party=MX").content.decode()
    assert "Elaborar un directorio de referencia" in page  # 6.5 México y OIM
    assert "Difusión de programas de gobierno" in page  # 1.2 Países miembros
    assert "Realizar Taller de modernización" not in page  # 2.2 El Salvador only


def test_older_versions_can_be_browsed(users, login, plan, seed_import):
    from enlace.workplan.services import plan_import

    plan_import(actor=users["st"], imported=seed_import)
    client = login(users["cr_liaison"])
    listing = client.get(reverse("workplan:version_list")).content.decode()
    assert reverse("workplan:version_detail", args=[1]) in listing
    assert reverse("workplan:version_detail", args=[2]) in listing
    older = client.get(reverse("workplan:version_detail", args=[1]))
    assert older.status_code == 200
    assert reverse("workplan:plan") in older.content.decode()  # "see the version in force"
    assert client.get(reverse("workplan:version_detail", args=[3])).status_code == 404


def test_exports_download(users, login, plan):
    client = login(users["observer"])
    docx = client.get(reverse("workplan:version_export_docx", args=[1]) + "?lang=en")
    assert docx.status_code == 200
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="work-plan-v1-en.docx"' in docx["Content-Disposition"]
    assert docx.content[:2] == b"PK"
    xlsx = client.get(reverse("workplan:version_export_xlsx", args=[1]))
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")


def test_the_secretariat_imports_through_a_preview(users, login):
    client = login(users["st"])
    assert client.get(reverse("workplan:import")).status_code == 200
    preview = client.post(reverse("workplan:import"), {"file": upload(SEED)})
    assert preview.status_code == 200
    assert not PlanVersion.objects.exists()  # nothing written yet
    page = preview.content.decode()
    assert "2.1.1.2" in page  # the parser's warning on the numbering slip
    assert "Realizar Taller de modernización" in page and "El Salvador" in page
    token = preview.context["confirm_form"].initial["token"]
    confirmed = client.post(reverse("workplan:import_confirm"), {"token": token})
    version = PlanVersion.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("workplan:version_detail", args=[version.number])
    assert Activity.objects.filter(objective__area__plan=version).count() == 53
    # the same confirmation twice imports nothing more
    client.post(reverse("workplan:import_confirm"), {"token": token})
    assert PlanVersion.objects.count() == 1


def test_a_document_with_problems_has_no_confirm_button(users, login):
    client = login(users["st"])
    preview = client.post(
        reverse("workplan:import"), {"file": upload(DOCUMENTS / "malformed_workplan.txt")}
    )
    assert preview.status_code == 400
    assert reverse("workplan:import_confirm") not in preview.content.decode()
    forged = client.post(reverse("workplan:import_confirm"), {"token": "0" * 32})
    assert forged.status_code == 302
    assert not PlanVersion.objects.exists()


def test_only_text_and_word_files_are_read(users, login):
    bad = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = login(users["st"]).post(reverse("workplan:import"), {"file": bad})
    assert response.status_code == 400


def test_the_secretariat_edits_a_draft_and_publishes_it(users, login, plan):
    client = login(users["st"])
    assert client.post(reverse("workplan:draft")).status_code == 302
    draft = PlanVersion.objects.get(status="draft")
    page = client.get(reverse("workplan:draft"))
    assert page.status_code == 200
    activity = activity_of(draft, "9.1")
    url = reverse("workplan:activity_update", args=[activity.pk])
    form = {
        "version": activity.version,
        "code": "9.1",
        "text": activity.text,
        "responsible": ["ALL", "IOM"],
        "schedule_state": "due",
        "schedule_date": "2010-06-30",
        "references": "p. 4, GRCM, Inf. Red Trata, noviembre, 2008\n",
        "notes": "",
    }
    assert client.get(url).status_code == 200
    saved = client.post(url, form)
    assert saved.status_code == 302
    activity.refresh_from_db()
    assert activity.schedule_date == date(2010, 6, 30)
    # the same form sent again carries a version that is now stale: refused, input kept
    stale = client.post(url, {**form, "text": "Otro texto"})
    assert stale.status_code == 409
    assert "Otro texto" in stale.content.decode()
    assert Activity.objects.get(pk=activity.pk).text != "Otro texto"
    # mark 9.6 done: it moves to the history of the draft
    done = activity_of(draft, "9.6")
    moved = client.post(
        reverse("workplan:activity_done", args=[done.pk]),
        {"version": done.version, "done_on": "2010-05-20", "text": "Informe compartido"},
    )
    assert moved.status_code == 302
    assert HistoryRecord.objects.filter(plan=draft, code="9.6", done_on=date(2010, 5, 20)).exists()
    draft.refresh_from_db()
    assert client.get(reverse("workplan:draft_publish")).status_code == 200
    published = client.post(
        reverse("workplan:draft_publish"), {"version": draft.version, "updated_on": "2010-06-01"}
    )
    assert published.status_code == 302
    version = PlanVersion.objects.get(number=2)
    assert version.updated_on == date(2010, 6, 1)
    readers_page = login(users["cr_liaison"]).get(reverse("workplan:plan")).content.decode()
    assert "Informe compartido" in readers_page


def test_others_cannot_reach_the_draft(users, login, draft):
    activity = activity_of(draft, "9.1")
    for role in ("cr_liaison", "cr_admin", "observer"):
        client = login(users[role])
        assert client.post(reverse("workplan:draft")).status_code == 403
        assert (
            client.get(reverse("workplan:activity_update", args=[activity.pk])).status_code == 403
        )
        assert (
            client.post(
                reverse("workplan:activity_done", args=[activity.pk]),
                {"version": activity.version, "done_on": "2010-05-20"},
            ).status_code
            == 403
        )
        assert client.post(reverse("workplan:import"), {"file": upload(SEED)}).status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_published_activities_are_not_reachable_for_editing(users, login, plan):
    published = activity_of(plan, "9.1")
    client = login(users["st"])
    assert client.get(reverse("workplan:activity_update", args=[published.pk])).status_code == 404


def test_without_a_plan_editing_starts_with_an_import(users, login):
    client = login(users["st"])
    assert client.get(reverse("workplan:draft")).status_code == 200
    response = client.post(reverse("workplan:draft"))
    assert response.status_code == 302 and response["Location"] == reverse("workplan:import")
    assert not PlanVersion.objects.exists()
