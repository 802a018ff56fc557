"""A report's heading and opening paragraph: the meeting's name, place and date, the body
that met, the language it is written in."""

from __future__ import annotations

import re
from datetime import date

from enlace.core.documents.dates import find_dates
from enlace.core.documents.places import city_lookup, country_code, parse_place
from enlace.core.documents.problems import gettext_noop
from enlace.core.documents.text import fold, normalize_space, upper_ratio
from enlace.meetings.parsing.lines import Line, is_section_heading
from enlace.meetings.parsing.result import (
    BODY_GRCM,
    BODY_NETWORK,
    BODY_OTHER,
    BODY_VICEMINISTERIAL,
    BODY_WORKSHOP,
)

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
_MEETING_WORDS = re.compile(r"celebrad|reuni|realiz|llev|sesion|\bmet\b|held|meeting|session")

# The body a name speaks of; the first that matches wins (a network workshop is a workshop).
_BODIES_NAMED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (BODY_WORKSHOP, re.compile(r"\b(?:taller|workshop|seminario|seminar|curso|course)\b")),
    (
        BODY_NETWORK,
        re.compile(
            r"red de funcionarios|funcionarios de enlace|liaison officer|red de enlace|"
            r"network of liaison"
        ),
    ),
    (
        BODY_VICEMINISTERIAL,
        re.compile(
            r"vice-?\s?ministeri|viceministros|vice-ministers|reunion de la "
            r"conferencia regional|meeting of the regional conference"
        ),
    ),
    (
        BODY_GRCM,
        re.compile(r"grupo regional de consulta|\bgrcm\b|regional consultation group|\brcgm\b"),
    ),
)

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


def _is_generic(text: str) -> bool:
    """A heading line that only names the CRM and/or the GRCM (with or without acronyms)."""
    folded = fold(text)
    if not _GENERIC.search(folded):
        return False
    rest = re.sub(r"\b(?:y|e|and|la|el|de|del|the)\b", " ", _GENERIC.sub(" ", folded))
    return not re.search(r"[a-z0-9]", rest)


def detect_language(texts: list[str]) -> str:
    words = re.findall(r"[a-z]+", fold(" ".join(texts)))
    spanish = sum(word in _ES_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return "en" if english > spanish else "es"


def _body_of(text: str) -> str | None:
    folded = fold(text)
    return next((body for body, pattern in _BODIES_NAMED if pattern.search(folded)), None)


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


class HeadingReader:
    """The steps of the report parser that read the heading and the opening paragraph
    (`self.intro`); they set the title, dates, place and body of `self.report`."""

    @staticmethod
    def looks_like_intro(text: str) -> bool:
        upper = upper_ratio(text)
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

    def read_header(self, header: list[Line]) -> list[Line]:
        title_parts: list[Line] = []
        self.header_date: tuple[date, date, int] | None = None
        self.header_place: tuple[str | None, str | None, int] | None = None
        self.generic: list[Line] = []
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
            if _SKIP_HEADER.match(text) or is_section_heading(text):
                continue
            head, city, country = _split_place(text)
            if (city or country) and self.header_place is None:
                self.header_place = (city, country, line.number)
            elif city or country:
                head = text  # a second place line is more likely part of the name
            if head:
                title_parts.append(Line(line.number, head))
        return title_parts

    def read_title(self, parts: list[Line], header: list[Line]) -> None:
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
        if upper_ratio(title) > 0.8:
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
