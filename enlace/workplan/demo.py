"""Demo work plan: the network's own plan of 26 November 2009 (seed 004), imported as the
Technical Secretariat would, so the demo shows the real areas, objectives, flags and history.

The product reads only files it ships: the copy under enlace/core/seeds/. Without it the
demo goes on without a work plan and says so. Idempotent: nothing is imported once any
version exists."""

from __future__ import annotations

import logging
import random
from pathlib import Path

from enlace.accounts.actors import SecretariatActor
from enlace.core.reference_data import SEEDS_DIR

from .importing import WorkPlanFileError, read_plan_file
from .models import PlanVersion
from .services import plan_import

SEED = SEEDS_DIR / "004_abb5666c6524ad2c.txt"

logger = logging.getLogger(__name__)


def populate(
    *, rng: random.Random, users: dict, options: dict | None = None, seed: Path | None = None
) -> PlanVersion | None:
    """Import the seed work plan unless a version exists; the version created, or None."""
    if PlanVersion.objects.exists():
        return None
    seed = seed or SEED
    if not seed.is_file():
        logger.warning(
            "Demo work plan skipped: %s not found (the seeds ship with the core app).", seed
        )
        return None
    try:
        imported = read_plan_file(seed)
    except WorkPlanFileError as exc:
        logger.warning("Demo work plan skipped: %s", exc)
        return None
    if imported.problems:
        logger.warning(
            "Demo work plan skipped: %s has %d problem(s), e.g. %s",
            seed.name,
            len(imported.problems),
            imported.problems[0],
        )
        return None
    actor = users.get("st") or SecretariatActor()
    return plan_import(actor=actor, imported=imported)
