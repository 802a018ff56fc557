"""The meeting report as DOCX and PDF, in Spanish or English, in the layout of the network's
reports (seeds 000-003): the CRM/GRCM heading, the meeting's name, place and date, an opening
paragraph naming place, date and participating delegations, then the numbered agreements with
lettered sub-items. Numbers and letters are written as text, not as Word list numbering, so
the report reads the same everywhere and `enlace meetings import` reads it back."""

from __future__ import annotations

import io
from datetime import date

from babel.dates import format_date
from django.utils import translation

from .models import Meeting, MeetingKind

HEADINGS = {
    "es": (
        "CONFERENCIA REGIONAL SOBRE MIGRACIÓN (CRM)",
        "GRUPO REGIONAL DE CONSULTA SOBRE MIGRACIÓN (GRCM)",
    ),
    "en": (
        "REGIONAL CONFERENCE ON MIGRATION (RCM)",
        "REGIONAL CONSULTATION GROUP ON MIGRATION (RCGM)",
    ),
}
BODY_NAMES = {
    "es": {
        MeetingKind.NETWORK: "La Red de Funcionarios de Enlace para el Combate al Tráfico "
        "Ilícito de Migrantes y la Trata de Personas de los Países "
        "Miembros de la CRM",
        MeetingKind.GRCM: "El Grupo Regional de Consulta sobre Migración",
        MeetingKind.VICEMINISTERIAL: "La Conferencia Regional sobre Migración",
    },
    "en": {
        MeetingKind.NETWORK: "The Network of Liaison Officers to Combat Migrant Smuggling "
        "and Trafficking in Persons of the RCM Member Countries",
        MeetingKind.GRCM: "The Regional Consultation Group on Migration",
        MeetingKind.VICEMINISTERIAL: "The Regional Conference on Migration",
    },
}


def _join(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    if language == "es":
        # "y" becomes "e" before an /i/ sound: "Panamá e Italia", but "y Honduras", "y hielo"
        word = names[-1].lower()
        conjunction = (
            " e " if word[:1] in "ií" or (word[:2] in ("hi", "hí") and word[:3] != "hie") else " y "
        )
        return ", ".join(names[:-1]) + conjunction + names[-1]
    return ", ".join(names[:-1]) + ", and " + names[-1]


def date_range_text(start: date, end: date, language: str) -> str:
    """ "8 de junio de 2016", "18 y 19 de mayo de 2010", "June 24-25, 2014" ..."""
    if language == "es":
        if start == end:
            return format_date(start, "d 'de' MMMM 'de' y", locale="es")
        if (start.year, start.month) == (end.year, end.month):
            joiner = " y " if (end - start).days == 1 else " al "
            prefix = "" if joiner == " y " else "del "
            return (
                prefix
                + f"{start.day}{joiner}"
                + format_date(end, "d 'de' MMMM 'de' y", locale="es")
            )
        return (
            "del "
            + format_date(start, "d 'de' MMMM", locale="es")
            + " al "
            + format_date(end, "d 'de' MMMM 'de' y", locale="es")
        )
    if start == end:
        return format_date(start, "MMMM d, y", locale="en")
    if (start.year, start.month) == (end.year, end.month):
        return format_date(start, "MMMM d", locale="en") + f"-{end.day}, {end.year}"
    return (
        format_date(start, "MMMM d", locale="en")
        + " - "
        + format_date(end, "MMMM d, y", locale="en")
    )


def _country_name(country, language: str) -> str:
    return country.name_es if language == "es" else country.name_en


def report_parts(meeting: Meeting, language: str) -> dict:
    """The text of the report, shared by the DOCX and PDF writers."""
    language = language if language in ("es", "en") else "es"
    participants = [
        _country_name(country, language)
        for country in sorted(
            meeting.participants.all(), key=lambda country: _country_name(country, language)
        )
    ]
    place = meeting.city
    if meeting.country:
        country_name = _country_name(meeting.country, language)
        place = f"{meeting.city}, {country_name}" if meeting.city else country_name
    when = date_range_text(meeting.start_date, meeting.end_date, language)
    subject = BODY_NAMES[language].get(meeting.kind) or (
        f"La reunión «{meeting.title}»" if language == "es" else f"The meeting “{meeting.title}”"
    )
    if language == "es":
        held = "celebrada el " if meeting.start_date == meeting.end_date else "celebrada "
        opening = (
            f"{subject}, en reunión {held}{when} en {place}, con la participación de los "
            f"representantes de {_join(participants, 'es')}, presenta su informe "
            "contenido en los siguientes puntos:"
        )
        title = (
            "INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE"
            if meeting.kind == MeetingKind.NETWORK and meeting.language != "es"
            else meeting.title.upper()
        )
    else:
        held = "held on " if meeting.start_date == meeting.end_date else "held "
        opening = (
            f"{subject}, at its meeting {held}{when} in {place}, with the participation "
            f"of the representatives of {_join(participants, 'en')}, presents its "
            "report in the following points:"
        )
        title = (
            "REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS"
            if meeting.kind == MeetingKind.NETWORK and meeting.language != "en"
            else meeting.title.upper()
        )
    items = [
        {
            "number": agreement.number,
            "text": agreement.text,
            "subitems": [(sub.label, sub.text) for sub in agreement.subitems.all()],
        }
        for agreement in meeting.agreements.prefetch_related("subitems")
    ]
    return {
        "headings": HEADINGS[language],
        "title": title,
        "place": place,
        "date": when,
        "opening": opening,
        "items": items,
        "language": language,
    }


def meeting_report_docx(meeting: Meeting, language: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    parts = report_parts(meeting, language)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for line in (*parts["headings"], parts["title"]):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    for line in (parts["place"], parts["date"]):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(parts["opening"]).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for item in parts["items"]:
        paragraph = document.add_paragraph(f"{item['number']}. {item['text']}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for label, text in item["subitems"]:
            sub = document.add_paragraph(f"{label}) {text}")
            sub.paragraph_format.left_indent = Cm(1)
            sub.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    core = document.core_properties
    core.title = meeting.title[:250]
    core.language = parts["language"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def meeting_report_pdf(meeting: Meeting, language: str) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    parts = report_parts(meeting, language)
    styles = getSampleStyleSheet()
    centred = ParagraphStyle(
        "centred", parent=styles["Normal"], alignment=TA_CENTER, fontSize=11, leading=14
    )
    heading = ParagraphStyle("heading", parent=centred, fontName="Helvetica-Bold")
    body = ParagraphStyle(
        "body", parent=styles["Normal"], alignment=TA_JUSTIFY, fontSize=11, leading=15, spaceAfter=8
    )
    sub = ParagraphStyle("sub", parent=body, leftIndent=1 * cm)
    story = [Paragraph(escape(line), heading) for line in (*parts["headings"], parts["title"])]
    story += [
        Spacer(1, 8),
        Paragraph(escape(parts["place"]), centred),
        Paragraph(escape(parts["date"]), centred),
        Spacer(1, 14),
        Paragraph(escape(parts["opening"]), body),
    ]
    for item in parts["items"]:
        story.append(Paragraph(f"{escape(item['number'])}. {escape(item['text'])}", body))
        story += [
            Paragraph(f"{escape(label)}) {escape(text)}", sub) for label, text in item["subitems"]
        ]
    buffer = io.BytesIO()
    with translation.override(parts["language"]):
        document = SimpleDocTemplate(
            buffer,
            pagesize=LETTER,
            title=meeting.title[:250],
            leftMargin=2.5 * cm,
            rightMargin=2.5 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
        )
        document.build(story)
    return buffer.getvalue()
