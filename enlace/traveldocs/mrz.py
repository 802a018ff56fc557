"""Machine-readable zones (ICAO Doc 9303, 8th edition): read, check, compare with the page.

Formats (Parts 4-7): TD1 (3 lines of 30, identity cards), TD2 (2 x 36), TD3 (2 x 44,
passports), MRV-A (2 x 44, visas) and MRV-B (2 x 36, visas). A two-line zone whose document
code starts with `V` is a visa; otherwise 44 characters are TD3 and 36 are TD2.

Checks (each reported by name in `MRZ.checks`, True when it holds):
- `document_number`, `birth_date`, `expiry_date`: the check digit of the field (Part 3:
  weights 7, 3, 1 over 0-9 = 0-9, A-Z = 10-35, `<` = 0). A date check also needs the field
  to be a date: YYMMDD, and for the birth date unknown parts written as `<` (Part 3).
  TD1 and TD2 follow the long document-number rule (Parts 5 and 6): a number longer than
  9 characters puts its first 9 in the number field, `<` in the check digit position, and
  the rest at the start of the optional data, followed by the check digit of the whole
  number and a filler; `document_number` is then that whole number.
- `personal_number` (TD3 only): the check digit of the optional data; `<` or `0` when the
  field is empty.
- `composite` (TD1, TD2, TD3; visas have none): the check digit over the upper/middle line
  fields as Part 4-6 list them.

Dates come out as ISO strings. A two-digit year gets its century so that a birth date is not
in the future (the 20th century when the 21st would be after `today`), and an expiry date
falls within [today's year - 49, today's year + 50] (a document is valid ten years at most,
and one expired half a century ago is still readable). A birth date with unknown day gives
"YYYY-MM", with unknown month and day "YYYY", unknown entirely `None`; an impossible date
(month 13, 30 February) gives `None` and fails its check.

What is accepted as a zone: lines of A-Z, 0-9 and `<` only. Whitespace around a line (and
blank lines around the zone) is dropped, because copies from e-mails and scans carry it and
it cannot change a character of the zone. Lower case is refused, not upper-cased: ICAO writes
the zone in upper case only (Part 3), so lower case means the text was retyped or
transformed, and a check that passes on such a text would vouch for characters (`l`/`1`,
`o`/`0`) that were never on the document. Anything else (wrong number of lines, wrong or mixed
lengths, other characters) raises `MRZError` with the line and column (1-based, within the
zone) and a code the caller translates.

Why not a library: the PyPI package `mrz` (0.6.2, 2020, the checker one finds) reports the
long document-number examples of Doc 9303 (Part 11, Appendix D.2) as failing their
document-number check, and takes 0.15-0.6 ms per zone on this machine, where this module
takes under 10 microseconds; the CLI must check 200,000 zones a second (bench/mrz/run.py
measures both in the same run).

Pure Python without Django (the screening manifest, the forms and the CLI use it; a test
imports it with Django unimportable).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import NamedTuple

from anyascii import anyascii  # the project's transliteration (the matching engine's too)

from enlace.core.identifiers import document_number as canonical_number

__all__ = [
    "FORMATS",
    "MRZ",
    "MRZError",
    "Mismatch",
    "check_digit",
    "compare_printed",
    "parse",
    "to_json",
]

FORMATS = ("TD1", "TD2", "TD3", "MRV-A", "MRV-B")
CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
_LINE = re.compile(r"[0-9A-Z<]*")
# bytes of a line -> the value of each character, for the check digits
_VALUES = bytes.maketrans(CHARACTERS.encode(), bytes([*range(36), 0]))
_DIGITS = "0123456789"
CACHED_DATES = 400_000  # date fields (with their check digit) remembered per kind


class MRZError(ValueError):
    """Text that cannot be read as a zone. `code` names the problem (the caller maps it to a
    translated message), `line` and `column` are 1-based within the zone (column 0: the
    whole line), `params` fill the message."""

    MESSAGES = {
        "empty": "no machine-readable zone",
        "line_count": "a zone has 2 or 3 lines, this one has %(count)s",
        "line_length": "line of %(length)s characters: a zone's lines have 30, 36 or 44",
        "mixed_lengths": "%(count)s lines of %(length)s characters do not make a zone",
        "lower_case": "lower-case letter %(char)r: the zone is written in upper case only",
        "character": "character %(char)r is not one of A-Z, 0-9 and <",
        "document_code": "the zone must start with a letter (the document code), not %(char)r",
    }

    def __init__(self, code: str, line: int, column: int = 0, **params: object) -> None:
        self.code = code
        self.line = line
        self.column = column
        self.params = params
        super().__init__(f"line {line}: {self.MESSAGES[code] % params}")


class MRZ(NamedTuple):
    """One zone, read. Text fields as written without fillers (`<` inside names becomes a
    space); `checks` holds every check of the format, True when it holds; `lines` the zone."""

    format: str
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str | None
    sex: str
    expiry_date: str | None
    optional_data: str
    checks: dict[str, bool]
    lines: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return all(self.checks.values())

    @property
    def failed(self) -> list[str]:
        """The names of the checks that fail, in the order of the zone."""
        return [name for name, passed in self.checks.items() if not passed]

    def as_dict(self) -> dict:
        """The fields of `enlace mrz check --json`."""
        return {
            "format": self.format,
            "document_type": self.document_type,
            "issuing_state": self.issuing_state,
            "surname": self.surname,
            "given_names": self.given_names,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "expiry_date": self.expiry_date,
            "optional_data": self.optional_data,
            "checks": dict(self.checks),
            "valid": self.valid,
        }


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit of `text` (characters A-Z, 0-9 and <)."""
    return _DIGITS[_weighted(text.encode("ascii").translate(_VALUES)) % 10]


