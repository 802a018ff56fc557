"""Demo data: users for every role and whatever each capability contributes.

A capability adds demo records by providing ``enlace/<app>/demo.py`` with
``populate(*, rng, users, options) -> None``; `enlace demo` calls every
such function in INSTALLED_APPS order. Everything here is idempotent."""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import transaction

from enlace.access.models import LawProfile
from enlace.accounts.choices import Role
from enlace.core.models import MEMBER_STATES, Organization, ProTemporePresidency

DEMO_PASSWORD = "Enlace-Demo-2026"  # noqa: S105 - printed to the person trying the demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    organization: str
    first_name: str
    last_name: str
    language: str = "es"


DEMO_USERS = [
    DemoUser("cr-liaison", Role.LIAISON, "CR-NLO", "Ana", "Solano Mora"),
    DemoUser("mx-liaison", Role.LIAISON, "MX-NLO", "Jorge", "Hernández Ruiz"),
    DemoUser("gt-liaison", Role.LIAISON, "GT-NLO", "María", "Cojtí Pérez"),
    DemoUser("us-liaison", Role.LIAISON, "US-NLO", "Emily", "Carter", "en"),
    DemoUser("hn-liaison", Role.LIAISON, "HN-NLO", "Karla", "Zelaya Midence"),
    DemoUser("cr-admin", Role.NATIONAL_ADMIN, "CR-NLO", "Luis", "Vargas Quesada"),
    DemoUser("st", Role.SECRETARIAT, "ST", "Carmen", "Rojas Jiménez"),
    DemoUser("iom-observer", Role.OBSERVER, "IOM", "Daniel", "Okafor", "en"),
    DemoUser("rrocm", Role.CIVIL_SOCIETY, "RROCM", "Rosa", "Martínez López"),
    DemoUser("auditor", Role.AUDITOR, "ST", "Elena", "Castro Ureña"),
    DemoUser("cr-auditor", Role.AUDITOR, "CR-NLO", "Pablo", "Chaves Rojas"),
    DemoUser("sysadmin", Role.SYSADMIN, "ST", "Mario", "Araya Soto"),
]

# Demo law profiles: deliberately different, so redaction is visible between countries.
DEMO_LAW_PROFILES = {
    "CR": {"share_birth_dates": True, "share_identity_numbers": True},
    "MX": {},
    "GT": {"share_names": True, "share_birth_dates": True},
    "US": {
        "share_names": True,
        "share_birth_dates": True,
        "share_identity_numbers": True,
        "share_phones": True,
    },
}


def demo_users_create() -> dict:
    from enlace.accounts.models import User

    users = {}
    for spec in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "role": spec.role,
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "organization": Organization.objects.get(code=spec.organization),
                "email": f"{spec.username}@demo.enlace.invalid",
                "preferred_language": spec.language,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[spec.username] = user
    return users


@transaction.atomic
def demo_load(*, seed: int, options: dict | None = None) -> dict:
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    users = demo_users_create()
    for country in MEMBER_STATES:
        LawProfile.objects.get_or_create(
            country_id=country, defaults=DEMO_LAW_PROFILES.get(country, {})
        )
    if not ProTemporePresidency.objects.exists():
        today = date.today()
        ProTemporePresidency.objects.create(
            country_id="CR", start_date=date(today.year, 1, 1), end_date=date(today.year, 12, 31)
        )
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("enlace."):
            continue
        try:
            module = importlib.import_module(f"{app_config.name}.demo")
        except ModuleNotFoundError:
            continue
        populate = getattr(module, "populate", None)
        if populate is not None:
            populate(rng=rng, users=users, options=options or {})
    return users
