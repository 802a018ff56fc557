"""Demo watchlist: a few hundred fictitious entries across the member states (most shared with
the network, some with selected states, some national), a few expired or due for review, and
Costa Rica's "José Guadalupe Hernández Ulloa", born 1979-03-04, shared with the network: the
person the acceptance scenario finds in a Guatemalan manifest.

Idempotent: entries carry fixed references (`<ISO2>-DEMO-NNNN`); running the demo again adds
only those missing. Every person here is invented."""

from __future__ import annotations

import random
from datetime import date, timedelta

from enlace.accounts.actors import CountryActor
from enlace.core.models import MEMBER_STATES

from .models import WatchlistEntry
from .services import entries_create_many

DEFAULT_ENTRIES = 300
GIVEN_M = [
    "José",
    "Juan",
    "Luis",
    "Carlos",
    "Jorge",
    "Miguel",
    "Francisco",
    "Pedro",
    "Ernesto",
    "Wilmer",
    "Kevin",
    "Óscar",
    "Juan Carlos",
    "José Luis",
    "Mario",
    "Edgar",
    "Byron",
    "Marvin",
    "Héctor",
    "Ricardo",
]
GIVEN_F = [
    "María",
    "Ana",
    "Rosa",
    "Lucía",
    "Carmen",
    "Sofía",
    "Daniela",
    "Guadalupe",
    "Fernanda",
    "Yesenia",
    "Keila",
    "María José",
    "Ana Gabriela",
    "Dayana",
]
SURNAMES = [
    "Pérez",
    "López",
    "García",
    "Hernández",
    "Martínez",
    "Rodríguez",
    "Ramírez",
    "Flores",
    "Castillo",
    "Morales",
    "Reyes",
    "Cruz",
    "Mejía",
    "Aguilar",
    "Solano",
    "Vargas",
    "Quesada",
    "Chávez",
    "Orellana",
    "Cojtí",
    "De la Cruz",
    "Villalobos",
    "Ulloa",
    "Alvarado",
    "Pineda",
    "Zelaya",
    "Cabrera",
    "Santos",
    "Batres",
    "Sosa",
]
LEGAL_BASES = {
    "child_sexual_exploitation": "Sentencia firme por explotación sexual de personas menores "
    "de edad; prohibición de ingreso.",
    "trafficking": "Orden de captura vigente por trata de personas.",
    "smuggling": "Condena por tráfico ilícito de migrantes; impedimento de entrada.",
    "other": "Resolución administrativa de impedimento de ingreso.",
}
CATEGORY_WEIGHTS = [
    ("child_sexual_exploitation", 4),
    ("trafficking", 3),
    ("smuggling", 3),
    ("other", 1),
]
# The person of the acceptance scenario (docs/screening.md).
SCENARIO_ENTRY = {
    "reference": "CR-DEMO-0001",
    "category": "child_sexual_exploitation",
    "legal_basis": "Sentencia 2019-000345 del Tribunal Penal de San José por explotación "
    "sexual comercial de personas menores de edad; impedimento de ingreso "
    "(Ley 8764, art. 65).",
    "given_names": "José Guadalupe",
    "first_surname": "Hernández",
    "second_surname": "Ulloa",
    "aliases": ["Lupe Hernández"],
    "birth_date": date(1979, 3, 4),
    "nationalities": ["CR"],
    "sex": "M",
    "documents": [("CR", "112340567")],
    "notes": "Ficticio (demostración).",
    "audience": "network",
    "handling_code": "H1",
}


def _entry(rng: random.Random, owner: str, number: int, today: date) -> dict:
    male = rng.random() < 0.85
    category = rng.choices(
        [code for code, _weight in CATEGORY_WEIGHTS],
        weights=[weight for _code, weight in CATEGORY_WEIGHTS],
    )[0]
    birth = date(1955, 1, 1) + timedelta(days=rng.randint(0, 365 * 45))
    nationality = owner if rng.random() < 0.7 else rng.choice(MEMBER_STATES)
    roll = rng.random()
    audience = "network" if roll < 0.6 else "selected" if roll < 0.8 else "national"
    expired = rng.random() < 0.05
    return {
        "reference": f"{owner}-DEMO-{number:04d}",
        "category": category,
        "legal_basis": LEGAL_BASES[category],
        "valid_until": today - timedelta(days=rng.randint(1, 200))
        if expired
        else today + timedelta(days=rng.randint(10, 365 * 5)),
        "given_names": rng.choice(GIVEN_M if male else GIVEN_F),
        "first_surname": rng.choice(SURNAMES),
        "second_surname": rng.choice(SURNAMES) if rng.random() < 0.9 else "",
        "aliases": [],
        "birth_date": birth if rng.random() < 0.9 else None,
        "nationalities": [nationality],
        "sex": "M" if male else "F",
        "documents": [(nationality, f"{rng.randint(100000000, 999999999)}")]
        if rng.random() < 0.6
        else [],
        "notes": "Ficticio (demostración).",
        "audience": audience,
        "shared_with": rng.sample([code for code in MEMBER_STATES if code != owner], 3)
        if audience == "selected"
        else [],
        "handling_code": rng.choice(["H0", "H1", "H2"]),
        "last_reviewed": today - timedelta(days=rng.randint(0, 420)),
    }


def populate(*, rng: random.Random, users: dict, options: dict | None = None) -> None:
    """Add the demo entries that are missing (about DEFAULT_ENTRIES across the member
    states, Costa Rica's scenario entry first)."""
    wanted = (options or {}).get("watchlist") or DEFAULT_ENTRIES
    today = date.today()
    existing = set(
        WatchlistEntry.objects.filter(reference__contains="-DEMO-").values_list(
            "owner_country_id", "reference"
        )
    )
    per_country = max(1, wanted // len(MEMBER_STATES))
    for owner in MEMBER_STATES:
        items = []
        if owner == "CR":
            items.append({**SCENARIO_ENTRY, "valid_until": today + timedelta(days=3 * 365)})
        for number in range(2 if owner == "CR" else 1, per_country + 1):
            items.append(_entry(rng, owner, number, today))
        missing = [item for item in items if (owner, item["reference"]) not in existing]
        for item in missing:
            # expired demo entries are created valid and then dated back, as time would
            item["_expired_until"] = item["valid_until"] if item["valid_until"] < today else None
            if item["_expired_until"]:
                item["valid_until"] = today
        if not missing:
            continue
        created = entries_create_many(
            actor=CountryActor(owner),
            items=[
                {key: value for key, value in item.items() if not key.startswith("_")}
                for item in missing
            ],
            audit=False,
        )
        for entry, item in zip(created, missing, strict=True):
            if item["_expired_until"]:
                WatchlistEntry.objects.filter(pk=entry.pk).update(
                    valid_until=item["_expired_until"]
                )
