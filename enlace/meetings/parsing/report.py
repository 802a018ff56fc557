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

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from enlace.meetings.parsing.dates import find_dates
from enlace.meetings.parsing.places import (
    MEMBER_STATES,
    city_lookup,
    country_code,
    match_country_at,
    match_organization_at,
    parse_place,
)
from enlace.meetings.parsing.problems import Problem, gettext_noop, problem
from enlace.meetings.parsing.text import clean_line, fold, normalize_space, read_document

UNREADABLE = gettext_noop("This part of the document could not be read (%(error)s).")
BODY_NETWORK = "network"
BODY_GRCM = "grcm"
BODY_VICEMINISTERIAL = "viceministerial"
BODY_WORKSHOP = "workshop"
BODY_OTHER = "other"
BODIES = (BODY_NETWORK, BODY_GRCM, BODY_VICEMINISTERIAL, BODY_WORKSHOP, BODY_OTHER)


@dataclass
class SubItem:
    label: str
    text: str
    line: int = field(default=0, compare=False)

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "text": self.text}


@dataclass
class Item:
    number: str
    text: str
    subitems: list[SubItem] = field(default_factory=list)
    line: int = field(default=0, compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "subitems": [sub.as_json() for sub in self.subitems],
        }


@dataclass
class MeetingReport:
    title: str | None = None
    body: str = BODY_OTHER
    start_date: date | None = None
    end_date: date | None = None
    city: str | None = None
    country: str | None = None
    participants: list[str] = field(default_factory=list)
    language: str = "es"
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    other_countries: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "body": self.body,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "city": self.city,
            "country": self.country,
            "participants": list(self.participants),
            "language": self.language,
            "items": [item.as_json() for item in self.items],
        }


# ---------------------------------------------------------------------------------------------
# Line shapes
# ---------------------------------------------------------------------------------------------

# "1.", "1)", "1 -", "1.-", "1°": not "1.1" (a sub-number) nor "18-19" (a date range).
ITEM_RE = re.compile(
    r"^(?P<num>\d{1,3})\s*(?:\.-|\.(?!\d)|\)|[-–—](?!\s*\d)|[°º](?!\d))\s*(?P<text>.*)$"
)
SUBNUM_RE = re.compile(r"^(?P<num>\d{1,3})\.(?P<sub>\d{1,2})\.?(?:\s+|$)(?P<text>.*)$")
# "a)", "a.", "(a)", "A)", "(A)", "i)", "iv." ...
SUB_RE = re.compile(
    r"^(?:\((?P<p>[a-zA-Z]|[ivxIVX]{1,4})\)|(?P<l>[a-z]|[ivx]{1,4})[.)]|(?P<u>[A-Z]|[IVX]{1,4})\))"
    r"(?:\s+|$)(?P<text>.*)$"
)
BULLET_RE = re.compile(
    r"^(?:[•·▪◦●○■□➢►▶✓✔\uf0b7\uf0a7\uf0d8\uf0fc\uf076\u2043\u2219\u25aa\u25cf]\s*|[-–—*>]\s+)"
    r"(?P<text>\S.*)$"
)
_INLINE_SUB = re.compile(r"(?:(?<=[\s:;,.])|^)(?:\((?P<p>[a-z])\)|(?P<l>[a-z])\))\s+")

