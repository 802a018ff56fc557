"""The work plan of seed 004, imported through the services as the Technical Secretariat
would; the seed is the copy the product ships (enlace/core/seeds/)."""

from __future__ import annotations

import pytest

from enlace.core.reference_data import SEEDS_DIR
from enlace.workplan.importing import read_plan_file
from enlace.workplan.services import draft_start, plan_import

SEED = SEEDS_DIR / "004_abb5666c6524ad2c.txt"


@pytest.fixture
def seed_import():
    """The seed read and checked (nothing written)."""
    return read_plan_file(SEED)


@pytest.fixture
def plan(users, seed_import):
    """Version 1: the seed imported by the ST."""
    return plan_import(actor=users["st"], imported=seed_import)


@pytest.fixture
def draft(users, plan):
    """The ST's draft of version 2, a copy of version 1."""
    return draft_start(actor=users["st"])


def activity_of(version, code: str, objective: str | None = None):
    from enlace.workplan.models import Activity

    activities = Activity.objects.filter(objective__area__plan=version, code=code)
    if objective:
        activities = activities.filter(objective__code=objective)
    return activities.get()
