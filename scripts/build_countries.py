"""Build enlace/core/data/countries.csv, subregions.csv and organizations.csv.

Run by developers when a source package changes, never at run time: the data migrations
load the CSV files, and country_converter is a build-time tool only (it is not a dependency
of the application).

Usage:
    .venv/bin/pip install country-converter
    .venv/bin/python scripts/build_countries.py

Sources, all registry packages, so the data is traceable rather than hand-typed:
- pycountry: the ISO 3166-1 list (alpha-2, alpha-3, numeric), 249 countries and territories;
- Babel (Unicode CLDR): the short names. Spanish comes from `es_419` (Latin American Spanish),
  the CLDR variant the officials of the region write: "Costa de Marfil", "Arabia Saudita",
  "Rumania", "Timor Oriental" rather than Spain's "Côte d'Ivoire", "Arabia Saudí"... English
  comes from `en`, with two normalizations for an official register: CLDR's "&" becomes "and"
  and "St." becomes "Saint" ("Saint Kitts and Nevis", not "St. Kitts & Nevis"), plus the few
  ENGLISH_NAMES below where CLDR's everyday name reads badly in an official list. pycountry's
  name is the fallback when CLDR has none (none is missing with Babel 2.18);
- country_converter's country_data.tsv: the UN M49 sub-region of each country (column
  UNregion). It is read as a plain TSV because the package's pandas loader reads Namibia's
  ISO2 "NA" as a missing value; rows are keyed by alpha-3 because the ISO2 column sometimes
  holds a regular expression.

Mapping of M49 sub-regions to the 8 sub-regions Enlace reports on:
- Northern America -> north_america;
- Central America -> central_america, EXCEPT Mexico: M49 puts it in Central America, but the
  CRM groups it with Canada and the United States as North America, so OVERRIDES puts MX in
  north_america (Central America is then the 7 SICA isthmus states: BZ CR SV GT HN NI PA);
- Caribbean -> caribbean; South America -> south_america;
- every African sub-region (Northern, Western, Middle, Eastern, Southern Africa) -> africa;
- every Asian sub-region (Western, Central, Southern, South-eastern, Eastern Asia) -> asia;
- every European sub-region (Northern, Western, Southern, Eastern Europe) -> europe;
- Australia and New Zealand, Melanesia, Micronesia, Polynesia -> oceania.

Territories M49 leaves without a sub-region get an explicit choice in UNPLACED. With
country_converter 1.3.2 only Antarctica (AQ, M49 "Antarctica") is unplaced. AQ -> oceania: it has
no permanent population and is never a country of origin, so the choice only needs to be
stable; Oceania keeps it with Heard and McDonald Islands (HM), the other Antarctic territory
M49 attaches to that region. The remote territories one might expect to be unplaced are placed
by M49 itself, and we keep its choice: BV Bouvet Island and GS South Georgia -> South America;
HM, CX Christmas Island, CC Cocos Islands -> Australia and New Zealand (oceania); UM US Minor
Outlying Islands -> Micronesia (oceania); TF French Southern Territories and IO British Indian
Ocean Territory -> Eastern Africa (africa); TW Taiwan -> Eastern Asia (asia). Kosovo (XK) is
not in ISO 3166-1 and is not listed. If a future country_converter leaves another country
without a sub-region the script stops and names it, so that someone decides; it never guesses.

organizations.csv (code, names, acronyms, kind, country):
- the 11 national liaison offices, one per member state, code `<ISO2>-NLO`, named from the
  CLDR names above ("Oficina Nacional de Enlace de Costa Rica" / "National Liaison Office of
  Costa Rica"), in the CRM's order of its members (alphabetical in Spanish);
- the Technical Secretariat (ST) with NO country: it serves the whole Conference. Its seat is
  in San José, but binding it to Costa Rica would make it a Costa Rican organization for every
  country-scoped rule (a Costa Rican national administrator managing its users, the Costa
  Rican auditor reading its trail), which is wrong;
- the observers IOM/OIM, UNHCR/ACNUR, UNICEF, UNODC, ILO/OIT and the civil-society network RROCM,
  likewise regional, with no country. Acronyms follow each organization's own Spanish and
  English usage (the UI shows the Spanish one in both languages, as the network does).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from babel import Locale

OUT = Path(__file__).resolve().parents[1] / "enlace" / "core" / "data"

# In the CRM's own order (alphabetical by Spanish name), which is the order of national offices.
MEMBER_STATES = ("BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO")

SUBREGIONS = [
    ("central_america", "Centroamérica", "Central America"),
    ("north_america", "Norteamérica", "North America"),
    ("caribbean", "Caribe", "Caribbean"),
    ("south_america", "Sudamérica", "South America"),
    ("africa", "África", "Africa"),
    ("asia", "Asia", "Asia"),
    ("europe", "Europa", "Europe"),
    ("oceania", "Oceanía", "Oceania"),
]
M49_TO_SUBREGION = {
    "Northern America": "north_america",
    "Central America": "central_america",
    "Caribbean": "caribbean",
    "South America": "south_america",
    "Northern Africa": "africa",
    "Western Africa": "africa",
    "Middle Africa": "africa",
    "Eastern Africa": "africa",
    "Southern Africa": "africa",
    "Western Asia": "asia",
    "Central Asia": "asia",
    "Southern Asia": "asia",
    "South-eastern Asia": "asia",
    "Eastern Asia": "asia",
    "Northern Europe": "europe",
    "Western Europe": "europe",
    "Southern Europe": "europe",
    "Eastern Europe": "europe",
    "Australia and New Zealand": "oceania",
    "Melanesia": "oceania",
    "Micronesia": "oceania",
    "Polynesia": "oceania",
}
OVERRIDES = {"MX": "north_america"}  # the CRM groups Mexico with Canada and the United States
UNPLACED = {"AQ": "oceania"}  # M49 gives Antarctica no sub-region; see the module docstring

# English names where CLDR's everyday form does not suit an official list.
ENGLISH_NAMES = {
    "CD": "Democratic Republic of the Congo",  # CLDR: "Congo - Kinshasa"
    "CG": "Republic of the Congo",  # CLDR: "Congo - Brazzaville"
    "VC": "Saint Vincent and the Grenadines",  # CLDR: "St. Vincent & Grenadines"
    "GS": "South Georgia and the South Sandwich Islands",  # CLDR: "... & South Sandwich ..."
}
SPANISH_ARTICLES = {"US": "los ", "DO": "la "}
ENGLISH_ARTICLES = {"US": "the ", "DO": "the "}

REGIONAL_ORGANIZATIONS = [
    # code, name_es, name_en, acronym_es, acronym_en, kind
    (
        "ST",
        "Secretaría Técnica de la Conferencia Regional sobre Migración",
        "Technical Secretariat of the Regional Conference on Migration",
        "ST",
        "ST",
        "secretariat",
    ),
    (
        "IOM",
        "Organización Internacional para las Migraciones",
        "International Organization for Migration",
        "OIM",
        "IOM",
        "observer",
    ),
    (
        "UNHCR",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "United Nations High Commissioner for Refugees",
        "ACNUR",
        "UNHCR",
        "observer",
    ),
    (
        "UNICEF",
        "Fondo de las Naciones Unidas para la Infancia",
        "United Nations Children's Fund",
        "UNICEF",
        "UNICEF",
        "observer",
    ),
    (
        "UNODC",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
        "United Nations Office on Drugs and Crime",
        "UNODC",
        "UNODC",
        "observer",
    ),
    (
        "ILO",
        "Organización Internacional del Trabajo",
        "International Labour Organization",
        "OIT",
        "ILO",
        "observer",
    ),
    (
        "RROCM",
        "Red Regional de Organizaciones Civiles para las Migraciones",
        "Regional Network of Civil Organizations for Migration",
        "RROCM",
        "RROCM",
        "civil_society",
    ),
]


def m49_subregions() -> dict[str, str]:
    """Alpha-3 -> M49 sub-region name, from country_converter's data file."""
    try:
        import country_converter
    except ImportError:
        raise SystemExit(
            "country_converter is needed to build: .venv/bin/pip install country-converter"
        ) from None
    path = Path(country_converter.__file__).with_name("country_data.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["ISO3"]: row["UNregion"] for row in rows if row["ISO3"]}


def subregion_of(iso2: str, iso3: str, m49: dict[str, str]) -> str:
    if iso2 in OVERRIDES:
        return OVERRIDES[iso2]
    region = m49.get(iso3, "")
    if region in M49_TO_SUBREGION:
        return M49_TO_SUBREGION[region]
    if iso2 in UNPLACED:
        return UNPLACED[iso2]
    raise SystemExit(
        f"no sub-region for {iso2} (M49: {region!r}): decide and add it to "
        "UNPLACED, documenting why"
    )


def english_name(iso2: str, cldr: str | None, fallback: str) -> str:
    if iso2 in ENGLISH_NAMES:
        return ENGLISH_NAMES[iso2]
    if not cldr:
        return fallback
    return cldr.replace(" & ", " and ").replace("St. ", "Saint ")


def country_rows() -> list[dict[str, str]]:
    spanish, english = Locale.parse("es_419").territories, Locale("en").territories
    m49 = m49_subregions()
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        iso2 = country.alpha_2
        member = iso2 in MEMBER_STATES
        fallback = getattr(country, "common_name", country.name)
        rows.append(
            {
                "iso2": iso2,
                "iso3": country.alpha_3,
                "numeric": country.numeric,
                "name_es": spanish.get(iso2) or fallback,
                "name_en": english_name(iso2, english.get(iso2), fallback),
                "member_state": "1" if member else "0",
                "region": "intra" if member else "extra",
                "subregion": subregion_of(iso2, country.alpha_3, m49),
            }
        )
    return rows


def organization_rows(countries: dict[str, dict[str, str]]) -> list[list[str]]:
    rows = []
    for iso2 in MEMBER_STATES:
        name_es = SPANISH_ARTICLES.get(iso2, "") + countries[iso2]["name_es"]
        name_en = ENGLISH_ARTICLES.get(iso2, "") + countries[iso2]["name_en"]
        rows.append(
            [
                f"{iso2}-NLO",
                f"Oficina Nacional de Enlace de {name_es}",
                f"National Liaison Office of {name_en}",
                "",
                "",
                "national_office",
                iso2,
            ]
        )
    rows.extend([*organization, ""] for organization in REGIONAL_ORGANIZATIONS)
    return rows


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    countries = country_rows()
    header = list(countries[0])
    write("countries.csv", header, [[row[column] for column in header] for row in countries])
    write(
        "subregions.csv",
        ["code", "label_es", "label_en", "order"],
        [
            [code, label_es, label_en, str(order)]
            for order, (code, label_es, label_en) in enumerate(SUBREGIONS, start=1)
        ],
    )
    organizations = organization_rows({row["iso2"]: row for row in countries})
    write(
        "organizations.csv",
        ["code", "name_es", "name_en", "acronym_es", "acronym_en", "kind", "country_iso2"],
        organizations,
    )
    counts: dict[str, int] = {}
    for row in countries:
        counts[row["subregion"]] = counts.get(row["subregion"], 0) + 1
    print(
        f"{len(countries)} countries, {len(SUBREGIONS)} sub-regions "
        f"({', '.join(f'{code} {counts.get(code, 0)}' for code, _es, _en in SUBREGIONS)}), "
        f"{len(organizations)} organizations written to {OUT}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
