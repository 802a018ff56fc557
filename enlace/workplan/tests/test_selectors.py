"""Reading the work plan: flags, the dashboard's due activities, and who reads at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404

from enlace.core.models import Organization, ProTemporePresidency
from enlace.workplan.selectors import (
    FLAG_NO_ACTIVITY,
    FLAG_NO_RESPONSIBLE,
    activities_due_for,
    current_version,
    draft_get,
    plan_tree,
    version_get,
    version_list,
)
from enlace.workplan.services import (
    activity_create,
    activity_delete,
    activity_update,
    draft_publish,
)

from .conftest import activity_of
from .test_services import edit_data


def flags_by_code(version) -> dict[str, list[str]]:
    tree = plan_tree(version)
    return {
        (group.activity.code if group else node.objective.code): (group or node).flags
        for node, group in tree.flagged
    }


def test_the_seed_flags_what_the_plan_itself_warns_about(plan):
    # 7: "7.1 Por definir. NOTA: Si no se identifican actividades, este objetivo sería
    # eliminado"; 13: "NOTA: Si no se identifican responsables ...". 7.1 is no activity, so 7
    # is not also flagged for its responsible party. 12 is not flagged: "12.3.1 Países
    # participantes" names its responsible parties (issue 13).
    assert flags_by_code(plan) == {
        "7": [FLAG_NO_ACTIVITY],
        "13": [FLAG_NO_RESPONSIBLE],
    }


def test_flags_follow_the_plan_as_it_is_edited(users, draft):
    virtual = activity_of(draft, "12.3")
    activity_update(
        actor=users["st"],
        activity=virtual,
        data=edit_data(virtual, responsible=["MX"], responsible_other=""),
        expected_version=virtual.version,
    )
    assert "12" not in flags_by_code(draft)
    # an entry whose activities are all removed has no activity left
    for child in activity_of(draft, "11").children.all():
        activity_delete(actor=users["st"], activity=child, expected_version=child.version)
    assert flags_by_code(draft)["11"] == [FLAG_NO_ACTIVITY]
    # a real activity under 7, with a responsible party, and without the note, clears 7
    seven = activity_of(draft, "7")
    placeholder = activity_of(draft, "7.1")
    activity_delete(actor=users["st"], activity=placeholder, expected_version=placeholder.version)
    activity_create(
        actor=users["st"],
        objective=seven.objective,
        parent=seven,
        data={"code": "7.1", "text": "Reunión de fiscales", "responsible": ["GT"]},
    )
    assert "7" not in flags_by_code(draft)


def test_an_objective_without_entries_is_flagged(users, draft):
    objective = activity_of(draft, "6").objective
    for entry in objective.activities.filter(parent__isnull=True):
        activity_delete(actor=users["st"], activity=entry, expected_version=entry.version)
    assert flags_by_code(draft)["B"] == [FLAG_NO_ACTIVITY]


def publish(users, draft) -> None:
    draft.refresh_from_db()  # every edit bumped the draft's version
    draft_publish(actor=users["st"], draft=draft, expected_version=draft.version)


def set_due(users, draft, code: str, when: date, parties: list[str]) -> None:
    activity = activity_of(draft, code)
    activity_update(
        actor=users["st"],
        activity=activity,
        data=edit_data(activity, schedule_state="due", schedule_date=when, responsible=parties),
        expected_version=activity.version,
    )


def test_activities_due_for_a_country_or_an_organization(users, draft):
    today = date(2026, 3, 1)
    set_due(users, draft, "4.2", today + timedelta(days=10), ["ALL"])
    set_due(users, draft, "6.3", today + timedelta(days=30), ["MX", "IOM"])
    set_due(users, draft, "6.4", today + timedelta(days=45), ["IOM"])
    set_due(users, draft, "9.2", today + timedelta(days=90), ["MX"])  # beyond 60 days
    set_due(users, draft, "9.5", today - timedelta(days=5), ["MX"])  # overdue: still due
    # the draft is not the plan in force: nothing is due until it is published
    assert activities_due_for("MX", today=today) == []
    publish(users, draft)

    def codes(party, **kwargs):
        return [activity.code for activity in activities_due_for(party, today=today, **kwargs)]

    # "2.2 ... El Salvador, Febrero 2010" of the seed is long overdue, for El Salvador only
    assert codes("MX") == ["9.5", "4.2", "6.3"]
    assert codes("mx", within_days=120) == ["9.5", "4.2", "6.3", "9.2"]
    assert codes("IOM") == ["6.3", "6.4"]
    assert codes(Organization.objects.get(code="MX-NLO")) == ["9.5", "4.2", "6.3"]
    assert codes(Organization.objects.get(code="IOM")) == ["6.3", "6.4"]
    assert codes("SV") == ["2.2", "4.2"]
    assert codes("ST") == []


def test_the_presidency_answers_for_the_ppt(users, draft):
    today = date(2026, 3, 1)
    ProTemporePresidency.objects.create(
        country_id="GT", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31)
    )
    set_due(users, draft, "10.1", today + timedelta(days=20), ["PPT"])
    publish(users, draft)
    assert [a.code for a in activities_due_for("GT", today=today)] == ["10.1"]
    assert [a.code for a in activities_due_for("HN", today=today)] == []


@pytest.mark.parametrize("role", ["cr_liaison", "cr_admin", "st", "observer"])
def test_readers_see_the_published_plan(users, plan, role):
    assert current_version(actor=users[role]) == plan
    assert list(version_list(actor=users[role])) == [plan]
    assert version_get(actor=users[role], number=1) == plan


@pytest.mark.parametrize("role", ["civil_society", "cr_auditor", "sysadmin"])
def test_the_plan_is_internal(users, plan, role):
    assert current_version(actor=users[role]) is None
    assert not version_list(actor=users[role]).exists()
    with pytest.raises(Http404):
        version_get(actor=users[role], number=1)


def test_the_draft_is_the_secretariats(users, draft):
    assert draft_get(actor=users["st"]) == draft
    assert draft_get(actor=users["cr_liaison"]) is None
    assert draft_get(actor=users["observer"]) is None


def test_the_overdue_list_and_the_overdue_badges_follow_one_rule(plan):
    from enlace.workplan.views import decorate

    # The seed has activities due in 2009 and 2010 ("Febrero 2010") and others not yet due.
    for today in (date(2009, 1, 1), date(2010, 3, 1), date(2030, 1, 1)):
        tree = plan_tree(plan, today=today)
        decorate(tree, "es")
        badged = [activity for activity in tree.activities() if activity.is_overdue]
        assert badged == tree.overdue
        assert all(
            activity.schedule_state == "due" and activity.schedule_date < today
            for activity in badged
        )
    assert plan_tree(plan, today=date(2030, 1, 1)).overdue
