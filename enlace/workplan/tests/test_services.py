"""Editing the work plan: the ST edits a draft and publishes it as the next version; done
activities move to the history; a stale edit is refused; nobody else writes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.access.services import StaleVersionError
from enlace.audit.models import Event
from enlace.workplan.importing import read_plan_file
from enlace.workplan.models import Activity, HistoryRecord, PlanVersion
from enlace.workplan.selectors import latest_version, version_as_json
from enlace.workplan.services import (
    activity_create,
    activity_delete,
    activity_mark_done,
    activity_update,
    draft_discard,
    draft_publish,
    draft_start,
    plan_import,
)

from .conftest import SEED, activity_of


def edit_data(activity: Activity, **changes) -> dict:
    data = {
        "code": activity.code,
        "text": activity.text,
        "responsible": [item.party for item in activity.responsibilities.all()],
        "responsible_other": activity.responsible_other,
        "schedule_state": activity.schedule_state,
        "schedule_date": activity.schedule_date,
        "references": [reference.text for reference in activity.references.all()],
        "notes": activity.notes,
    }
    data.update(changes)
    return data


def test_the_draft_is_a_copy_of_the_version_in_force(users, plan, draft):
    assert draft.status == "draft" and draft.number is None
    assert draft.based_on == plan
    copy, original = version_as_json(draft), version_as_json(plan)
    assert copy["areas"] == original["areas"]
    assert copy["history"] == original["history"]
    assert not set(
        Activity.objects.filter(objective__area__plan=draft).values_list("pk", flat=True)
    ) & set(Activity.objects.filter(objective__area__plan=plan).values_list("pk", flat=True))
    # a second start opens the same draft
    assert draft_start(actor=users["st"]) == draft


def test_editing_the_draft_leaves_the_published_version_alone(users, plan, draft):
    activity = activity_of(draft, "12.3")
    updated = activity_update(
        actor=users["st"],
        activity=activity,
        data=edit_data(activity, responsible=["MX", "IOM"], responsible_other=""),
        expected_version=activity.version,
    )
    assert updated.version == 2
    assert [item.party for item in updated.responsibilities.all()] == ["MX", "IOM"]
    published = activity_of(plan, "12.3").responsibilities.all()
    assert [item.party for item in published] == ["PART"]
    assert Event.objects.filter(action="workplan.activity_update").count() == 1


def test_a_stale_edit_is_refused(users, draft):
    activity = activity_of(draft, "2.2")
    seen = activity.version
    activity_update(
        actor=users["st"],
        activity=activity,
        data=edit_data(activity, schedule_date=date(2010, 3, 15)),
        expected_version=seen,
    )
    stale_copy = Activity.objects.get(pk=activity.pk)
    with pytest.raises(StaleVersionError):
        activity_update(
            actor=users["st"],
            activity=stale_copy,
            data=edit_data(stale_copy, text="Otro texto"),
            expected_version=seen,
        )
    stored = Activity.objects.get(pk=activity.pk)
    assert stored.schedule_date == date(2010, 3, 15)
    assert stored.text.startswith("Realizar Taller de modernización")


def test_published_versions_are_not_edited(users, plan):
    activity = activity_of(plan, "2.2")
    with pytest.raises(ValidationError):
        activity_update(
            actor=users["st"],
            activity=activity,
            data=edit_data(activity, text="Cambio"),
            expected_version=activity.version,
        )
    with pytest.raises(ValidationError):
        activity_mark_done(
            actor=users["st"], activity=activity, expected_version=1, done_on=date(2010, 2, 20)
        )


def test_marking_done_moves_the_activity_to_the_history(users, plan, draft):
    activity = activity_of(draft, "2.2")
    record = activity_mark_done(
        actor=users["st"],
        activity=activity,
        expected_version=activity.version,
        done_on=date(2010, 2, 20),
        text="Taller realizado en San Salvador.",
    )
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert (record.code, record.text, record.done_on) == ("2.2", activity.text, date(2010, 2, 20))
    assert (record.area_code, record.objective_code) == ("I", "A")
    assert [reference.text for reference in record.references.all()] == [
        "p. f, Inf. de Trata, GRCM, diciembre, 2009"
    ]
    action = record.actions.get()
    assert (action.code, action.text, action.date) == (
        "2.2.1",
        "Taller realizado en San Salvador.",
        date(2010, 2, 20),
    )
    # its top-level entry heads it in the history; the entry stays in the plan for 2.1
    parent = HistoryRecord.objects.get(plan=draft, code="2", text=activity.parent.text)
    assert parent.position == record.position - 1
    assert Activity.objects.filter(pk=activity.parent_id).exists()
    # the records go to the end of their group (I, A), before the group (I, B)
    group_b = HistoryRecord.objects.filter(plan=draft, objective_code="B")
    assert all(other.position > record.position for other in group_b)
    # the published version still has it in the plan, not in its history
    assert activity_of(plan, "2.2")
    assert not HistoryRecord.objects.filter(plan=plan, code="2.2").exists()
    assert Event.objects.filter(action="workplan.activity_done").exists()


def test_a_second_activity_done_reuses_the_heading_record(users, draft):
    for code in ("2.1", "2.2"):
        activity = activity_of(draft, code)
        activity_mark_done(
            actor=users["st"],
            activity=activity,
            expected_version=activity.version,
            done_on=date(2010, 5, 1),
        )
    parent_text = activity_of(draft, "2").text
    assert HistoryRecord.objects.filter(plan=draft, code="2", text=parent_text).count() == 1


def test_an_entry_with_activities_left_is_not_done(users, draft):
    parent = activity_of(draft, "2")
    with pytest.raises(ValidationError):
        activity_mark_done(
            actor=users["st"],
            activity=parent,
            expected_version=parent.version,
            done_on=date.today(),
        )
    assert Activity.objects.filter(pk=parent.pk).exists()


def test_publishing_makes_the_draft_the_next_version(users, plan, draft):
    published = draft_publish(
        actor=users["st"],
        draft=draft,
        expected_version=draft.version,
        updated_on=date(2010, 3, 1),
    )
    assert (published.number, published.status, published.source) == (2, "published", "edit")
    assert published.updated_on == date(2010, 3, 1)
    assert latest_version() == published
    assert PlanVersion.objects.get(pk=plan.pk).number == 1
    assert Event.objects.filter(action="workplan.publish").exists()


def test_publishing_a_draft_that_changed_since_the_page_was_opened_is_refused(users, draft):
    seen = draft.version
    activity = activity_of(draft, "9.1")
    activity_update(
        actor=users["st"],
        activity=activity,
        data=edit_data(activity, schedule_state="ongoing"),
        expected_version=activity.version,
    )
    with pytest.raises(StaleVersionError):
        draft_publish(actor=users["st"], draft=draft, expected_version=seen)
    assert PlanVersion.objects.get(pk=draft.pk).status == "draft"


def test_a_draft_older_than_the_version_in_force_cannot_be_published(users, draft):
    newer = plan_import(actor=users["st"], imported=read_plan_file(SEED))
    assert newer.number == 2
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        draft_publish(actor=users["st"], draft=draft, expected_version=draft.version)
    assert refused.value.code == "stale"
    draft_discard(actor=users["st"], draft=draft, expected_version=draft.version)
    assert not PlanVersion.objects.filter(status="draft").exists()
    assert draft_start(actor=users["st"]).based_on == newer


def test_new_activities_are_numbered_and_placed(users, draft):
    objective = activity_of(draft, "7").objective
    parent = activity_of(draft, "7")
    created = activity_create(
        actor=users["st"],
        objective=objective,
        parent=parent,
        data={
            "code": "7.2",
            "text": "Realizar un encuentro de fiscales",
            "responsible": ["GT", "UNODC"],
            "schedule_state": "due",
            "schedule_date": date(2010, 9, 1),
            "references": ["p. 3, GRCM, Inf. Red Trata, diciembre, 2009"],
        },
    )
    assert created.parent == parent
    codes = list(
        Activity.objects.filter(objective=objective)
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert codes.index("7.2") == codes.index("7.1") + 1
    with pytest.raises(ValidationError) as wrong:
        activity_create(
            actor=users["st"],
            objective=objective,
            parent=parent,
            data={"code": "8.1", "text": "Fuera de lugar"},
        )
    assert "code" in wrong.value.message_dict
    with pytest.raises(ValidationError) as duplicate:
        activity_create(
            actor=users["st"],
            objective=objective,
            parent=parent,
            data={"code": "7.2", "text": "Dos"},
        )
    assert "code" in duplicate.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        activity_create(
            actor=users["st"],
            objective=objective,
            parent=parent,
            data={"code": "7.3", "text": "Tres", "responsible": ["XX"]},
        )
    assert "responsible" in unknown.value.message_dict


def test_a_due_schedule_needs_its_date_and_done_is_not_a_schedule(users, draft):
    activity = activity_of(draft, "9.1")
    for changes, field in (
        ({"schedule_state": "due", "schedule_date": None}, "schedule_date"),
        ({"schedule_state": "done"}, "schedule_state"),
    ):
        with pytest.raises(ValidationError) as refused:
            activity_update(
                actor=users["st"],
                activity=activity,
                data=edit_data(activity, **changes),
                expected_version=activity.version,
            )
        assert field in refused.value.message_dict


def test_removing_an_entry_removes_its_activities(users, draft):
    parent = activity_of(draft, "10")
    activity_delete(actor=users["st"], activity=parent, expected_version=parent.version)
    assert not Activity.objects.filter(objective__area__plan=draft, code__startswith="10").exists()


@pytest.mark.parametrize(
    "role", ["cr_liaison", "cr_admin", "observer", "civil_society", "sysadmin"]
)
def test_only_the_secretariat_edits(users, plan, draft, role):
    actor = users[role]
    activity = activity_of(draft, "9.1")
    attempts = [
        lambda: draft_start(actor=actor),
        lambda: activity_update(
            actor=actor,
            activity=activity,
            data=edit_data(activity, text="Cambio"),
            expected_version=activity.version,
        ),
        lambda: activity_mark_done(
            actor=actor, activity=activity, expected_version=activity.version, done_on=date.today()
        ),
        lambda: activity_delete(actor=actor, activity=activity, expected_version=activity.version),
        lambda: draft_publish(actor=actor, draft=draft, expected_version=draft.version),
        lambda: draft_discard(actor=actor, draft=draft, expected_version=draft.version),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert Activity.objects.get(pk=activity.pk).text == activity.text
    assert PlanVersion.objects.get(pk=draft.pk).status == "draft"


def test_a_first_plan_is_imported_not_typed(users):
    with pytest.raises(ValidationError) as refused:
        draft_start(actor=users["st"])
    assert refused.value.code == "no_plan"
    assert not PlanVersion.objects.exists()
