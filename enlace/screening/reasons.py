"""The matching engine's reason codes in the user's language, and which of them a recipient
may read in full.

The engine (enlace.matching.reasons) gives stable codes with English texts; pages, the API and
exports show these labels instead. A reason's detail quotes both spellings of a name or both
dates ("second surname missing: ULLOA"), so when the entry's owner keeps that field group in
the country the detail is dropped and only the label is shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from enlace.access.choices import FieldGroup
from enlace.matching import REASON_CODES, Reason

REASON_LABELS = {
    "given_names_equal": _("Given names are equal"),
    "surnames_joined": _("Surnames are equal when written together"),
    "full_name_ambiguous": _("Name written in one field that can be read another way"),
    "given_names_phonetic": _("Given names sound alike"),
    "given_names_joined": _("Given names are equal when written together"),
    "given_names_reordered": _("Given names are in another order"),
    "given_name_nickname": _("A given name is a nickname"),
    "given_name_initial": _("A given name is an initial"),
    "given_name_missing": _("A given name is missing on one side"),
    "given_name_similar": _("Given names are similar but both are known names"),
    "given_names_differ": _("Given names differ"),
    "given_names_absent": _("No given names on one side"),
    "first_surname_equal": _("First surname is equal"),
    "first_surname_phonetic": _("First surname sounds alike"),
    "first_surname_similar": _("First surnames are similar but both are known names"),
    "first_surname_differs": _("First surname differs"),
    "first_surname_missing": _("First surname is missing on one side"),
    "second_surname_equal": _("Second surname is equal"),
    "second_surname_phonetic": _("Second surname sounds alike"),
    "second_surname_similar": _("Second surnames are similar but both are known names"),
    "second_surname_differs": _("Second surname differs"),
    "second_surname_missing": _("Second surname is missing on one side"),
    "surnames_swapped": _("Surnames are in swapped order"),
    "surnames_absent": _("No surnames on one side"),
    "typo": _("One-letter typo"),
    "surnames_first_order": _("Name written surnames first"),
    "alias": _("Matched an alias"),
    "common_name": _("Common name, a partial match counts less"),
    "given_name_other_form": _(
        "Given names differ but the surnames and the birth date are equal: perhaps another "
        "form of the name"
    ),
    "birth_date_equal": _("Birth date is equal"),
    "birth_year_equal": _("Birth year is equal"),
    "birth_date_day_month_swapped": _("Birth date with day and month swapped"),
    "birth_date_differs": _("Birth date differs"),
    "birth_year_differs": _("Birth year differs"),
    "nationality_equal": _("Nationality is equal"),
    "nationality_differs": _("Nationality differs"),
    "sex_equal": _("Sex is equal"),
    "sex_differs": _("Sex differs"),
    "document_number_equal": _("Document number is equal"),
    "document_number_differs": _("Document number differs, same issuing country"),
}

FIELD_LABELS = {
    "given_names": _("given names"),
    "first_surname": _("first surname"),
    "second_surname": _("second surname"),
    "birth_date": _("birth date"),
    "nationality": _("nationality"),
    "sex": _("sex"),
    "document_number": _("document number"),
    "name": _("name"),
}

# Which law-profile group a reason's detail belongs to, by the field it is about.
FIELD_GROUPS = {
    "given_names": FieldGroup.NAMES,
    "first_surname": FieldGroup.NAMES,
    "second_surname": FieldGroup.NAMES,
    "name": FieldGroup.NAMES,
    "birth_date": FieldGroup.BIRTH_DATES,
    "document_number": FieldGroup.IDENTITY_NUMBERS,
}
# Reasons whose detail is a name whatever field they name.
NAME_CODES = frozenset({"alias", "typo", "surnames_first_order", "common_name"})


CODE_PREFIX_GROUPS = (
    ("given_name", FieldGroup.NAMES),
    ("first_surname", FieldGroup.NAMES),
    ("second_surname", FieldGroup.NAMES),
    ("surnames", FieldGroup.NAMES),
    ("birth_", FieldGroup.BIRTH_DATES),
    ("document_number", FieldGroup.IDENTITY_NUMBERS),
)


def group_of(code: str, field: str = "") -> str | None:
    """The field group a reason's detail reveals, or None (nationality, sex)."""
    if code in NAME_CODES:
        return FieldGroup.NAMES
    if field in FIELD_GROUPS:
        return FIELD_GROUPS[field]
    for prefix, group in CODE_PREFIX_GROUPS:
        if code.startswith(prefix):
            return group
    return None


def reasons_as_data(reasons: Iterable[Reason]) -> list[dict[str, str]]:
    """Reasons as stored on a hit: code, field and detail (the detail as the engine wrote it)."""
    return [
        {"code": reason.code, "field": reason.field, "detail": reason.detail} for reason in reasons
    ]


def reason_label(code: str, field: str = "") -> str:
    """The reason's label in the active language (the engine's English text if unknown)."""
    label = REASON_LABELS.get(code)
    if label is None:
        return REASON_CODES.get(code, code).split(" ({", 1)[0]
    if code == "typo" and field in FIELD_LABELS:
        return f"{label}: {FIELD_LABELS[field]}"
    return str(label)


def reasons_for_reader(reasons: Iterable[dict[str, Any]], hidden: set[str]) -> list[dict]:
    """Reasons as the reader may see them: label in her language, the detail dropped where it
    quotes a field group the owner's law profile withholds from her."""
    shown = []
    for reason in reasons:
        code, field = reason.get("code", ""), reason.get("field", "")
        detail = reason.get("detail", "")
        group = group_of(code, field)
        # A code this module does not know yet may quote anything: withheld when anything is.
        unknown = code not in REASON_LABELS
        if detail and ((group is not None and group in hidden) or (unknown and hidden)):
            detail = ""
        label = reason_label(code, field)
        shown.append(
            {
                "code": code,
                "field": field,
                "detail": detail,
                "label": label,
                "text": f"{label} ({detail})" if detail else label,
            }
        )
    return shown
