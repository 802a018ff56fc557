"""Django-side validation of identifiers (enlace.core.identifiers does the normalizing).

The one set of translated messages for identifiers typed by people: every form, serializer
and import that takes a phone number or an e-mail address calls these, so the same mistake
gets the same message everywhere."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
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
