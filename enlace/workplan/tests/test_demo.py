"""The demo imports the seed work plan once, and says so when it cannot."""

from __future__ import annotations

import logging
import random

from enlace.workplan import demo
from enlace.workplan.models import Activity, PlanVersion


def test_the_demo_imports_the_seed_once(users):
    version = demo.populate(rng=random.Random(1), users={"st": users["st"]}, options={})
    assert version is not None and version.number == 1
    assert Activity.objects.filter(objective__area__plan=version).count() == 53
    assert demo.populate(rng=random.Random(1), users={"st": users["st"]}, options={}) is None
    assert PlanVersion.objects.count() == 1


def test_without_the_seed_the_demo_says_so(db, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="enlace.workplan.demo"):
        result = demo.populate(
            rng=random.Random(1), users={}, options={}, seed=tmp_path / "missing.txt"
        )
    assert result is None
    assert "Demo work plan skipped" in caplog.text
    assert not PlanVersion.objects.exists()
