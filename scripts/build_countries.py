"""Build enlace/core/data/countries.csv and subregions.csv (run by developers, not at runtime).

Sources, all from registry packages so the data is traceable rather than hand-typed:
- pycountry: the ISO 3166-1 list (alpha-2, alpha-3, numeric), 249 countries;
- Babel (Unicode CLDR): the Spanish and English short names;
- country_converter's country_data.tsv: UN M49 sub-regions (read as a plain TSV; the
  package's pandas loader reads Namibia's "NA" as a missing value).

Mapping of M49 sub-regions to the 8 sub-regions Enlace reports on:
- Northern America -> north_america; Mexico too, which M49 puts in Central America but the
  CRM groups with Canada and the United States ("Norteamérica");
- Central America -> central_america; Caribbean -> caribbean; South America -> south_america;
- every African, Asian and European sub-region -> africa, asia, europe;
- Australia and New Zealand, Melanesia, Micronesia, Polynesia -> oceania.
Territories M49 leaves without a sub-region get an explicit choice in UNPLACED below.

Usage: pip install country-converter && python scripts/build_countries.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from babel import Locale

MEMBER_STATES = {"BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"}
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
    "Northern America": "north_america", "Central America": "central_america",
    "Caribbean": "caribbean", "South America": "south_america",
    "Australia and New Zealand": "oceania", "Melanesia": "oceania", "Micronesia": "oceania",
    "Polynesia": "oceania",
}
OVERRIDES = {"MX": "north_america"}  # the CRM groups Mexico with North America
# Territories without an M49 sub-region: nearest inhabited region, or Oceania for the
# southern-ocean territories administered from there.
UNPLACED = {"AQ": "oceania", "BV": "europe", "HM": "oceania", "TF": "africa",
            "GS": "south_america", "UM": "oceania", "TW": "asia", "IO": "asia",
            "CX": "oceania", "CC": "oceania"}


def m49_subregions() -> dict[str, str]:
    import country_converter

    path = Path(country_converter.__file__).with_name("country_data.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        # keyed by alpha-3: the ISO2 column sometimes holds a regular expression (^GB$|^UK$)
        return {row["ISO3"]: row["UNregion"] for row in rows if row["ISO3"]}


def subregion_of(iso2: str, iso3: str, m49: dict[str, str]) -> str:
    if iso2 in OVERRIDES:
        return OVERRIDES[iso2]
    region = m49.get(iso3, "")
    if region in M49_TO_SUBREGION:
        return M49_TO_SUBREGION[region]
    for word, code in (("Africa", "africa"), ("Asia", "asia"), ("Europe", "europe")):
        if word in region:
            return code
    if iso2 in UNPLACED:
        return UNPLACED[iso2]
    raise SystemExit(f"no sub-region for {iso2} (M49: {region!r}): add it to UNPLACED")


def main() -> None:
    out = Path(__file__).resolve().parents[1] / "enlace" / "core" / "data"
    out.mkdir(parents=True, exist_ok=True)
    spanish, english = Locale("es").territories, Locale("en").territories
    m49 = m49_subregions()
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        iso2 = country.alpha_2
        member = iso2 in MEMBER_STATES
        rows.append({
            "iso2": iso2, "iso3": country.alpha_3, "numeric": country.numeric,
            "name_es": spanish.get(iso2, country.name), "name_en": english.get(iso2, country.name),
            "member_state": "1" if member else "0", "region": "intra" if member else "extra",
            "subregion": subregion_of(iso2, country.alpha_3, m49),
        })
    with (out / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with (out / "subregions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "label_es", "label_en", "order"])
        for order, (code, label_es, label_en) in enumerate(SUBREGIONS, start=1):
            writer.writerow([code, label_es, label_en, order])
    print(f"{len(rows)} countries written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
