"""The one normalization of identifiers: document numbers, phones, e-mail addresses, plates.

Whatever compares or indexes an identifier goes through here, so that the keyed blind index
(core.crypto), the matching engine (matching.score), the screening memory of false positives
(screening.index) and the validation of what is typed (cases, directory) agree on when two
written forms are the same identifier.

Django-free on purpose: the matching engine imports it and must run without Django
(matching/tests/test_no_django.py). Validation failures raise `IdentifierError`, which carries
a code and the value; the translated messages live with the Django-side validators
(core.validators), which turn it into a ValidationError.

Document numbers. ICAO 9303 writes a document number in A-Z and 0-9, with `<` as filler.
The canonical form keeps those (lower-case letters upper-cased) and drops everything else a
person types around them: spaces, hyphens, dots, slashes, the filler. Letters and digits of
other scripts are kept, upper-cased, not transliterated: the blind indexes stored since the
first release were computed that way, and the screening memory of false positives holds them
as one-way keys that no migration can recompute (a property test compares this form with the
original one over random text). An issuing state is written before the number, separated by a
colon ("MX:G12345678"), by the import, the export and the matching engine.
"""

from __future__ import annotations

__all__ = [
    "IdentifierError",
    "document_key",
    "document_number",
    "normalize_email",
    "phone_e164",
    "split_document",
    "vehicle_plate",
]


class IdentifierError(ValueError):
    """An identifier that cannot be normalized. `code` names the problem (the Django layer
    maps it to its translated message); `value` is the text as given."""

    def __init__(self, code: str, value: str) -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


# --- document numbers ---------------------------------------------------------------------


def document_number(text: str) -> str:
    """The canonical form of a document number: its letters and digits, upper-cased.

    Idempotent; "g-1234 567", "G1234567" and "G<1234.567" give one form."""
    if text.isalnum() and text.isascii():  # the usual case, already clean
        return text.upper()
    return "".join(char for char in text.upper() if char.isalnum())


def _issuing_state(prefix: str) -> str:
    """The ISO 3166-1 alpha-2 code a "XX:" prefix names, or "" if it is none."""
    code = prefix.strip()
    return code.upper() if len(code) == 2 and code.isalpha() else ""


def split_document(text: str) -> tuple[str, str]:
    """(issuing state or "", canonical number) of "MX:G12345678" or "G12345678".

    A prefix that is not two letters is read as part of the number."""
    if text.isalnum():
        return "", document_number(text)
    prefix, separator, rest = text.partition(":")
    state = _issuing_state(prefix) if separator else ""
    if state:
        return state, document_number(rest)
    return "", document_number(text)


def document_key(number: str, issuing_state: str = "") -> str:
    """One string for an issuing state and a number: "MX:G12345678", or the canonical number
    alone when the state is unknown. `split_document` reads it back."""
    canonical = document_number(number)
    state = _issuing_state(issuing_state or "")
    return f"{state}:{canonical}" if state and canonical else canonical


# --- phones -------------------------------------------------------------------------------


def phone_e164(text: str, region: str | None = None) -> str:
    """`text` as an E.164 number ("+50622223333"). A number written without its country code
    is read as one of `region` (ISO 3166-1 alpha-2, e.g. the record's country).

    Raises IdentifierError with code "phone_format" (not readable as a phone number) or
    "phone_invalid" (readable, but no such number exists)."""
    import phonenumbers

    value = (text or "").strip()
    try:
        number = phonenumbers.parse(value, (region or "").strip().upper() or None)
    except phonenumbers.NumberParseException as exc:
        raise IdentifierError("phone_format", value) from exc
    if not phonenumbers.is_valid_number(number):
        raise IdentifierError("phone_invalid", value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- e-mail -------------------------------------------------------------------------------


def normalize_email(text: str) -> str:
    """An e-mail address without surrounding spaces and with its domain in lower case (the
    domain is case-insensitive; the local part may not be, so it is kept as written).
    Validation is the Django layer's (EmailValidator)."""
    value = (text or "").strip()
    local, separator, domain = value.rpartition("@")
    if not separator:
        return value
    return f"{local}@{domain.lower()}"


# --- vehicle plates -----------------------------------------------------------------------


_PLATE_MARKS = frozenset("-.·\u2010\u2011\u2012\u2013\u2014")


def vehicle_plate(text: str, country: str = "") -> str:
    """A vehicle registration plate in one form: upper-case, without spaces, hyphens or dots,
    prefixed by its country when known ("CR:ABC123"). Plates are only unique within their
    country, so the prefix is part of the key."""
    plate = "".join(
        char for char in (text or "").upper() if not char.isspace() and char not in _PLATE_MARKS
    )
    state = _issuing_state(country or "")
    return f"{state}:{plate}" if state and plate else plate