def _weighted(values: bytes) -> int:
    # sum of value * (7, 3, 1, 7, 3, 1, ...); strided slices keep the loop in C
    return 7 * sum(values[0::3]) + 3 * sum(values[1::3]) + sum(values[2::3])


# --- dates ----------------------------------------------------------------------------------


class _Dates:
    """A date field and its check digit (YYMMDD + digit) -> (ISO or None, check holds), for
    one `today`, cached: a million zones hold a few thousand dates."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.birth: dict[str, tuple[str | None, bool]] = {}
        self.expiry: dict[str, tuple[str | None, bool]] = {}
        self._expiry_pivot = (today.year + 50) % 100  # years above it are of the last century
        self._expiry_century = (today.year + 50) // 100 * 100

    def read_birth(self, text: str) -> tuple[str | None, bool]:
        if len(self.birth) > CACHED_DATES:  # garbage input could fill memory otherwise
            self.birth.clear()
        iso = self._birth_iso(text[:6])
        ok = iso is not False and check_digit(text[:6]) == text[6]
        result = self.birth[text] = (iso if isinstance(iso, str) else None, ok)
        return result

    def read_expiry(self, text: str) -> tuple[str | None, bool]:
        if len(self.expiry) > CACHED_DATES:
            self.expiry.clear()
        iso = self._expiry_iso(text[:6])
        ok = iso is not False and check_digit(text[:6]) == text[6]
        result = self.expiry[text] = (iso if isinstance(iso, str) else None, ok)
        return result

    def _birth_iso(self, text: str) -> str | bool | None:
        """ISO date (or "YYYY-MM", "YYYY"), None when unknown, False when not a date."""
        if text == "<<<<<<":
            return None
        year, month, day = text[0:2], text[2:4], text[4:6]
        if not year.isdigit():
            return False
        if month == "<<":
            if day != "<<":
                return False
            return str(self._birth_year(int(year), 12, 31))
        if not (month.isdigit() and 1 <= int(month) <= 12):
            return False
        if day == "<<":
            return f"{self._birth_year(int(year), int(month), 1):04d}-{month}"
        if not day.isdigit():
            return False
        full_year = self._birth_year(int(year), int(month), int(day))
        date = _date(full_year, int(month), int(day))
        if date is None and int(month) == 2 and int(day) == 29:
            date = _date(full_year - 100, 2, 29)  # a leap day of the century before
        return False if date is None else date.isoformat()

    def _birth_year(self, yy: int, month: int, day: int) -> int:
        """The latest year ending in `yy` whose (month, day) is not after today."""
        year = self.today.year // 100 * 100 + yy
        if (year, month, day) > (self.today.year, self.today.month, self.today.day):
            year -= 100
        return year

    def _expiry_iso(self, text: str) -> str | bool:
        if not text.isdigit():
            return False
        yy = int(text[0:2])
        year = self._expiry_century + yy
        if yy > self._expiry_pivot:
            year -= 100
        date = _date(year, int(text[2:4]), int(text[4:6]))
        return False if date is None else date.isoformat()


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_DATES: dict[datetime.date, _Dates] = {}


def _dates_for(today: datetime.date | None) -> _Dates:
    today = today or datetime.date.today()
    dates = _DATES.get(today)
    if dates is None:
        _DATES.clear()  # a new day: the old century windows no longer hold
        dates = _DATES[today] = _Dates(today)
    return dates


# --- reading --------------------------------------------------------------------------------

# length of the zone's lines joined by "\n" -> its shape: one C call proves it
_BY_LENGTH = {
    92: re.compile(r"[A-Z][0-9A-Z<]{29}\n[0-9A-Z<]{30}\n[0-9A-Z<]{30}"),
    73: re.compile(r"[A-Z][0-9A-Z<]{35}\n[0-9A-Z<]{36}"),
    89: re.compile(r"[A-Z][0-9A-Z<]{43}\n[0-9A-Z<]{44}"),
}


def _clean_lines(text: str | list[str] | tuple[str, ...]) -> list[tuple[int, str]]:
    """The zone's lines with their 1-based line numbers, whitespace around them dropped."""
    raw = text.split("\n") if isinstance(text, str) else list(text)
    numbered = [(number, line.strip()) for number, line in enumerate(raw, 1)]
    while numbered and not numbered[-1][1]:
        numbered.pop()
    start = 0
    while start < len(numbered) and not numbered[start][1]:
        start += 1
    return numbered[start:]


