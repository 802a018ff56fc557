"""The meeting-report parser against the five seed reports (counted by hand), synthetic
reports in both languages (tests/documents/ and .docx built here), every date form, country
spelling and sub-item style the region uses, and malformed documents.

Pure tests: no database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.core.documents import (
    DocumentError,
    city_lookup,
    country_code,
    find_countries,
    find_organizations,
    parse_dates,
    parse_month_year,
    parse_place,
    read_document,
)
from enlace.core.documents.text import fold
from enlace.meetings.parsing import BODIES, parse_meeting_file, parse_meeting_report

SEEDS = Path("/work/shared/seeds")
DOCUMENTS = Path(__file__).parent / "documents"
ALL_ELEVEN = ["BZ", "CA", "CR", "DO", "GT", "HN", "MX", "NI", "PA", "SV", "US"]
JSON_KEYS = {
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


def subitem_counts(report) -> list[int]:
    return [len(item.subitems) for item in report.items]


# ---------------------------------------------------------------------------------------------
# The seed reports, as read by hand
# ---------------------------------------------------------------------------------------------


def test_seed_2002_guatemala_recommendations():
    report = parse_meeting_file(SEEDS / "003_1d20338a4e5ff910.txt")
    assert report.title == "Red de Funcionarios de Enlace para el Combate del Tráfico de Migrantes"
    assert report.body == "network"
    assert (report.start_date, report.end_date) == (date(2002, 10, 28), date(2002, 10, 28))
    assert (report.city, report.country) == ("Ciudad de Guatemala", "GT")
    # Ten delegations: no Dominican Republic in 2002.
    assert report.participants == ["BZ", "CA", "CR", "GT", "HN", "MX", "NI", "PA", "SV", "US"]
    assert report.language == "es"
    assert [item.number for item in report.items] == [str(n) for n in range(1, 11)]
    assert subitem_counts(report) == [0] * 10
    assert report.items[4].text.startswith("Apoyar la propuesta de los Estados Unidos")
    assert report.items[9].text == (
        "Acoger la propuesta de El Salvador relativa a la presentación de informes escritos "
        "sobre los avances de cada país en el combate al tráfico ilícito y trata de migrantes."
    )
    assert report.problems == []


def test_seed_2007_new_orleans_points():
    report = parse_meeting_file(SEEDS / "001_518c22be36a49769.txt")
    assert report.title == (
        "Red de Funcionarios de Enlace para el Combate a la Trata de Personas "
        "y al Tráfico Ilícito de Migrantes"
    )
    assert report.body == "network"
    assert (report.start_date, report.end_date) == (date(2007, 4, 24), date(2007, 4, 24))
    assert (report.city, report.country) == ("New Orleans", "US")
    assert report.participants == ALL_ELEVEN
    assert report.language == "es"
    assert len(report.items) == 6
    # Item 4 holds "a) modificar ...; b) Revisar ..." inside its paragraph.
    assert subitem_counts(report) == [0, 0, 0, 2, 0, 0]
    # "2." stands alone on its line; its text is the next line.
    assert report.items[1].text.startswith("Agradecer a los países por sus presentaciones")
    # Item 3 continues on a second paragraph.
    assert report.items[2].text.endswith("herramientas en la lucha contra estos delitos.")
    assert "En ese sentido se identificó" in report.items[2].text
    item4 = report.items[3]
    assert item4.text == (
        "Tomar nota de las propuestas presentadas por la Delegación de El Salvador referidas a:"
    )
    assert [sub.label for sub in item4.subitems] == ["a", "b"]
    assert item4.subitems[0].text.startswith("modificar el Formato Estándar")
    assert item4.subitems[0].text.endswith("para su respectiva revisión")
    assert item4.subitems[1].text.startswith("Revisar el Plan de Trabajo")
    assert report.preamble == [
        "La red somete a consideración del Grupo Regional de Consulta sobre Migración (GRCM) el "
        "informe siguiente:"
    ]
    assert report.problems == []


def test_seed_2011_la_romana_unnumbered_conclusions():
    report = parse_meeting_file(SEEDS / "000_8d3ad5c47a8748c8.txt")
    assert report.title == (
        "Red de Funcionarios de Enlace para el Combate a la Trata de Personas "
        "y al Tráfico Ilícito de Migrantes"
    )
    assert report.body == "network"
    assert (report.start_date, report.end_date) == (date(2011, 6, 7), date(2011, 6, 7))
    assert (report.city, report.country) == ("La Romana", "DO")
    assert report.participants == ALL_ELEVEN
    assert report.language == "es"
    # Seven paragraphs, numbered in order; the sixth has five bullet initiatives.
    assert [item.number for item in report.items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert subitem_counts(report) == [0, 0, 0, 0, 0, 5, 0]
    assert [sub.label for sub in report.items[5].subitems] == ["a", "b", "c", "d", "e"]
    assert report.items[5].subitems[0].text == (
        "Cooperación para facilitar los encuentros regionales de este grupo."
    )
    assert report.items[2].text.startswith("Recibir con beneplácito la matriz")
    assert report.items[6].text.startswith("Para avanzar en la ejecución")
    assert report.problems == []


def test_seed_2016_tegucigalpa_lettered_subpoints():
    report = parse_meeting_file(SEEDS / "002_d9e9c4457487cb69.txt")
    assert report.title == (
        "Reunión de la Red de Funcionarios de Enlace para el Combate al "
        "Tráfico Ilícito de Migrantes y la Trata de Personas"
    )
    assert report.body == "network"
    assert (report.start_date, report.end_date) == (date(2016, 6, 8), date(2016, 6, 8))
    assert (report.city, report.country) == ("Tegucigalpa", "HN")
    # Nine delegations: no Belize, no Nicaragua.
    assert report.participants == ["CA", "CR", "DO", "GT", "HN", "MX", "PA", "SV", "US"]
    assert report.language == "es"
    assert len(report.items) == 7
    assert subitem_counts(report) == [0, 2, 2, 2, 0, 0, 1]
    sub_3a = report.items[2].subitems[0]
    # The line under 3.a continues it; the Tika bookmark marker of 3.b is gone.
    assert sub_3a.text.endswith("compartan la información pertinente.")
    assert "La OIM realizará un análisis" in sub_3a.text
    assert report.items[2].subitems[1].text.startswith("Con base en la sistematización")
    assert report.problems == []


def test_seed_work_plan_is_no_meeting_report_but_does_not_crash():
    report = parse_meeting_file(SEEDS / "004_abb5666c6524ad2c.txt")
    assert report.participants == []
    assert any("participating member states" in problem.message for problem in report.problems)


@pytest.mark.parametrize(
    "name",
    [
        "000_8d3ad5c47a8748c8.txt",
        "001_518c22be36a49769.txt",
        "002_d9e9c4457487cb69.txt",
        "003_1d20338a4e5ff910.txt",
    ],
)
def test_as_json_has_exactly_the_agreed_keys(name):
    data = parse_meeting_file(SEEDS / name).as_json()
    assert set(data) == JSON_KEYS
    assert data["start_date"][4] == "-" and len(data["start_date"]) == 10
    assert data["body"] in BODIES
    for item in data["items"]:
        assert set(item) == {"number", "text", "subitems"}
        assert item["text"] == " ".join(item["text"].split())
        for sub in item["subitems"]:
            assert set(sub) == {"label", "text"}


# ---------------------------------------------------------------------------------------------
# Synthetic reports (tests/documents)
# ---------------------------------------------------------------------------------------------


def test_english_network_report_with_every_subitem_style():
    report = parse_meeting_file(DOCUMENTS / "en_network_panama_2014.txt")
    assert report.title == (
        "Meeting of the Network of Liaison Officers to Combat Migrant "
        "Smuggling and Trafficking in Persons"
    )
    assert report.body == "network"
    assert report.language == "en"
    assert (report.start_date, report.end_date) == (date(2014, 6, 24), date(2014, 6, 25))
    assert (report.city, report.country) == ("Ciudad de Panamá", "PA")
    assert report.participants == ALL_ELEVEN
    assert report.organizations == ["IOM", "UNHCR"]
    assert subitem_counts(report) == [0, 2, 3, 2, 0]
    assert [sub.label for sub in report.items[2].subitems] == ["a", "b", "c"]  # dashes
    assert report.items[1].subitems[0].text == (
        "countries send their updates to the Technical Secretariat within two months"
    )
    assert report.items[3].subitems[1].text == (
        "Countries will test the format for six months. This test will be evaluated at the next "
        "meeting."
    )
    assert report.problems == []


def test_spanish_grcm_report_with_dash_numbers_and_closing():
    report = parse_meeting_file(DOCUMENTS / "es_grcm_san_salvador_2010.txt")
    assert report.title == "Reunión del Grupo Regional de Consulta sobre Migración"
    assert report.body == "grcm"
    assert (report.start_date, report.end_date) == (date(2010, 5, 18), date(2010, 5, 19))
    assert (report.city, report.country) == ("San Salvador", "SV")
    # Belize, EE.UU., Méjico and Rep. Dominicana are spelled that way in the list.
    assert report.participants == ALL_ELEVEN
    assert [item.number for item in report.items] == ["1", "2", "3"]
    assert subitem_counts(report) == [0, 2, 0]
    assert (
        report.items[1].subitems[0].text
        == "la actualización del directorio de funcionarios de enlace"
    )
    assert report.closing == ["Dado en San Salvador, El Salvador, el 19 de mayo de 2010."]
    assert report.problems == []


def test_spanish_workshop_with_bullets_and_lowercase_continuation():
    report = parse_meeting_file(DOCUMENTS / "es_taller_antigua_2015.txt")
    assert report.title == "Taller Regional sobre Identificación de Víctimas de Trata de Personas"
    assert report.body == "workshop"
    assert (report.start_date, report.end_date) == (date(2015, 11, 30), date(2015, 12, 2))
    assert (report.city, report.country) == ("Antigua Guatemala", "GT")
    assert report.participants == ["BZ", "CR", "GT", "HN", "MX", "US"]
    assert report.organizations == ["IOM", "UNICEF"]
    assert subitem_counts(report) == [2, 0, 0]
    assert report.items[1].text.endswith(
        "los países designarán a sus participantes antes de marzo de 2016."
    )
    assert report.problems == []


def test_english_viceministerial_report():
    report = parse_meeting_file(DOCUMENTS / "en_viceministerial_2007.txt")
    assert report.title == "XII Vice-Ministerial Meeting of the Regional Conference on Migration"
    assert report.body == "crm"
    assert report.language == "en"
    assert (report.start_date, report.end_date) == (date(2007, 4, 24), date(2007, 4, 24))
    assert (report.city, report.country) == ("New Orleans", "US")
    assert report.participants == ALL_ELEVEN  # "USA" and "Dominican Republic"
    assert subitem_counts(report) == [0, 0]


def test_report_without_date_is_a_problem_not_a_crash():
    report = parse_meeting_file(DOCUMENTS / "malformed_no_date.txt")
    assert report.start_date is None and report.end_date is None
    assert [problem.message for problem in report.problems] == [
        "No meeting date found in the heading or the opening paragraph."
    ]
    assert (report.city, report.country) == ("Managua", "NI")
    assert report.participants == ["HN", "NI"]
    assert len(report.items) == 1


def test_report_without_items_is_a_problem():
    report = parse_meeting_file(DOCUMENTS / "malformed_no_items.txt")
    assert report.items == []
    assert [problem.line for problem in report.problems] == [0]
    assert "No agreements found" in report.problems[0].message
    assert report.start_date == date(2016, 6, 8)


def test_stray_text_is_reported_by_line():
    report = parse_meeting_file(DOCUMENTS / "malformed_stray_text.txt")
    assert [(problem.line, problem.message.split(":")[0]) for problem in report.problems] == [
        (8, "A sub-item comes before any item"),
        (9, "Text before the first agreement belongs to no item"),
    ]
    assert [item.text for item in report.items] == [
        "Primera recomendación.",
        "Segunda recomendación.",
    ]
    assert (report.city, report.start_date) == ("Ciudad de México", date(2002, 10, 28))
    assert report.participants == ["BZ", "GT", "MX"]


def test_numbering_slips_are_warnings_and_items_are_kept():
    lines = [
        "Reunión de la Red de Funcionarios de Enlace",
        "Managua, Nicaragua",
        "24 de abril de 2007",
        "La Red de Funcionarios de Enlace, con la participación de Nicaragua y Panamá, "
        "presenta al GRCM las siguientes recomendaciones:",
        "1. Uno.",
        "3. Tres.",
        "a) inciso a",
        "c) inciso c",
    ]
    report = parse_meeting_report(lines)
    assert report.problems == []
    assert [item.number for item in report.items] == ["1", "3"]
    assert [warning.line for warning in report.warnings] == [6, 8]


@pytest.mark.parametrize(
    ("opening", "participants", "organizations"),
    [
        (
            "La Red, reunida el 5 de mayo de 2012 en Managua, Nicaragua, con la participación de "
            "los representantes de los Países Miembros de la CRM: Belice, Canadá y Panamá, "
            "recomienda:",
            ["BZ", "CA", "PA"],
            [],
        ),
        (
            "La Red, reunida el 5 de mayo de 2012 en Managua, Nicaragua, con la participación de "
            "los representantes de todos los Países Miembros de la CRM, recomienda:",
            ALL_ELEVEN,
            [],
        ),
        (
            "The Network met on 5 May 2012 in Managua, Nicaragua, with the participation of all "
            "member countries and IOM.",
            ALL_ELEVEN,
            ["IOM"],
        ),
        (
            "The Network met on 5 May 2012 in Managua, Nicaragua. Countries attending: Belize, "
            "Canada, Colombia (observer) and the United States, with the support of UNICEF.",
            ["BZ", "CA", "US"],
            ["UNICEF"],
        ),
    ],
)
def test_participation_phrasings(opening, participants, organizations):
    report = parse_meeting_report([opening, "1. Uno."])
    assert report.participants == participants
    assert report.organizations == organizations
    assert (report.city, report.start_date) == ("Managua", date(2012, 5, 5))
    assert report.problems == []


def test_participants_listed_one_a_line():
    report = parse_meeting_report(
        [
            "Reunión de la Red de Funcionarios de Enlace, San José, Costa Rica, 24 de junio 2014",
            "La Red se reunió para revisar el plan de trabajo y el formato de intercambio.",
            "Participaron:",
            "- Belice",
            "- Costa Rica",
            "- Estados Unidos",
            "- Panamá",
            "1) Revisar el plan.",
        ]
    )
    assert report.title == "Reunión de la Red de Funcionarios de Enlace"
    assert (report.city, report.country) == ("San José", "CR")
    assert report.participants == ["BZ", "CR", "PA", "US"]
    assert report.preamble[0] == "Participaron:"
    assert report.problems == []


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""],
        ["   ", "\t"],
        ["%%%", "12345", "a)", "-", "•"],
        ["1.", "2.", "a)"],
        ["\t1.1.1 Continuo", "\tA. Algo"],
    ],
)
def test_degenerate_input_gives_problems_never_exceptions(lines):
    report = parse_meeting_report(lines)
    assert report.problems
    assert set(report.as_json()) == JSON_KEYS


_PIECES = [
    *"abcdeABC123.)(-•\t ,:;áéñ",
    "de",
    "Belice",
    "mayo",
    "2010",
    "1.",
    "a)",
    "\n",
    "con la participación de ",
    "RECOMENDACIONES",
    "Tegucigalpa, Honduras",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), max_size=25))
def test_random_text_never_crashes(lines):
    report = parse_meeting_report(lines)
    assert set(report.as_json()) == JSON_KEYS
    # The parser's safety net must not be what kept it alive.
    assert not any("could not be read" in problem.message for problem in report.problems)


# ---------------------------------------------------------------------------------------------
# Dates, countries, cities
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("28 de octubre del 2002", date(2002, 10, 28), date(2002, 10, 28)),
        ("Octubre 28, 2002", date(2002, 10, 28), date(2002, 10, 28)),
        ("08 de junio de 2016", date(2016, 6, 8), date(2016, 6, 8)),
        ("18 y 19 de mayo de 2010", date(2010, 5, 18), date(2010, 5, 19)),
        ("del 18 al 20 de mayo de 2010", date(2010, 5, 18), date(2010, 5, 20)),
        ("June 24-25, 2014", date(2014, 6, 24), date(2014, 6, 25)),
        ("24 and 25 June 2014", date(2014, 6, 24), date(2014, 6, 25)),
        ("April 24, 2007", date(2007, 4, 24), date(2007, 4, 24)),
        ("24 April 2007", date(2007, 4, 24), date(2007, 4, 24)),
        ("30 de noviembre al 2 de diciembre de 2015", date(2015, 11, 30), date(2015, 12, 2)),
        ("24 de abril, 2007", date(2007, 4, 24), date(2007, 4, 24)),
        ("22 y 23 de julio 2008", date(2008, 7, 22), date(2008, 7, 23)),
        ("7 - 11 de febrero de 2005", date(2005, 2, 7), date(2005, 2, 11)),
        ("18, 19 y 20 de mayo de 2010", date(2010, 5, 18), date(2010, 5, 20)),
        ("June 30 - July 2, 2014", date(2014, 6, 30), date(2014, 7, 2)),
        ("30 June to 2 July 2014", date(2014, 6, 30), date(2014, 7, 2)),
        ("30 de diciembre al 2 de enero de 2015", date(2014, 12, 30), date(2015, 1, 2)),
        ("1° de junio de 2010", date(2010, 6, 1), date(2010, 6, 1)),
        ("Tuesday, April 24th, 2007", date(2007, 4, 24), date(2007, 4, 24)),
        ("24th of April 2007", date(2007, 4, 24), date(2007, 4, 24)),
        ("Sept. 5, 2010", date(2010, 9, 5), date(2010, 9, 5)),
        ("5 dic. 2010", date(2010, 12, 5), date(2010, 12, 5)),
        ("OCTUBRE 28 DE 2002", date(2002, 10, 28), date(2002, 10, 28)),
        ("28/10/2002", date(2002, 10, 28), date(2002, 10, 28)),
        ("10/28/2002", date(2002, 10, 28), date(2002, 10, 28)),
        ("2002-10-28", date(2002, 10, 28), date(2002, 10, 28)),
        ("celebrada el 7 de junio de 2011 en La Romana", date(2011, 6, 7), date(2011, 6, 7)),
    ],
)
def test_parse_dates_reads_every_regional_form(text, start, end):
    assert parse_dates(text) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "pto. 8, Deci., CRM, mayo, 2004",
        "31 de febrero de 2010",
        "sin fecha",
        "20 al 18 de mayo de 2010",
        "",
    ],
)
def test_parse_dates_refuses_what_is_no_meeting_date(text):
    assert parse_dates(text) is None


def test_parse_month_year_for_schedules_and_references():
    assert parse_month_year("pto. 8, Deci., CRM, mayo, 2004") == date(2004, 5, 1)
    assert parse_month_year("Febrero 2010.") == date(2010, 2, 1)
    assert parse_month_year("enero de 2008") == date(2008, 1, 1)
    assert parse_month_year("December 2009") == date(2009, 12, 1)
    assert parse_month_year("2010") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Estados Unidos de América", "US"),
        ("Estados Unidos", "US"),
        ("EE.UU.", "US"),
        ("EE. UU.", "US"),
        ("EEUU", "US"),
        ("the United States of America", "US"),
        ("United States", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("República Dominicana", "DO"),
        ("Dominican Republic", "DO"),
        ("Rep. Dominicana", "DO"),
        ("la República Dominicana", "DO"),
        ("Belice", "BZ"),
        ("Belize", "BZ"),
        ("Méjico", "MX"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("MEXICO", "MX"),
        ("Estados Unidos Mexicanos", "MX"),
        ("Panamá", "PA"),
        ("Panama", "PA"),
        ("República de Panamá", "PA"),
        ("Canadá", "CA"),
        ("Canada", "CA"),
        ("Costa Rica", "CR"),
        ("El Salvador", "SV"),
        ("Guatemala", "GT"),
        ("República de Guatemala", "GT"),
        ("Honduras", "HN"),
        ("Nicaragua", "NI"),
        # Others, in Spanish and English.
        ("Haití", "HT"),
        ("Cuba", "CU"),
        ("Colombia", "CO"),
        ("Perú", "PE"),
        ("España", "ES"),
        ("Brasil", "BR"),
        ("Brazil", "BR"),
        ("Corea del Sur", "KR"),
        ("MX", "MX"),
    ],
)
def test_country_code_knows_the_regions_spellings(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["", "Nowhere", "Red de Funcionarios", "OIM", "la"])
def test_country_code_is_none_for_what_is_no_country(name):
    assert country_code(name) is None


def test_find_countries_reads_a_participation_list_in_order():
    text = (
        "con la participación de los representantes de Belice, Canadá, Costa Rica, El "
        "Salvador, Estados Unidos de América, Guatemala, Honduras, México, Nicaragua y Panamá."
    )
    assert find_countries(text) == ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA"]


def test_find_countries_acronyms_count_in_capitals_only():
    assert find_countries("EE.UU. y R.D. con los Estados Unidos Mexicanos") == ["US", "DO", "MX"]
    assert find_countries("tell us about the USA") == ["US"]
    assert find_countries("let us meet") == []
    assert find_countries("Colombia y Cuba con México") == ["MX"]
    assert find_countries("Colombia y Cuba con México", members_only=False) == ["CO", "CU", "MX"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Guatemala City", ("Ciudad de Guatemala", "GT")),
        ("Ciudad de Guatemala", ("Ciudad de Guatemala", "GT")),
        ("la ciudad de Guatemala", ("Ciudad de Guatemala", "GT")),
        ("Tegucigalpa", ("Tegucigalpa", "HN")),
        ("San Salvador", ("San Salvador", "SV")),
        ("San José", ("San José", "CR")),
        ("Managua", ("Managua", "NI")),
        ("Panama City", ("Ciudad de Panamá", "PA")),
        ("Ciudad de Panamá", ("Ciudad de Panamá", "PA")),
        ("Santo Domingo", ("Santo Domingo", "DO")),
        ("La Romana", ("La Romana", "DO")),
        ("Belmopan", ("Belmopan", "BZ")),
        ("Belize City", ("Belize City", "BZ")),
        ("Ottawa", ("Ottawa", "CA")),
        ("Washington, D.C.", ("Washington", "US")),
        ("Nueva Orleans", ("New Orleans", "US")),
        ("New Orleans", ("New Orleans", "US")),
        ("Miami", ("Miami", "US")),
        ("Ciudad de México", ("Ciudad de México", "MX")),
        ("Mexico City", ("Ciudad de México", "MX")),
        ("Cancún", ("Cancún", "MX")),
        ("Cancun", ("Cancún", "MX")),
        ("Antigua Guatemala", ("Antigua Guatemala", "GT")),
        ("Roatán", ("Roatán", "HN")),
        ("Punta Cana", ("Punta Cana", "DO")),
    ],
)
def test_city_lookup_gives_one_canonical_name(name, expected):
    assert city_lookup(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ciudad de Guatemala, República de Guatemala", ("Ciudad de Guatemala", "GT")),
        (" Nueva Orleans, Estados Unidos", ("New Orleans", "US")),
        ("Panamá, Panamá", ("Ciudad de Panamá", "PA")),
        ("México, D.F.", ("Ciudad de México", "MX")),
        ("Heredia, Costa Rica", ("Heredia", "CR")),
        ("Antigua, Guatemala", ("Antigua Guatemala", "GT")),
        ("Tegucigalpa, M.D.C., Honduras", ("Tegucigalpa", "HN")),
        ("Guatemala", (None, "GT")),
        ("Informe final", (None, None)),
    ],
)
def test_parse_place(text, expected):
    assert parse_place(text) == expected


def test_find_organizations_by_acronym_in_either_language_and_full_name():
    text = (
        "la OIM, el ACNUR, la Secretaría Técnica, OIT/IPEC, UNHCR y la Organización "
        "Internacional para las Migraciones; the OAS"
    )
    assert find_organizations(text) == ["IOM", "UNHCR", "ST", "ILO", "OAS"]


def test_fold_keeps_length_so_spans_map_back():
    text = "Año 2010 – «Méjico» MÉXICO"
    assert len(fold(text)) == len(text)
    assert fold(text) == "ano 2010 - «mejico» mexico"


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def test_read_document_text_encodings(tmp_path):
    content = "Reunión en Panamá\n\tcelda\r\nfin"
    (tmp_path / "utf8.txt").write_bytes(content.encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes(content.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(content.encode("utf-16"))
    expected = ["Reunión en Panamá", "\tcelda", "fin"]
    for name in ("utf8.txt", "bom.txt", "cp1252.txt", "utf16.txt"):
        assert read_document(tmp_path / name) == expected, name


def test_read_document_refuses_clearly(tmp_path):
    with pytest.raises(DocumentError, match="not found"):
        read_document(tmp_path / "missing.txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DocumentError, match=r"\.doc documents are not supported"):
        read_document(tmp_path / "old.doc")
    (tmp_path / "data.xlsx").write_bytes(b"PK")
    with pytest.raises(DocumentError, match="unsupported document type"):
        read_document(tmp_path / "data.xlsx")
    (tmp_path / "broken.docx").write_bytes(b"this is no zip")
    with pytest.raises(DocumentError, match=r"not a valid Word \(\.docx\) document"):
        read_document(tmp_path / "broken.docx")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(DocumentError, match="not a text file"):
        read_document(tmp_path / "binary.txt")
    with pytest.raises(DocumentError):
        parse_meeting_file(tmp_path / "missing.docx")


def _multilevel_numbering(document) -> str:
    """Adds a Word list "1." / "a)" (two levels) to the document; returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="78"><w:abstractNumId w:val="77"/></w:num>')
    )
    return "78"


