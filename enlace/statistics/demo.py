"""Demo statistics: the aggregate store counted from the demo cases, an open data call for the
last full semester answered by Guatemala, and a published release of that semester."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from .facts import facts_sync
from .indicators import fixed_categories
from .models import DataCall, Release
from .periods import current_semester
from .services import data_call_open, release_publish, submission_save


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def demo_tables(rng: random.Random) -> dict[str, list]:
    """Victims by age band and sex, and by exploitation type and sex, with the same totals
    per sex (a data call refuses tables of the same persons that disagree)."""
    ages, exploitation = fixed_categories("age_band"), fixed_categories("exploitation")
    tables: dict[str, list] = {"VIC_AGE_SEX": [], "VIC_EXP_SEX": []}
    for sex, total in (("F", rng.randint(40, 90)), ("M", rng.randint(10, 30))):
        for age, value in zip(ages, _split(rng, total, len(ages)), strict=True):
            tables["VIC_AGE_SEX"].append([age, sex, value])
        main = exploitation[:3]
        for kind, value in zip(main, _split(rng, total, len(main)), strict=True):
            tables["VIC_EXP_SEX"].append([kind, sex, value])
    return tables


def populate(*, rng: random.Random, users: dict, options: dict | None = None) -> None:
    facts_sync()
    secretariat, guatemala = users.get("st"), users.get("gt-liaison")
    semester = current_semester(timezone.localdate()).previous()
    if secretariat is not None and not DataCall.objects.exists():
        call = data_call_open(
            actor=secretariat,
            title=f"Cifras regionales {semester.code}",
            period=semester.code,
            indicators=["VIC_AGE_SEX", "VIC_EXP_SEX"],
            deadline=timezone.localdate() + timedelta(days=14),
            description="Víctimas identificadas en el semestre, por edad, sexo y tipo de "
            "explotación, de los países que no registran casos en Enlace o lo "
            "hacen en parte.",
        )
        if guatemala is not None:
            submission_save(
                actor=guatemala,
                call=call,
                tables=demo_tables(rng),
                channel="form",
                note="Cifras de la Fiscalía contra la Trata.",
            )
    if secretariat is not None and not Release.objects.exists():
        release_publish(
            actor=secretariat, period=semester.code, k=11, note="Publicación de demostración."
        )
