"""Writes of the work plan: atomic, audited, and the ST's alone.

- `plan_import`: a document read by importing.py becomes a new published version.
- The ST edits a draft: `draft_start` copies the version in force, `activity_*` change it,
  `draft_publish` makes it the next version ("Actualizado por la ST el ..."), `draft_discard`
  drops it. Published versions are never changed, so older ones read as they were.
- `activity_mark_done` moves an activity to the history with its date, as the plan's legend
  says ("Pasar al histórico").

Every activity carries a version: an edit made on a stale copy raises StaleVersionError. The
draft carries one too, bumped by every edit, so a publication made from a stale page is
refused; and a draft started before a newer import can no longer be published."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.access.services import bump_version
from enlace.accounts.actors import Actor
from enlace.audit.services import record_event

from . import exporting
from .choices import ScheduleState, VersionSource, VersionStatus
from .importing import PlanImport, parent_code, plan_counts, problem_as_dict
from .models import (
    Activity,
    Area,
    HistoryAction,
    HistoryRecord,
    Objective,
    PlanVersion,
    Reference,
    Responsibility,
)
from .parties import PartyNames
from .permissions import check_version_export, check_workplan_edit
from .references import AgreementFinder
from .selectors import latest_version, next_number, version_as_json

ACTIVITY_CODE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,5}$")
EXPORT_FORMATS = ("docx", "xlsx", "json")


def _user_or_none(actor: Actor):
    return actor if getattr(actor, "pk", None) else None


# --- writing a whole plan ---------------------------------------------------------------------


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _write_plan(version: PlanVersion, plan: dict[str, Any]) -> None:
    """Rows of a plan JSON (importing.py) under `version`. Bulk inserts: a plan is a few
    hundred rows, written in a handful of statements."""
    references: list[Reference] = []
    responsibilities: list[Responsibility] = []
    for area_position, area_data in enumerate(plan.get("areas", [])):
        area = Area.objects.create(
            plan=version,
            code=area_data["code"],
            title=area_data["title"],
            position=area_position,
        )
        for objective_position, objective_data in enumerate(area_data["objectives"]):
            objective = Objective.objects.create(
                area=area,
                code=objective_data["code"],
                text=objective_data["text"],
                position=objective_position,
            )
            rows = objective_data["activities"]
            activities = Activity.objects.bulk_create(
                [
                    Activity(
                        objective=objective,
                        code=data["code"],
                        text=data["text"],
                        schedule_state=(data.get("schedule") or {}).get("state") or "",
                        schedule_date=_date((data.get("schedule") or {}).get("date")),
                        responsible_other=data.get("responsible_other", ""),
                        notes=data.get("notes", ""),
                        position=position,
                    )
                    for position, data in enumerate(rows)
                ]
            )
            by_code: dict[str, Activity] = {}
            with_parent = []
            for activity in activities:
                parent = parent_code(activity.code, by_code)
                if parent is not None:
                    activity.parent = by_code[parent]
                    with_parent.append(activity)
                by_code.setdefault(activity.code, activity)
            if with_parent:
                Activity.objects.bulk_update(with_parent, ["parent"])
            for activity, data in zip(activities, rows, strict=True):
                responsibilities.extend(
                    Responsibility(activity=activity, party=party, position=position)
                    for position, party in enumerate(data.get("responsible", []))
                )
                references.extend(
                    Reference(activity=activity, text=text, position=position)
                    for position, text in enumerate(data.get("references", []))
                )
    records = HistoryRecord.objects.bulk_create(
        [
            HistoryRecord(
                plan=version,
                area_code=data.get("area", ""),
                area_title=data.get("area_title", ""),
                objective_code=data.get("objective", ""),
                objective_text=data.get("objective_text", ""),
                code=data["code"],
                text=data["text"],
                done_on=_date(data.get("date")),
                position=position,
            )
            for position, data in enumerate(plan.get("history", []))
        ]
    )
    actions: list[tuple[HistoryAction, list[str]]] = []
    for record, data in zip(records, plan.get("history", []), strict=True):
        references.extend(
            Reference(history_record=record, text=text, position=position)
            for position, text in enumerate(data.get("references", []))
        )
        actions.extend(
            (
                HistoryAction(
                    record=record,
                    code=done.get("code") or "",
                    text=done.get("text") or "",
                    date=_date(done.get("date")),
                    position=position,
                ),
                done.get("references", []),
            )
            for position, done in enumerate(data.get("done", []))
        )
    HistoryAction.objects.bulk_create([action for action, _refs in actions])
    for action, texts in actions:
        references.extend(
            Reference(history_action=action, text=text, position=position)
            for position, text in enumerate(texts)
        )
    Responsibility.objects.bulk_create(responsibilities)
    find = AgreementFinder()
    for reference in references:
        reference.agreement = find(reference.text)
    Reference.objects.bulk_create(references)


# --- import -----------------------------------------------------------------------------------


@transaction.atomic
def plan_import(*, actor: Actor, imported: PlanImport, dry_run: bool = False) -> PlanVersion | None:
    """Write `imported` as the next published version (None on a dry run). A document with
    problems is refused whole (ValidationError listing them): nothing half-written."""
    check_workplan_edit(actor)
    if imported.problems:
        raise ValidationError([found.localized() for found in imported.problems])
    if dry_run:
        return None
    plan = imported.plan
    version = PlanVersion.objects.create(
        number=next_number(),
        status=VersionStatus.PUBLISHED,
        source=VersionSource.IMPORT,
        updated_on=_date(plan.get("updated_on")) or timezone.localdate(),
        title=(plan.get("title") or "")[:400],
        source_name=imported.source_name[:255],
        legend=list(plan.get("legend") or []),
        import_warnings=[problem_as_dict(found) for found in imported.warnings],
        created_by=_user_or_none(actor),
        published_at=timezone.now(),
        published_by=_user_or_none(actor),
    )
    _write_plan(version, plan)
    counts = plan_counts(plan)
    record_event(
        actor=actor,
        action="workplan.import",
        obj=version,
        summary=(
            f"v{version.number} from {imported.source_name or '-'} "
            f"(updated {version.updated_on.isoformat()}): {counts['activities']} activities, "
            f"{counts['history_records']} history records, {len(imported.warnings)} warnings"
        ),
    )
    return version


# --- the draft --------------------------------------------------------------------------------


@transaction.atomic
def draft_start(*, actor: Actor) -> PlanVersion:
    """The ST's draft: the open one, or a new copy of the version in force. A first plan
    is imported, not typed: areas and lettered objectives come from the document."""
    check_workplan_edit(actor)
    existing = PlanVersion.objects.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        return existing
    current = latest_version()
    if current is None:
        raise ValidationError(
            _("There is no version of the plan yet: import the plan's document first."),
            code="no_plan",
        )
    try:
        with transaction.atomic():
            draft = PlanVersion.objects.create(
                status=VersionStatus.DRAFT,
                source=VersionSource.EDIT,
                based_on=current,
                title=current.title,
                legend=list(current.legend or []),
                updated_on=current.updated_on,
                created_by=_user_or_none(actor),
            )
    except IntegrityError:  # another ST member opened it at the same moment
        return PlanVersion.objects.get(status=VersionStatus.DRAFT)
    _write_plan(draft, version_as_json(current))
    record_event(
        actor=actor,
        action="workplan.draft_start",
        obj=draft,
        summary=f"draft from v{current.number}",
    )
    return draft


def _check_draft(draft: PlanVersion) -> None:
    if draft.status != VersionStatus.DRAFT:
        raise ValidationError(
            _("Published versions are not changed: edit the draft of the next version."),
            code="published",
        )


def draft_is_stale(draft: PlanVersion) -> bool:
    """Was a newer version published since this draft was copied?"""
    current = latest_version()
    return current is not None and current.pk != draft.based_on_id


@transaction.atomic
def draft_publish(
    *, actor: Actor, draft: PlanVersion, expected_version: int, updated_on: date | None = None
) -> PlanVersion:
    """The draft becomes the next version, "updated by the ST" on `updated_on` (today by
    default)."""
    check_workplan_edit(actor)
    _check_draft(draft)
    if draft_is_stale(draft):
        raise ValidationError(
            _(
                "A newer version of the plan was imported or published after this draft was "
                "started. Discard the draft and start again from the version in force."
            ),
            code="stale",
        )
    bump_version(draft, expected_version)
    draft.number = next_number()
    draft.status = VersionStatus.PUBLISHED
    draft.updated_on = updated_on or timezone.localdate()
    draft.published_at = timezone.now()
    draft.published_by = _user_or_none(actor)
    draft.import_warnings = []
    draft.save()
    record_event(
        actor=actor,
        action="workplan.publish",
        obj=draft,
        summary=f"v{draft.number} updated {draft.updated_on.isoformat()}",
    )
    return draft


@transaction.atomic
def draft_discard(*, actor: Actor, draft: PlanVersion, expected_version: int) -> None:
    check_workplan_edit(actor)
    _check_draft(draft)
    bump_version(draft, expected_version)
    record_event(actor=actor, action="workplan.draft_discard", obj=draft, summary="discarded")
    draft.delete()


def _touch(draft: PlanVersion) -> None:
    """Any change of the draft's content makes pages showing it stale for publication."""
    PlanVersion.objects.filter(pk=draft.pk).update(version=F("version") + 1)


