"""`enlace stats refresh` and the demo data of statistics."""

import json
import random

import pytest
from django.core.management import call_command
from django.test import override_settings

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.statistics.demo import populate
from enlace.statistics.models import Aggregate, DataCall, Release

from .helpers import contributes, victims

pytestmark = pytest.mark.django_db


def test_refresh_recounts(capsys):
    contributes("CR")
    # queued only: the refresh that case writes queue has not run when the command does
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        victims("CR", 5, per_case=5)
    call_command("stats", "refresh", "--json")
    first = json.loads(capsys.readouterr().out)
    assert first["changed_cases"] == 1 and first["rows"] > 0
    call_command("stats", "refresh", "--json")
    assert json.loads(capsys.readouterr().out)["changed_cases"] == 0
    Aggregate.objects.all().delete()  # a store emptied by hand is rebuilt with --full
    call_command("stats", "refresh", "--full", "--json")
    assert json.loads(capsys.readouterr().out)["changed_cases"] == 1
    assert Aggregate.objects.filter(indicator="VIC_AGE_SEX", value=5).exists()


def test_demo_opens_a_call_answers_it_and_publishes(users):
    from enlace.cases.demo import populate as cases_populate

    contributes("CR", "MX", "GT", "HN", "US", "PA", "SV", "NI", "BZ", "CA", "DO")
    demo_users = {"st": users["st"], "gt-liaison": user_for(Role.LIAISON, "GT-NLO", "gt-l")}
    cases_populate(rng=random.Random(1), users=demo_users, options={"cases": 150})
    populate(rng=random.Random(1), users=demo_users, options={})
    call = DataCall.objects.get()
    assert call.submissions.get().country_id == "GT"
    release = Release.objects.get()
    assert release.period == call.period and release.tables.exists()
    populate(rng=random.Random(1), users=demo_users, options={})  # idempotent
    assert DataCall.objects.count() == 1 and Release.objects.count() == 1
