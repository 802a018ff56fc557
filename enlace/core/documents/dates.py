"""Dates as the region writes them, in Spanish and English.

Single days and ranges, day first or month first, with or without "de"/"del" before the year:
"28 de octubre del 2002", "Octubre 28, 2002", "08 de junio de 2016", "24 de abril, 2007",
"18 y 19 de mayo de 2010", "del 18 al 20 de mayo de 2010", "7 - 11 de febrero de 2005",
"30 de noviembre al 2 de diciembre de 2015", "June 24-25, 2014", "24 and 25 June 2014",
"June 30 - July 2, 2014", "24th of April 2007", "1° de junio de 2010", "28/10/2002",
"2002-10-28". Month names may be abbreviated ("oct.", "Sept", "dic"); weekdays are ignored.

Numeric dates are read day first (the region's convention) unless the first number cannot be
a month ("10/28/2002"). Month-and-year expressions ("mayo, 2004", "Febrero 2010") are not
meeting dates; `parse_month_year` reads them for work-plan schedules and references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from enlace.core.documents.text import fold

MONTHS: dict[str, int] = {
    # Spanish
    "enero": 1,
    "ene": 1,
    "febrero": 2,
    "feb": 2,
    "marzo": 3,
    "mar": 3,
    "abril": 4,
    "abr": 4,
    "mayo": 5,
    "may": 5,
    "junio": 6,
    "jun": 6,
    "julio": 7,
    "jul": 7,
    "agosto": 8,
    "ago": 8,
    "septiembre": 9,
    "setiembre": 9,
    "sept": 9,
    "sep": 9,
    "set": 9,
    "octubre": 10,
    "oct": 10,
    "noviembre": 11,
    "nov": 11,
    "diciembre": 12,
    "dic": 12,
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "apr": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "dec": 12,
}

_MONTH = r"(?<![a-z])(?:{})(?![a-z])\.?".format(
    "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
)
# Ordinal marks: 1°, 1º, 1ro, 1er, 1st, 24th.
_DAY = r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?:(?:st|nd|rd|th|ro|er)(?![a-z])\.?|\s?[º°ª]\.?)?(?!\d)"
_YEAR = r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)"
# Days of one month: "18 y 19", "del 18 al 20", "18, 19 y 20", "7 - 11", "24 and 25".
_LIST_SEP = (
    r"\s*(?:-|/|,|&|\by\b|\be\b|\bal\b|\ba\b|\band\b|\bto\b|\bthrough\b|\bthru\b|\bhasta\b)"
    r"\s*(?:el\s+|the\s+)?"
)
# Between two full dates only range words count: "2 de junio y 15 de julio" is two dates.
_RANGE_SEP = (
    r"\s*(?:-|\bal\b|\ba\b|\bto\b|\bthrough\b|\bthru\b|\bhasta(?:\s+el)?\b|\buntil\b)"
    r"\s*(?:el\s+|the\s+)?"
)
_OF = r"\s*(?:de\s+|of\s+)?"
_YEAR_TAIL = r"\s*,?\s*(?:(?:de|del)\s+(?:ano\s+)?|of\s+)?"

_DAYS = rf"(?P<days>{_DAY}(?:{_LIST_SEP}{_DAY})*)"
# "del 18 al 20", "from 24 to 25": the lead word belongs to the expression (it is cut out of a
# heading line together with the date).
_LEAD = r"(?:(?<![a-z])(?:del|desde el|el|from|on|between)\s+)?"
_PATTERNS = {
    # 30 de noviembre (de 2014) al 2 de diciembre de 2015 / 30 June - 2 July 2014
    "day_cross": re.compile(
        rf"{_LEAD}(?P<d1>{_DAY}){_OF}(?P<m1>{_MONTH})(?:{_YEAR_TAIL}(?P<y1>{_YEAR}))?{_RANGE_SEP}"
        rf"(?P<d2>{_DAY}){_OF}(?P<m2>{_MONTH}){_YEAR_TAIL}(?P<y2>{_YEAR})"
    ),
    # 28 de octubre del 2002 / 18 y 19 de mayo de 2010 / 24 and 25 June 2014
    "day_first": re.compile(rf"{_LEAD}{_DAYS}{_OF}(?P<m>{_MONTH}){_YEAR_TAIL}(?P<y>{_YEAR})"),
    # June 30 - July 2, 2014
    "month_cross": re.compile(
        rf"(?P<m1>{_MONTH})\s*(?P<d1>{_DAY}){_RANGE_SEP}(?P<m2>{_MONTH})\s*(?P<d2>{_DAY})"
        rf"{_YEAR_TAIL}(?P<y2>{_YEAR})"
    ),
    # Octubre 28, 2002 / June 24-25, 2014
    "month_first": re.compile(rf"(?P<m>{_MONTH})\s*{_DAYS}{_YEAR_TAIL}(?P<y>{_YEAR})"),
    # 28/10/2002, 28-10-2002, 28.10.2002
    "numeric": re.compile(
        r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?![\d/.-]|\.\d)"
    ),
    # 2002-10-28
    "iso": re.compile(r"(?<![\d/.-])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d/-])"),
}
_MONTH_YEAR = re.compile(rf"(?P<m>{_MONTH}){_YEAR_TAIL}(?P<y>{_YEAR})")


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: its first and last day and where it is."""

    start: date
    end: date
    span: tuple[int, int]


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").strip()]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token.strip()).group())


