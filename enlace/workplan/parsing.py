"""The network's Work Plan, read from its Word file or its plain-text copy (seed 004).

How the document is built, and how it is read
---------------------------------------------
Headings outside the table (or across the whole table) name the **area** ("POLÍTICAS Y
GESTIÓN MIGRATORIA", "I. POLÍTICAS ...") and the **objective** lettered "A.", "B.", "C.". Each
table row then has four columns: OBJETIVOS | ACTIVIDADES | RESPONSABLE | CALENDARIO, numbered
from left to right: "1. Instar a los países ..." | "1.1 Informar ... (Ref: ...)" and "1.2 ..."
| "1.1.1 Países miembros" and "1.2.1 ..." | "1.1.1.1 Continuo" and "1.2.1.1 ...".

- **Activities** are the numbered entries of the first two columns, one list per objective, in
  document order, codes as written ("1", "1.1", "1.2", "2", "2.1" ...): a first-column entry
  ("1.") is the parent of the second-column entries under it ("1.1", "1.2"). A parent has no
  responsible and no schedule of its own (state null) unless the row has no second column.
- **Responsible and schedule** entries are matched to the activities of their row: by position
  when the cell holds as many entries as the row has activities (the plan's numbering has slips,
  "2.1.1.2. Febrero 2010" is the schedule of 2.2, a warning says so), by their code prefix
  otherwise ("1.2.1" belongs to 1.2). What matches nothing is a problem.
- **Responsible parties** are codes: ISO2 for a country ("México" -> "MX"); "ALL" for all
  member states ("Países miembros", "los países", "member states": the membership is kept
  symbolic so the plan does not change when it does; `MEMBER_STATES` lists the eleven);
  "HOST" for the host country of a meeting ("País sede"); organizations under the codes of
  enlace/core/data/organizations.csv: ST, IOM (OIM), UNHCR (ACNUR), UNICEF, UNODC, ILO (OIT),
  RROCM, and OAS (OEA), SICA, PPT which that table does not hold yet. The cell's text as written
  is kept in `Activity.responsible_text`.
- **Schedule**: `state` is `ongoing` (Continuo, Permanente, Ongoing), `pending` (Pendiente),
  `tbd` (Por definir, To be defined), `done` (Realizado, Cumplido, Done) or `due` (a date);
  `date` is YYYY-MM-DD for a day, YYYY-MM-01 for a month ("Febrero 2010"), YYYY-01-01 for a
  year ("2010"), null otherwise. The text as written is kept in `Activity.schedule_text`.
- **References**: every "(Ref: pto. 8, Deci., CRM, mayo, 2004)" of the activity, its
  responsible and its schedule cells, without "Ref:", in order; a parenthesis in a schedule
  cell that cites a place and date ("(Tegucigalpa, noviembre de 2008)") is a reference too.
  Activity texts are given without their references.
- **History**: the second part of the document repeats an area heading ("I. POLÍTICAS ...")
  and lists, in three columns, what was done (or an explicit "Histórico" / "History" heading
  starts it). Each history record is an activity that left the plan:

      {"area": "I", "objective": "A", "code": "1.1", "text": "Adoptar los Lineamientos ...",
       "date": "2007-04-01", "references": [...],
       "done": [{"code": "1.1.1", "text": "Adoptados por los viceministros(as).",
                 "date": "2007-04-01", "references": ["pf. 5, CRM, Decla., abril, 2007"]}]}

  Parents ("1. Analizar ...") are records too, like in the plan. A done entry's `date` is the
  latest date its text names (a day; else a month, first day), else the latest month of its
  references (the decision that recorded it); the record's `date` is the latest of its entries.
- Legend lines ("Pasar al histórico", "Subrayado: ...", "MAYÚSCULAS: ...") are kept in
  `legend`, the document's own title lines in `preamble`.

Problems (`problems`) list what could not be placed; warnings (`warnings`) what was placed by
a guess (numbering slips) or is incomplete (an activity with no schedule).

A `.docx` is read from its table structure: one row per activity (the lead's export) or one
row per parent activity (the original), area titles as full-width rows or paragraphs, the
objective cell repeated ("A. Fortalecer ...") or merged vertically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from enlace.meetings.parsing.dates import find_dates, find_month_years, parse_year
from enlace.meetings.parsing.places import (
    MEMBER_STATES,
    country_mentions,
    organization_mentions,
)
from enlace.meetings.parsing.problems import Problem, gettext_noop, problem
from enlace.meetings.parsing.text import (
    DOCX_SUFFIXES,
    DocumentError,
    TableRow,
    TextBlock,
    clean_line,
    fold,
    normalize_space,
    read_document,
    read_docx_blocks,
)

UNREADABLE = gettext_noop("This part of the document could not be read (%(error)s).")
# One template per role rather than a role word put into one: the words would stay in English
# and the sentence would not agree in Spanish.
_UNPLACED = {
    "responsible": gettext_noop("Responsible party “%(text)s” matches no activity of its row."),
    "schedule": gettext_noop("Schedule “%(text)s” matches no activity of its row."),
}
_PLACED_BY_POSITION = {
    "responsible": gettext_noop(
        "Responsible party %(code)s is read as that of activity %(activity)s (its place in "
        "the row)."
    ),
    "schedule": gettext_noop(
        "Schedule %(code)s is read as that of activity %(activity)s (its place in the row)."
    ),
}
_CONTINUED = {
    "responsible": gettext_noop(
        "The responsible party of activity %(code)s runs over several paragraphs: “%(text)s”."
    ),
    "schedule": gettext_noop(
        "The schedule of activity %(code)s runs over several paragraphs: “%(text)s”."
    ),
}
_MISSING = {
    ("responsible",): gettext_noop("Activity %(code)s has no responsible party."),
    ("schedule",): gettext_noop("Activity %(code)s has no schedule."),
    ("responsible", "schedule"): gettext_noop(
        "Activity %(code)s has no responsible party and no schedule."
    ),
}
ALL_MEMBERS = "ALL"
HOST_COUNTRY = "HOST"
SCHEDULE_STATES = ("ongoing", "pending", "tbd", "due", "done")
__all__ = [
    "ALL_MEMBERS",
    "HOST_COUNTRY",
    "MEMBER_STATES",
    "SCHEDULE_STATES",
    "Activity",
    "Area",
    "DocumentError",
    "HistoryAction",
    "HistoryRecord",
    "Objective",
    "Schedule",
    "WorkPlanDocument",
    "parse_responsible",
    "parse_schedule",
    "parse_workplan",
    "parse_workplan_file",
    "split_references",
]


# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class Schedule:
    state: str | None = None
    date: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {"state": self.state, "date": _iso(self.date)}


@dataclass
class Activity:
    code: str
    text: str
    responsible: list[str] = field(default_factory=list)
    schedule: Schedule = field(default_factory=Schedule)
    references: list[str] = field(default_factory=list)
    parent: str | None = None
    responsible_text: str = ""
    schedule_text: str = ""
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text,
            "responsible": list(self.responsible),
            "schedule": self.schedule.as_json(),
            "references": list(self.references),
        }


@dataclass
class Objective:
    code: str
    text: str
    activities: list[Activity] = field(default_factory=list)
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text,
            "activities": [activity.as_json() for activity in self.activities],
        }


@dataclass
class Area:
    code: str
    title: str
    objectives: list[Objective] = field(default_factory=list)
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "objectives": [objective.as_json() for objective in self.objectives],
        }


@dataclass
class HistoryAction:
    code: str | None
    text: str
    date: date | None = None
    references: list[str] = field(default_factory=list)
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text,
            "date": _iso(self.date),
            "references": list(self.references),
        }


@dataclass
class HistoryRecord:
    area: str
    objective: str
    code: str
    text: str
    references: list[str] = field(default_factory=list)
    done: list[HistoryAction] = field(default_factory=list)
    parent: str | None = None
    area_title: str = ""
    objective_text: str = ""
    line: int = 0

    @property
    def date(self) -> date | None:
        dates = [action.date for action in self.done if action.date]
        return max(dates) if dates else None

    def as_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "objective": self.objective,
            "code": self.code,
            "text": self.text,
            "date": _iso(self.date),
            "references": list(self.references),
            "done": [action.as_json() for action in self.done],
        }


@dataclass
class WorkPlanDocument:
    updated_on: date | None = None
    areas: list[Area] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    title: str | None = None
    preamble: list[str] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def activities(self) -> list[Activity]:
        return [
            activity
            for area in self.areas
            for objective in area.objectives
            for activity in objective.activities
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "updated_on": _iso(self.updated_on),
            "areas": [area.as_json() for area in self.areas],
            "history": [record.as_json() for record in self.history],
        }


# ---------------------------------------------------------------------------------------------
# Cell contents: references, responsible parties, schedules
# ---------------------------------------------------------------------------------------------

_REF = re.compile(r"\(\s*ref\b\.?\s*:?\s*(?P<ref>[^()]*(?:\([^()]*\)[^()]*)*)\)", re.IGNORECASE)
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")


def _tidy(text: str) -> str:
    """Whitespace and the punctuation a removed reference leaves behind ("víctimas. .")."""
    text = normalize_space(text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"\.(?:\s*\.)+", ".", text)
    return text.strip()


def split_references(text: str, *, dated_parentheses: bool = False) -> tuple[str, list[str]]:
    """(text without its references, the references in order).

    "(Ref: pto. 8, Deci., CRM, mayo, 2004)" gives "pto. 8, Deci., CRM, mayo, 2004". With
    `dated_parentheses`, a parenthesis holding a year ("(Tegucigalpa, noviembre de 2008)") is
    a reference too: schedule cells cite where a date was decided that way.
    """
    references: list[str] = []

    def take(match: re.Match[str]) -> str:
        reference = normalize_space(match.group("ref")).strip(" .;,")
        if reference:
            references.append(reference)
        return " "

    text = _REF.sub(take, text)
    if dated_parentheses:

        def take_dated(match: re.Match[str]) -> str:
            inner = match.group("inner")
            if parse_year(inner):
                references.append(normalize_space(inner).strip(" .;,"))
                return " "
            return match.group()

        text = _PAREN.sub(take_dated, text)
    return _tidy(text), references


_ALL_RE = re.compile(
    r"\b(?:(?:todos\s+)?(?:los\s+)?pa[i]ses(?!\s+(?:participantes|interesad|sede|de\s+origen|"
    r"de\s+destino|receptor|anfitri))(?:\s+miembros?)?|(?:los\s+)?estados\s+miembros?|"
    r"(?:all\s+)?(?:the\s+)?member\s+(?:states|countries)|all\s+(?:the\s+)?countries|"
    r"the\s+countries)\b"
)
_HOST_RE = re.compile(r"\bpa[i]s(?:es)?\s+(?:sede|anfitri[o]n)\b|\bhost\s+countr(?:y|ies)\b")
_NOTE_RE = re.compile(r"\b(?:nota|note)\s*:", re.IGNORECASE)


def parse_responsible(text: str) -> list[str]:
    """Responsible-party codes named in a RESPONSABLE cell, in order, each once."""
    text = _NOTE_RE.split(text)[0]
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for match in _ALL_RE.finditer(folded):
        found.append((match.start(), ALL_MEMBERS))
    for match in _HOST_RE.finditer(folded):
        found.append((match.start(), HOST_COUNTRY))
    taken = [
        (match.start(), match.end())
        for regex in (_ALL_RE, _HOST_RE)
        for match in regex.finditer(folded)
    ]
    for start, _end, code in country_mentions(text):
        if not any(s <= start < e for s, e in taken):
            found.append((start, code))
    for start, _, code in organization_mentions(text):
        found.append((start, code))
    out: list[str] = []
    for _, code in sorted(found):
        if code not in out:
            out.append(code)
    return out


_DONE_RE = re.compile(
    r"\b(?:realizad[oa]s?|cumplid[oa]s?|conclu[i]d[oa]s?|ejecutad[oa]s?|"
    r"finalizad[oa]s?|completad[oa]s?|done|completed|accomplished)\b"
)
_ONGOING_RE = re.compile(
    r"\b(?:continu[oa]s?|permanentes?|ongoing|on-going|continuous|"
    r"permanent|recurrente)\b"
)
_PENDING_RE = re.compile(r"\b(?:pendientes?|pending)\b")
_TBD_RE = re.compile(
    r"\b(?:por|a)\s+(?:definir|determinar)\b|\bto\s+be\s+(?:defined|determined)\b"
    r"|\btbd\b"
)


def _date_in(text: str) -> date | None:
    found = find_dates(text)
    if found:
        return found[0].start
    months = find_month_years(text)
    if months:
        return months[0][0]
    year = parse_year(text)
    return date(year, 1, 1) if year else None


def parse_schedule(text: str) -> Schedule:
    """The schedule of a CALENDARIO cell (its references already removed)."""
    folded = fold(text)
    if _DONE_RE.search(folded):
        return Schedule("done", _date_in(text))
    if _ONGOING_RE.search(folded):
        return Schedule("ongoing", None)
    if _PENDING_RE.search(folded):
        return Schedule("pending", None)
    if _TBD_RE.search(folded):
        return Schedule("tbd", None)
    due = _date_in(text)
    return Schedule("due", due) if due else Schedule(None, None)


def _done_date(text: str, references: list[str]) -> date | None:
    days = [found.start for found in find_dates(text)]
    if days:
        return max(days)
    months = [found[0] for found in find_month_years(text)]
    if months:
        return max(months)
    months = [found[0] for reference in references for found in find_month_years(reference)]
    return max(months) if months else None


# ---------------------------------------------------------------------------------------------
# Layout: lines or Word blocks -> paragraphs and table rows
# ---------------------------------------------------------------------------------------------


@dataclass
class _Para:
    line: int
    text: str


@dataclass
class _Cell:
    line: int
    paragraphs: list[_Para] = field(default_factory=list)
    merged: bool = False

    @property
    def empty(self) -> bool:
        return not any(para.text for para in self.paragraphs)


@dataclass
class _Row:
    line: int
    cells: list[_Cell] = field(default_factory=list)


_CODE = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2}){0,5})\.?(?:\s+|$)(?P<text>.*)$")
_LETTER = re.compile(r"^(?P<code>[A-Z])[.)]\s+(?P<text>\S.*)$")
_ROMAN_HEADING = re.compile(r"^(?P<code>[IVX]{1,5})[.)]\s+(?P<text>\S.*)$")
_LEGEND = re.compile(
    r"^\W*(?:pasar al historico|subrayad[oa]|mayusculas|negrita|cursiva|"
    r"leyenda|legend|underlined|capitals|bold|italics|move to history|"
    r"sombreado|shaded)\b"
)
_HISTORY_HEADING = re.compile(
    r"^\W*(?:historico|historial|history|actividades realizadas|"
    r"completed activities)\W*$"
)
_UPDATED = re.compile(r"actualizad[oa]|updated|ultima actualizacion|last update")
_DOCUMENT_TITLE = re.compile(
    r"plan de trabajo|work ?plan|conferencia regional|regional "
    r"conference|grupo regional|red de funcionarios|network of liaison"
)
_HEADER_WORDS = {
    "objetivos": "objective",
    "objetivo": "objective",
    "objectives": "objective",
    "objective": "objective",
    "actividades": "activity",
    "actividad": "activity",
    "activities": "activity",
    "activity": "activity",
    "responsable": "responsible",
    "responsables": "responsible",
    "responsible": "responsible",
    "calendario": "schedule",
    "cronograma": "schedule",
    "schedule": "schedule",
    "timeline": "schedule",
    "plazo": "schedule",
    "fecha": "schedule",
    "estado": "schedule",
    "status": "schedule",
    "realizado": "done",
    "acciones realizadas": "done",
    "lo realizado": "done",
    "done": "done",
    "actions taken": "done",
    "historico": "done",
    "history": "done",
}
_SCHEDULE_WORDS = re.compile(r"^(?:continuo|pendiente|por definir|permanente|ongoing|pending)\W*$")


def _upper_ratio(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    return sum(char.isupper() for char in letters) / len(letters) if letters else 0.0


def _is_heading(text: str) -> bool:
    """An area or objective heading, a history heading or a legend line (outside the cells)."""
    folded = fold(text)
    if _LEGEND.match(folded) or _HISTORY_HEADING.match(folded):
        return True
    if _LETTER.match(text) or _ROMAN_HEADING.match(text):
        return True
    return (
        not _CODE.match(text)
        and len(text.split()) >= 2
        and _upper_ratio(text) > 0.8
        and not _SCHEDULE_WORDS.match(folded)
    )


def _units_from_lines(lines: list[str]) -> list[_Para | _Row]:
    """Paragraphs and rows from the seed layout (a cell starts with a tab, its further
    paragraphs follow on lines of their own) or from rows written one per line, tab-separated.

    A line with two tabs or more, or with text before its tab, is a whole row. Where a row
    ends is not written in the seed layout: a new row starts with a first-column
    entry ("2. Promover ..."), or when the row already has as many cells as the header row.
    """
    units: list[_Para | _Row] = []
    row: _Row | None = None
    width = 0  # cells of the table's header row, once one has been seen

    def close(current: _Row | None) -> None:
        nonlocal width
        if current is not None and _header_roles(current):
            width = len(current.cells)

    for index, raw in enumerate(lines):
        number = index + 1
        line = clean_line(raw).rstrip(" \r\n")
        if "\t" in line:
            segments = line.split("\t")
            # One row per line ("A. ...<tab>1.1 ...<tab>OIM<tab>Continuo", an empty first cell
            # written as a leading tab) has several tabs; the seed layout one per line.
            if segments[0].strip() or len(segments) > 2:
                close(row)
                row = None
                cells = [_Cell(number, [_Para(number, normalize_space(seg))]) for seg in segments]
                units.append(_Row(number, cells))
                continue
            for segment in segments[1:]:
                text = normalize_space(segment)
                code = _CODE.match(text)
                # A first-level entry ("2.") opens a row unless the row so far only holds the
                # objective ("A. ...") it belongs to, as in a one-row-per-activity table.
                numbered = (
                    any(_CODE.match(para.text) for cell in row.cells for para in cell.paragraphs)
                    if row
                    else False
                )
                starts_row = row is None or (
                    not (_header_roles(row) and _is_header_word(text))
                    and (
                        (code is not None and "." not in code.group("code") and numbered)
                        or bool(width and len(row.cells) >= width)
                    )
                )
                if starts_row:
                    close(row)
                    row = _Row(number)
                    units.append(row)
                row.cells.append(_Cell(number, [_Para(number, text)]))
            continue
        text = normalize_space(line)
        if row is not None and not (text and _is_heading(text)):
            row.cells[-1].paragraphs.append(_Para(number, text))
            continue
        close(row)
        row = None
        if text:
            units.append(_Para(number, text))
    return units


def _units_from_blocks(blocks) -> list[_Para | _Row]:
    units: list[_Para | _Row] = []
    for block in blocks:
        if isinstance(block, TextBlock):
            text = normalize_space(block.text)
            if text:
                units.append(_Para(block.line, text))
        elif isinstance(block, TableRow):
            cells = [
                _Cell(
                    cell.line,
                    [
                        _Para(cell.line + offset, normalize_space(text))
                        for offset, text in enumerate(cell.paragraphs)
                    ],
                    cell.merged,
                )
                for cell in block.cells
            ]
            units.append(_Row(block.line, cells))
    return units


def _is_header_word(text: str) -> bool:
    return normalize_space(fold(text).strip(" .:")) in _HEADER_WORDS


def _header_roles(row: _Row) -> list[str] | None:
    roles = []
    for cell in row.cells:
        text = fold(" ".join(para.text for para in cell.paragraphs)).strip(" .:")
        role = _HEADER_WORDS.get(normalize_space(text))
        if role is None:
            return None
        roles.append(role)
    return roles if len(roles) >= 2 else None


# ---------------------------------------------------------------------------------------------
# Interpretation
# ---------------------------------------------------------------------------------------------


@dataclass
class _Entry:
    code: str | None
    text: str
    line: int
    continued: bool = False  # unnumbered paragraphs were added to it


def _entries(cell: _Cell, *, letters: bool = False) -> list[_Entry]:
    """A cell's numbered entries; unnumbered paragraphs continue the entry above."""
    entries: list[_Entry] = []
    for para in cell.paragraphs:
        if not para.text:
            continue
        match = (_LETTER.match(para.text) if letters else None) or _CODE.match(para.text)
        if match:
            entries.append(_Entry(match.group("code"), match.group("text"), para.line))
        elif entries:
            entries[-1].text = f"{entries[-1].text} {para.text}"
            entries[-1].continued = True
        else:
            entries.append(_Entry(None, para.text, para.line))
    return entries


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


