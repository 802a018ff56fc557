"""Synthetic demo cases: extra-regional smuggling through Panama, Costa Rica, Nicaragua,
Honduras, Guatemala and Mexico towards the US and Canada; intra-regional trafficking for sexual
and labour exploitation; child victims; false documents; some shared. Seeded: the same seed
gives the same cases."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise

from enlace.accounts.actors import CountryActor
from enlace.cases.models import Case
from enlace.cases.serializers import CaseSerializer
from enlace.cases.services import cases_create_many

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
    "Valeria",
    "Yesenia",
    "Keila",
]
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
]
EXTRA_ORIGINS = ["CU", "HT", "VE", "EC", "CO", "IN", "CN", "CM", "SN", "BD", "NP"]
SMUGGLING_PATH = ["PA", "CR", "NI", "HN", "GT", "MX", "US"]
AGENCIES = {
    "CR": "Dirección General de Migración y Extranjería",
    "MX": "Instituto Nacional de Migración",
    "GT": "Policía Nacional Civil",
    "US": "Homeland Security Investigations",
    "PA": "Servicio Nacional de Migración",
    "HN": "Instituto Nacional de Migración",
    "SV": "Policía Nacional Civil",
    "NI": "Policía Nacional",
    "BZ": "Belize Police Department",
    "CA": "Royal Canadian Mounted Police",
    "DO": "Dirección General de Migración",
}


def _person(rng: random.Random, role: str, nationality: str, minor: bool = False) -> dict:
    female = rng.random() < (0.8 if role == "victim" else 0.3)
    return {
        "role": role,
        "given_names": rng.choice(GIVEN_F if female else GIVEN_M),
        "first_surname": rng.choice(SURNAMES),
        "second_surname": rng.choice(SURNAMES),
        "sex": "F" if female else "M",
        "age": rng.randint(12, 17) if minor else rng.randint(18, 55),
        "nationalities": [nationality],
    }


def demo_case(rng: random.Random, owner: str, day: date) -> dict:
    if rng.random() < 0.55:
        origin = rng.choice(EXTRA_ORIGINS)
        start = rng.randint(0, 3)
        end = rng.randint(
            max(
                start + 2, SMUGGLING_PATH.index(owner) + 1 if owner in SMUGGLING_PATH else start + 2
            ),
            len(SMUGGLING_PATH),
        )
        path = [origin, *SMUGGLING_PATH[start:end]]
        migrants = rng.randint(1, 40)
        return {
            "reporting_agency": AGENCIES[owner],
            "date_identified": day.isoformat(),
            "case_type": "smuggling",
            "summary": "Grupo de migrantes extrarregionales detectado en tránsito",
            "modus_operandi_tags": rng.sample(
                ["blind_spots", "vehicle_concealment", "safe_houses", "false_documents"], 2
            ),
            "group_incident": {
                "migrants": migrants,
                "deaths": int(rng.random() < 0.05),
                "injuries": rng.randint(0, 2),
                "rescues": migrants,
            },
            "route": [
                {
                    "from_country": a,
                    "to_country": b,
                    "transport_mode": rng.choice(
                        ["on_foot", "bus", "truck_trailer", "small_vessel"]
                    ),
                    "crossing_type": rng.choice(["official_port", "irregular_crossing"]),
                    "fee_amount": str(rng.randint(200, 4000)),
                    "fee_currency": "USD",
                }
                for a, b in pairwise(path)
            ],
            "persons": [_person(rng, "smuggled_migrant", origin) for _ in range(rng.randint(1, 3))]
            + [_person(rng, "suspect", owner)],
            "documents_used": [
                {
                    "person": 0,
                    "document_type": "passport",
                    "issuing_country": origin,
                    "nature": rng.choice(["genuine", "counterfeit", "forged", "impostor"]),
                }
            ],
        }
    origin = rng.choice(["GT", "HN", "SV", "NI", "DO", "MX"])
    minor = rng.random() < 0.3
    exploitation = rng.choice(["SexualExploitation", "ForcedLabour", "ForcedBegging"])
    return {
        "reporting_agency": AGENCIES[owner],
        "date_identified": day.isoformat(),
        "case_type": "trafficking",
        "summary": "Víctima captada con oferta de empleo falsa"
        if exploitation != "ForcedBegging"
        else "Niña, niño o adolescente en mendicidad forzada",
        "exploitation_types": [exploitation],
        "methods_of_control": rng.sample(
            [
                "DebtBondage",
                "WithholdsDocuments",
                "FalsePromises",
                "PsychologicalAbuse",
                "RestrictsMovement",
            ],
            2,
        ),
        "recruitment_methods": [
            rng.choice(["ThroughOnlineSocialNetworks", "ThroughFriendsOrSocialEvents", "AtWork"])
        ],
        "modus_operandi_tags": ["false_job_offer", "social_media"],
        "route": [{"from_country": origin, "to_country": owner, "transport_mode": "bus"}]
        if origin != owner
        else [],
        "persons": [_person(rng, "victim", origin, minor), _person(rng, "suspect", owner)],
        "justice": [{"stage": "investigation", "date": day.isoformat()}],
        "assistance": [{"assistance_type": "shelter", "date": day.isoformat()}],
    }


DEFAULT_CASES = 3000
CHUNK = 2000


def populate(*, rng: random.Random, users: dict, options: dict | None = None) -> None:
    """Top the demo up to `options["cases"]` cases (default 3,000), in bulk."""
    wanted = (options or {}).get("cases") or DEFAULT_CASES
    missing = wanted - Case.objects.count()
    owners = ["CR", "MX", "GT", "US", "PA", "HN", "SV", "NI", "BZ", "CA", "DO"]
    start = date.today() - timedelta(days=730)
    through = Case.shared_with.through
    while missing > 0:
        batch = min(missing, CHUNK)
        by_owner: dict[str, list[dict]] = {}
        for _ in range(batch):
            owner = rng.choice(owners)
            by_owner.setdefault(owner, []).append(
                demo_case(rng, owner, start + timedelta(days=rng.randint(0, 720)))
            )
        for owner, items in by_owner.items():
            serializer = CaseSerializer(data=items, many=True, context={"actor": None})
            serializer.is_valid(raise_exception=True)
            cases = cases_create_many(
                actor=CountryActor(owner), items=serializer.validated_data, audit=False
            )
            links = []
            for case in cases:
                roll = rng.random()
                case.audience = (
                    "network"
                    if roll < 0.25
                    else "selected"
                    if roll < 0.45
                    else "partners"
                    if roll < 0.5
                    else "national"
                )
                case.handling_code = rng.choice(["H0", "H1", "H2"])
                if case.audience == "selected":
                    links.extend(
                        through(case_id=case.pk, country_id=country)
                        for country in rng.sample([c for c in owners if c != owner], 2)
                    )
            Case.objects.bulk_update(cases, ["audience", "handling_code"], batch_size=1000)
            through.objects.bulk_create(links, batch_size=1000)
        missing -= batch
