"""Normalization and validation of phone lists and language codes.

Phones are stored in E.164 so they dial from any member state and compare exactly; a form may
accept a national number, read in the contact's country. One phone is normalized by
enlace.core.validators (the messages every app shares)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from enlace.core.validators import normalize_phone

__all__ = [
    "language_name",
    "normalize_languages",
    "normalize_phone",
    "normalize_phones",
    "validate_choices",
    "validate_e164_list",
    "validate_languages",
]


def normalize_phones(values: Iterable[str], region: str | None = None) -> list[str]:
    """Every number in E.164, duplicates dropped, order kept (the first is the main one)."""
    normalized: list[str] = []
    errors: list[ValidationError] = []
    for value in values:
        if not (value or "").strip():
            continue
        try:
            number = normalize_phone(value, region)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if number not in normalized:
            normalized.append(number)
    if errors:
        raise ValidationError(errors)
    return normalized


def validate_e164_list(values) -> None:
    """Stored phones must already be E.164 (models' clean(): every write path agrees)."""
    if not isinstance(values, list):
        raise ValidationError(_("Give a list of phone numbers."), code="phones")
    for value in values:
        if (
            not isinstance(value, str)
            or not value.startswith("+")
            or normalize_phone(value) != value
        ):
            raise ValidationError(
                _("%(value)s is not a phone number in E.164 form (+ and digits).")
                % {"value": value},
                code="phone",
            )


@lru_cache(maxsize=1)
def iso639_1_codes() -> frozenset[str]:
    import pycountry

    return frozenset(
        language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
    )


def normalize_languages(values: Iterable[str]) -> list[str]:
    """Lower-case ISO 639-1 codes, duplicates dropped, order of preference kept."""
    codes: list[str] = []
    for value in values:
        code = (value or "").strip().lower()
        if code and code not in codes:
            codes.append(code)
    validate_languages(codes)
    return codes


def validate_languages(values) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("Give a list of language codes."), code="languages")
    unknown = [value for value in values if value not in iso639_1_codes()]
    if unknown:
        raise ValidationError(
            _("Not ISO 639-1 language codes: %(codes)s")
            % {"codes": ", ".join(str(value) for value in unknown)},
            code="languages",
        )


def validate_choices(values, choices, label: str) -> None:
    """Every element of a JSON list is one of `choices` (a TextChoices)."""
    if not isinstance(values, list):
        raise ValidationError(_("Give a list for %(field)s.") % {"field": label})
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        raise ValidationError(
            _("Unknown codes for %(field)s: %(codes)s")
            % {"field": label, "codes": ", ".join(str(value) for value in unknown)}
        )


def language_name(code: str, language: str | None = None) -> str:
    """The name of a language in the active language (Babel/CLDR), or the code."""
    locale = "en" if (language or get_language() or "es").startswith("en") else "es"
    return Locale.parse(locale).languages.get(code, code)