class _WorkPlanParser:
    def __init__(self, units: list[_Para | _Row]) -> None:
        self.units = units
        self.document = WorkPlanDocument()
        self.history = False
        self.area: Area | None = None
        self.objective: Objective | None = None
        self.history_area: tuple[str, str] | None = None
        self.history_objective: tuple[str, str] | None = None
        self.roles: list[str] | None = None
        self.parent: Activity | HistoryRecord | None = None
        self.seen_table = False

    def problem(self, line: int, template: str, **params: Any) -> None:
        self.document.problems.append(problem(line, template, **params))

    def warning(self, line: int, template: str, **params: Any) -> None:
        self.document.warnings.append(problem(line, template, **params))

    def parse(self) -> WorkPlanDocument:
        for unit in self.units:
            try:
                if isinstance(unit, _Para):
                    self.paragraph(unit.line, unit.text)
                else:
                    self.row(unit)
            except Exception as exc:  # one unreadable row must not lose the plan
                self.problem(unit.line, UNREADABLE, error=type(exc).__name__)
        self.check()
        return self.document

    # -- paragraphs: title, update date, headings, legend ------------------------------------

    def paragraph(self, line: int, text: str) -> None:
        folded = fold(text)
        doc = self.document
        if _UPDATED.search(folded) and doc.updated_on is None:
            found = find_dates(text)
            if found:
                doc.updated_on = found[0].start
                doc.preamble.append(text)
                return
        if _LEGEND.match(folded):
            doc.legend.append(text)
            return
        if _HISTORY_HEADING.match(folded):
            self.start_history(line)
            return
        if not doc.areas and not self.history and _DOCUMENT_TITLE.search(folded):
            doc.preamble.append(text)
            if "plan de trabajo" in folded or "work plan" in folded or "workplan" in folded:
                doc.title = doc.title or text
            return
        roman = _ROMAN_HEADING.match(text)
        letter = _LETTER.match(text)
        # "I." is the area I when written in capitals ("I. POLÍTICAS Y GESTIÓN MIGRATORIA"),
        # the ninth objective otherwise ("I. Fortalecer ...").
        if roman and (not letter or _upper_ratio(roman.group("text")) > 0.8):
            self.new_area(roman.group("code"), roman.group("text"), line)
            return
        if letter:
            self.new_objective(letter.group("code"), letter.group("text"), line)
            return
        if _is_heading(text):
            self.new_area(None, text, line)
            return
        if not doc.areas and not self.seen_table:
            doc.preamble.append(text)
            return
        self.problem(
            line,
            gettext_noop("Text outside the table belongs to no activity: “%(text)s”."),
            text=text[:80],
        )

    def start_history(self, line: int) -> None:
        if not self.history:
            self.history = True
            self.parent = None
            self.history_area = None
            self.history_objective = None

    def new_area(self, code: str | None, title: str, line: int) -> None:
        title = normalize_space(title)
        if not self.history and any(
            fold(area.title) == fold(title) for area in self.document.areas
        ):
            # The plan's second part repeats the area headings: what follows is its history.
            self.start_history(line)
        if self.history:
            known = next(
                (area for area in self.document.areas if fold(area.title) == fold(title)), None
            )
            area_code = code or (known.code if known else _roman(1))
            self.history_area = (area_code, title)
            self.history_objective = None
            self.parent = None
            return
        area_code = code or _roman(len(self.document.areas) + 1)
        self.area = Area(area_code, title, [], line)
        self.document.areas.append(self.area)
        self.objective = None
        self.parent = None

    def new_objective(self, code: str, text: str, line: int) -> None:
        text = normalize_space(text)
        self.parent = None
        if self.history:
            if self.history_area is None:
                area = self.document.areas[0] if self.document.areas else None
                self.history_area = (area.code, area.title) if area else (_roman(1), "")
            self.history_objective = (code, text)
            return
        if self.area is None:
            self.warning(
                line,
                gettext_noop(
                    "Objective %(code)s comes before any area heading; an area "
                    "without title holds it."
                ),
                code=code,
            )
            self.area = Area(_roman(len(self.document.areas) + 1), "", [], line)
            self.document.areas.append(self.area)
        self.objective = Objective(code, text, [], line)
        self.area.objectives.append(self.objective)

    # -- rows ------------------------------------------------------------------------------

    def row(self, row: _Row) -> None:
        roles = _header_roles(row)
        if roles:
            self.roles = roles
            self.seen_table = True
            return
        non_empty = [cell for cell in row.cells if not cell.empty]
        if not non_empty:
            return
        texts = {" ".join(p.text for p in cell.paragraphs if p.text) for cell in non_empty}
        if (
            len(texts) == 1
            and len(non_empty) == len(row.cells)
            and len(row.cells) > 1
            and _is_heading(texts.pop())
        ):
            self.paragraph(row.line, " ".join(p.text for p in non_empty[0].paragraphs if p.text))
            return
        self.seen_table = True
        roles = self.row_roles(row)
        if self.history or "done" in roles:
            self.start_history(row.line)
            self.history_row(row, roles)
        else:
            self.plan_row(row, roles)

    def row_roles(self, row: _Row) -> list[str]:
        count = len(row.cells)
        if (
            self.roles
            and len(self.roles) == count
            and not (self.history and "done" not in self.roles)
        ):
            return self.roles
        if self.history or (self.roles and len(self.roles) == 4 and count == 3):
            base = ["objective", "activity", "done"]
        else:
            base = ["objective", "activity", "responsible", "schedule"]
        if count <= len(base):
            return base[:count]
        return base + [base[-1]] * (count - len(base))

    def cells_by_role(self, row: _Row, roles: list[str]) -> dict[str, list[_Cell]]:
        by_role: dict[str, list[_Cell]] = {}
        for cell, role in zip(row.cells, roles, strict=False):
            by_role.setdefault(role, []).append(cell)
        return by_role

    def objective_cell(self, cells: list[_Cell]) -> list[_Entry]:
        """Objective switches and parent activities written in the first column."""
        parents: list[_Entry] = []
        for cell in cells:
            if cell.merged or cell.empty:
                continue
            for entry in _entries(cell, letters=True):
                if entry.code and entry.code.isalpha():
                    current = (
                        self.history_objective
                        if self.history
                        else (
                            (self.objective.code, self.objective.text) if self.objective else None
                        )
                    )
                    if current is None or current[0] != entry.code:
                        self.new_objective(entry.code, entry.text, entry.line)
                elif entry.code:
                    parents.append(entry)
                else:
                    current_text = (
                        self.history_objective[1]
                        if self.history and self.history_objective
                        else self.objective.text
                        if self.objective
                        else None
                    )
                    if current_text is None or fold(current_text) != fold(
                        normalize_space(entry.text)
                    ):
                        code = (
                            chr(ord(self.objective.code) + 1)
                            if (not self.history and self.objective)
                            else "A"
                        )
                        self.warning(
                            entry.line,
                            gettext_noop(
                                "An objective without letter was given the letter %(code)s."
                            ),
                            code=code,
                        )
                        self.new_objective(code, entry.text, entry.line)
        return parents

    def ensure_objective(self, line: int) -> bool:
        if self.history:
            if self.history_objective is None:
                self.problem(
                    line, gettext_noop("A history row comes before any objective heading.")
                )
                return False
            return True
        if self.objective is None:
            self.problem(
                line,
                gettext_noop(
                    "A table row comes before any objective heading (A., B. ...); "
                    "its activities cannot be placed."
                ),
            )
            return False
        return True

    def plan_row(self, row: _Row, roles: list[str]) -> None:
        cells = self.cells_by_role(row, roles)
        parents = self.objective_cell(cells.get("objective", []))
        if not self.ensure_objective(row.line):
            return
        row_parents = [self.add_activity(entry, None) for entry in parents]
        if row_parents:
            self.parent = row_parents[-1]
        children: list[Activity] = []
        for cell in cells.get("activity", []):
            if cell.merged:
                continue
            for entry in _entries(cell):
                children.append(self.add_activity(entry, row_parents[-1] if row_parents else None))
        targets = children or row_parents
        if not targets:
            if any(
                not cell.empty
                for role in ("responsible", "schedule")
                for cell in cells.get(role, [])
            ):
                self.problem(
                    row.line,
                    gettext_noop("A row gives a responsible party or a schedule but no activity."),
                )
            return
        for role in ("responsible", "schedule"):
            entries = [
                entry for cell in cells.get(role, []) if not cell.merged for entry in _entries(cell)
            ]
            for entry, target in self.place(
                entries, targets, 1 if role == "responsible" else 2, role
            ):
                if role == "responsible":
                    self.set_responsible(target, entry)
                else:
                    self.set_schedule(target, entry)

    def add_activity(self, entry: _Entry, row_parent: Activity | None) -> Activity:
        text, references = split_references(entry.text)
        objective = self.objective
        code = entry.code
        if code is None:
            parent_code = (
                row_parent.code
                if row_parent
                else (self.parent.code if isinstance(self.parent, Activity) else None)
            )
            siblings = [a for a in objective.activities if a.parent == parent_code]
            code = f"{parent_code}.{len(siblings) + 1}" if parent_code else str(len(siblings) + 1)
            self.warning(
                entry.line,
                gettext_noop("An activity without number was given the number %(code)s."),
                code=code,
            )
        elif row_parent is not None and not code.startswith(row_parent.code + "."):
            self.warning(
                entry.line,
                gettext_noop("Activity %(code)s is written under activity %(parent)s."),
                code=code,
                parent=row_parent.code,
            )
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        if parent_code and not any(a.code == parent_code for a in objective.activities):
            parent_code = None
        activity = Activity(code, text, [], Schedule(), references, parent_code, line=entry.line)
        objective.activities.append(activity)
        return activity

    def place(
        self, entries: list[_Entry], targets: list, depth: int, role: str
    ) -> list[tuple[_Entry, Any]]:
        """Pair each responsible / schedule entry with the activity it belongs to."""
        if not entries:
            return []
        by_code = [
            [t for t in targets if entry.code and self.code_belongs(entry.code, t.code, depth)]
            for entry in entries
        ]
        chosen = [matches[0] for matches in by_code if len(matches) == 1]
        if len(chosen) == len(entries) and len({id(t) for t in chosen}) == len(chosen):
            return list(zip(entries, chosen, strict=True))
        if len(entries) == 1 and entries[0].code is None:
            # One uncoded entry for a row of several activities: it holds for all of them.
            return [(entries[0], target) for target in targets]
        pairs = []
        positional = len(entries) == len(targets)
        for index, entry in enumerate(entries):
            if positional:
                target = targets[index]
            elif len(by_code[index]) == 1:
                pairs.append((entry, by_code[index][0]))
                continue
            else:
                loose = [t for t in targets if entry.code and entry.code.startswith(t.code + ".")]
                target = (
                    max(loose, key=lambda t: len(t.code))
                    if loose
                    else (targets[0] if len(targets) == 1 else None)
                )
            if target is None:
                self.problem(
                    entry.line,
                    _UNPLACED[role],
                    text=f"{entry.code or ''} {entry.text}".strip()[:80],
                )
                continue
            if entry.code and target not in by_code[index]:
                self.warning(
                    entry.line,
                    _PLACED_BY_POSITION[role],
                    code=entry.code,
                    activity=target.code,
                )
            pairs.append((entry, target))
        return pairs

    @staticmethod
    def code_belongs(code: str, activity_code: str, depth: int) -> bool:
        parts = code.split(".")
        return len(parts) > depth and ".".join(parts[:-depth]) == activity_code

    def check_continued(self, activity: Activity, entry: _Entry, role: str) -> None:
        # In the seed layout a paragraph that follows a cell continues it; in a responsible or
        # schedule cell that is rare enough to be worth a look (stray text ends up there).
        if entry.continued:
            self.warning(
                entry.line,
                _CONTINUED[role],
                code=activity.code,
                text=entry.text[:80],
            )

    def set_responsible(self, activity: Activity, entry: _Entry) -> None:
        self.check_continued(activity, entry, "responsible")
        text, references = split_references(entry.text, dated_parentheses=True)
        activity.references.extend(r for r in references if r not in activity.references)
        activity.responsible_text = _tidy(f"{activity.responsible_text} {text}")
        for code in parse_responsible(text):
            if code not in activity.responsible:
                activity.responsible.append(code)
        if not parse_responsible(text):
            self.warning(
                entry.line,
                gettext_noop("No responsible party recognised in “%(text)s” (activity %(code)s)."),
                text=text[:60],
                code=activity.code,
            )

    def set_schedule(self, activity: Activity, entry: _Entry) -> None:
        self.check_continued(activity, entry, "schedule")
        text, references = split_references(entry.text, dated_parentheses=True)
        activity.references.extend(r for r in references if r not in activity.references)
        if activity.schedule.state is not None:
            self.warning(
                entry.line,
                gettext_noop(
                    "Activity %(code)s has a second schedule “%(text)s”; the first one is kept."
                ),
                code=activity.code,
                text=text[:60],
            )
            activity.schedule_text = _tidy(f"{activity.schedule_text} {text}")
            return
        activity.schedule_text = text
        activity.schedule = parse_schedule(text)
        if activity.schedule.state is None:
            self.warning(
                entry.line,
                gettext_noop("Schedule “%(text)s” of activity %(code)s is no known state or date."),
                text=text[:60],
                code=activity.code,
            )

    # -- history ---------------------------------------------------------------------------

    def history_row(self, row: _Row, roles: list[str]) -> None:
        cells = self.cells_by_role(row, roles)
        parents = self.objective_cell(cells.get("objective", []))
        if not self.ensure_objective(row.line):
            return
        row_parents = [self.add_record(entry, None) for entry in parents]
        if row_parents:
            self.parent = row_parents[-1]
        children = []
        for cell in cells.get("activity", []):
            if cell.merged:
                continue
            for entry in _entries(cell):
                children.append(self.add_record(entry, row_parents[-1] if row_parents else None))
        targets = children or row_parents
        entries = [
            entry for cell in cells.get("done", []) if not cell.merged for entry in _entries(cell)
        ]
        if entries and not targets:
            self.problem(
                row.line, gettext_noop("A history row tells what was done but names no activity.")
            )
            return
        for index, entry in enumerate(entries):
            matches = [
                t for t in targets if entry.code and self.code_belongs(entry.code, t.code, 1)
            ]
            if matches:
                target = matches[0]
            elif entry.code is None or len(targets) == 1:
                target = targets[0]
            elif len(entries) == len(targets):
                target = targets[index]
                self.warning(
                    entry.line,
                    gettext_noop(
                        "Done entry %(code)s is read as that of activity "
                        "%(activity)s (its place in the row)."
                    ),
                    code=entry.code,
                    activity=target.code,
                )
            else:
                self.problem(
                    entry.line,
                    gettext_noop("Done entry “%(text)s” matches no activity of its row."),
                    text=f"{entry.code} {entry.text}"[:80],
                )
                continue
            text, references = split_references(entry.text)
            target.done.append(
                HistoryAction(
                    entry.code, text, _done_date(text, references), references, entry.line
                )
            )

    def add_record(self, entry: _Entry, row_parent: HistoryRecord | None) -> HistoryRecord:
        text, references = split_references(entry.text)
        area_code, area_title = self.history_area or ("", "")
        objective_code, objective_text = self.history_objective
        same_objective = [
            r for r in self.document.history if (r.area, r.objective) == (area_code, objective_code)
        ]
        code = entry.code
        if code is None:
            parent_code = row_parent.code if row_parent else None
            siblings = [r for r in same_objective if r.parent == parent_code]
            code = f"{parent_code}.{len(siblings) + 1}" if parent_code else str(len(siblings) + 1)
            self.warning(
                entry.line,
                gettext_noop("An activity without number was given the number %(code)s."),
                code=code,
            )
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        if parent_code and not any(r.code == parent_code for r in same_objective):
            parent_code = None
        record = HistoryRecord(
            area_code,
            objective_code,
            code,
            text,
            references,
            [],
            parent_code,
            area_title,
            objective_text,
            entry.line,
        )
        self.document.history.append(record)
        return record

    # -- final checks ----------------------------------------------------------------------

    def check(self) -> None:
        doc = self.document
        if not doc.activities():
            self.problem(0, gettext_noop("No work plan found: no activity under an objective."))
        if doc.updated_on is None:
            self.warning(0, gettext_noop("No update date found (“Actualizado por la ST el …”)."))
        parents = {activity.parent for activity in doc.activities() if activity.parent}
        for activity in doc.activities():
            if activity.code in parents:
                continue
            missing = []
            if not activity.responsible_text:
                missing.append("responsible")
            if activity.schedule.state is None and not activity.schedule_text:
                missing.append("schedule")
            if missing:
                self.warning(activity.line, _MISSING[tuple(missing)], code=activity.code)
        doc.problems.sort(key=lambda found: found.line)
        doc.warnings.sort(key=lambda found: found.line)


def parse_workplan(lines: list[str]) -> WorkPlanDocument:
    """Read the work plan from its lines (as `read_document` returns them)."""
    return _WorkPlanParser(_units_from_lines(list(lines))).parse()


def parse_workplan_file(path: Path | str) -> WorkPlanDocument:
    """Read the work plan from a `.txt` or `.docx` file (DocumentError if unreadable).

    A `.docx` is read from its table structure rather than from flattened lines, so merged
    cells and multi-paragraph cells keep their columns.
    """
    path = Path(path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        _, blocks = read_docx_blocks(path)
        return _WorkPlanParser(_units_from_blocks(blocks)).parse()
    return parse_workplan(read_document(path))