def _refuse(numbered: list[tuple[int, str]]) -> MRZError:
    """Why these lines (whitespace already dropped) are no zone."""
    if not numbered:
        return MRZError("empty", 1)
    for number, line in numbered:
        if not line:
            return MRZError("line_count", number, count=len(numbered))
        if not _LINE.fullmatch(line):
            for column, char in enumerate(line, 1):
                if char not in CHARACTERS:
                    code = "lower_case" if "a" <= char <= "z" else "character"
                    return MRZError(code, number, column, char=char)
    count, length = len(numbered), len(numbered[0][1])
    if count not in (2, 3):
        return MRZError("line_count", numbered[min(count, 3) - 1][0], count=count)
    for number, line in numbered:
        if len(line) not in (30, 36, 44):
            return MRZError("line_length", number, length=len(line))
    for number, line in numbered:
        if len(line) != length or (count == 3) != (length == 30):
            return MRZError("mixed_lengths", number, count=count, length=len(line))
    return MRZError("document_code", numbered[0][0], 1, char=numbered[0][1][0])


def parse(text: str | list[str] | tuple[str, ...], *, today: datetime.date | None = None) -> MRZ:
    """Read one zone (a string of its lines, or the lines) and run every check of its format.

    Raises `MRZError` when the text is not a zone. `today` (default: the system date) places
    two-digit years in their century (see the module's docstring)."""
    if not isinstance(text, str):
        text = "\n".join(text)
    shape = _BY_LENGTH.get(len(text))  # the usual case: a zone as printed, nothing around it
    if shape is None or shape.fullmatch(text) is None:
        numbered = _clean_lines(text)
        text = "\n".join(line for _, line in numbered)
        shape = _BY_LENGTH.get(len(text))
        if shape is None or shape.fullmatch(text) is None:
            raise _refuse(numbered)
    dates = _DATES.get(today) or _dates_for(today)
    if len(text) == 92:
        return _td1(text.split("\n"), dates)
    width = len(text) // 2
    upper, lower = text[:width], text[width + 1 :]
    if width == 44:
        return _two_lines(upper, lower, dates, "MRV-A" if upper[0] == "V" else "TD3")
    return _two_lines(upper, lower, dates, "MRV-B" if upper[0] == "V" else "TD2")


def _names(field_text: str) -> tuple[str, str]:
    surname, _, given = field_text.rstrip("<").partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _long_number(number: str, digit: str, optional: str) -> tuple[str, bool, str]:
    """(document number, its check holds, optional data left) under the long-number rule."""
    if digit != "<" or number[-1] == "<":
        ok = check_digit(number) == digit
        return number.rstrip("<"), ok, optional.rstrip("<")
    end = optional.find("<")
    if end == -1:  # the extension and its check digit fill the field
        end = len(optional)
    if end < 2:  # no extension before its check digit: the rule is broken
        return number, False, optional.rstrip("<")
    full = number + optional[: end - 1]
    return full, check_digit(full) == optional[end - 1], optional[end + 1 :].rstrip("<")


