"""Demo work plan: the network's own plan of 26 November 2009 (seed 004), imported as the
Technical Secretariat would, so the demo shows the real areas, objectives, flags and history.

The product reads only files it ships: the copy under enlace/meetings/seeds/. Without it the
demo goes on without a work plan and says so. Idempotent: nothing is imported once any
version exists."""

from __future__ import annotations

import logging
import random
from pathlib import Path

from enlace.accounts.actors import SecretariatActor

from .importing import WorkPlanFileError, read_plan_file
from .models import PlanVersion
from .services import plan_import

SEED = Path(__file__).resolve().parents[1] / "meetings" / "seeds" / "004_abb5666c6524ad2c.txt"

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
            "Demo work plan skipped: %s not found (the seeds ship with the meetings app).", seed
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