def _numbered(document, text: str, num_id: str, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )
    return paragraph


def test_docx_report_with_word_automatic_numbering_and_a_table(tmp_path):
    document = docx.Document()
    document.add_paragraph("CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)")
    document.add_paragraph("INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE")
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "Santo Domingo, República Dominicana"
    layout.cell(0, 1).text = "del 18 al 20 de mayo de 2010"
    document.add_paragraph(
        "La Red de Funcionarios de Enlace, en reunión celebrada en Santo Domingo, con la "
        "participación de los representantes de Belice, Costa Rica, Guatemala, Méjico y la "
        "República Dominicana, presenta al GRCM las siguientes recomendaciones:"
    )
    num_id = _multilevel_numbering(document)
    _numbered(document, "Agradecer al país sede.", num_id, 0)
    _numbered(document, "Actualizar la matriz de legislación:", num_id, 0)
    _numbered(document, "los países envían sus insumos;", num_id, 1)
    _numbered(document, "la OIM consolida la matriz.", num_id, 1)
    _numbered(document, "Revisar el Formato Estándar:", num_id, 0)
    _numbered(document, "con la variable de rutas.", num_id, 1)
    document.add_paragraph("Intercambiar estadísticas semestralmente.", style="List Number")
    path = tmp_path / "informe.docx"
    document.save(path)

    lines = read_document(path)
    assert lines[:5] == [
        "CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)",
        "INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE",
        "\tSanto Domingo, República Dominicana",
        "\tdel 18 al 20 de mayo de 2010",
        "",
    ]
    assert lines[6:12] == [
        "1. Agradecer al país sede.",
        "2. Actualizar la matriz de legislación:",
        "a) los países envían sus insumos;",
        "b) la OIM consolida la matriz.",
        "3. Revisar el Formato Estándar:",
        "a) con la variable de rutas.",
    ]

    report = parse_meeting_file(path)
    assert report.title == "Reunión de la Red de Funcionarios de Enlace"
    assert report.body == "network"
    assert (report.start_date, report.end_date) == (date(2010, 5, 18), date(2010, 5, 20))
    assert (report.city, report.country) == ("Santo Domingo", "DO")
    assert report.participants == ["BZ", "CR", "DO", "GT", "MX"]
    # The "List Number" paragraph is a list of its own in Word: it starts again at 1 and is
    # reported as a numbering slip, not lost.
    assert [item.number for item in report.items] == ["1", "2", "3", "1"]
    assert subitem_counts(report) == [0, 2, 1, 0]
    assert report.items[1].subitems[1].text == "la OIM consolida la matriz."
    assert report.problems == []
    assert [warning.line for warning in report.warnings] == [13]


