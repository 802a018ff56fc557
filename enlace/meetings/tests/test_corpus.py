"""The meeting-report importer on the real-document corpus (tests/corpus, a copy of
../shared/corpus/reports with its hand-read expected.json), and the patterns those documents
show, each tested with synthetic variations (hypothesis) rather than the corpus text: date
forms and their distractors, line wraps, one-line documents, places, participant lists and
observers, the bodies. Pure tests: no database."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.meetings.parsing import parse_meeting_file, parse_meeting_report

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
MEETING_DOCUMENTS = sorted(
    name for name, expected in EXPECTED.items() if expected["kind"] == "meeting_report"
)


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.mark.parametrize("name", MEETING_DOCUMENTS)
def test_corpus_document_reads_to_its_expected_values(name):
    expected = EXPECTED[name]
    found = parse_meeting_file(CORPUS / name).as_json()
    for field in ("start_date", "end_date", "country", "participants", "language", "body"):
        assert found[field] == expected[field], field
    assert _fold(found["city"]) == _fold(expected["city"])
    assert len(found["items"]) >= expected["min_items"]
    by_number = {item["number"]: item for item in found["items"]}
    for number, count in expected.get("subitems", {}).items():
        assert len(by_number[number]["subitems"]) == count


# ---------------------------------------------------------------------------------------------
# Synthetic variations of the corpus' patterns
# ---------------------------------------------------------------------------------------------

MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
MONTHS_EN = "January February March April May June July August September October November December"
MONTHS = {"es": MONTHS_ES.split(), "en": MONTHS_EN.split()}
MEMBER_NAMES = {
    "es": {
        "BZ": ["Belice"],
        "CA": ["Canadá"],
        "CR": ["Costa Rica"],
        "SV": ["El Salvador"],
        "US": ["Estados Unidos de América", "Estados Unidos"],
        "GT": ["Guatemala"],
        "HN": ["Honduras"],
        "MX": ["México"],
        "NI": ["Nicaragua"],
        "PA": ["Panamá"],
        "DO": ["República Dominicana", "la República Dominicana"],
    },
    "en": {
        "BZ": ["Belize"],
        "CA": ["Canada"],
        "CR": ["Costa Rica"],
        "SV": ["El Salvador"],
        "US": ["the United States of America", "United States", "the United States"],
        "GT": ["Guatemala"],
        "HN": ["Honduras"],
        "MX": ["Mexico"],
        "NI": ["Nicaragua"],
        "PA": ["Panama"],
        "DO": ["the Dominican Republic", "Dominican Republic"],
    },
}
OBSERVERS = {"es": ["Argentina", "Colombia", "Ecuador", "Perú"], "en": ["Argentina", "Peru"]}
# (city as written, expected city, country as written (None: the city alone), ISO2)
PLACES = {
    "es": [
        ("San Salvador", "San Salvador", "El Salvador", "SV"),
        ("Managua", "Managua", "Nicaragua", "NI"),
        ("la Ciudad de Managua", "Managua", "Nicaragua", "NI"),
        ("San José", "San José", "Costa Rica", "CR"),
        ("Tegucigalpa", "Tegucigalpa", "Honduras", "HN"),
        ("Puebla", "Puebla", "México", "MX"),
        ("Cancún", "Cancún", None, "MX"),
        ("Tapachula, Chiapas", "Tapachula", "México", "MX"),
        ("la Ciudad de Panamá", "Ciudad de Panamá", "Panamá", "PA"),
        ("Ciudad de Guatemala", "Ciudad de Guatemala", "Guatemala", "GT"),
    ],
    "en": [
        ("Washington, DC", "Washington", "United States of America", "US"),
        ("San Salvador", "San Salvador", "El Salvador", "SV"),
        ("the city of Managua", "Managua", "Nicaragua", "NI"),
        ("Panama City", "Ciudad de Panamá", "Panama", "PA"),
        ("Ottawa", "Ottawa", "Canada", "CA"),
        ("Cancún", "Cancún", None, "MX"),
    ],
}


def _join(names: list[str], language: str) -> str:
    word = " y " if language == "es" else " and "
    return ", ".join(names[:-1]) + word + names[-1] if len(names) > 1 else names[0]


@st.composite
def meeting_dates(draw):
    start = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 1)))
    start = start.replace(day=min(start.day, 26))
    length = draw(st.integers(min_value=0, max_value=2))
    return start, start + timedelta(days=length)


def _ordinal(day: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10 if day not in (11, 12, 13) else 0, "th")
    return f"{day}{suffix}"


@st.composite
def date_texts(draw, start: date, end: date, language: str):
    """The meeting's date in one of the forms of the corpus."""
    month = MONTHS[language][start.month - 1]
    if language == "es":
        spaced = draw(st.sampled_from([" ", "\u00a0 ", "  "]))
        single = f"el {start.day} de {month} de {start.year}"
        if start == end:
            return draw(
                st.sampled_from([single, f"el día {start.day} de {month} del {start.year}"])
            )
        forms = [
            f"los días {start.day} y {end.day} de {month} de {start.year}",
            f"el{spaced}{start.day} y {end.day}{spaced}de {month} del {start.year}",
            f"los días {start.day} al {end.day} de {month} de {start.year}",
            f"del {start.day} - {end.day} de {month} del año {start.year}",
        ]
        return draw(st.sampled_from(forms))
    if start == end:
        return draw(st.sampled_from([f"on {month} {start.day}, {start.year}"]))
    forms = [
        f"on {month} {start.day}-{end.day}, {start.year}",
        f"on {start.day} and {end.day} {month} {start.year}",
        f"{month} {_ordinal(start.day)} and {_ordinal(end.day)}, {start.year}",
        f"on {start.day}-{end.day} {month}, {start.year}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def reports(draw):
    """A synthetic report: (lines, expected values)."""
    language = draw(st.sampled_from(["es", "en"]))
    start, end = draw(meeting_dates())
    when = draw(date_texts(start, end, language))
    city_text, city, country_text, country = draw(st.sampled_from(PLACES[language]))
    where = city_text + (f", {country_text}" if country_text else "")
    members = draw(
        st.lists(st.sampled_from(sorted(MEMBER_NAMES["es"])), min_size=2, max_size=11, unique=True)
    )
    names = [draw(st.sampled_from(MEMBER_NAMES[language][code])) for code in members]
    listed = _join(names, language)
    body = draw(st.sampled_from(["crm", "grcm", "network"]))
    subject = {
        ("es", "crm"): "La Conferencia Regional sobre Migración",
        ("es", "grcm"): "El Grupo Regional de Consulta sobre Migración (GRCM)",
        (
            "es",
            "network",
        ): "La Red de Funcionarios de Enlace para el Combate a la Trata de Personas",
        ("en", "crm"): "The Regional Conference on Migration",
        ("en", "grcm"): "The Regional Consultation Group on Migration (RCGM)",
        ("en", "network"): "The Network of Liaison Officers to Combat Trafficking in Persons",
    }[(language, body)]
    if language == "es":
        verb = draw(st.sampled_from(["se celebró", "se realizó", "tuvo lugar", "se reunió"]))
        participation = draw(
            st.sampled_from(
                [
                    "con la participación de",
                    "con la participación de representantes de",
                    "en la que participaron las y los Viceministros y Jefes de Delegación de",
                ]
            )
        )
        order = draw(st.integers(0, 1))
        if order or when.startswith("del"):
            opening = f"{subject} {verb} en {where}, {when}, {participation} {listed}."
        else:
            opening = f"{when[0].upper()}{when[1:]}, {verb} {subject[0].lower()}{subject[1:]} "
            opening += f"en {where}, {participation} {listed}."
    else:
        verb = draw(st.sampled_from(["took place", "was held", "met"]))
        participation = draw(
            st.sampled_from(
                ["with the participation of", "with the participation of representatives from"]
            )
        )
        opening = f"{subject} {verb} in {where}, {when}, {participation} {listed}."
    distractor_month = MONTHS[language][(start.month % 12)]
    later = start.year + 1
    if language == "es":
        before = [f"{draw(st.integers(1, 28))} de {distractor_month} de {start.year}"]
        after = [
            f"Los países expresaron su solidaridad por el terremoto del 3 de {distractor_month} "
            f"de {start.year}.",
            f"La próxima reunión se realizará el 5 de {distractor_month} de {later} en Ciudad de "
            f"Guatemala, Guatemala.",
        ]
        items = ["ACUERDOS", "1. Agradecer al país sede.", "2. Solicitar a la ST un informe."]
    else:
        before = [f"{distractor_month} {draw(st.integers(1, 28))}, {start.year}"]
        after = [
            f"The next meeting will be held on {distractor_month} 5, {later} in Ottawa, Canada.",
            f"They recalled the workshop held in Tegucigalpa on 3 {distractor_month} {start.year}.",
        ]
        items = ["AGREEMENTS", "1) To thank the host country.", "2) To request a report."]
    observers = OBSERVERS[language]
    after.append(
        f"Participaron como observadores {_join(observers, language)}."
        if language == "es"
        else f"They welcomed, as observers, {_join(observers, language)}."
    )
    if draw(st.booleans()):
        opening = _wrap(opening, draw(st.integers(min_value=25, max_value=70)))
    else:
        opening = [opening]
    lines = [*before, "", *opening, *after, *items]
    if draw(st.booleans()):  # a web page's text without its line breaks
        lines = [" ".join(line for line in lines if line).replace("ACUERDOS", "ACORDARON:")]
        lines = [lines[0].replace("AGREEMENTS", "AGREED:")]
    expected = {
        "start_date": start,
        "end_date": end,
        "city": city,
        "country": country,
        "participants": sorted(members),
        "language": language,
        "body": body,
    }
    return lines, expected


def _wrap(text: str, width: int) -> list[str]:
    """Fixed-width wrapping, as the saved pages have it (a date may be cut in two)."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current]


@settings(max_examples=200, deadline=None)
@given(reports())
def test_synthetic_reports_read_to_their_values(case):
    lines, expected = case
    report = parse_meeting_report(lines)
    assert report.start_date == expected["start_date"], lines
    assert report.end_date == expected["end_date"], lines
    assert _fold(report.city) == _fold(expected["city"]), lines
    assert report.country == expected["country"], lines
    assert report.participants == expected["participants"], lines
    assert report.language == expected["language"]
    assert report.body == expected["body"], "\n".join(lines)
    assert len(report.items) >= 2, "\n".join(lines)


DISTRACTORS = {
    "es": [
        "{d} de {m} de {y}",
        "Carta fechada el {d} de {m} de {y}.",
        "La próxima reunión se celebrará el {d} de {m} de {y} en Managua, Nicaragua.",
        "Los países enviarán sus propuestas antes del {d} de {m} de {y}.",
    ],
    "en": [
        "{m} {d}, {y}",
        "Letter dated {d} {m} {y} from the Permanent Representative.",
        "The next meeting will be held on {m} {d}, {y} in Managua, Nicaragua.",
        "Countries will send their proposals before {m} {d}, {y}.",
    ],
}


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["es", "en"]),
    st.lists(st.integers(0, 3), min_size=1, max_size=4),
    st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 28)),
)
def test_a_report_without_its_own_date_gets_none_and_a_problem(language, picks, day):
    """Only distractor dates (the document's, a letter's, the next meeting's, a deadline):
    the importer takes none of them and says the date is missing."""
    month = MONTHS[language][day.month - 1]
    lines = [DISTRACTORS[language][pick].format(d=day.day, m=month, y=day.year) for pick in picks]
    opening = (
        "La Red de Funcionarios de Enlace, con la participación de Belice y Canadá, acordó:"
        if language == "es"
        else "The Network of Liaison Officers, with the participation of Belize and Canada, agreed:"
    )
    report = parse_meeting_report([*lines, opening, "1. Uno.", "2. Dos."])
    assert report.start_date is None
    assert any("date" in found.message for found in report.problems)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["es", "en"]), st.integers(min_value=0, max_value=1))
def test_a_report_without_place_or_participants_leaves_them_empty(language, variant):
    opening = (
        "La Red de Funcionarios de Enlace se reunió el 5 de mayo de 2012 y acordó lo siguiente:"
        if language == "es"
        else "The Network of Liaison Officers met on May 5, 2012 and agreed the following:"
    )
    lines = [opening, "1. Uno.", "2. Dos."] if variant else [opening, "Uno.", "Dos."]
    report = parse_meeting_report(lines)
    assert report.start_date == date(2012, 5, 5)
    assert (report.city, report.country, report.participants) == (None, None, [])
    messages = " ".join(found.message for found in report.problems)
    assert "place" in messages and "member states" in messages


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["1.", "1)", "-", "\uf0b7", "•"]), min_size=1, max_size=1),
    st.integers(min_value=2, max_value=6),
    st.integers(min_value=0, max_value=3),
)
def test_item_styles_and_lettered_subitems(style, count, subs):
    """Items "1." / "1)" with "a)" sub-items under them; dash and private-use bullets under
    numbered items are sub-items too."""
    marker = style[0]
    lines = ["La Red, reunida el 5 de mayo de 2012 en Managua, Nicaragua, acordó:"]
    for number in range(1, count + 1):
        head = f"{number}{marker[1:]}" if marker[0] == "1" else f"{number}."
        lines.append(f"{head} Acuerdo número {number} de la reunión.")
        for index in range(subs):
            bullet = f"{chr(ord('a') + index)})" if marker[0] == "1" else marker
            lines.append(f"{bullet} inciso {index + 1} del acuerdo")
    report = parse_meeting_report(lines)
    assert [item.number for item in report.items] == [str(n) for n in range(1, count + 1)]
    assert [len(item.subitems) for item in report.items] == [subs] * count
