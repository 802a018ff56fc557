"""Why a traveller matched a watchlist identity: stable machine codes with English texts.

Every Match carries Reasons. A reason is a code from REASON_CODES, the field it is about (when
it is about one) and a detail (the two spellings compared, the two dates ...). The codes are
an interface: the Django side translates them and tests pin them, so a code is never renamed or
reused with another meaning; new evidence gets a new code. ``Reason.text`` is the default
English text, used by the `enlace screen` CSV output.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["FIELD_TEXTS", "REASON_CODES", "Reason"]

# code → English text; {field} and {detail} are filled in from the reason.
REASON_CODES = MappingProxyType(
    {
        # given names
        "given_names_equal": "Given names are equal",
        "given_names_phonetic": "Given names sound alike ({detail})",
        "given_names_joined": "Given names are equal when written together ({detail})",
        "given_names_reordered": "Given names are in another order ({detail})",
        "given_name_nickname": "Given name is a nickname ({detail})",
        "given_name_initial": "Given name is an initial ({detail})",
        "given_name_missing": "A given name is missing on one side ({detail})",
        "given_name_similar": "Given names are similar but both are known names ({detail})",
        "given_names_differ": "Given names differ ({detail})",
        "given_names_absent": "No given names on one side",
        "given_name_other_form": (
            "Given names differ but the surnames and the birth date are equal: perhaps "
            "another form of the name ({detail})"
        ),
        # surnames
        "first_surname_equal": "First surname is equal",
        "first_surname_phonetic": "First surname sounds alike ({detail})",
        "first_surname_similar": "First surnames are similar but both are known names ({detail})",
        "first_surname_differs": "First surname differs ({detail})",
        "first_surname_missing": "First surname is missing on one side ({detail})",
        "second_surname_equal": "Second surname is equal",
        "second_surname_phonetic": "Second surname sounds alike ({detail})",
        "second_surname_similar": "Second surnames are similar but both are known names ({detail})",
        "second_surname_differs": "Second surname differs ({detail})",
        "second_surname_missing": "Second surname is missing on one side ({detail})",
        "surnames_swapped": "Surnames are in swapped order",
        "surnames_joined": "Surnames are equal when written together ({detail})",
        "surnames_absent": "No surnames on one side",
        "typo": "One-letter typo in the {field} ({detail})",
        # how the name was read
        "surnames_first_order": "Name written surnames first",
        "full_name_ambiguous": "Name written in one field that can be read another way",
        "alias": "Matched the alias {detail}",
        "common_name": "Common name, a partial match counts less ({detail})",
        # other evidence
        "birth_date_equal": "Birth date is equal",
        "birth_year_equal": "Birth year is equal",
        "birth_date_day_month_swapped": "Birth date with day and month swapped ({detail})",
        "birth_date_differs": "Birth date differs ({detail})",
        "birth_year_differs": "Birth year differs ({detail})",
        "nationality_equal": "Nationality is equal ({detail})",
        "nationality_differs": "Nationality differs ({detail})",
        "sex_equal": "Sex is equal",
        "sex_differs": "Sex differs ({detail})",
        "document_number_equal": "Document number is equal",
        "document_number_differs": "Document number differs, same issuing country ({detail})",
    }
)

FIELD_TEXTS = MappingProxyType(
    {
        "given_names": "given names",
        "first_surname": "first surname",
        "second_surname": "second surname",
        "birth_date": "birth date",
        "nationality": "nationality",
        "sex": "sex",
        "document_number": "document number",
        "name": "name",
    }
)


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence for or against a match (code from REASON_CODES)."""

    code: str
    field: str = ""
    detail: str = ""

    @property
    def text(self) -> str:
        """Default English text of the reason, with its field and detail filled in."""
        template = REASON_CODES.get(self.code, self.code)
        return template.format(field=FIELD_TEXTS.get(self.field, self.field), detail=self.detail)