_HEADING_WORDS = {
    "recomendaciones",
    "conclusiones",
    "acuerdos",
    "decisiones",
    "resoluciones",
    "recommendations",
    "conclusions",
    "agreements",
    "decisions",
    "resolutions",
    "puntos",
    "acuerdo",
    "resultados",
    "outcomes",
    "compromisos",
    "commitments",
}
_HEADING_FILLERS = {
    "y",
    "e",
    "and",
    "las",
    "los",
    "the",
    "siguientes",
    "following",
    "de",
    "principales",
    "main",
    "of",
}
_GENERIC = re.compile(
    r"conferencia regional sobre (?:la )?migracion(?:es)?|grupo regional de consulta sobre "
    r"(?:la )?migracion(?:es)?|regional conference on migration|regional consultation group on "
    r"migration|proceso puebla|puebla process|\b(?:crm|grcm|rcm|rcgm)\b"
)
_SKIP_HEADER = re.compile(
    r"^(?:original\s*:|distribuci[oó]n|distribution|borrador|draft|confidencial|confidential|"
    r"restringid|restricted|p[aá]gina\s+\d|page\s+\d|documento de trabajo|working document|"
    r"informe|report|informe final|final report|acta|minutes|relator[ií]a)\W*$",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(
    r"^(?:el\s+|the\s+)?(?:(?:informe|relator[ií]a|acta|minuta)(?:\s+final)?\s+(?:de\s+la|del|de)"
    r"|(?:final\s+)?(?:report|minutes)\s+(?:of|on|from)(?:\s+the)?)\s+",
    re.IGNORECASE,
)
_INTRO_START = re.compile(
    r"^(?:la|el|los|las|the)\s+(?:[ivxlc]+\s+|\w+\s+)?(?:red|network|reuni[oó]n|meeting|grupo|"
    r"group|taller|workshop|seminario|seminar|conferencia|conference|delegaciones|delegations|"
    r"representantes|representatives|liaison|viceministros|vice-ministers|ministros|ministers)\b",
    re.IGNORECASE,
)
_INTRO_TITLE = re.compile(
    r"^\s*(?:la|el|los|las|the)\s+(?P<name>.{10,240}?)(?=\s*,|\s+(?:de los pa[ií]ses|de los "
    r"estados|of the (?:member|rcm|crm)|en (?:su )?reuni[oó]n|celebrad|reunid|realiz|llevad|se "
    r"reuni|met\b|held\b|in its|at its|con la participaci|with the participation|presenta))",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:anexos?\b|annex(?:es)?\b|lista de (?:participantes|asistentes)|list of participants|"
    r"participantes\s*:|participants\s*:|dado en\b|done (?:at|in)\b|firmad[oa]\b|signed\b|"
    r"aprobad[oa] en\b|adopted (?:at|in)\b|fin del documento|end of document|\*{3})"
)
_ANNOUNCE = re.compile(
    r"siguiente|following|recomienda|recomendaciones|acuerd|conclusion|informe|report|agreed|"
    r"recommend|decid|somete|submit|presenta"
)
_PARTICIPATION = re.compile(
    r"con la (?:participacion|presencia|asistencia) de|contando con (?:la )?(?:participacion|"
    r"presencia) de|participaron(?: en (?:la|esta) reunion)?|asistieron|estuvieron presentes|"
    r"(?:paises|delegaciones) participantes|with the (?:participation|attendance|presence) of|"
    r"attended by|participating (?:countries|delegations)|in attendance|were present|"
    r"(?:countries|delegations|paises|delegaciones) (?:attending|present|presentes|asistentes)|"
    r"participantes\s*:|participants\s*:|asistentes\s*:"
)
_WEAK_PARTICIPATION = re.compile(
    r"representantes de|representatives (?:of|from)|delegaciones de|delegations (?:of|from)"
)
_ALL_MEMBERS = re.compile(r"(?:paises|estados) miembros|member (?:countries|states)")
_FILLER = re.compile(
    r"(?:los|las|la|el|del|de|al|a|representantes?|delegaciones|delegacion|delegados?|"
    r"siguientes?|paises|estados|miembros?|gobiernos?|autoridades|the|representatives?|"
    r"delegations?|delegates?|of|from|following|countries|member|states|governments?|"
    r"authorities|asi|como|as|well|tambien|also|por|parte|y|e|and|con|with|observadores?|"
    r"observers?|en|calidad|in|capacity|organismos?|organizaciones|organizations?|"
    r"internacionales|international|otros|other|invitados?|invited|especiales?|special|funcionari[oa]s|officials|expert[oa]s|experts|apoyo|support|crm|grcm|rcm|rcgm|todos|all)\b"
)
_SEPARATORS = re.compile(r"[\s,;:&/]+")
_MEETING_WORDS = re.compile(r"celebrad|reuni|realiz|llev|sesion|\bmet\b|held|meeting|session")

_NETWORK = re.compile(
    r"red de funcionarios|funcionarios de enlace|liaison officer|red de enlace|"
    r"network of liaison"
)
_WORKSHOP = re.compile(r"\b(?:taller|workshop|seminario|seminar|curso|course)\b")
_VICEMINISTERIAL = re.compile(
    r"vice-?\s?ministeri|viceministros|vice-ministers|reunion de la "
    r"conferencia regional|meeting of the regional conference"
)
_GRCM = re.compile(r"grupo regional de consulta|\bgrcm\b|regional consultation group|\brcgm\b")

_ACRONYMS = {
    "CRM",
    "GRCM",
    "RCM",
    "RCGM",
    "OIM",
    "IOM",
    "ST",
    "PPT",
    "ACNUR",
    "UNHCR",
    "UNICEF",
    "UNODC",
    "OEA",
    "OAS",
    "OIT",
    "ILO",
    "RROCM",
    "SICA",
    "NNA",
    "TIM",
    "TDP",
    "ONU",
    "UN",
    "EE.UU.",
    "USA",
    "ONG",
    "ONGS",
    "NGO",
    "NGOS",
    "CIDH",
}
_SMALL_WORDS = {
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "y",
    "e",
    "o",
    "u",
    "a",
    "al",
    "en",
    "para",
    "por",
    "con",
    "sin",
    "sobre",
    "contra",
    "entre",
    "ante",
    "desde",
    "hacia",
    "hasta",
    "of",
    "the",
    "and",
    "or",
    "to",
    "in",
    "on",
    "for",
    "against",
    "with",
    "at",
    "by",
    "from",
    "an",
}
_ROMAN = re.compile(r"^[IVX]{1,6}$")
_ES_WORDS = {
    "de",
    "la",
    "el",
    "los",
    "las",
    "y",
    "en",
    "para",
    "por",
    "con",
    "del",
    "que",
    "se",
    "su",
    "sobre",
    "al",
    "una",
    "un",
}
_EN_WORDS = {
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "on",
    "with",
    "that",
    "by",
    "from",
    "its",
    "is",
    "be",
    "this",
    "an",
    "as",
}


def _upper_ratio(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    return sum(char.isupper() for char in letters) / len(letters) if letters else 0.0


def _title_case(text: str) -> str:
    """Title case for a heading written in capitals; acronyms and roman numerals stay."""
    out = []
    for index, word in enumerate(text.split()):
        core = word.strip("()[]\"'“”‘’,.;:")
        if (
            core.upper() in _ACRONYMS
            or _ROMAN.match(core)
            or any(char.isdigit() for char in core)
            or (word.startswith("(") and core.isupper() and len(core) <= 6)
        ):
            out.append(word)
            continue
        lower = word.lower()
        if index and core.lower() in _SMALL_WORDS:
            out.append(lower)
            continue
        out.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
    return " ".join(out)


def _is_section_heading(text: str) -> bool:
    words = re.findall(r"[a-z]+", fold(text))
    if not words or len(text) > 80:
        return False
    meaningful = [word for word in words if word not in _HEADING_FILLERS]
    return bool(meaningful) and all(word in _HEADING_WORDS for word in meaningful)


def _is_generic(text: str) -> bool:
    """A heading line that only names the CRM and/or the GRCM (with or without acronyms)."""
    folded = fold(text)
    if not _GENERIC.search(folded):
        return False
    rest = re.sub(r"\b(?:y|e|and|la|el|de|del|the)\b", " ", _GENERIC.sub(" ", folded))
    return not re.search(r"[a-z0-9]", rest)


def _detect_language(texts: list[str]) -> str:
    words = re.findall(r"[a-z]+", fold(" ".join(texts)))
    spanish = sum(word in _ES_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return "en" if english > spanish else "es"


def _strip_list_punctuation(text: str) -> str:
    return re.sub(r"\s*[;,]\s*(?:y|e|and|o|or)?\s*$", "", text).strip()


def _body_of(text: str) -> str | None:
    folded = fold(text)
    if _WORKSHOP.search(folded):
        return BODY_WORKSHOP
    if _NETWORK.search(folded):
        return BODY_NETWORK
    if _VICEMINISTERIAL.search(folded):
        return BODY_VICEMINISTERIAL
    if _GRCM.search(folded):
        return BODY_GRCM
    return None


def _split_place(text: str) -> tuple[str, str | None, str | None]:
    """(rest, city, country) of a heading line that ends with a place: "Tegucigalpa, Honduras"
    is all place; "Reunión de la Red, San José, Costa Rica" is a name, then a place."""
    parts = [part.strip() for part in text.split(",")]
    for index in range(len(parts)):
        tail = ", ".join(parts[index:])
        if len(tail) > 80:
            continue
        city, country = parse_place(tail)
        known_city = city is not None and city_lookup(city) is not None
        if known_city or (country and (city is not None or len(parts) - index == 1)):
            return ", ".join(parts[:index]).strip(" ,"), city, country
    return text, None, None


@dataclass
class _Line:
    number: int
    text: str


class _ReportParser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = [
            _Line(index + 1, normalize_space(clean_line(line).replace("\t", " ")))
            for index, line in enumerate(lines)
        ]
        self.report = MeetingReport()
        self.intro: _Line | None = None
        self.participant_lines: set[int] = set()

    # -- helpers ---------------------------------------------------------------------------

    def problem(self, line: int, template: str, **params: Any) -> None:
        self.report.problems.append(problem(line, template, **params))

    def warning(self, line: int, template: str, **params: Any) -> None:
        self.report.warnings.append(problem(line, template, **params))

    @staticmethod
    def starts_agreement(text: str) -> bool:
        return bool(
            ITEM_RE.match(text)
            or SUB_RE.match(text)
            or BULLET_RE.match(text)
            or _is_section_heading(text)
        )

    @staticmethod
    def looks_like_intro(text: str) -> bool:
        upper = _upper_ratio(text)
        if len(text) >= 160 and upper < 0.6:
            return True
        if len(text) >= 60 and text[-1] in ".:" and upper < 0.5:
            return True
        return (
            len(text) >= 40
            and upper < 0.5
            and bool(_INTRO_START.match(text))
            and not find_dates(text[:40])
        )

    # -- steps -----------------------------------------------------------------------------

    def parse(self) -> MeetingReport:
        non_empty = [line for line in self.lines if line.text]
        if not non_empty:
            self.problem(0, gettext_noop("The document is empty."))
            return self.report
        self.report.language = _detect_language([line.text for line in non_empty])
        header: list[_Line] = []
        body_start = len(self.lines)
        for index, line in enumerate(self.lines):
            if not line.text:
                continue
            if self.starts_agreement(line.text):
                body_start = index
                break
            if self.looks_like_intro(line.text):
                self.intro = line
                body_start = index + 1
                break
            header.append(line)
        self.header_lines = header
        self.body_start = body_start
        title_parts = self.read_header(header)
        self.read_title(title_parts, header)
        self.read_date_and_place()
        self.read_participants()
        self.read_agreements(body_start)
        self.report.body = self.classify()
        return self.report

    def read_header(self, header: list[_Line]) -> list[_Line]:
        title_parts: list[_Line] = []
        self.header_date: tuple[date, date, int] | None = None
        self.header_place: tuple[str | None, str | None, int] | None = None
        self.generic: list[_Line] = []
        for line in header:
            text = line.text
            dates = find_dates(text)
            if dates and self.header_date is None:
                found = dates[0]
                self.header_date = (found.start, found.end, line.number)
                text = (text[: found.span[0]] + " " + text[found.span[1] :]).strip(" ,.-")
                text = normalize_space(re.sub(r"\s+,", ",", text))
                if not text:
                    continue
            if _is_generic(text):
                self.generic.append(line)
                continue
            if _SKIP_HEADER.match(text) or _is_section_heading(text):
                continue
            head, city, country = _split_place(text)
            if (city or country) and self.header_place is None:
                self.header_place = (city, country, line.number)
            elif city or country:
                head = text  # a second place line is more likely part of the name
            if head:
                title_parts.append(_Line(line.number, head))
        return title_parts

    def read_title(self, parts: list[_Line], header: list[_Line]) -> None:
        title = normalize_space(" ".join(part.text for part in parts))
        if not title and self.intro is not None:
            match = _INTRO_TITLE.match(self.intro.text)
            if match and _INTRO_START.match(self.intro.text):
                title = normalize_space(match.group("name"))
        if not title and self.generic:
            # Only the CRM / GRCM lines: the most specific one (the GRCM comes after the CRM).
            title = self.generic[-1].text
        if not title:
            self.problem(
                header[0].number if header else 0,
                gettext_noop("No meeting name found in the heading or the opening paragraph."),
            )
            return
        title = _TITLE_PREFIX.sub("", title).strip(" .:-")
        if _upper_ratio(title) > 0.8:
            title = _title_case(title)
        self.report.title = title[:1].upper() + title[1:]

    def read_date_and_place(self) -> None:
        report = self.report
        intro_date = None
        if self.intro is not None:
            dates = find_dates(self.intro.text)
            preferred = [
                found
                for found in dates
                if _MEETING_WORDS.search(
                    fold(self.intro.text[max(0, found.span[0] - 80) : found.span[0]])
                )
            ]
            chosen = (preferred or dates or [None])[0]
            if chosen:
                intro_date = (chosen.start, chosen.end)
        if self.header_date:
            report.start_date, report.end_date = self.header_date[:2]
            if intro_date and intro_date != self.header_date[:2]:
                self.warning(
                    self.intro.number,
                    gettext_noop(
                        "The opening paragraph gives the date %(intro)s, the heading %(heading)s; "
                        "the heading's date is used."
                    ),
                    intro=intro_date[0].isoformat(),
                    heading=self.header_date[0].isoformat(),
                )
        elif intro_date:
            report.start_date, report.end_date = intro_date
        city = country = None
        if self.header_place:
            city, country = self.header_place[:2]
        if self.intro is not None and (city is None or country is None):
            intro_city, intro_country = self.place_in_text(self.intro.text)
            city = city or intro_city
            country = country or intro_country
        if city and not country:
            known = city_lookup(city)
            country = known[1] if known else None
        report.city, report.country = city, country

    @staticmethod
    def place_in_text(text: str) -> tuple[str | None, str | None]:
        """The first "en <city>, <country>" / "in <city>, <country>" of a sentence."""
        folded = fold(text)
        for match in re.finditer(
            r"\b(?:en|in)\s+(?P<city_of>(?:la\s+)?ciudad\s+de\s+|the\s+city"
            r"\s+of\s+)?",
            folded,
        ):
            start = match.end()
            if start >= len(text) or not text[start].isupper():
                continue
            segment = re.split(
                r"[;()]|\s+(?:el|los|del|con|on|with|from|durante|during|y|and)\s",
                text[start : start + 160],
            )[0]
            parts = [part.strip(" .") for part in segment.split(",")]
            candidate = parts[0]
            if not candidate or len(candidate.split()) > 5:
                continue
            country = country_code(parts[1]) if len(parts) > 1 and parts[1] else None
            known = city_lookup(
                ("ciudad de " if match.group("city_of") else "") + candidate
            ) or city_lookup(candidate)
            if known:
                return known[0], country or known[1]
            own = country_code(candidate)
            if own:
                if match.group("city_of") or own == country:
                    capital = city_lookup(f"ciudad de {candidate}")
                    if capital:
                        return capital[0], own
                return None, own
            if country and candidate[:1].isupper() and not any(c.isdigit() for c in candidate):
                return candidate, country
        return None, None

    def read_participants(self) -> None:
        """Participants from the opening paragraph, else from the heading or the lines between
        the opening and the first agreement (never from the agreements themselves)."""
        sources: list[_Line] = [self.intro] if self.intro is not None else []
        sources.extend(self.header_lines)
        after = self.lines[self.body_start :]
        for line in after[:12]:
            if line.text and self.starts_agreement(line.text):
                break
            if line.text:
                sources.append(line)
        for regex in (_PARTICIPATION, _WEAK_PARTICIPATION):
            for line in sources:
                for match in regex.finditer(fold(line.text)):
                    if self.scan_participants(line, match.end()) or (
                        line.text.endswith(":") and self.scan_list(line)
                    ):
                        self.participant_lines.add(line.number)
                        return

    def scan_list(self, line: _Line) -> bool:
        """Participants written one a line under "Participaron:" ("- Belice", "- Canadá")."""
        members: list[str] = []
        for following in self.lines[line.number :]:
            text = BULLET_RE.sub(r"\g<text>", following.text).strip(" .;,")
            if not text:
                if members:
                    break
                continue
            found = match_country_at(text, 0)
            if not found:
                break
            if found[0] in MEMBER_STATES:
                members.append(found[0])
        if members:
            self.report.participants = sorted(set(members))
        return bool(members)

    def scan_participants(self, line: _Line, position: int) -> bool:
        text = line.text
        folded = fold(text)
        start = position
        members: list[str] = []
        organizations: list[str] = []
        others: list[str] = []
        fillers = 0
        while position < len(text) and fillers <= 12:
            separator = _SEPARATORS.match(text, position)
            if separator:
                position = separator.end()
                continue
            if text[position] == "(":
                close = text.find(")", position)
                position = close + 1 if close > 0 else len(text)
                continue
            found = match_country_at(text, position)
            if found:
                code, position = found
                (members if code in MEMBER_STATES else others).append(code)
                fillers = 0
                continue
            found = match_organization_at(text, position)
            if found:
                code, position = found
                organizations.append(code)
                fillers = 0
                continue
            filler = _FILLER.match(folded, position)
            if not filler:
                break
            position = filler.end()
            fillers += 1
        if not members and _ALL_MEMBERS.search(folded[start:position]):
            # "con la participación de todos los países miembros": nobody named, everybody came.
            members = list(MEMBER_STATES)
        if not members:
            return False
        self.report.participants = sorted(set(members))
        self.report.organizations = list(dict.fromkeys(organizations))
        self.report.other_countries = list(dict.fromkeys(others))
        return True

    # -- agreements --------------------------------------------------------------------------

    def read_agreements(self, body_start: int) -> None:
        lines = self.lines[body_start:]
        section_index = None
        for index, line in enumerate(lines):
            if line.text and _is_section_heading(line.text):
                section_index = index
                break
            if line.text and ITEM_RE.match(line.text):
                break
        numbered = any(line.text and ITEM_RE.match(line.text) for line in lines)
        if section_index is not None:
            for line in lines[:section_index]:
                if line.text:
                    self.preamble_line(line)
            items_lines = lines[section_index + 1 :]
            strict = True
        elif numbered:
            first = next(
                index for index, line in enumerate(lines) if line.text and ITEM_RE.match(line.text)
            )
            for line in lines[:first]:
                if line.text:
                    self.preamble_line(line)
            items_lines = lines[first:]
            strict = True
        else:
            items_lines = lines
            strict = False
        if numbered:
            self.read_numbered(items_lines, strict)
        else:
            self.read_unnumbered(items_lines)
        for item in self.report.items:
            if not item.subitems:
                self.split_inline(item)
        if not self.report.items:
            self.problem(
                0,
                gettext_noop(
                    "No agreements found: no numbered items and no paragraphs after "
                    "the opening paragraph."
                ),
            )

    def preamble_line(self, line: _Line) -> None:
        text = line.text
        folded = fold(text)
        # A participants list written one name a line ("- Belice") is part of the opening.
        bare = BULLET_RE.sub(r"\g<text>", text)
        only_names = len(bare) < 60 and bool(
            match_country_at(bare, 0) or match_organization_at(bare, 0)
        )
        if (
            text.endswith(":")
            or _ANNOUNCE.search(folded)
            or len(text) >= 100
            or only_names
            or line.number in self.participant_lines
        ):
            self.report.preamble.append(text)
        else:
            self.problem(
                line.number,
                gettext_noop("Text before the first agreement belongs to no item: “%(text)s”."),
                text=text[:80],
            )

    def is_closing(self, text: str) -> bool:
        folded = fold(text)
        if _CLOSING.match(folded):
            return True
        if len(text) <= 90:
            dates = find_dates(text)
            if dates:
                rest = (text[: dates[0].span[0]] + text[dates[0].span[1] :]).strip(" ,.-")
                rest = re.sub(
                    r"^(?:dado en|done (?:at|in)|firmado en|signed (?:at|in))\s+",
                    "",
                    rest,
                    flags=re.IGNORECASE,
                )
                if rest:
                    city, country = parse_place(rest)
                    return bool(country or (city and city_lookup(city)))
        return False

    def new_item(self, number: str, text: str, line: int) -> Item:
        item = Item(number, text, [], line)
        self.report.items.append(item)
        self.parts[id(item)] = [text]
        return item

    def add_subitem(self, item: Item, label: str, text: str, line: int) -> None:
        letters = [sub.label for sub in item.subitems if len(sub.label) == 1]
        if len(label) == 1 and label.isalpha():
            expected = chr(ord(letters[-1]) + 1) if letters else "a"
            if label != expected and not (label == "i" and letters and letters[-1] != "h"):
                self.warning(
                    line,
                    gettext_noop("Sub-item %(label)s of item %(item)s follows %(previous)s."),
                    label=label,
                    item=item.number,
                    previous=letters[-1] if letters else "nothing",
                )
        sub = SubItem(label, text, line)
        item.subitems.append(sub)
        self.parts[id(sub)] = [text]

    def continue_last(self, item: Item, text: str) -> None:
        target = item.subitems[-1] if item.subitems else item
        self.parts[id(target)].append(text)

    def next_label(self, item: Item) -> str:
        letters = [
            sub.label for sub in item.subitems if len(sub.label) == 1 and sub.label.isalpha()
        ]
        if letters:
            return chr(min(ord(letters[-1]) + 1, ord("z")))
        return chr(ord("a") + min(len(item.subitems), 25))

    def sub_line(self, item: Item | None, line: _Line) -> bool:
        """Read `line` as a sub-item of `item` when it is one; True if it was."""
        text = line.text
        match = SUBNUM_RE.match(text)
        if match and item is not None and match.group("num") == item.number:
            self.add_subitem(
                item, f"{match.group('num')}.{match.group('sub')}", match.group("text"), line.number
            )
            return True
        match = SUB_RE.match(text)
        bullet = BULLET_RE.match(text) if not match else None
        if not match and not bullet:
            return False
        if item is None:
            self.problem(
                line.number,
                gettext_noop("A sub-item comes before any item: “%(text)s”."),
                text=text[:80],
            )
            return True
        if match:
            label = (match.group("p") or match.group("l") or match.group("u")).lower()
            self.add_subitem(item, label, match.group("text"), line.number)
        else:
            self.add_subitem(item, self.next_label(item), bullet.group("text"), line.number)
        return True

    def read_numbered(self, lines: list[_Line], strict: bool) -> None:
        item: Item | None = None
        self.parts = {}
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                continue
            if item is not None and not ITEM_RE.match(text) and self.is_closing(text):
                self.report.closing.extend(rest.text for rest in lines[index:] if rest.text)
                break
            match = ITEM_RE.match(text)
            if match:
                number = str(int(match.group("num")))
                expected = str(int(item.number) + 1) if item else "1"
                if number != expected:
                    self.warning(
                        line.number,
                        gettext_noop("Item %(number)s follows item %(previous)s."),
                        number=number,
                        previous=item.number if item else "nothing",
                    )
                item = self.new_item(number, match.group("text"), line.number)
                continue
            if self.sub_line(item, line):
                continue
            if item is not None:
                self.continue_last(item, text)
            elif strict:
                self.problem(
                    line.number,
                    gettext_noop("Text before the first agreement belongs to no item: “%(text)s”."),
                    text=text[:80],
                )
        self.finish_texts()

    def read_unnumbered(self, lines: list[_Line]) -> None:
        item: Item | None = None
        self.parts = {}
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                continue
            if item is not None and self.is_closing(text):
                self.report.closing.extend(rest.text for rest in lines[index:] if rest.text)
                break
            if self.sub_line(item, line):
                continue
            if item is not None and text[:1].islower():
                self.continue_last(item, text)
                continue
            item = self.new_item(str(len(self.report.items) + 1), text, line.number)
        self.finish_texts()

    def finish_texts(self) -> None:
        for item in self.report.items:
            item.text = normalize_space(" ".join(self.parts.get(id(item), [item.text])))
            for sub in item.subitems:
                sub.text = _strip_list_punctuation(
                    normalize_space(" ".join(self.parts.get(id(sub), [sub.text])))
                )

    @staticmethod
    def split_inline(item: Item) -> None:
        """ "... referidas a: a) modificar ...; b) revisar ..." -> two sub-items."""
        text = item.text
        cuts: list[tuple[int, int, str]] = []
        for match in _INLINE_SUB.finditer(text):
            label = match.group("p") or match.group("l")
            before = text[: match.start()].rstrip()
            if not before or before[-1] not in ":;,.":
                continue
            expected = chr(ord(cuts[-1][2]) + 1) if cuts else "a"
            if label != expected:
                continue
            cuts.append((match.start(), match.end(), label))
        if len(cuts) < 2:
            return
        item.text = text[: cuts[0][0]].strip()
        for index, (_, end, label) in enumerate(cuts):
            stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
            item.subitems.append(
                SubItem(label, _strip_list_punctuation(text[end:stop].strip()), item.line)
            )

    # -- classification ------------------------------------------------------------------

    def classify(self) -> str:
        candidates = [self.report.title or ""]
        if self.intro is not None:
            match = _INTRO_TITLE.match(self.intro.text)
            if match:
                candidates.append(match.group("name"))
        for text in candidates:
            body = _body_of(text)
            if body:
                return body
        return BODY_OTHER

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
        parser.report.problems.append(problem(0, UNREADABLE, error=type(exc).__name__))
        return parser.report


def parse_meeting_file(path: Path | str) -> MeetingReport:
    """Read a meeting report from a `.txt` or `.docx` file (DocumentError if unreadable)."""
    return parse_meeting_report(read_document(Path(path)))
