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
from enlace.meetings.parsing.opening import meeting_dates, sentence_around
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

_CONFERENCE = re.compile(
    r"conferencia regional sobre (?:la )?migracion|regional conference on migration|\b(?:crm|rcm)\b"
)
# How much of the opening names the body (a one-line document has no heading of its own).
_OPENING_HEAD = 600

# The body a name speaks of; the first that matches wins (a network workshop is a workshop).
_BODIES_NAMED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        BODY_WORKSHOP,
        # "en el curso de dicha reunión" / "in the course of" is no course.
        re.compile(r"\b(?:taller|workshop|seminario|seminar|(?<!el )curso|(?<!the )course)\b"),
    ),
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
    """A workshop of any body is a workshop; otherwise the body named first (the sentence's
    subject: "El GRCM ..., con los Viceministros ..." is the GRCM)."""
    folded = fold(text)
    workshop, *others = _BODIES_NAMED
    if workshop[1].search(folded):
        return workshop[0]
    found = [(match.start(), body) for body, pattern in others if (match := pattern.search(folded))]
    return min(found)[1] if found else None


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


_NAME_LINKS = {"de", "del", "la", "las", "los", "el", "of", "the", "upon", "on"}


def _is_place_name(text: str) -> bool:
    """A name as places are written: capitalized words, joined by "de", "del", "of" ...
    ("San Pedro Sula", "Santa Cruz de la Sierra"); "Persons took place in X" is no place."""
    words = text.split()
    return (
        bool(words)
        and words[0][:1].isupper()
        and not any(char.isdigit() for char in text)
        and all(word[:1].isupper() or word.lower() in _NAME_LINKS for word in words)
    )


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
        # Every heading line that gives a date, and which heading lines give a place: a date
        # counts as the meeting's only with a place on its line or the line next to it (a date
        # alone on a line may be the document's, a letter's or a blog post's).
        dated: list[tuple[date, date, int]] = []
        placed: dict[int, tuple[str | None, str | None]] = {}
        seen_place = False
        for line in header:
            text = line.text
            dates = find_dates(text)
            if dates:
                found = dates[0]
                text = (text[: found.span[0]] + " " + text[found.span[1] :]).strip(" ,.-")
                text = normalize_space(re.sub(r"\s+,", ",", text))
                # A heading's date stands alone or with a name or place ("Managua, Nicaragua,
                # 29 - 31 de octubre de 2007"); the line of a wrapped sentence ("and 2 January
                # 2000, with the") is no heading.
                if not text[:1].islower():
                    dated.append((found.start, found.end, line.number))
                if not text:
                    continue
            if _is_generic(text):
                self.generic.append(line)
                continue
            if _SKIP_HEADER.match(text) or is_section_heading(text):
                continue
            head, city, country = _split_place(text)
            if city or country:
                if len(text) <= 80:
                    placed[line.number] = (city, country)
                if seen_place:
                    head = text  # a second place line is more likely part of the name
                seen_place = True
            if head:
                title_parts.append(Line(line.number, head))
        numbers = [line.number for line in header]
        for start, end, number in dated:
            position = numbers.index(number)
            neighbours = [number, *numbers[max(0, position - 1) : position + 2]]
            place_line = next((found for found in neighbours if found in placed), None)
            if place_line is not None:
                self.header_date = (start, end, number)
                self.header_place = (*placed[place_line], place_line)
                break
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
        """The heading's date when a place goes with it, else the first date the opening's
        sentences tie to the meeting (`opening.meeting_dates`); the place from the heading,
        else from that sentence. Nothing else is guessed."""
        report = self.report
        anchored = meeting_dates(self.opening_text)
        intro_date = (anchored[0].found.start, anchored[0].found.end) if anchored else None
        line_number = self.intro.number if self.intro is not None else 0
        if self.header_date:
            report.start_date, report.end_date = self.header_date[:2]
            if intro_date and intro_date != self.header_date[:2]:
                self.warning(
                    line_number,
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
        sentences = [found.sentence for found in anchored[:1]]
        if self.intro is not None:
            sentences.append(self.intro.text)
        for sentence in sentences:
            if city is not None and country is not None:
                break
            sentence_city, sentence_country = self.place_in_text(sentence)
            if sentence_city is None and sentence_country is None:
                continue
            if country is not None and sentence_country not in (None, country):
                continue
            city = city or sentence_city
            country = country or sentence_country
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
            # "Tapachula, Chiapas, México": a state or province may come between.
            country = next(
                (code for part in parts[1:3] if part and (code := country_code(part))), None
            )
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
            if country and _is_place_name(candidate):
                return candidate, country
        return None, None

    def classify(self) -> str:
        """The body a report is of: the first specific name (workshop, network,
        vice-ministerial, GRCM) in its title, the subject of its opening sentence or the head of
        its opening; else the Conference itself (`crm`, the vice-ministerial meeting) when one
        of them names it ("La Conferencia Regional sobre Migración se celebró ..." is the
        Conference's own meeting); `other` otherwise."""
        candidates = [self.report.title or ""]
        if self.intro is not None:
            match = _INTRO_TITLE.match(self.intro.text)
            if match:
                candidates.append(match.group("name"))
        candidates.append(sentence_around(self.opening_text[:_OPENING_HEAD], 0, 0))
        for text in candidates:
            body = _body_of(text)
            if body:
                return body
        if any(_CONFERENCE.search(fold(text)) for text in candidates):
            return BODY_VICEMINISTERIAL
        return BODY_OTHER
