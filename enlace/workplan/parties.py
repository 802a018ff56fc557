"""Responsible parties: their codes and their names in Spanish and English.

The plan names parties in words ("Países miembros", "México y OIM", "País sede en
coordinación con la ST"); the importer turns them into codes, pages and exports turn the codes
back into words of the reader's language, which the importer reads again."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from enlace.core.models import MEMBER_STATES, Country, Organization

ALL_MEMBERS = "ALL"
HOST_COUNTRY = "HOST"
PARTICIPATING = "PART"
PRESIDENCY = "PPT"
# Parties the plan names that the core organizations table does not hold (yet).
EXTRA_PARTIES: dict[str, dict[str, str]] = {
    ALL_MEMBERS: {"es": "Países miembros", "en": "Member states"},
    HOST_COUNTRY: {"es": "País sede", "en": "Host country"},
    PARTICIPATING: {"es": "Países participantes", "en": "Participating countries"},
    PRESIDENCY: {"es": "PPT", "en": "PPT"},
    "OAS": {"es": "OEA", "en": "OAS"},
    "SICA": {"es": "SICA", "en": "SICA"},
}
PARTY_CODE = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")


def _language(language: str | None) -> str:
    return "en" if (language or "es").startswith("en") else "es"


@dataclass
class PartyNames:
    """Names of every party, read from the database once per page or export."""

    countries: dict[str, tuple[str, str]] = field(default_factory=dict)
    organizations: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> PartyNames:
        return cls(
            countries={
                iso2: (name_es, name_en)
                for iso2, name_es, name_en in Country.objects.values_list(
                    "iso2", "name_es", "name_en"
                )
            },
            organizations={
                code: (acronym_es or code, acronym_en or acronym_es or code)
                for code, acronym_es, acronym_en in Organization.objects.exclude(
                    kind="national_office"
                ).values_list("code", "acronym_es", "acronym_en")
            },
        )

    def label(self, code: str, language: str | None = None) -> str:
        """ "Países miembros", "México", "OIM" ... in `language` (default Spanish)."""
        index = 1 if _language(language) == "en" else 0
        if code in EXTRA_PARTIES:
            return EXTRA_PARTIES[code][_language(language)]
        # Organizations first: "ST" is the Technical Secretariat here, not São Tomé.
        if code in self.organizations:
            return self.organizations[code][index]
        if code in self.countries:
            return self.countries[code][index]
        return code

    def is_known(self, code: str) -> bool:
        return code in EXTRA_PARTIES or code in self.countries or code in self.organizations

    def sentence(self, codes: list[str], language: str | None = None) -> str:
        """ "Países miembros y OIM", "Mexico and IOM": the parties as the plan writes them."""
        names = [self.label(code, language) for code in codes]
        if len(names) <= 1:
            return "".join(names)
        conjunction = " and " if _language(language) == "en" else " y "
        return ", ".join(names[:-1]) + conjunction + names[-1]

    def choices(self, language: str | None = None) -> list[tuple[str, str]]:
        """The parties an editor picks from: all member states, then each member state,
        then the host country and the organizations."""
        members = sorted(
            (code for code in MEMBER_STATES if code in self.countries),
            key=lambda code: self.label(code, language),
        )
        organizations = sorted(
            (code for code in self.organizations if code not in EXTRA_PARTIES),
            key=lambda code: self.label(code, language),
        )
        extras = [code for code in EXTRA_PARTIES if code not in (ALL_MEMBERS, HOST_COUNTRY)]
        return [
            (code, self.label(code, language))
            for code in [ALL_MEMBERS, *members, HOST_COUNTRY, *organizations, *extras]
        ]


def party_matches(party: str, code: str, *, presidency: str | None = None) -> bool:
    """Does an activity whose responsible party is `party` concern `code` (a member state's
    ISO2 or an organization's code)? Every member state is concerned by ALL; the country
    holding the pro-tempore presidency by PPT."""
    if party == code:
        return True
    if party == ALL_MEMBERS and code in MEMBER_STATES:
        return True
    return party == PRESIDENCY and presidency is not None and code == presidency
