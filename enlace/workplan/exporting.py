"""The work plan as the network knows it: a DOCX in the familiar four-column table, and an XLSX
to filter and sort.

DOCX: landscape page; the heading of the seed ("CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)",
"PLAN DE TRABAJO PARA LA RED ...", "Actualizado por la ST el 26 de noviembre de 2009"); one
table OBJETIVOS | ACTIVIDADES | RESPONSABLE | CALENDARIO whose header row repeats on every
page; area titles and lettered objectives as full-width rows; one row per activity, the
top-level entry merged down over the rows of its activities; numbers written as text ("1.1",
"1.1.1 Países miembros", "1.1.1.1 Continuo") as the network writes them, so the file reads
back through `enlace workplan import`. Pending and to-be-defined activities are underlined,
as the plan's legend says. The history follows in three columns (objectives, activities,
what was done). In Spanish or English: the language of the words written by the product
(headings, parties, schedule states); the plan's own text stays as written."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from babel.dates import format_date
from django.utils import translation

from enlace.core.exporting import workbook as new_workbook
from enlace.core.exporting import workbook_bytes

from .choices import ScheduleState
from .models import Activity, PlanVersion
from .parsing import done_date
from .parties import PartyNames
from .selectors import FLAG_NO_ACTIVITY, FLAG_NO_RESPONSIBLE, plan_tree

TEXTS: dict[str, dict[str, Any]] = {
    "es": {
        "conference": "CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)",
        "title": (
            "PLAN DE TRABAJO PARA LA RED DE FUNCIONARIOS DE ENLACE PARA COMBATIR LA TRATA DE "
            "PERSONAS Y EL TRÁFICO ILÍCITO DE MIGRANTES"
        ),
        "updated": "Actualizado por la ST el {date}",
        "columns": ("OBJETIVOS", "ACTIVIDADES", "RESPONSABLE", "CALENDARIO"),
        "history": "HISTÓRICO",
        "history_columns": ("OBJETIVOS", "ACTIVIDADES", "REALIZADO"),
        "note": "NOTA",
        "reference": "Ref.",
        "states": {
            ScheduleState.ONGOING: "Continuo",
            ScheduleState.PENDING: "Pendiente",
            ScheduleState.TBD: "Por definir",
            ScheduleState.DONE: "Realizado",
        },
        "legend": (
            "Subrayado: todo aquello que está pendiente o por definir.",
            "MAYÚSCULAS: elementos extraídos del Plan de Acción para definir sus actividades "
            "dentro del Plan de Trabajo.",
        ),
        "flags": {
            FLAG_NO_ACTIVITY: "sin actividades",
            FLAG_NO_RESPONSIBLE: "sin responsable",
        },
        "sheet_plan": "Plan de trabajo",
        "sheet_history": "Histórico",
        "sheet_version": "Versión",
        "plan_headers": (
            "Área",
            "Título del área",
            "Objetivo",
            "Texto del objetivo",
            "Número",
            "Forma parte de",
            "Actividad",
            "Responsable",
            "Códigos de responsables",
            "Otros responsables",
            "Calendario",
            "Fecha",
            "Referencias",
            "Notas",
            "Alertas",
        ),
        "history_headers": (
            "Área",
            "Título del área",
            "Objetivo",
            "Texto del objetivo",
            "Número",
            "Actividad",
            "Realizado el",
            "Lo realizado",
            "Referencias",
        ),
        "version_rows": ("Versión", "Actualizado el", "Origen", "Archivo importado"),
    },
    "en": {
        "conference": "REGIONAL CONFERENCE ON MIGRATION (RCM)",
        "title": (
            "WORK PLAN OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN PERSONS AND "
            "MIGRANT SMUGGLING"
        ),
        "updated": "Updated by the ST on {date}",
        "columns": ("OBJECTIVES", "ACTIVITIES", "RESPONSIBLE", "SCHEDULE"),
        "history": "HISTORY",
        "history_columns": ("OBJECTIVES", "ACTIVITIES", "DONE"),
        "note": "NOTE",
        "reference": "Ref.",
        "states": {
            ScheduleState.ONGOING: "Ongoing",
            ScheduleState.PENDING: "Pending",
            ScheduleState.TBD: "To be defined",
            ScheduleState.DONE: "Done",
        },
        "legend": (
            "Underlined: everything pending or to be defined.",
            "CAPITALS: elements taken from the Action Plan to define its activities within the "
            "Work Plan.",
        ),
        "flags": {
            FLAG_NO_ACTIVITY: "no activities",
            FLAG_NO_RESPONSIBLE: "no responsible party",
        },
        "sheet_plan": "Work plan",
        "sheet_history": "History",
        "sheet_version": "Version",
        "plan_headers": (
            "Area",
            "Area title",
            "Objective",
            "Objective text",
            "Number",
            "Part of",
            "Activity",
            "Responsible",
            "Responsible codes",
            "Other responsible parties",
            "Schedule",
            "Date",
            "References",
            "Notes",
            "Flags",
        ),
        "history_headers": (
            "Area",
            "Area title",
            "Objective",
            "Objective text",
            "Number",
            "Activity",
            "Done on",
            "What was done",
            "References",
        ),
        "version_rows": ("Version", "Updated on", "Source", "Imported file"),
    },
}


def _texts(language: str) -> dict[str, Any]:
    return TEXTS["en" if language == "en" else "es"]


def date_text(value: date, language: str) -> str:
    """ "26 de noviembre de 2009" / "26 November 2009"."""
    if language == "en":
        return format_date(value, "d MMMM y", locale="en")
    return format_date(value, "d 'de' MMMM 'de' y", locale="es")


def due_text(value: date, language: str) -> str:
    """A due date as the plan writes it: "2010" for a year, "Febrero 2010" for a month (the
    importer reads both as their first day), the full date otherwise."""
    if value.month == 1 and value.day == 1:
        return str(value.year)
    if value.day == 1:
        return format_date(value, "MMMM y", locale="en" if language == "en" else "es").capitalize()
    return date_text(value, language)


def schedule_text(activity: Activity, language: str) -> str:
    state = activity.schedule_state
    if not state:
        return ""
    if state == ScheduleState.DUE:
        return due_text(activity.schedule_date, language) if activity.schedule_date else ""
    return _texts(language)["states"].get(state, state)


def responsible_text(activity: Activity, names: PartyNames, language: str) -> str:
    parties = names.sentence([item.party for item in activity.responsibilities.all()], language)
    other = activity.responsible_other
    if parties and other:
        return f"{parties}; {other}"
    return parties or other


def _with_references(text: str, references: list[str], language: str) -> str:
    label = _texts(language)["reference"]
    suffix = " ".join(f"({label}: {reference})" for reference in references)
    return f"{text} {suffix}".strip() if suffix else text


def activity_text(activity: Activity, language: str) -> str:
    """ "1.1 Informar sobre ... (Ref.: pto. 8, Deci., CRM, mayo, 2004) NOTA: ..."."""
    text = _with_references(
        activity.text, [reference.text for reference in activity.references.all()], language
    )
    if activity.notes:
        text = f"{text} {_texts(language)['note']}: {activity.notes}"
    separator = ". " if activity.parent_id is None else " "
    return f"{activity.code}{separator}{text}"


def done_text(action, language: str) -> str:
    """A done entry, with its date written out when its text does not already say it."""
    references = [reference.text for reference in action.references.all()]
    text = action.text or _texts(language)["states"][ScheduleState.DONE]
    if action.date and done_date(text, references) != action.date:  # what the importer reads
        text = f"{text.rstrip('. ')}, {date_text(action.date, language)}."
    text = _with_references(text, references, language)
    return f"{action.code} {text}".strip()


# --- DOCX -------------------------------------------------------------------------------------


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _write(cell, paragraphs: list[str], *, bold: bool = False, underline: bool = False) -> None:
    """Text of a cell, one paragraph per entry (never an empty extra paragraph)."""
    first = True
    for text in paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.underline = underline or None


def _full_width(table, text: str, *, fill: str, bold: bool = True) -> None:
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    _write(cell, [text], bold=bold)
    _shade(cell, fill)


def _heading(document, text: str, *, bold: bool = True, size: int = 11) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _new_document():
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width < height:
        section.page_width, section.page_height = height, width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(9)
    return document


def _table(document, headers: tuple[str, ...], widths: tuple[float, ...]):
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        _write(cell, [text], bold=True)
        _shade(cell, "D9E2F3")
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def _set_widths(table, widths: tuple[float, ...]) -> None:
    from docx.shared import Cm

    for row in table.rows:
        cells = row.cells
        if len({id(cell._tc) for cell in cells}) < len(cells):
            continue  # a full-width row
        for cell, width in zip(cells, widths, strict=True):
            cell.width = Cm(width)


def plan_docx(version: PlanVersion, language: str = "es") -> bytes:
    """The version as a Word document (see the module docstring)."""
    texts = _texts(language)
    names = PartyNames.load()
    tree = plan_tree(version)
    document = _new_document()
    _heading(document, texts["conference"], size=12)
    _heading(document, texts["title"])
    if version.updated_on:
        _heading(
            document,
            texts["updated"].format(date=date_text(version.updated_on, language)),
            bold=False,
        )
    widths = (6.0, 9.5, 4.5, 4.0)
    table = _table(document, texts["columns"], widths)
    for area in tree.areas:
        _full_width(table, f"{area.area.code}. {area.area.title.upper()}", fill="BFBFBF")
        for node in area.objectives:
            _full_width(table, f"{node.objective.code}. {node.objective.text}", fill="E7E6E6")
            for group in node.groups:
                top_text = activity_text(group.activity, language)
                if not group.children:
                    activity = group.activity
                    row = table.add_row().cells
                    _write(row[0], [top_text], underline=_underlined(activity))
                    _write(
                        row[2], _prefixed(activity, 1, responsible_text(activity, names, language))
                    )
                    _write(row[3], _prefixed(activity, 2, schedule_text(activity, language)))
                    continue
                first_cell = None
                for child in group.children:
                    row = table.add_row().cells
                    if first_cell is None:
                        first_cell = row[0]
                        _write(first_cell, [top_text])
                    else:
                        first_cell.merge(row[0])
                    _write(row[1], [activity_text(child, language)], underline=_underlined(child))
                    _write(row[2], _prefixed(child, 1, responsible_text(child, names, language)))
                    _write(row[3], _prefixed(child, 2, schedule_text(child, language)))
    _set_widths(table, widths)
    if tree.history:
        document.add_paragraph()
        heading = document.add_paragraph()
        heading.add_run(texts["history"]).bold = True
        history_widths = (7.0, 9.0, 8.0)
        history = _table(document, texts["history_columns"], history_widths)
        area_code = None
        for group in tree.history:
            if group.area_code != area_code:
                area_code = group.area_code
                _full_width(
                    history, f"{group.area_code}. {group.area_title.upper()}", fill="BFBFBF"
                )
            _full_width(history, f"{group.objective_code}. {group.objective_text}", fill="E7E6E6")
            for block in group.blocks:
                top_text = _history_record_text(block.record, language) if block.record else ""
                if not block.children:
                    row = history.add_row().cells
                    _write(row[0], [top_text])
                    if block.record is not None:
                        _write(row[2], [done_text(a, language) for a in block.record.actions.all()])
                    continue
                first_cell = None
                for child in block.children:
                    row = history.add_row().cells
                    if first_cell is None:
                        first_cell = row[0]
                        _write(first_cell, [top_text] if top_text else [])
                    else:
                        first_cell.merge(row[0])
                    _write(row[1], [_history_record_text(child, language)])
                    _write(row[2], [done_text(action, language) for action in child.actions.all()])
        _set_widths(history, history_widths)
    document.add_paragraph()
    for line in texts["legend"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _prefixed(activity: Activity, depth: int, text: str) -> list[str]:
    """ "1.1.1 Países miembros" (depth 1), "1.1.1.1 Continuo" (depth 2); nothing when empty."""
    if not text:
        return []
    return [f"{activity.code}{'.1' * depth} {text}"]


def _underlined(activity: Activity) -> bool:
    return activity.schedule_state in (ScheduleState.PENDING, ScheduleState.TBD)


def _history_record_text(record, language: str) -> str:
    text = _with_references(
        record.text, [reference.text for reference in record.references.all()], language
    )
    separator = ". " if "." not in record.code else " "
    return f"{record.code}{separator}{text}"


# --- XLSX -------------------------------------------------------------------------------------


def _sheet(workbook, title: str, headers: tuple[str, ...], rows: list[list[Any]], widths):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
    for values in rows:
        sheet.append(values)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # Text stays text: a plan entry starting with "=" is not a formula.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    return sheet


def plan_xlsx(version: PlanVersion, language: str = "es") -> bytes:
    """The version as a workbook: the plan one activity per row (with its area, objective,
    parties by name and by code, schedule, references, notes and flags), its history, and
    which version it is."""
    texts = _texts(language)
    names = PartyNames.load()
    tree = plan_tree(version)
    state_labels = {**texts["states"], ScheduleState.DUE: ""}
    plan_rows: list[list[Any]] = []
    for area in tree.areas:
        for node in area.objectives:
            for group in node.groups:
                flags = "; ".join(texts["flags"][flag] for flag in group.flags)
                for activity in [group.activity, *group.children]:
                    codes = [item.party for item in activity.responsibilities.all()]
                    plan_rows.append(
                        [
                            area.area.code,
                            area.area.title,
                            node.objective.code,
                            node.objective.text,
                            activity.code,
                            group.activity.code if activity is not group.activity else "",
                            activity.text,
                            names.sentence(codes, language),
                            "; ".join(codes),
                            activity.responsible_other,
                            state_labels.get(activity.schedule_state, "")
                            or (
                                due_text(activity.schedule_date, language)
                                if activity.schedule_date
                                else ""
                            ),
                            activity.schedule_date,
                            "; ".join(reference.text for reference in activity.references.all()),
                            activity.notes,
                            flags if activity is group.activity else "",
                        ]
                    )
    history_rows: list[list[Any]] = []
    for group in tree.history:
        for record in group.records:
            history_rows.append(
                [
                    group.area_code,
                    group.area_title,
                    group.objective_code,
                    group.objective_text,
                    record.code,
                    record.text,
                    record.done_on,
                    "\n".join(done_text(action, language) for action in record.actions.all()),
                    "; ".join(reference.text for reference in record.references.all()),
                ]
            )
    workbook = new_workbook()
    workbook.remove(workbook.active)
    plan_sheet = _sheet(
        workbook,
        texts["sheet_plan"],
        texts["plan_headers"],
        plan_rows,
        (6, 24, 8, 30, 8, 8, 60, 24, 14, 18, 14, 12, 36, 30, 18),
    )
    for row in plan_sheet.iter_rows(min_row=2, min_col=12, max_col=12):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    history_sheet = _sheet(
        workbook,
        texts["sheet_history"],
        texts["history_headers"],
        history_rows,
        (6, 24, 8, 30, 8, 60, 12, 60, 36),
    )
    for row in history_sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    info = workbook.create_sheet(texts["sheet_version"])
    with translation.override(language):
        source = str(version.get_source_display())
    for label, value in zip(
        texts["version_rows"],
        [version.number, version.updated_on, source, version.source_name],
        strict=True,
    ):
        info.append([label, value])
    info["B2"].number_format = "yyyy-mm-dd"
    info.column_dimensions["A"].width = 20
    info.column_dimensions["B"].width = 40
    return workbook_bytes(workbook)
