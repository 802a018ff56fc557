"""What a cell of the plan says: references, responsible parties, schedules, done dates."""

from __future__ import annotations

import re
from datetime import date

from enlace.core.documents.dates import find_dates, find_month_years, parse_year
from enlace.core.documents.places import country_mentions, organization_mentions
from enlace.core.documents.text import fold, normalize_space
from enlace.workplan.parsing.result import Schedule

ALL_MEMBERS = "ALL"
HOST_COUNTRY = "HOST"
PARTICIPATING = "PART"  # the countries taking part in the activity, whichever they are
SCHEDULE_STATES = ("ongoing", "pending", "tbd", "due", "done")

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
_PARTICIPATING_RE = re.compile(
    r"\bpa[i]ses\s+(?:participantes|interesados)\b|\b(?:participating|interested)\s+countries\b"
)
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
    for match in _PARTICIPATING_RE.finditer(folded):
        found.append((match.start(), PARTICIPATING))
    taken = [
        (match.start(), match.end())
        for regex in (_ALL_RE, _HOST_RE, _PARTICIPATING_RE)
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
# The states a schedule cell says in words, the first that matches wins; none has a date.
_UNDATED_STATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ongoing",
        re.compile(
            r"\b(?:continu[oa]s?|permanentes?|ongoing|on-going|continuous|"
            r"permanent|recurrente)\b"
        ),
    ),
    ("pending", re.compile(r"\b(?:pendientes?|pending)\b")),
    (
        "tbd",
        re.compile(
            r"\b(?:por|a)\s+(?:definir|determinar)\b|\bto\s+be\s+(?:defined|determined)\b"
            r"|\btbd\b"
        ),
    ),
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
    for state, pattern in _UNDATED_STATES:
        if pattern.search(folded):
            return Schedule(state, None)
    due = _date_in(text)
    return Schedule("due", due) if due else Schedule(None, None)


def done_date(text: str, references: list[str]) -> date | None:
    """The date of a done entry: the latest day its text names, else its latest month, else
    the latest month of its references (the decision that recorded it)."""
    days = [found.start for found in find_dates(text)]
    if days:
        return max(days)
    months = [found[0] for found in find_month_years(text)]
    if months:
        return max(months)
    months = [found[0] for reference in references for found in find_month_years(reference)]
    return max(months) if months else None
