"""Django-side validation of identifiers (enlace.core.identifiers does the normalizing).

The one set of translated messages for identifiers typed by people: every form, serializer
and import that takes a phone number or an e-mail address calls these, so the same mistake
gets the same message everywhere."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from enlace.core import identifiers

PHONE_MESSAGES = {
    "phone_format": _(
        "%(value)s is not a phone number. Write it in international form, e.g. +50622223333."
    ),
    "phone_invalid": _("The phone number %(value)s does not exist."),
}


def identifier_error(exc: identifiers.IdentifierError) -> ValidationError:
    """The ValidationError (translated message, code "phone") of an IdentifierError."""
    return ValidationError(PHONE_MESSAGES[exc.code] % {"value": exc.value}, code="phone")


def normalize_phone(value: str, region: str | None = None) -> str:
    """`value` in E.164. A number without +country code is read as one of `region`."""
    try:
        return identifiers.phone_e164(value, region)
    except identifiers.IdentifierError as exc:
        raise identifier_error(exc) from exc


_EMAIL = EmailValidator()


def normalize_email(value: str) -> str:
    """An e-mail address stripped, its domain lower-cased, checked by Django's validator
    ("" stays "")."""
    email = identifiers.normalize_email(value)
    if email:
        _EMAIL(email)
    return email


# --- dates: a sensible range wherever a date is accepted ---------------------------------
# A year-340 date identified once gave a malformed case reference; a birth date in the future
# or a deadline in 9999 is a typing slip. Event dates run from 1900 to a few years ahead
# (deadlines, validity, follow-ups), birth dates from 1900 to today.

EARLIEST_DATE = date(1900, 1, 1)
YEARS_AHEAD = 10

DATE_MESSAGES = {
    "date_range": _("%(field)s must be between %(earliest)s and %(latest)s (not %(value)s)."),
    "past_date_range": _(
        "%(field)s must be between %(earliest)s and today, %(latest)s (not %(value)s)."
    ),
}


def latest_event_date(today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


@deconstructible
class DateRangeValidator:
    """Refuses a date outside EARLIEST_DATE .. today + YEARS_AHEAD (`past=True`: .. today),
    naming the field (`label`) in the user's language."""

    def __init__(self, label: str = "", *, past: bool = False):
        self.label = label
        self.past = past

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        return EARLIEST_DATE, today if self.past else latest_event_date(today)

    def __call__(self, value) -> None:
        if value is None or value == "":
            return
        if isinstance(value, datetime):
            value = value.date()
        earliest, latest = self.bounds()
        if earliest <= value <= latest:
            return
        code = "past_date_range" if self.past else "date_range"
        label = self.label or _("The date")
        raise ValidationError(
            DATE_MESSAGES[code],
            code=code,
            params={
                "field": capfirst(str(label)),
                "earliest": earliest.isoformat(),
                "latest": latest.isoformat(),
                "value": value.isoformat(),
            },
        )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRangeValidator) and (self.label, self.past) == (
            other.label,
            other.past,
        )


def event_date(label: str = "") -> DateRangeValidator:
    """Dates of events, deadlines and validity: 1900-01-01 .. today + YEARS_AHEAD."""
    return DateRangeValidator(label)


def past_date(label: str = "") -> DateRangeValidator:
    """Birth dates and days something happened already: 1900-01-01 .. today."""
    return DateRangeValidator(label, past=True)


def check_date(value, validator: DateRangeValidator) -> str:
    """The translated refusal of `value` by `validator`, or "" (for parsers that collect
    messages rather than raise)."""
    try:
        validator(value)
    except ValidationError as exc:
        return exc.messages[0]
    return ""


def limit_date_fields(form) -> None:
    """Give every date field of `form` that has no range yet the event range, named by its
    label (model forms, whose fields Django builds)."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not any(
            isinstance(validator, DateRangeValidator) for validator in field.validators
        ):
            field.validators.append(event_date(field.label or ""))