def _td1(lines: list[str], dates: _Dates) -> MRZ:
    upper, middle, lower = lines
    number, number_ok, optional = _long_number(upper[5:14], upper[14], upper[15:30])
    birth = dates.birth.get(middle[0:7]) or dates.read_birth(middle[0:7])
    expiry = dates.expiry.get(middle[8:15]) or dates.read_expiry(middle[8:15])
    # composite: upper 6-30, middle 1-7, 9-15 and 19-29 (1-based)
    composite = (upper[5:30] + middle[0:7] + middle[8:15] + middle[18:29]).encode()
    optional_2 = middle[18:29].rstrip("<")
    surname, given = _names(lower)
    sex = middle[7]
    return MRZ(
        "TD1",
        upper[0:2].replace("<", ""),
        upper[2:5].replace("<", ""),
        surname,
        given,
        number,
        middle[15:18].replace("<", ""),
        birth[0],
        "X" if sex == "<" else sex,
        expiry[0],
        " ".join(part for part in (optional, optional_2) if part),
        {
            "document_number": number_ok,
            "birth_date": birth[1],
            "expiry_date": expiry[1],
            "composite": _DIGITS[_weighted(composite.translate(_VALUES)) % 10] == middle[29],
        },
        tuple(lines),
    )


def _two_lines(upper: str, lower: str, dates: _Dates, format_: str) -> MRZ:
    birth = dates.birth.get(lower[13:20]) or dates.read_birth(lower[13:20])
    expiry = dates.expiry.get(lower[21:28]) or dates.read_expiry(lower[21:28])
    if format_ == "TD3":
        values = lower.encode().translate(_VALUES)
        number = lower[0:9].rstrip("<")
        optional = lower[28:42].rstrip("<")
        digit = lower[42]
        # _weighted written out: this is the line of most zones checked
        number_values = values[0:9]
        personal = values[28:42]
        composite = values[0:10] + values[13:20] + values[21:43]
        checks = {
            "document_number": _DIGITS[
                (
                    7 * sum(number_values[0::3])
                    + 3 * sum(number_values[1::3])
                    + sum(number_values[2::3])
                )
                % 10
            ]
            == lower[9],
            "birth_date": birth[1],
            "expiry_date": expiry[1],
            "personal_number": (
                _DIGITS[
                    (7 * sum(personal[0::3]) + 3 * sum(personal[1::3]) + sum(personal[2::3])) % 10
                ]
                == digit
                if optional
                else digit in "<0"
            ),
            "composite": _DIGITS[
                (7 * sum(composite[0::3]) + 3 * sum(composite[1::3]) + sum(composite[2::3])) % 10
            ]
            == lower[43],
        }
    elif format_ == "TD2":
        number, number_ok, optional = _long_number(lower[0:9], lower[9], lower[28:35])
        values = lower.encode().translate(_VALUES)
        checks = {
            "document_number": number_ok,
            "birth_date": birth[1],
            "expiry_date": expiry[1],
            "composite": _DIGITS[_weighted(values[0:10] + values[13:20] + values[21:35]) % 10]
            == lower[35],
        }
    else:  # visas: no long-number rule, no composite, optional data to the end of the line
        number = lower[0:9].rstrip("<")
        optional = lower[28:].rstrip("<")
        checks = {
            "document_number": check_digit(lower[0:9]) == lower[9],
            "birth_date": birth[1],
            "expiry_date": expiry[1],
        }
    surname, given = _names(upper[5:])
    sex = lower[20]
    return MRZ(
        format_,
        upper[0:2].replace("<", ""),
        upper[2:5].replace("<", ""),
        surname,
        given,
        number,
        lower[10:13].replace("<", ""),
        birth[0],
        "X" if sex == "<" else sex,
        expiry[0],
        optional,
        checks,
        (upper, lower),
    )


# --- output ---------------------------------------------------------------------------------

# (format, check results) -> '"checks":{...},"valid":...}': a format has a few dozen
_JSON_TAILS: dict[tuple, str] = {}


def _json_tail(key: tuple, checks: dict[str, bool]) -> str:
    text = ",".join(f'"{name}":{"true" if passed else "false"}' for name, passed in checks.items())
    tail = _JSON_TAILS[key] = (
        f'"checks":{{{text}}},"valid":{"true" if all(checks.values()) else "false"}}}'
    )
    return tail


