"""Values of watchlist entries and travellers as forms, the API, imports and manifests write
them, checked and brought to one form. Messages are in the user's language; callers attach
them to a form field, an API field or a file's row and column."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enlace.core.identifiers import document_number
from enlace.core.models import Country
from enlace.core.validators import check_date, event_date, past_date
from enlace.matching.names import PARTICLES, PREFIXES
from enlace.matching.normalize import normalize_text

from .choices import ENTRY_AUDIENCES, Category

MAX_NAME = 200
MAX_DOCUMENT = 40
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR = re.compile(r"^\d{4}$")
SEX_CODES = {"M": "M", "F": "F", "X": "X", "": "X", "U": "X", "<": "X"}


class InvalidValue(ValueError):
    """A value that cannot be read; the message says why, in the user's language."""


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """ISO alpha-2 and alpha-3 codes (manifests and the MRZ use alpha-3) -> alpha-2."""
    codes: dict[str, str] = {}
    for iso2, iso3 in Country.objects.values_list("iso2", "iso3"):
        codes[iso2] = iso2
        codes[iso3] = iso2
    return codes


def clear_caches() -> None:
    _countries.cache_clear()


def country_code(text: str) -> str:
    """An ISO 3166-1 alpha-2 or alpha-3 code as alpha-2."""
    code = (text or "").strip().upper()
    found = _countries().get(code)
    if found is None:
        raise InvalidValue(_("unknown country code %(code)s") % {"code": text})
    return found


def split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", text or "") if item.strip()]


def country_codes(text_or_list: str | list[str]) -> list[str]:
    items = split_list(text_or_list) if isinstance(text_or_list, str) else text_or_list
    return sorted({country_code(item) for item in items if item.strip()})


def parse_date(text: str) -> date:
    text = (text or "").strip()
    if "T" in text or " " in text:  # a spreadsheet's date with a time of day
        text = text.replace("T", " ").split(" ", 1)[0]
    if not ISO_DATE.match(text):
        raise InvalidValue(_("write the date as YYYY-MM-DD (not %(value)s)") % {"value": text})
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidValue(_("%(value)s is not a date") % {"value": text}) from exc
    out_of_range = check_date(day, event_date())
    if out_of_range:
        raise InvalidValue(out_of_range)
    return day


def parse_birth(text: str) -> tuple[date | None, int | None]:
    """A birth date, or a birth year alone (lists and manifests often know only the year)."""
    text = (text or "").strip()
    if not text:
        return None, None
    if YEAR.match(text):
        year = int(text)
        if not 1900 <= year <= timezone.localdate().year:
            raise InvalidValue(_("%(value)s is not a plausible birth year") % {"value": text})
        return None, year
    day = parse_date(text)
    if day > timezone.localdate() or day.year < 1900:
        raise InvalidValue(_("%(value)s is not a plausible birth date") % {"value": text})
    return day, None


def parse_sex(text: str) -> str:
    """M, F or X (not specified), as travel documents write it."""
    code = (text or "").strip().upper()
    if code not in SEX_CODES:
        raise InvalidValue(_("write M, F or X (not %(value)s)") % {"value": text})
    return SEX_CODES[code]


def parse_document(text: str) -> tuple[str | None, str]:
    """(issuing country or None, number) from "G12345678" or "MX:G12345678"."""
    text = (text or "").strip()
    issuer = None
    prefix, separator, rest = text.partition(":")
    if separator:
        issuer = country_code(prefix)
        text = rest.strip()
    if not document_number(text):
        raise InvalidValue(_("a document number needs letters or digits"))
    if len(text) > MAX_DOCUMENT:
        raise InvalidValue(
            _("a document number has at most %(max)s characters") % {"max": MAX_DOCUMENT}
        )
    return issuer, text


def parse_documents(text_or_list: str | list[str]) -> list[tuple[str | None, str]]:
    items = split_list(text_or_list) if isinstance(text_or_list, str) else text_or_list
    documents: list[tuple[str | None, str]] = []
    for item in items:
        document = parse_document(item)
        if document not in documents:
            documents.append(document)
    return documents


_ATTACHING = PARTICLES | PREFIXES


def split_surnames(text: str) -> tuple[str, str]:
    """(first surname, second surname) of a surnames field as written, keeping accents.

    Particles and prefixes join the word after them ("De la Cruz", "San Martín"); a unit led
    by a particle after the first joins it ("Pérez de León García" → "Pérez de León",
    "García"); anything past two units stays in the second surname."""
    words = (text or "").split()
    units: list[list[str]] = []
    pending: list[str] = []
    join_next = False
    for position, word in enumerate(words):
        norm = normalize_text(word)
        last = position + 1 == len(words)
        if norm == "y" and units and not pending and not last:
            join_next = True  # "Ortega y Gasset" is one surname
            continue
        if norm in _ATTACHING and not last:
            pending.append(word)
            continue
        if join_next:
            units[-1].extend([words[position - 1 - len(pending)], *pending, word])
            join_next = False
        else:
            units.append([*pending, word])
        pending = []
    if pending:
        units.append(pending)
    while len(units) > 2:
        for position in range(1, len(units)):
            if len(units[position]) > 1 and normalize_text(units[position][0]) in PARTICLES:
                units[position - 1 : position + 1] = [units[position - 1] + units[position]]
                break
        else:
            break
    if not units:
        return "", ""
    first = " ".join(units[0])
    second = " ".join(" ".join(unit) for unit in units[1:])
    return first, second


def entry_errors(data: dict, *, creating: bool, today: date | None = None) -> dict[str, list[str]]:
    """Rules of a watchlist entry that no single field can check. `data` holds the values
    already read (dates as dates, lists as lists)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not (data.get("given_names") or data.get("first_surname") or data.get("second_surname")):
        errors.setdefault("first_surname", []).append(
            _("give at least a surname or the given names")
        )
    if data.get("category") not in Category.values:
        errors.setdefault("category", []).append(
            _("choose one of: %(codes)s") % {"codes": ", ".join(Category.values)}
        )
    if not (data.get("legal_basis") or "").strip():
        errors.setdefault("legal_basis", []).append(
            _("say the law, judgment or order the listing rests on")
        )
    valid_until = data.get("valid_until")
    if valid_until is None:
        errors.setdefault("valid_until", []).append(_("say until when the listing holds"))
    elif creating and valid_until < today:
        errors.setdefault("valid_until", []).append(_("this day has already passed"))
    elif out_of_range := check_date(valid_until, event_date(gettext_lazy("Valid until"))):
        errors.setdefault("valid_until", []).append(out_of_range)
    birth = data.get("birth_date")
    if birth is not None and birth > today:
        errors.setdefault("birth_date", []).append(_("the birth date is in the future"))
    elif out_of_range := check_date(birth, past_date(gettext_lazy("Birth date"))):
        errors.setdefault("birth_date", []).append(out_of_range)
    reviewed = data.get("last_reviewed")
    if out_of_range := check_date(reviewed, past_date(gettext_lazy("Last reviewed"))):
        errors.setdefault("last_reviewed", []).append(out_of_range)
    audience = data.get("audience")
    if audience and audience not in ENTRY_AUDIENCES:
        errors.setdefault("audience", []).append(
            _("a watchlist entry is shared with member states only: national, selected or network")
        )
    if audience == "selected" and not data.get("shared_with"):
        errors.setdefault("shared_with", []).append(
            _("choose at least one member state to share with")
        )
    return errors