def _candidate(kind: str, match: re.Match[str]) -> tuple[date, date] | None:
    groups = match.groupdict()
    if kind in ("day_first", "month_first"):
        days = [
            int(value)
            for value in re.findall(
                r"(?<!\d)\d{1,2}(?!\d)", re.sub(r"(?:st|nd|rd|th|ro|er|[º°ª])", " ", groups["days"])
            )
        ]
        if any(later < earlier for earlier, later in pairwise(days)):
            return None
        year, month = int(groups["y"]), _month(groups["m"])
        return date(year, month, days[0]), date(year, month, days[-1])
    if kind in ("day_cross", "month_cross"):
        year2 = int(groups["y2"])
        month1, month2 = _month(groups["m1"]), _month(groups["m2"])
        year1 = int(groups["y1"]) if groups.get("y1") else (year2 - 1 if month1 > month2 else year2)
        return (date(year1, month1, _day(groups["d1"])), date(year2, month2, _day(groups["d2"])))
    if kind == "numeric":
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        day, month = (second, first) if second > 12 >= first else (first, second)
        single = date(year, month, day)
        return single, single
    if kind == "iso":
        single = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return single, single
    return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date expression in `text`, in reading order, without overlaps (at one position
    the longest reading wins: "18 y 19 de mayo" is one range, not "19 de mayo")."""
    folded = fold(text)
    candidates: list[DateMatch] = []
    for kind, pattern in _PATTERNS.items():
        for match in pattern.finditer(folded):
            try:
                dates = _candidate(kind, match)
            except (ValueError, KeyError, AttributeError):
                continue  # 31 de febrero, month 13 ...: not a date
            if dates is None or dates[1] < dates[0]:
                continue
            candidates.append(DateMatch(dates[0], dates[1], match.span()))
    candidates.sort(key=lambda found: (found.span[0], found.span[0] - found.span[1]))
    chosen: list[DateMatch] = []
    for found in candidates:
        if chosen and found.span[0] < chosen[-1].span[1]:
            continue
        chosen.append(found)
    return chosen


def parse_dates(text: str) -> tuple[date, date] | None:
    """(start, end) of the first date expression in `text`; end == start for a single day."""
    found = find_dates(text)
    return (found[0].start, found[0].end) if found else None


def find_month_years(text: str) -> list[tuple[date, tuple[int, int]]]:
    """Month-and-year expressions ("mayo, 2004", "Febrero 2010", "enero de 2008"): the first
    day of each month and its span, in reading order."""
    out = []
    for match in _MONTH_YEAR.finditer(fold(text)):
        try:
            out.append((date(int(match.group("y")), _month(match.group("m")), 1), match.span()))
        except (ValueError, KeyError):
            continue
    return out


def parse_month_year(text: str) -> date | None:
    """First day of the first month-and-year expression in `text`."""
    found = find_month_years(text)
    return found[0][0] if found else None


def parse_year(text: str) -> int | None:
    """A year standing alone ("2010", "Año 2010")."""
    match = re.search(_YEAR, text)
    return int(match.group()) if match else None
