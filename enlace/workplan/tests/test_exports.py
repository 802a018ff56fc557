"""Exports of the work plan. The DOCX, read back through the colleague's parser
(enlace/workplan/parsing.py), gives back the same plan: areas, objectives, activities,
responsible parties, schedules, references, notes and history. The XLSX opens with openpyxl."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from enlace.audit.models import Event
from enlace.core.tests.injection import HOSTILE, assert_xlsx_inert
from enlace.workplan.importing import read_plan_file
from enlace.workplan.selectors import version_as_json
from enlace.workplan.services import (
    activity_create,
    activity_mark_done,
    activity_update,
    draft_publish,
    plan_export,
    plan_import,
)

from .conftest import activity_of
from .test_services import edit_data


def reimport(tmp_path, users, version, language: str, name: str = "plan.docx"):
    """Export `version` as DOCX, read the file back, import it as the next version."""
    path = tmp_path / name
    path.write_bytes(
        plan_export(actor=users["st"], version=version, file_format="docx", language=language)
    )
    imported = read_plan_file(path)
    assert imported.ok, [str(found) for found in imported.problems]
    return plan_import(actor=users["st"], imported=imported)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_seed_exported_and_read_back_is_the_same_plan(tmp_path, users, plan, language):
    again = reimport(tmp_path, users, plan, language)
    before, after = version_as_json(plan), version_as_json(again)
    assert after["updated_on"] == before["updated_on"] == "2009-11-26"
    assert after["areas"] == before["areas"]
    assert after["history"] == before["history"]


def test_an_edited_plan_survives_the_round_trip(tmp_path, users, draft):
    st = users["st"]
    seven = activity_of(draft, "7")
    activity_create(
        actor=st,
        objective=seven.objective,
        parent=seven,
        data={
            "code": "7.2",
            "text": "Realizar un encuentro regional de fiscales (con apoyo de UNODC)",
            "responsible": ["GT", "DO", "BZ", "UNODC", "ILO"],
            "schedule_state": "due",
            "schedule_date": date(2010, 9, 15),
            "references": ["p. 3, GRCM, Inf. Red Trata, diciembre, 2009", "Managua, octubre, 2007"],
            "notes": "A confirmar la sede.",
        },
    )
    for code, parties, when in (
        ("9.1", ["HOST", "UNHCR"], date(2011, 3, 1)),  # a month
        ("9.5", ["US", "CA", "UNICEF"], date(2011, 1, 1)),  # a year
    ):
        activity = activity_of(draft, code)
        activity_update(
            actor=st,
            activity=activity,
            data=edit_data(activity, responsible=parties, schedule_state="due", schedule_date=when),
            expected_version=activity.version,
        )
    done = activity_of(draft, "4.6")
    activity_mark_done(
        actor=st,
        activity=done,
        expected_version=done.version,
        done_on=date(2010, 2, 14),
        text="Puntos focales nombrados en todos los países",
    )
    draft.refresh_from_db()
    published = draft_publish(actor=st, draft=draft, expected_version=draft.version)
    for language in ("es", "en"):
        again = reimport(tmp_path, users, published, language, f"edited-{language}.docx")
        before, after = version_as_json(published), version_as_json(again)
        assert after["areas"] == before["areas"], language
        # what was done keeps its place, text and date; its text gains the date written out
        assert [(r["objective"], r["code"], r["text"], r["date"]) for r in after["history"]] == [
            (r["objective"], r["code"], r["text"], r["date"]) for r in before["history"]
        ]
        moved = next(r for r in after["history"] if r["code"] == "4.6")
        assert moved["done"][0]["date"] == "2010-02-14"
        assert moved["done"][0]["text"].startswith("Puntos focales nombrados en todos los países")


def test_the_docx_has_the_familiar_layout(users, plan):
    content = plan_export(actor=users["st"], version=plan, file_format="docx", language="es")
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert [paragraph.text for paragraph in document.paragraphs[:3]] == [
        "CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)",
        "PLAN DE TRABAJO PARA LA RED DE FUNCIONARIOS DE ENLACE PARA COMBATIR LA TRATA DE "
        "PERSONAS Y EL TRÁFICO ILÍCITO DE MIGRANTES",
        "Actualizado por la ST el 26 de noviembre de 2009",
    ]
    table = document.tables[0]
    header = table.rows[0]
    assert [cell.text for cell in header.cells] == [
        "OBJETIVOS",
        "ACTIVIDADES",
        "RESPONSABLE",
        "CALENDARIO",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    area_row = table.rows[1]._tr
    cells = area_row.findall(qn("w:tc"))
    assert len(cells) == 1 and cells[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "4"
    assert cells[0].xpath("string(.)") == "I. POLÍTICAS Y GESTIÓN MIGRATORIA"
    first = [cell.text for cell in table.rows[3].cells]
    assert first[1].startswith("1.1 Informar sobre los logros")
    assert first[1].endswith("(Ref.: pto. 8, Deci., CRM, mayo, 2004)")
    assert first[2:] == ["1.1.1 Países miembros", "1.1.1.1 Continuo"]
    # the top-level entry is merged down over the rows of its activities
    assert table.rows[4].cells[0]._tc.tcPr.find(qn("w:vMerge")) is not None
    texts = [cell.text for row in table.rows for cell in row.cells]
    assert "2.2.1 El Salvador" in texts and "2.2.1.1 Febrero 2010" in texts
    assert "12.3.1 Países participantes" in texts and "12.3.1.1 2010" in texts
    history = document.tables[1]
    assert [cell.text for cell in history.rows[0].cells] == [
        "OBJETIVOS",
        "ACTIVIDADES",
        "REALIZADO",
    ]


def test_the_english_docx_speaks_english(users, plan):
    content = plan_export(actor=users["st"], version=plan, file_format="docx", language="en")
    document = Document(io.BytesIO(content))
    assert document.paragraphs[2].text == "Updated by the ST on 26 November 2009"
    texts = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "4.3.1 Member states and IOM" in texts
    assert "2.2.1.1 February 2010" in texts
    assert "5.1.1.1 To be defined" in texts


def test_the_xlsx_opens_with_openpyxl(users, plan):
    content = plan_export(actor=users["cr_liaison"], version=plan, file_format="xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Plan de trabajo", "Histórico", "Versión"]
    sheet = workbook["Plan de trabajo"]
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        "Área",
        "Título del área",
        "Objetivo",
        "Texto del objetivo",
        "Número",
        "Forma parte de",
        "Actividad",
    ]
    rows = {
        row[4]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert len(rows) == 53
    workshop = rows["2.2"]
    assert workshop["Forma parte de"] == "2"
    assert workshop["Responsable"] == "El Salvador"
    assert workshop["Códigos de responsables"] == "SV"
    assert workshop["Fecha"].date() == date(2010, 2, 1)
    assert rows["4.3"]["Responsable"] == "Países miembros y OIM"
    assert rows["7"]["Alertas"] == "sin actividades"
    assert workbook["Histórico"].max_row == 1 + 19
    info = {row[0]: row[1] for row in workbook["Versión"].iter_rows(values_only=True)}
    assert info["Versión"] == 1


@pytest.mark.parametrize("payload", HOSTILE)
def test_spreadsheet_text_never_runs_as_a_formula(users, draft, payload):
    activity = activity_of(draft, "9.1")
    activity_update(
        actor=users["st"],
        activity=activity,
        data=edit_data(activity, text=payload),
        expected_version=activity.version,
    )
    content = plan_export(actor=users["st"], version=draft, file_format="xlsx", language="en")
    assert_xlsx_inert(content, payloads=[payload.strip()])
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Work plan"]
    cell = next(row[6] for row in sheet.iter_rows(min_row=2) if row[4].value == "9.1")
    assert cell.data_type == "s"
    assert cell.value == payload.strip()  # shown as typed


def test_exports_are_audited_and_internal(users, plan):
    plan_export(actor=users["observer"], version=plan, file_format="docx", language="en")
    event = Event.objects.get(action="workplan.export")
    assert event.summary == "v1 docx en"
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        plan_export(actor=users["civil_society"], version=plan, file_format="xlsx")
