"""Name pools from sources the matching engine does not use.

Two independent populations of the region and of the migrants who cross it:

- `names_dataset`: the `names-dataset` package (Remy, 2021: first and last names with their
  rank per country, compiled from a large public social-network dump). The k-th name of a
  country keeps its published rank and gets weight 1 / k^1.05, a Zipf law over the real order.
- `faker`: the person providers of Faker's locales (name lists compiled by Faker's
  contributors per locale). Lists without published weights get Zipf weights over a seeded
  random order; lists with weights (en_US, es_CO) keep them.

Each origin says how its people are written in the region's documents: Hispanic origins carry
two surnames (some people only one), everyone else one family name. Nothing here reads
`enlace.matching` or its data files.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]+$")


@dataclass
class Pool:
    """One origin: weighted given names by sex, weighted surnames, how its names are written."""

    origin: str
    nationalities: tuple[str, ...]
    share: float  # of the population
    given: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # "M"/"F" -> names
    surnames: list[tuple[str, float]] = field(default_factory=list)
    hispanic: bool = False  # two surnames, Spanish hypocorisms and diminutives


# Origins and their share of the population screened in the region: mostly the member states'
# own nationals, then the extra-regional migrants as the region's documents write them.
ORIGINS = {
    "hispanic": 0.72,
    "english_creole": 0.09,
    "french_haitian": 0.05,
    "chinese": 0.03,
    "south_asian": 0.04,
    "arabic": 0.03,
    "west_african": 0.04,
}

_NAMES_DATASET_COUNTRIES = {
    "hispanic": ("MX", "GT", "HN", "SV", "CR", "PA", "CO", "EC"),
    "english_creole": ("US", "CA"),
    "french_haitian": ("HT",),
    "chinese": ("CN",),
    "south_asian": ("IN", "BD"),
    "arabic": ("EG", "MA"),
    "west_african": ("NG", "GH", "CM"),
}

_FAKER_LOCALES = {
    "hispanic": (
        ("es_MX", "MX"),
        ("es_CO", "CO"),
        ("es_ES", "ES"),
        ("es_CL", "CL"),
        ("es_AR", "AR"),
    ),
    "english_creole": (("en_US", "US"), ("en_CA", "CA"), ("en_GB", "BZ")),
    "french_haitian": (("fr_FR", "HT"), ("fr_CA", "HT")),
    "chinese": (("zh_CN", "CN"),),
    "south_asian": (("en_IN", "IN"), ("en_PK", "PK")),
    "arabic": (("fr_DZ", "DZ"),),
    "west_african": (("yo_NG", "NG"), ("ha_NG", "NG"), ("en_NG", "NG"), ("tw_GH", "GH")),
}


def _clean(names) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        name = " ".join(str(name).split())
        if all(_LATIN.match(word) for word in name.split()) and len(name) >= 2:
            seen.setdefault(name.title() if name.isupper() else name, None)
    return list(seen)


def _zipf(names: list[str], exponent: float = 1.05) -> list[tuple[str, float]]:
    return [(name, 1.0 / (rank**exponent)) for rank, name in enumerate(names, start=1)]


def _names_dataset_lists(size: int) -> dict:
    """The top names per country, read once (loading the package takes ~20 s and 2 GB)."""
    cache = OUT / f"names_dataset_top{size}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from names_dataset import NameDataset

    dataset = NameDataset()
    lists = {}
    for countries in _NAMES_DATASET_COUNTRIES.values():
        for country in countries:
            given = dataset.get_top_names(n=size, country_alpha2=country)[country]
            surnames = dataset.get_top_names(n=size, country_alpha2=country, use_first_names=False)[
                country
            ]
            lists[country] = {
                "M": given.get("M", []),
                "F": given.get("F", []),
                "surnames": surnames,
            }
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(lists, ensure_ascii=False), encoding="utf-8")
    return lists


def names_dataset_pools(size: int = 1000) -> list[Pool]:
    lists = _names_dataset_lists(size)
    pools = []
    for origin, countries in _NAMES_DATASET_COUNTRIES.items():
        for country in countries:
            entry = lists[country]
            pools.append(
                Pool(
                    origin=origin,
                    nationalities=(country,),
                    share=ORIGINS[origin] / len(countries),
                    given={sex: _zipf(_clean(entry[sex])) for sex in ("M", "F")},
                    surnames=_zipf(
                        [
                            name
                            for name in _clean(entry["surnames"])
                            if name.lower() not in {"de", "del", "la", "el", "da"}
                        ]
                    ),
                    hispanic=origin == "hispanic",
                )
            )
    return pools


def _faker_list(provider, attribute: str, rng: random.Random) -> list[tuple[str, float]]:
    values = getattr(provider, attribute, None)
    if values is None:
        return []
    if isinstance(values, dict):  # published weights
        weighted = [(name, float(weight)) for name, weight in values.items()]
        kept = set(_clean(name for name, _weight in weighted))
        return sorted(
            ((name, weight) for name, weight in weighted if name in kept), key=lambda item: -item[1]
        )
    names = _clean(values)
    rng.shuffle(names)
    return _zipf(names)


def faker_pools(seed: int = 7) -> list[Pool]:
    from faker import Faker

    rng = random.Random(seed)
    pools = []
    for origin, locales in _FAKER_LOCALES.items():
        for locale, country in locales:
            person = Faker(locale).provider("faker.providers.person")
            if locale == "zh_CN":  # romanized, as Central American documents write them
                given = _zipf(_clean(person.first_romanized_names))
                surnames = _zipf(_clean(person.last_romanized_names))
                given_by_sex = {"M": given, "F": given}
            else:
                fallback = _faker_list(person, "first_names", rng)
                given_by_sex = {
                    "M": _faker_list(person, "first_names_male", rng) or fallback,
                    "F": _faker_list(person, "first_names_female", rng) or fallback,
                }
                surnames = _faker_list(person, "last_names", rng)
            if not surnames or not all(given_by_sex.values()):
                continue
            pools.append(
                Pool(
                    origin=origin,
                    nationalities=(country,),
                    share=ORIGINS[origin] / len(locales),
                    given=given_by_sex,
                    surnames=surnames,
                    hispanic=origin == "hispanic",
                )
            )
    return pools


SOURCES = {"names_dataset": names_dataset_pools, "faker": faker_pools}
