"""Meeting reports of the network, the GRCM and the CRM, in Spanish or English.

A report has, in this order (any part may be missing):

1. a heading: the CRM / GRCM lines, the meeting's name, the place and the date;
2. an opening paragraph ("La Red de Funcionarios de Enlace ..., en reunión celebrada el 7 de
   junio de 2011 en La Romana, República Dominicana, con la participación de ...");
3. the agreements: numbered items ("1.", "1)", "1 -") with sub-items ("a)", "a.", "(a)", "1.1"
   or dash/bullet sub-items, which are labelled a, b, c ... in order; "a) ...; b) ..." written
   inside an item's paragraph counts too), or un-numbered paragraphs (the 2011 report), which
   are numbered 1, 2, 3 ... in order;
4. possibly a closing (place and date of signature, annexes, list of participants).

Rules the parser keeps, so the lead and the users can rely on them:

- Title: the heading line(s) that name the meeting, without the generic CRM / GRCM lines, the
  place and the date, joined into one line, without a leading "Informe de la" / "Report of the",
  and in title case when the heading is written in capitals ("Reunión de la Red de Funcionarios
  de Enlace para el Combate al Tráfico Ilícito de Migrantes y la Trata de Personas"). A report
  without such a heading takes the name its opening sentence gives the meeting or body ("Red de
  Funcionarios de Enlace para el Combate a la Trata de Personas y al Tráfico Ilícito de
  Migrantes", from "La Red de ... de los países miembros de la CRM, en reunión celebrada ...").
- Body: `network` when the name (or the opening sentence's subject) is the liaison officers'
  network, even though the heading also names the CRM and the GRCM; `workshop` for a taller /
  workshop / seminario; `viceministerial` for the vice-ministerial meeting (Reunión
  Viceministerial, or "Reunión de la Conferencia Regional sobre Migración"); `grcm` for the
  Regional Consultation Group; `other` otherwise.
- Date and place: from the heading when it has them, else from the opening paragraph.
- Participants: the member states listed after "con la participación de" / "with the
  participation of" (and similar), ISO2, sorted. Organizations in that list go to
  `organizations`; other countries (observers) to `other_countries`.
- Stray text: inside the agreements every non-empty line belongs to an item. A line that
  starts no item and no sub-item continues the item or sub-item above it (the 2007 report's "2."
  stands alone with its text on the next line; the 2016 report continues sub-item 3.a on a
  line of its own). In un-numbered reports a line starting in lower case continues the item
  above, any other line starts a new item. What cannot belong anywhere is a problem: text
  after an agreements heading but before the first item, a sub-item before any item.
- Nothing is dropped silently: the opening text that is no agreement is kept in `preamble`,
  the signature block and annexes in `closing`.

Problems (`problems`) are what could not be read: no date, no place, no participants, no
title, no agreements, text that belongs to no item. Warnings (`warnings`) are readings that
succeeded but deserve a look: numbering that skips or repeats, dates that disagree.
"""

from __future__ import annotations

from pathlib import Path

from enlace.core.documents.base import DocumentParser
from enlace.core.documents.problems import gettext_noop
from enlace.core.documents.reading import read_document
from enlace.core.documents.text import clean_line, normalize_space
from enlace.meetings.parsing.agreements import AgreementsReader
from enlace.meetings.parsing.heading import HeadingReader, detect_language
from enlace.meetings.parsing.lines import Line, starts_agreement
from enlace.meetings.parsing.opening import opening_text, skip_metadata, split_run_on_lines
from enlace.meetings.parsing.participants import ParticipantsReader
from enlace.meetings.parsing.result import MeetingReport


class _ReportParser(
    HeadingReader, ParticipantsReader, AgreementsReader, DocumentParser[MeetingReport]
):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(MeetingReport())
        self.lines = [
            Line(index + 1, normalize_space(clean_line(line).replace("\t", " ")))
            for index, line in enumerate(lines)
        ]
        self.lines = split_run_on_lines(skip_metadata(self.lines))
        self.opening_text = ""
        self.intro: Line | None = None
        self.participant_lines: set[int] = set()

    @property
    def report(self) -> MeetingReport:
        return self.result

    def parse(self) -> MeetingReport:
        non_empty = [line for line in self.lines if line.text]
        if not non_empty:
            self.problem(0, gettext_noop("The document is empty."))
            return self.report
        self.report.language = detect_language([line.text for line in non_empty])
        header: list[Line] = []
        body_start = len(self.lines)
        for index, line in enumerate(self.lines):
            if not line.text:
                continue
            if starts_agreement(line.text):
                body_start = index
                break
            if self.looks_like_intro(line.text):
                self.intro = line
                body_start = index + 1
                break
            header.append(line)
        self.header_lines = header
        self.body_start = body_start
        self.opening_text = opening_text(self.lines)
        title_parts = self.read_header(header)
        self.read_title(title_parts, header)
        self.read_date_and_place()
        self.read_participants()
        self.read_agreements(body_start)
        self.report.body = self.classify()
        return self.report

    def finish(self) -> MeetingReport:
        report = self.parse()
        if report.start_date is None and self.lines and any(line.text for line in self.lines):
            self.problem(
                0, gettext_noop("No meeting date found in the heading or the opening paragraph.")
            )
        if report.country is None and any(line.text for line in self.lines):
            self.problem(
                0, gettext_noop("No meeting place found in the heading or the opening paragraph.")
            )
        if not report.participants and any(line.text for line in self.lines):
            self.problem(
                self.intro.number if self.intro else 0,
                gettext_noop("No participating member states found (“con la participación de …”)."),
            )
        report.problems.sort(key=lambda found: found.line)
        return report


def parse_meeting_report(lines: list[str]) -> MeetingReport:
    """Read a meeting report from its lines (as `read_document` returns them).

    Never raises on content: what cannot be read is listed in `problems` with its line.
    """
    parser = _ReportParser(list(lines))
    try:
        return parser.finish()
    except Exception as exc:  # a report that trips the parser is a problem too
        parser.unreadable(0, exc)
        return parser.report


def parse_meeting_file(path: Path | str) -> MeetingReport:
    """Read a meeting report from a `.txt` or `.docx` file (DocumentError if unreadable)."""
    return parse_meeting_report(read_document(Path(path)))
