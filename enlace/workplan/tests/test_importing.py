"""Importing the work plan: the seed becomes version 1 with the plan's own counts; a document
with problems writes nothing; done activities go to the history; only the ST imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.audit.models import Event
from enlace.workplan.importing import normalize_plan, read_plan_file, split_note
from enlace.workplan.models import (
    Activity,
    Area,
    HistoryAction,
    HistoryRecord,
    Objective,
    PlanVersion,
    Reference,
)
from enlace.workplan.selectors import version_as_json
from enlace.workplan.services import plan_import

from .conftest import SEED, activity_of

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def test_the_seed_reads_without_problems(seed_import):
    assert seed_import.ok, [str(found) for found in seed_import.problems]
    assert seed_import.plan["updated_on"] == "2009-11-26"
    # What the document holds: one area, the lettered objectives A-C, the thirteen numbered
    # objectives of the OBJETIVOS column and their forty activities; a history of 19
    # entries telling 21 things done.
    assert seed_import.counts() == {
        "areas": 1,
        "objectives": 3,
        "activities": 53,
        "top_level": 13,
        "sub_activities": 40,
        "history_records": 19,
        "done_entries": 21,
    }


def test_importing_the_seed_creates_version_1_with_every_row(plan, seed_import):
    assert (plan.number, plan.status, plan.source) == (1, "published", "import")
    assert plan.updated_on == date(2009, 11, 26)
    assert plan.source_name == "004_abb5666c6524ad2c.txt"
    assert plan.title.startswith("PLAN DE TRABAJO PARA LA RED DE FUNCIONARIOS DE ENLACE")
    assert Area.objects.filter(plan=plan).count() == 1
    assert Objective.objects.filter(area__plan=plan).count() == 3
    assert Activity.objects.filter(objective__area__plan=plan).count() == 53
    assert Activity.objects.filter(objective__area__plan=plan, parent__isnull=True).count() == 13
    assert HistoryRecord.objects.filter(plan=plan).count() == 19
    assert HistoryAction.objects.filter(record__plan=plan).count() == 21
    # the rows written read back as the plan that was imported
    assert version_as_json(plan)["areas"] == seed_import.plan["areas"]
    assert version_as_json(plan)["history"] == seed_import.plan["history"]


def test_activities_keep_parties_schedules_references_and_notes(plan):
    workshop = activity_of(plan, "2.2")
    assert workshop.parent.code == "2"
    assert [item.party for item in workshop.responsibilities.all()] == ["SV"]
    assert (workshop.schedule_state, workshop.schedule_date) == ("due", date(2010, 2, 1))
    assert [ref.text for ref in workshop.references.all()] == [
        "p. f, Inf. de Trata, GRCM, diciembre, 2009"
    ]
    campaigns = activity_of(plan, "4.3")
    assert [item.party for item in campaigns.responsibilities.all()] == ["ALL", "IOM"]
    liaison = activity_of(plan, "9.3")
    assert [ref.text for ref in liaison.references.all()] == [
        "p. 5.b, GRCM, Inf. Red Trata, noviembre, 2008",
        "Tegucigalpa, noviembre de 2008",
    ]
    # "7.1 Por definir. NOTA: Si no se identifican actividades, ...": the note is kept apart
    placeholder = activity_of(plan, "7.1")
    assert placeholder.text == "Por definir."
    assert placeholder.notes.startswith("Si no se identifican actividades")
    # the note of a responsible cell ("13.2.1 Países miembros. NOTA: Si no se identifican
    # responsables ...") is kept with the activity too
    assert "no se identifican responsables" in activity_of(plan, "13.1").notes
    # "Países participantes" is a party of its own (issue 13: it was kept as an unknown name)
    virtual = activity_of(plan, "12.3")
    assert virtual.responsible_other == ""
    assert [item.party for item in virtual.responsibilities.all()] == ["PART"]
    # what a schedule cell says besides its state is a note
    assert "sitio privado" in activity_of(plan, "12.5").notes


def test_history_keeps_groups_dates_and_what_was_done(plan):
    workshops = HistoryRecord.objects.get(plan=plan, objective_code="B", code="1.2")
    assert workshops.area_title == "POLÍTICAS Y GESTIÓN MIGRATORIA"
    assert workshops.objective_text.startswith("Intercambio de información")
    assert workshops.done_on == date(2009, 3, 4)
    assert "Belize City" in workshops.actions.get().text


def test_import_is_audited(plan):
    event = Event.objects.filter(action="workplan.import").get()
    assert event.object_id == str(plan.pk)
    assert "53 activities" in event.summary


def test_a_dry_run_writes_nothing(users, seed_import):
    assert plan_import(actor=users["st"], imported=seed_import, dry_run=True) is None
    assert not PlanVersion.objects.exists()


def test_a_document_with_problems_is_refused_whole(users):
    imported = read_plan_file(DOCUMENTS / "malformed_workplan.txt")
    assert imported.problems  # the colleague's parser finds what cannot be placed
    with pytest.raises(ValidationError):
        plan_import(actor=users["st"], imported=imported)
    assert not PlanVersion.objects.exists()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("role", ["cr_liaison", "cr_admin", "observer", "civil_society"])
def test_only_the_secretariat_imports(users, seed_import, role):
    with pytest.raises(PermissionDenied):
        plan_import(actor=users[role], imported=seed_import)
    assert not PlanVersion.objects.exists()


def test_every_import_is_a_new_version(users, seed_import, plan):
    second = plan_import(actor=users["st"], imported=read_plan_file(SEED))
    assert second.number == 2
    assert Activity.objects.filter(objective__area__plan=plan).count() == 53
    assert Activity.objects.filter(objective__area__plan=second).count() == 53


def test_a_done_activity_of_the_plan_moves_to_the_history(users):
    # "2.3 Publish the regional report ... 2.3.1.1 Done, 14 February 2012"
    imported = read_plan_file(DOCUMENTS / "en_workplan_2012.txt")
    version = plan_import(actor=users["st"], imported=imported)
    assert not Activity.objects.filter(objective__area__plan=version, code="2.3").exists()
    record = HistoryRecord.objects.get(plan=version, objective_code="B", code="2.3")
    assert record.text == "Publish the regional report."
    assert record.done_on == date(2012, 2, 14)
    assert record.actions.get().date == date(2012, 2, 14)
    # its top-level entry heads it in the history, as in the plan
    parent = HistoryRecord.objects.get(plan=version, objective_code="B", code="2")
    assert parent.position < record.position
    assert any("moved to the history" in str(found) for found in imported.warnings)


def test_references_link_the_agreement_they_cite(users, seed_import):
    from enlace.meetings.models import Agreement, Meeting, MeetingKind

    meeting = Meeting.objects.create(
        kind=MeetingKind.NETWORK,
        title="Reunión de la Red, Nueva Orleans",
        start_date=date(2007, 4, 24),
        end_date=date(2007, 4, 24),
    )
    standard_format = Agreement.objects.create(meeting=meeting, number="4", text="Formato")
    version = plan_import(actor=users["st"], imported=seed_import)
    # history 1.3.1: "(Ref.: p. 4, CRM, Inf. Red Trata, abril, 2007)"
    linked = Reference.objects.get(
        history_action__record__plan=version, text="p. 4, CRM, Inf. Red Trata, abril, 2007"
    )
    assert linked.agreement == standard_format
    # a CRM decision of the same month is another meeting: not linked
    assert (
        Reference.objects.get(
            history_action__record__plan=version, text="p. 5, CRM, Concl., abril, 2007"
        ).agreement
        is None
    )


def test_references_cite_the_kinds_of_meeting_the_meetings_app_records():
    from enlace.meetings.models import MeetingKind
    from enlace.workplan.references import cited

    kinds = {
        cited(text)[0]
        for text in (
            "p. 4, CRM, Inf. Red Trata, abril, 2007",
            "pf. 2, GRCM, Concl., mayo, 2004",
            "pto. 8, Deci., CRM, mayo, 2004",
        )
    }
    assert kinds == {MeetingKind.NETWORK, MeetingKind.GRCM, MeetingKind.VICEMINISTERIAL}


def test_split_note():
    assert split_note("Por definir. NOTA: Si no se identifican actividades.") == (
        "Por definir.",
        "Si no se identifican actividades.",
    )
    assert split_note("Crear una matriz (NOTA: Referirse al punto 6.3)") == (
        "Crear una matriz",
        "Referirse al punto 6.3",
    )
    assert split_note("Sin nota") == ("Sin nota", "")


def test_normalize_reports_bad_codes_states_and_dates():
    raw = {
        "updated_on": "2009-11-26",
        "areas": [
            {
                "code": "I",
                "title": "ÁREA",
                "objectives": [
                    {
                        "code": "A",
                        "text": "Objetivo",
                        "activities": [
                            {
                                "code": "1",
                                "text": "Uno",
                                "responsible": ["mx"],
                                "schedule": {"state": "someday", "date": None},
                                "references": [],
                            },
                            {
                                "code": "1.1",
                                "text": "Dos",
                                "responsible": ["MX"],
                                "schedule": {"state": "due", "date": "2010-02-30"},
                                "references": [],
                            },
                        ],
                    }
                ],
            }
        ],
        "history": [],
    }
    _plan, problems, _warnings = normalize_plan(raw)
    messages = " ".join(str(found) for found in problems)
    assert "“mx” is not a responsible-party code" in messages
    assert "unknown schedule state “someday”" in messages
    assert "“2010-02-30” is not a date" in messages