# --- activities -------------------------------------------------------------------------------


def _clean_activity_data(
    data: dict[str, Any], *, objective: Objective, parent: Activity | None, exclude_pk=None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values = dict(data)
    code = str(values.get("code") or "").strip().rstrip(".")
    values["code"] = code
    if not ACTIVITY_CODE.match(code):
        errors.setdefault("code", []).append(
            _("Write the number as the plan does: 4, 4.1, 4.1.2 ...")
        )
    elif parent is not None and not code.startswith(parent.code + "."):
        errors.setdefault("code", []).append(
            _("An activity of %(parent)s is numbered %(parent)s.1, %(parent)s.2 ...")
            % {"parent": parent.code}
        )
    elif parent is None and "." in code:
        errors.setdefault("code", []).append(
            _("A top-level entry has a number without dots (7, 8 ...).")
        )
    elif Activity.objects.filter(objective=objective, code=code).exclude(pk=exclude_pk).exists():
        errors.setdefault("code", []).append(
            _("Objective %(objective)s already has an activity %(code)s.")
            % {"objective": objective.code, "code": code}
        )
    values["text"] = " ".join(str(values.get("text") or "").split())
    if not values["text"]:
        errors.setdefault("text", []).append(_("Say what the activity is."))
    names = PartyNames.load()
    responsible = []
    for party in values.get("responsible") or []:
        if not names.is_known(party):
            errors.setdefault("responsible", []).append(
                _("Unknown responsible party: %(party)s.") % {"party": party}
            )
        elif party not in responsible:
            responsible.append(party)
    values["responsible"] = responsible
    state = values.get("schedule_state") or ""
    if state and state not in ScheduleState.values:
        errors.setdefault("schedule_state", []).append(_("Choose a schedule."))
    if state == ScheduleState.DONE:
        errors.setdefault("schedule_state", []).append(
            _("A done activity moves to the history: use “Mark as done”.")
        )
    if state == ScheduleState.DUE and not values.get("schedule_date"):
        errors.setdefault("schedule_date", []).append(_("Give the due date."))
    values["schedule_state"] = state
    values["schedule_date"] = values.get("schedule_date") if state == ScheduleState.DUE else None
    values["references"] = [
        " ".join(str(text).split()) for text in values.get("references") or [] if str(text).strip()
    ]
    for text in values["references"]:
        if len(text) > 400:
            errors.setdefault("references", []).append(
                _("A reference is longer than 400 characters.")
            )
    values["responsible_other"] = " ".join(str(values.get("responsible_other") or "").split())
    values["notes"] = str(values.get("notes") or "").strip()
    if errors:
        raise ValidationError(errors)
    return values


def _set_lists(activity: Activity, values: dict[str, Any]) -> None:
    activity.responsibilities.all().delete()
    Responsibility.objects.bulk_create(
        Responsibility(activity=activity, party=party, position=position)
        for position, party in enumerate(values["responsible"])
    )
    activity.references.all().delete()
    find = AgreementFinder()
    Reference.objects.bulk_create(
        Reference(activity=activity, text=text, position=position, agreement=find(text))
        for position, text in enumerate(values["references"])
    )


def suggest_code(objective: Objective, parent: Activity | None) -> str:
    """The next free number: after the last sub-activity of `parent`, or the next top-level
    number of the whole plan (the plan numbers its top-level entries across objectives)."""
    if parent is not None:
        numbers = [
            int(child.code.rsplit(".", 1)[1])
            for child in parent.children.all()
            if child.code.rsplit(".", 1)[1].isdigit()
        ]
        return f"{parent.code}.{max(numbers, default=0) + 1}"
    codes = Activity.objects.filter(
        objective__area__plan_id=objective.area.plan_id, parent__isnull=True
    ).values_list("code", flat=True)
    numbers = [int(code) for code in codes if code.isdigit()]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def activity_create(
    *, actor: Actor, objective: Objective, data: dict[str, Any], parent: Activity | None = None
) -> Activity:
    """A new activity of the draft: a top-level entry at the end of `objective`, or a
    sub-activity after the last one of `parent`."""
    check_workplan_edit(actor)
    _check_draft(objective.area.plan)
    if parent is not None and parent.objective_id != objective.pk:
        raise ValidationError(_("The activity belongs to another objective."))
    values = _clean_activity_data(data, objective=objective, parent=parent)
    siblings = Activity.objects.filter(objective=objective)
    if parent is None:
        position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    else:
        block = [parent.pk]
        # the last row of the parent's block: its descendants at any depth
        descendants = list(siblings.filter(parent_id__in=block).values_list("pk", "position"))
        last = parent.position
        while descendants:
            last = max([last, *(position for _pk, position in descendants)])
            descendants = list(
                siblings.filter(parent_id__in=[pk for pk, _ in descendants]).values_list(
                    "pk", "position"
                )
            )
        position = last + 1
        siblings.filter(position__gte=position).update(position=F("position") + 1)
    activity = Activity.objects.create(
        objective=objective,
        parent=parent,
        code=values["code"],
        text=values["text"],
        schedule_state=values["schedule_state"],
        schedule_date=values["schedule_date"],
        responsible_other=values["responsible_other"],
        notes=values["notes"],
        position=position,
    )
    _set_lists(activity, values)
    _touch(objective.area.plan)
    record_event(
        actor=actor,
        action="workplan.activity_create",
        obj=activity,
        summary=f"{objective.code} {activity.code}",
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: Actor, activity: Activity, data: dict[str, Any], expected_version: int
) -> Activity:
    """Change an activity of the draft; refused (StaleVersionError) if someone saved it
    after the editor opened it."""
    check_workplan_edit(actor)
    _check_draft(activity.objective.area.plan)
    values = _clean_activity_data(
        data, objective=activity.objective, parent=activity.parent, exclude_pk=activity.pk
    )
    if activity.parent_id is None and values["code"] != activity.code:
        children = list(activity.children.all())
        if children:
            raise ValidationError(
                {"code": _("Renumber its activities first, or keep this number.")}
            )
    before = {
        "code": activity.code,
        "text": activity.text,
        "responsible": [item.party for item in activity.responsibilities.all()],
        "responsible_other": activity.responsible_other,
        "schedule_state": activity.schedule_state,
        "schedule_date": activity.schedule_date,
        "references": [item.text for item in activity.references.all()],
        "notes": activity.notes,
    }
    changed = [name for name, value in before.items() if values.get(name) != value]
    bump_version(activity, expected_version)
    for name in ("code", "text", "schedule_state", "schedule_date", "responsible_other", "notes"):
        setattr(activity, name, values[name])
    activity.save()
    _set_lists(activity, values)
    _touch(activity.objective.area.plan)
    record_event(
        actor=actor,
        action="workplan.activity_update",
        obj=activity,
        summary=f"{activity.code} v{activity.version}; changed: "
        + (", ".join(changed) or "nothing"),
    )
    return activity


def _history_position(plan: PlanVersion, area_code: str, objective_code: str, extra: int) -> int:
    """Where records moved now go: after the last record of their (area, objective) group,
    so the history keeps its grouping; later records make room."""
    records = HistoryRecord.objects.filter(plan=plan)
    last = records.filter(area_code=area_code, objective_code=objective_code).aggregate(
        top=Max("position")
    )["top"]
    if last is None:
        return (records.aggregate(top=Max("position"))["top"] or -1) + 1
    records.filter(position__gt=last).update(position=F("position") + extra)
    return last + 1


@transaction.atomic
def activity_mark_done(
    *, actor: Actor, activity: Activity, expected_version: int, done_on: date, text: str = ""
) -> HistoryRecord:
    """Move an activity of the draft to the history ("Pasar al histórico"), with the date it
    was done and what was done. Its top-level entry goes to the history too, once, to head
    it there as it did in the plan; the entry stays in the plan for what remains of it."""
    check_workplan_edit(actor)
    plan = activity.objective.area.plan
    _check_draft(plan)
    if activity.children.exists():
        raise ValidationError(
            _("Mark its activities as done first: %(code)s still has some in the plan.")
            % {"code": activity.code}
        )
    if done_on is None:
        raise ValidationError({"done_on": _("Give the date it was done.")})
    bump_version(activity, expected_version)
    objective = activity.objective
    area = objective.area
    group = {
        "area_code": area.code,
        "area_title": area.title,
        "objective_code": objective.code,
        "objective_text": objective.text,
    }
    parent = activity.parent
    needs_parent = (
        parent is not None
        and not HistoryRecord.objects.filter(
            plan=plan, code=parent.code, text=parent.text, **group
        ).exists()
    )
    position = _history_position(plan, area.code, objective.code, 2 if needs_parent else 1)
    if needs_parent:
        HistoryRecord.objects.create(
            plan=plan, code=parent.code, text=parent.text, position=position, **group
        )
        position += 1
    record = HistoryRecord.objects.create(
        plan=plan,
        code=activity.code,
        text=activity.text,
        done_on=done_on,
        position=position,
        **group,
    )
    Reference.objects.bulk_create(
        Reference(
            history_record=record,
            text=reference.text,
            position=index,
            agreement_id=reference.agreement_id,
        )
        for index, reference in enumerate(activity.references.all())
    )
    HistoryAction.objects.create(
        record=record,
        code=f"{activity.code}.1",
        text=" ".join((text or "").split()),
        date=done_on,
    )
    summary = f"{objective.code} {activity.code} done {done_on.isoformat()}"
    record_event(actor=actor, action="workplan.activity_done", obj=activity, summary=summary)
    activity.delete()
    _touch(plan)
    return record


@transaction.atomic
def activity_delete(*, actor: Actor, activity: Activity, expected_version: int) -> None:
    """Remove an activity from the draft (with its sub-activities): for entries made by
    mistake. What was done goes to the history instead (activity_mark_done)."""
    check_workplan_edit(actor)
    plan = activity.objective.area.plan
    _check_draft(plan)
    bump_version(activity, expected_version)
    record_event(
        actor=actor,
        action="workplan.activity_delete",
        obj=activity,
        summary=f"{activity.objective.code} {activity.code}",
    )
    activity.delete()
    _touch(plan)


# --- exports ----------------------------------------------------------------------------------


def plan_export(
    *, actor: Actor, version: PlanVersion, file_format: str, language: str = "es"
) -> bytes:
    """A version as DOCX (the familiar four-column table), XLSX (Spanish or English) or plan
    JSON. Audited like every export."""
    check_version_export(actor, version)
    if file_format not in EXPORT_FORMATS:
        raise ValidationError(_("Export formats: DOCX, XLSX or JSON."))
    language = "en" if language == "en" else "es"
    if file_format == "docx":
        content = exporting.plan_docx(version, language)
    elif file_format == "xlsx":
        content = exporting.plan_xlsx(version, language)
    else:
        content = json.dumps(version_as_json(version), ensure_ascii=False, indent=1).encode()
    record_event(
        actor=actor,
        action="workplan.export",
        obj=version,
        summary=f"{'draft' if version.is_draft else f'v{version.number}'} {file_format} {language}",
    )
    return content