def test_docx_english_report_with_literal_numbers_and_bullets(tmp_path):
    document = docx.Document()
    document.add_paragraph("NETWORK OF LIAISON OFFICERS")
    document.add_paragraph("Belize City, Belize, 24 and 25 June 2014")
    document.add_paragraph(
        "The Network met in Belize City with the participation of delegations from Canada, "
        "Honduras, the United States and Panama. It agreed as follows:"
    )
    document.add_paragraph("1 - Share the route maps.")
    document.add_paragraph("joint patrols", style="List Bullet")
    document.add_paragraph("blind spots at the border", style="List Bullet")
    document.add_paragraph("2 - Meet again in 2015.")
    path = tmp_path / "report.docx"
    document.save(path)

    assert read_document(path)[4] == "• joint patrols"
    report = parse_meeting_file(path)
    assert report.language == "en"
    assert report.title == "Network of Liaison Officers"
    assert (report.start_date, report.end_date) == (date(2014, 6, 24), date(2014, 6, 25))
    assert (report.city, report.country) == ("Belize City", "BZ")
    assert report.participants == ["CA", "HN", "PA", "US"]
    assert subitem_counts(report) == [2, 0]
    assert [sub.text for sub in report.items[0].subitems] == [
        "joint patrols",
        "blind spots at the border",
    ]
    assert report.problems == []


@pytest.mark.parametrize(
    "name",
    [
        "000_8d3ad5c47a8748c8.txt",
        "001_518c22be36a49769.txt",
        "002_d9e9c4457487cb69.txt",
        "003_1d20338a4e5ff910.txt",
    ],
)
def test_seed_reports_read_the_same_from_word(tmp_path, name):
    """Each seed line as a Word paragraph: the .docx gives the same report, same line numbers."""
    source = SEEDS / name
    document = docx.Document()
    for line in read_document(source):
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    from_text, from_word = parse_meeting_file(source), parse_meeting_file(path)
    assert from_word.as_json() == from_text.as_json()
    assert from_word.problems == from_text.problems