def to_json(zone: MRZ) -> str:
    """`json.dumps(zone.as_dict(), separators=(",", ":"))`, several times faster. Safe
    without escaping: every text field of a zone is made of A-Z, 0-9, `<`, space and `-`
    (parse refuses any other character), none of which JSON escapes."""
    checks = zone.checks
    key = (zone.format, *checks.values())
    birth = "null" if zone.birth_date is None else '"' + zone.birth_date + '"'
    expiry = "null" if zone.expiry_date is None else '"' + zone.expiry_date + '"'
    tail = _JSON_TAILS.get(key) or _json_tail(key, checks)
    # an f-string: one BUILD_STRING, faster than %-formatting a dozen values
    return (
        f'{{"format":"{zone.format}","document_type":"{zone.document_type}",'
        f'"issuing_state":"{zone.issuing_state}","surname":"{zone.surname}",'
        f'"given_names":"{zone.given_names}","document_number":"{zone.document_number}",'
        f'"nationality":"{zone.nationality}",'
        f'"birth_date":{birth},"sex":"{zone.sex}","expiry_date":{expiry},'
        f'"optional_data":"{zone.optional_data}",{tail}'
    )


# --- comparing with the printed page ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A field whose zone value disagrees with the printed (visual inspection zone) value."""

    field: str
    mrz: str | None
    printed: str


# ICAO 9303 Part 3 (transliteration): what a state may write besides dropping the accent
_GERMAN = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "Å": "AA", "Æ": "AE", "Ø": "OE"})
_NOT_NAME = re.compile(r"[^A-Z]+")


def _mrz_name_forms(printed: str) -> set[str]:
    """The ways a printed name may be written in a zone: accents dropped (Ñ as N), or the
    recommended two-letter transliterations; apostrophes dropped, spaces and hyphens as `<`."""
    upper = printed.upper().replace("'", "").replace("’", "")
    forms = set()
    for text in (upper, upper.translate(_GERMAN)):
        latin = anyascii(text).upper()
        forms.add(_NOT_NAME.sub("<", latin).strip("<"))
    return forms


def _name_agrees(mrz_name: str, printed: str, truncated: bool) -> bool:
    zone = _NOT_NAME.sub("<", mrz_name)
    for form in _mrz_name_forms(printed):
        if zone == form or (truncated and form.startswith(zone)):
            return True
    return False


def compare_printed(
    zone: MRZ,
    *,
    surname: str | None = None,
    given_names: str | None = None,
    document_number: str | None = None,
    birth_date: datetime.date | str | None = None,
    expiry_date: datetime.date | str | None = None,
    sex: str | None = None,
    nationality: str | None = None,
) -> list[Mismatch]:
    """The fields given (as printed on the data page) that the zone contradicts.

    Names agree when the printed name, written the way ICAO 9303 Part 3 says names enter a
    zone (transliterated, punctuation as filler), equals the zone's, or starts with it when
    the zone's name field is full (the name was truncated to fit). Document numbers agree
    when their canonical forms (`core.identifiers.document_number`) are equal; dates when
    the ISO forms are (a partly unknown birth date in the zone agrees with a printed date of
    that year or month)."""
    mismatches: list[Mismatch] = []
    name_line = zone.lines[-1] if zone.format == "TD1" else zone.lines[0][5:] if zone.lines else ""
    truncated = bool(name_line) and name_line[-1] != "<"
    for name, printed, mrz_value in (
        ("surname", surname, zone.surname),
        ("given_names", given_names, zone.given_names),
    ):
        if printed is not None and not _name_agrees(mrz_value, printed, truncated):
            mismatches.append(Mismatch(name, mrz_value, printed))
    if document_number is not None and canonical_number(document_number) != canonical_number(
        zone.document_number
    ):
        mismatches.append(Mismatch("document_number", zone.document_number, document_number))
    for name, printed, mrz_value in (
        ("birth_date", birth_date, zone.birth_date),
        ("expiry_date", expiry_date, zone.expiry_date),
    ):
        if printed is None:
            continue
        text = printed.isoformat() if isinstance(printed, datetime.date) else str(printed)
        if mrz_value is None or not text.startswith(mrz_value):
            mismatches.append(Mismatch(name, mrz_value, text))
    if sex is not None and sex.strip().upper()[:1] != zone.sex:
        mismatches.append(Mismatch("sex", zone.sex, sex))
    if nationality is not None and nationality.strip().upper() != zone.nationality:
        mismatches.append(Mismatch("nationality", zone.nationality, nationality))
    return mismatches
