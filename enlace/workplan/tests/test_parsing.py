"""The work-plan parser against seed 004 (counted by hand), an English plan written one row a
line, a malformed plan, and .docx files built here: the lead's export layout (one row per
activity, merged objective cell, full-width area rows) and the seed rebuilt as a Word table.

Pure tests: no database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.core.documents import DocumentError, read_document
from enlace.workplan.parsing import (
    ALL_MEMBERS,
    HOST_COUNTRY,
    Schedule,
    parse_responsible,
    parse_schedule,
    parse_workplan,
    parse_workplan_file,
    split_references,
)
from enlace.workplan.parsing.layout import _Para, _units_from_lines

SEED = Path("/work/shared/seeds/004_abb5666c6524ad2c.txt")
DOCUMENTS = Path(__file__).parent / "documents"


@pytest.fixture(scope="module")
def plan():
    return parse_workplan_file(SEED)


def activities_by_code(document, objective_code: str) -> dict:
    objective = next(
        objective
        for area in document.areas
        for objective in area.objectives
        if objective.code == objective_code
    )
    return {activity.code: activity for activity in objective.activities}


# ---------------------------------------------------------------------------------------------
# Seed 004
# ---------------------------------------------------------------------------------------------


def test_seed_update_date_and_structure(plan):
    assert plan.updated_on == date(2009, 11, 26)
    assert [(area.code, area.title) for area in plan.areas] == [
        ("I", "POLÍTICAS Y GESTIÓN MIGRATORIA")
    ]
    objectives = plan.areas[0].objectives
    assert [objective.code for objective in objectives] == ["A", "B", "C"]
    assert objectives[1].text == "Intercambio de información"
    # A: parents 1-5 and 12 activities; B: 6-7 and 11; C: 8-13 and 17 (counted by hand).
    assert [len(objective.activities) for objective in objectives] == [17, 13, 23]
    assert len(plan.activities()) == 53
    assert [a.code for a in objectives[0].activities][:6] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert [a.code for a in objectives[1].activities if a.parent is None] == ["6", "7"]
    assert [a.code for a in objectives[2].activities if a.parent is None] == [
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
    ]
    assert plan.problems == []


def test_seed_activities_responsible_schedule_and_references(plan):
    a = activities_by_code(plan, "A")
    assert a["1"].responsible == [] and a["1"].schedule == Schedule(None, None)
    assert a["1.1"].text == (
        "Informar sobre los logros, avances y retos en la instrumentación "
        "de sus leyes para combatir la trata de personas y el tráfico ilícito "
        "de migrantes."
    )
    assert a["1.1"].responsible == [ALL_MEMBERS]
    assert a["1.1"].schedule == Schedule("ongoing", None)
    assert a["1.1"].references == ["pto. 8, Deci., CRM, mayo, 2004"]
    # "2.1.1.2. Febrero 2010." is, by its place in the row, the schedule of 2.2.
    assert a["2.2"].responsible == ["SV"]
    assert a["2.2"].schedule == Schedule("due", date(2010, 2, 1))
    assert a["2.2"].text.endswith("de las victimas.")
    assert a["4.1"].responsible == [ALL_MEMBERS, "RROCM"]
    assert a["4.1"].references == ["CRM, mayo, 2002", "XI RCM"]
    assert a["4.3"].responsible == [ALL_MEMBERS, "IOM"]
    assert a["5.1"].schedule.state == "tbd"

    b = activities_by_code(plan, "B")
    assert b["6.1"].responsible == ["ST", ALL_MEMBERS]
    assert b["6.3"].responsible == ["MX", "IOM"]
    assert b["6.9"].responsible == [ALL_MEMBERS, "RROCM", "ST"]
    assert b["6.10"].references == ["p. d, GRCM, Inf. Red Trata, diciembre, 2009"]
    assert b["7.1"].text.startswith("Por definir. NOTA:")
    assert b["7.1"].responsible == [] and b["7.1"].schedule.state is None

    c = activities_by_code(plan, "C")
    assert c["8.1"].responsible == [HOST_COUNTRY, "ST"]
    assert c["8.1"].schedule.state == "tbd"
    assert c["8.1"].references == [
        "p. 2, CRM, Inf. Red Trata, mayo, 2004",
        "p. 4, GRCM, Inf. Red Trata, noviembre, 2008",
    ]
    assert c["9.1"].schedule == Schedule("pending", None)
    assert c["9.1"].references == []
    assert c["9.3"].references == [
        "p. 5.b, GRCM, Inf. Red Trata, noviembre, 2008",
        "Tegucigalpa, noviembre de 2008",
    ]
    assert c["10.1"].responsible == ["IOM"]
    assert c["12.3"].schedule == Schedule("due", date(2010, 1, 1))
    assert c["12.3"].responsible == ["PART"]  # "Países participantes" (issue 13)
    assert c["13.1"].responsible == [ALL_MEMBERS]  # written "13.2.1"
    assert c["13.1"].schedule.state == "ongoing"


def test_seed_numbering_slips_are_warnings_with_lines(plan):
    assert [warning.line for warning in plan.warnings] == [37, 133, 147, 221, 235]
    assert "2.1.1.2" in plan.warnings[0].message and "2.2" in plan.warnings[0].message


def test_seed_history(plan):
    history = plan.history
    # A: 1, 1.1, 2, 2.1, 3, 3.1; B: 1, 1.1-1.4, 2, 2.1, 3, 3.1, 4, 4.1, 5, 5.1.
    assert len(history) == 19
    assert sum(len(record.done) for record in history) == 21
    assert [(r.objective, r.code) for r in history][:7] == [
        ("A", "1"),
        ("A", "1.1"),
        ("A", "2"),
        ("A", "2.1"),
        ("A", "3"),
        ("A", "3.1"),
        ("B", "1"),
    ]
    assert {record.area for record in history} == {"I"}
    records = {(record.objective, record.code): record for record in history}
    adopted = records[("A", "1.1")].done[0]
    assert adopted.text == "Adoptados por los viceministros(as)."
    assert adopted.references == ["pf. 5, CRM, Decla., abril, 2007"]
    assert adopted.date == date(2007, 4, 1)
    workshop = records[("A", "2.1")].done[0]
    assert workshop.date == date(2008, 7, 22)
    events = records[("B", "1.2")].done[0]
    assert events.text.startswith("Eventos realizados: - San Salvador, 7 - 11 de febrero de 2005.")
    assert events.date == date(2009, 3, 4)  # the latest of the four events
    assert [action.code for action in records[("B", "2.1")].done] == [
        "2.1.1",
        "2.1.2",
        "2.1.3",
        "2.1.4",
        "2.1.5",
        "2.1.6",
    ]
    campaign = records[("B", "5.1")].done[1]
    assert campaign.text.endswith("OIM envió los productos a los países miembros.")
    assert records[("B", "5.1")].date == date(2008, 11, 1)
    assert records[("B", "4.1")].date is None
    assert plan.legend[0].endswith("Pasar al histórico")
    assert len(plan.legend) == 3


def test_seed_as_json_shape(plan):
    data = plan.as_json()
    assert set(data) == {"title", "updated_on", "areas", "history"}
    assert data["updated_on"] == "2009-11-26"
    area = data["areas"][0]
    assert set(area) == {"code", "title", "objectives"}
    objective = area["objectives"][0]
    assert set(objective) == {"code", "text", "activities"}
    activity = objective["activities"][4]
    assert activity == {
        "code": "2.1",
        "text": "Informar sobre gestiones en la materia, especialmente para delitos relacionados "
        "con la trata de mujeres y niños(as).",
        "responsible": ["ALL"],
        "schedule": {"state": "ongoing", "date": None},
        "references": ["pf. 5, Decla., CRM, marzo, 2005"],
    }
    assert objective["activities"][5]["schedule"] == {"state": "due", "date": "2010-02-01"}
    record = data["history"][1]
    assert set(record) == {"area", "objective", "code", "text", "date", "references", "done"}
    assert record["date"] == "2007-04-01"
    assert set(record["done"][0]) == {"code", "text", "date", "references"}


# ---------------------------------------------------------------------------------------------
# Other plans
# ---------------------------------------------------------------------------------------------


def test_english_plan_one_row_a_line_with_history_heading():
    plan = parse_workplan_file(DOCUMENTS / "en_workplan_2012.txt")
    assert plan.updated_on == date(2012, 3, 15)
    assert [(area.code, area.title) for area in plan.areas] == [
        ("I", "MIGRATION POLICY AND MANAGEMENT")
    ]
    a = activities_by_code(plan, "A")
    b = activities_by_code(plan, "B")
    assert list(a) == ["1", "1.1", "1.2"] and list(b) == ["2", "2.1", "2.2", "2.3"]
    assert a["1.1"].responsible == [ALL_MEMBERS]
    assert a["1.2"].responsible == ["SV", "IOM"]
    assert a["1.2"].schedule == Schedule("due", date(2012, 6, 1))
    assert a["1.2"].references == ["p. f, Rep., RCGM, December, 2011"]
    assert b["2.1"].responsible == [ALL_MEMBERS, "UNHCR"]
    assert b["2.1"].schedule.state == "tbd"
    assert b["2.2"].responsible == ["ST"] and b["2.2"].schedule.state == "pending"
    assert b["2.3"].responsible == [HOST_COUNTRY]
    assert b["2.3"].schedule == Schedule("done", date(2012, 2, 14))
    assert [(record.code, len(record.done)) for record in plan.history] == [
        ("1", 0),
        ("1.1", 1),
        ("1.2", 1),
    ]
    assert plan.history[2].done[0].date == date(2008, 7, 22)
    assert plan.problems == [] and plan.warnings == []


def test_malformed_plan_reports_what_it_cannot_place():
    plan = parse_workplan_file(DOCUMENTS / "malformed_workplan.txt")
    assert [problem.line for problem in plan.problems] == [2, 7, 14]
    assert "before any objective" in plan.problems[0].message
    assert "Texto suelto" in plan.problems[1].message
    assert "9.9.9 Nadie" in plan.problems[2].message
    a = activities_by_code(plan, "A")
    assert list(a) == ["2", "2.1", "2.2"]
    assert a["2.1"].responsible == ["IOM"] and a["2.2"].responsible == ["ST"]
    warnings = [warning.message for warning in plan.warnings]
    assert any("No update date" in message for message in warnings)
    assert any("Activity 2.2 has no schedule" in message for message in warnings)
    assert any("runs over several paragraphs" in message for message in warnings)
    assert any("Responsible party “9.9.9 Nadie" in problem.message for problem in plan.problems)


def test_messages_about_responsible_parties_and_schedules_read_whole_in_spanish():
    """The role is part of each sentence, not an English word put into a Spanish one."""
    from django.utils import translation

    plan = parse_workplan_file(DOCUMENTS / "malformed_workplan.txt")
    with translation.override("es"):
        shown = [found.localized() for found in [*plan.problems, *plan.warnings]]
    assert any("2.2" in message and "calendario" in message for message in shown)
    assert any("9.9.9 Nadie" in message and "responsable" in message.lower() for message in shown)
    for english in ("Responsible", "Schedule", "schedule", "responsible party", " and no "):
        assert not any(english in message for message in shown), english


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""],
        ["\t"],
        ["\t\t\t"],
        ["A. solo"],
        ["1.1.1.1 x"],
        ["HISTÓRICO", "\t1. a", "\t1.1 b", "\t1.1.1 c"],
    ],
)
def test_degenerate_plans_give_problems_never_exceptions(lines):
    plan = parse_workplan(lines)
    assert plan.problems
    assert set(plan.as_json()) == {"title", "updated_on", "areas", "history"}


# ---------------------------------------------------------------------------------------------
# Cell readers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Continuo.", Schedule("ongoing", None)),
        ("CONTINUO", Schedule("ongoing", None)),
        ("Permanente", Schedule("ongoing", None)),
        ("Ongoing", Schedule("ongoing", None)),
        ("Pendiente", Schedule("pending", None)),
        ("Por definir.", Schedule("tbd", None)),
        ("To be defined", Schedule("tbd", None)),
        ("Febrero 2010.", Schedule("due", date(2010, 2, 1))),
        ("2010", Schedule("due", date(2010, 1, 1))),
        ("15 de marzo de 2011", Schedule("due", date(2011, 3, 15))),
        ("Realizado (marzo 2009)", Schedule("done", date(2009, 3, 1))),
        ("Cumplido", Schedule("done", None)),
        ("Done, 14 February 2012", Schedule("done", date(2012, 2, 14))),
        ("Ya veremos", Schedule(None, None)),
    ],
)
def test_parse_schedule(text, expected):
    assert parse_schedule(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Países miembros", [ALL_MEMBERS]),
        ("Todos los países", [ALL_MEMBERS]),
        ("Member states", [ALL_MEMBERS]),
        ("La ST con insumos de los países", ["ST", ALL_MEMBERS]),
        ("México, OIM y otros gobiernos interesados.", ["MX", "IOM"]),
        ("País sede en coordinación con la ST", [HOST_COUNTRY, "ST"]),
        (
            "Guatemala, ACNUR, UNICEF, UNODC, OEA y OIT/IPEC",
            ["GT", "UNHCR", "UNICEF", "UNODC", "OAS", "ILO"],
        ),
        ("Secretaría Técnica", ["ST"]),
        ("El Salvador", ["SV"]),
        ("EE.UU. y Canadá", ["US", "CA"]),
        ("Países participantes", ["PART"]),
        ("los países interesados y la OIM", ["PART", "IOM"]),
        ("Participating countries", ["PART"]),
        ("Países miembros. NOTA: Si no se identifican responsables, OIM", [ALL_MEMBERS]),
    ],
)
def test_parse_responsible(text, expected):
    assert parse_responsible(text) == expected


def test_split_references():
    assert split_references("Informar. (Ref: pto. 8, Deci., CRM, mayo, 2004)") == (
        "Informar.",
        ["pto. 8, Deci., CRM, mayo, 2004"],
    )
    assert split_references("víctimas. (Ref.: p. f, Inf., GRCM, diciembre, 2009).") == (
        "víctimas.",
        ["p. f, Inf., GRCM, diciembre, 2009"],
    )
    assert split_references("a (Ref. pf. 5, CRM) y b (ref.: p. 9, Concl., GRCM, 2008.)") == (
        "a y b",
        ["pf. 5, CRM", "p. 9, Concl., GRCM, 2008"],
    )
    # A parenthesis that is no reference stays in the text ...
    assert split_references("Crear una matriz. (NOTA: Referirse al punto 6.3)") == (
        "Crear una matriz. (NOTA: Referirse al punto 6.3)",
        [],
    )
    # ... unless it cites a date in a schedule cell.
    assert split_references(
        "Por definir. (Tegucigalpa, noviembre de 2008)", dated_parentheses=True
    ) == ("Por definir.", ["Tegucigalpa, noviembre de 2008"])


# ---------------------------------------------------------------------------------------------
# Word files
# ---------------------------------------------------------------------------------------------


def _export_layout_docx(path: Path) -> None:
    """The lead's export: four columns, one row per activity, the objective cell merged down
    its rows, area titles as full-width rows; then a history table."""
    document = docx.Document()
    document.add_paragraph("PLAN DE TRABAJO DE LA RED DE FUNCIONARIOS DE ENLACE")
    document.add_paragraph("Actualizado por la ST el 3 de marzo de 2025")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ("Objetivos", "Actividades", "Responsable", "Calendario"), strict=True
    ):
        cell.text = text

    def area(title: str) -> None:
        row = table.add_row()
        row.cells[0].merge(row.cells[3]).text = title

    def activity(objective: str | None, *cells: str) -> None:
        row = table.add_row()
        if objective is not None:
            row.cells[0].text = objective
        for cell, text in zip(row.cells[1:], cells, strict=True):
            cell.text = text

    area("POLÍTICAS Y GESTIÓN MIGRATORIA")
    first = len(table.rows)
    activity("A. Fortalecer el combate a los delitos", "1. Instar a los países miembros", "", "")
    activity(
        None,
        "1.1 Informar sobre los logros (Ref: pto. 8, Deci., CRM, mayo, 2004)",
        "Países miembros",
        "Continuo",
    )
    activity(None, "1.2 Difundir programas de gobierno", "México y OIM", "Febrero 2026")
    table.cell(first, 0).merge(table.cell(first + 2, 0))
    # The objective repeated in every row rather than merged, as the export may also write it.
    activity("B. Intercambio de información", "2.1 Compartir estadísticas", "ST", "Por definir")
    activity("B. Intercambio de información", "2.2 Actualizar la matriz", "OIM", "Pendiente")
    area("DERECHOS HUMANOS")
    activity(
        "A. Proteger a las víctimas",
        "3.1 Designar puntos focales",
        "Países miembros en coordinación con la ST",
        "Realizado el 5 de mayo de 2024 (Ref: p. 3, GRCM, Inf. Red Trata, abril, 2024)",
    )
    document.add_paragraph("Histórico")
    history = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        history.rows[0].cells, ("Objetivos", "Actividades", "Realizado"), strict=True
    ):
        cell.text = text
    row = history.add_row()
    row.cells[0].merge(row.cells[2]).text = "I. POLÍTICAS Y GESTIÓN MIGRATORIA"
    row = history.add_row()
    row.cells[0].text = "A. Fortalecer el combate a los delitos"
    row.cells[1].text = "4.1 Realizar un taller regional"
    row.cells[2].text = "4.1.1 Taller realizado en Managua, 22 y 23 de julio 2008"
    document.save(path)


def test_docx_in_the_export_layout_round_trips(tmp_path):
    path = tmp_path / "plan.docx"
    _export_layout_docx(path)
    plan = parse_workplan_file(path)
    assert plan.updated_on == date(2025, 3, 3)
    assert [(area.code, area.title) for area in plan.areas] == [
        ("I", "POLÍTICAS Y GESTIÓN MIGRATORIA"),
        ("II", "DERECHOS HUMANOS"),
    ]
    assert [[objective.code for objective in area.objectives] for area in plan.areas] == [
        ["A", "B"],
        ["A"],
    ]
    a = activities_by_code(plan, "A")
    assert list(a) == ["1", "1.1", "1.2"]
    assert a["1.1"].parent == "1"
    assert a["1.1"].text == "Informar sobre los logros"
    assert a["1.1"].references == ["pto. 8, Deci., CRM, mayo, 2004"]
    assert a["1.1"].responsible == [ALL_MEMBERS] and a["1.1"].schedule.state == "ongoing"
    assert a["1.2"].responsible == ["MX", "IOM"]
    assert a["1.2"].schedule == Schedule("due", date(2026, 2, 1))
    b = activities_by_code(plan, "B")
    assert list(b) == ["2.1", "2.2"]
    assert b["2.2"].responsible == ["IOM"] and b["2.2"].schedule.state == "pending"
    rights = plan.areas[1].objectives[0].activities[0]
    assert rights.responsible == [ALL_MEMBERS, "ST"]
    assert rights.schedule == Schedule("done", date(2024, 5, 5))
    assert rights.references == ["p. 3, GRCM, Inf. Red Trata, abril, 2024"]
    assert [(r.area, r.objective, r.code) for r in plan.history] == [("I", "A", "4.1")]
    assert plan.history[0].done[0].date == date(2008, 7, 22)
    assert plan.problems == []
    # The same document read as lines (read_document) gives the same plan.
    assert parse_workplan(read_document(path)).as_json() == plan.as_json()


def test_seed_rebuilt_as_word_tables_reads_the_same(tmp_path, plan):
    """The original layout: one row per first-column entry, several paragraphs a cell."""
    document = docx.Document()
    for unit in _units_from_lines(SEED.read_text(encoding="utf-8").splitlines()):
        if isinstance(unit, _Para):
            document.add_paragraph(unit.text)
            continue
        table = document.add_table(rows=1, cols=len(unit.cells))
        for cell, source in zip(table.rows[0].cells, unit.cells, strict=True):
            cell.text = "\n".join(para.text for para in source.paragraphs)
    path = tmp_path / "plan.docx"
    document.save(path)
    from_docx = parse_workplan_file(path)
    assert from_docx.as_json() == plan.as_json()
    assert from_docx.problems == []
    assert [w.message for w in from_docx.warnings] == [w.message for w in plan.warnings]


def test_unreadable_plan_file(tmp_path):
    with pytest.raises(DocumentError):
        parse_workplan_file(tmp_path / "missing.docx")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(DocumentError, match="not supported"):
        parse_workplan_file(tmp_path / "plan.pdf")


_PIECES = [
    "\t",
    "1.",
    "1.1 ",
    "2.1.1 ",
    "1.1.1.1 ",
    "A. ",
    "I. ",
    "POLÍTICAS Y GESTIÓN",
    "Continuo",
    "Países miembros",
    "OIM",
    "(Ref: p. 2, CRM, mayo, 2004)",
    "Febrero 2010",
    "x",
    " ",
    "Histórico",
    "Actualizado por la ST el 26 de noviembre de 2009",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=30))
def test_random_plans_never_crash(lines):
    plan = parse_workplan(lines)
    assert set(plan.as_json()) == {"title", "updated_on", "areas", "history"}
    # The parser's safety net must not be what kept it alive.
    assert not any("could not be read" in problem.message for problem in plan.problems)


# ---------------------------------------------------------------------------------------------
# Layouts of the real archive (issue 13): a title wrapped over lines, a table of contents
# ---------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["en materia de", "tráfico ilícito", "de migrantes", "y trata"]),
        min_size=0,
        max_size=3,
    ),
    st.sampled_from(["2019-2025", "2010", "2016 - 2020"]),
    st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=5),
    st.sampled_from(["ÍNDICE", "Contenido", "Table of contents"]),
)
def test_a_wrapped_title_and_a_table_of_contents(words, years, pages, contents):
    title_lines = ["Plan de trabajo " + (words[0] if words else ""), *words[1:], years]
    toc = [contents]
    for index, page in enumerate(pages, start=1):
        toc += [f"EJE {index}:", f"Tema del eje {index} " + "." * 40 + f" {page}"]
    lines = [*(line + "  " for line in title_lines), "Red de Funcionarios de Enlace", *toc]
    plan = parse_workplan(lines)
    expected = " ".join(" ".join(title_lines).split())
    assert plan.title == expected
    assert plan.as_json()["title"] == expected
    assert plan.areas == []  # the axes of a table of contents are no part of the plan
    # the only problem: no plan under the cover
    assert len(plan.problems) == 1
