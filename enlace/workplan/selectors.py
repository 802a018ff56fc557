"""Reads of the work plan, scoped to who may read it (permissions.py).

A role that may not read the plan gets nothing: None, empty lists and a 404 for a version or
an activity, so pages, the API and exports share one rule. The draft is the ST's alone.

`plan_tree` gives a version as pages and exports show it: areas, objectives, each top-level
entry with its activities and its flags (the plan's own warning: "Si no se identifican
actividades / responsables, este objetivo sería eliminado del Plan de Trabajo"), and the
history grouped by area and objective."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from enlace.accounts.actors import Actor
from enlace.accounts.permissions import allows
from enlace.core.models import MEMBER_STATES, Organization, ProTemporePresidency

from .choices import ScheduleState, VersionStatus
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
from .parties import ALL_MEMBERS, PRESIDENCY, party_matches
from .permissions import check_workplan_edit, check_workplan_read

DEFAULT_DUE_WITHIN_DAYS = 60

FLAG_NO_ACTIVITY = "no_activity"
FLAG_NO_RESPONSIBLE = "no_responsible"
# "Por definir." as the only text of an activity: a placeholder, not an activity.
_PLACEHOLDER = re.compile(
    r"^\W*(?:por\s+definir|por\s+determinar|pendiente|to\s+be\s+(?:defined|determined)|"
    r"tbd|pending)\W*$",
    re.IGNORECASE,
)
_NOTE_NO_ACTIVITY = re.compile(
    r"no\s+se\s+identifican\s+actividades|no\s+activities\s+are\s+identified", re.IGNORECASE
)
_NOTE_NO_RESPONSIBLE = re.compile(
    r"no\s+se\s+identifican\s+responsables|no\s+responsible\s+(?:part(?:y|ies)\s+)?"
    r"(?:is|are)\s+identified",
    re.IGNORECASE,
)


# --- versions ---------------------------------------------------------------------------------


def _published() -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(status=VersionStatus.PUBLISHED)


def version_list(*, actor: Actor) -> QuerySet[PlanVersion]:
    """Published versions, newest first."""
    if not allows(check_workplan_read, actor):
        return PlanVersion.objects.none()
    return _published().select_related("created_by", "published_by").order_by("-number")


def current_version(*, actor: Actor) -> PlanVersion | None:
    """The version in force: the published one with the highest number."""
    if not allows(check_workplan_read, actor):
        return None
    return _published().order_by("-number").first()


def latest_version() -> PlanVersion | None:
    """The version in force, for code that acts for the system (services, demo)."""
    return _published().order_by("-number").first()


def version_get(*, actor: Actor, number: int) -> PlanVersion:
    if not allows(check_workplan_read, actor):
        raise Http404
    version = _published().filter(number=number).first()
    if version is None:
        raise Http404
    return version


def draft_get(*, actor: Actor) -> PlanVersion | None:
    """The ST's draft of the next version, if one is open."""
    if not allows(check_workplan_edit, actor):
        return None
    return PlanVersion.objects.filter(status=VersionStatus.DRAFT).first()


def next_number() -> int:
    return (PlanVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1


def activity_get(*, actor: Actor, pk: int) -> Activity:
    """An activity of the draft, for editing (404 for anything else)."""
    if not allows(check_workplan_edit, actor):
        raise Http404
    activity = (
        Activity.objects.select_related("objective__area__plan", "parent")
        .prefetch_related("responsibilities", "references", "children")
        .filter(pk=pk, objective__area__plan__status=VersionStatus.DRAFT)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def objective_get(*, actor: Actor, pk: int) -> Objective:
    """An objective of the draft, to add activities to it (404 for anything else)."""
    if not allows(check_workplan_edit, actor):
        raise Http404
    objective = (
        Objective.objects.select_related("area__plan")
        .filter(pk=pk, area__plan__status=VersionStatus.DRAFT)
        .first()
    )
    if objective is None:
        raise Http404
    return objective


# --- the plan as a tree -----------------------------------------------------------------------


def is_placeholder(activity: Activity) -> bool:
    return bool(_PLACEHOLDER.match(activity.text or ""))


@dataclass
class ActivityGroup:
    """A top-level entry (the OBJETIVOS column) with its activities, as one block of rows."""

    activity: Activity
    children: list[Activity] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def is_lone(self) -> bool:
        """A top-level entry without activities: it is marked done (or not) itself."""
        return not self.children

    @property
    def leaves(self) -> list[Activity]:
        """The activities that carry a responsible party and a schedule."""
        return self.children or [self.activity]

    @property
    def rows(self) -> list[tuple[Activity | None, int]]:
        """(sub-activity or None, how many rows the top-level cell spans) for a table."""
        if not self.children:
            return [(None, 1)]
        return [
            (child, len(self.children) if i == 0 else 0) for i, child in enumerate(self.children)
        ]


@dataclass
class ObjectiveNode:
    objective: Objective
    groups: list[ActivityGroup] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class AreaNode:
    area: Area
    objectives: list[ObjectiveNode] = field(default_factory=list)


@dataclass
class HistoryBlock:
    """A top-level history record and the records under it (or records without one)."""

    record: HistoryRecord | None
    children: list[HistoryRecord] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[HistoryRecord | None, int]]:
        if not self.children:
            return [(None, 1)]
        return [
            (child, len(self.children) if i == 0 else 0) for i, child in enumerate(self.children)
        ]


@dataclass
class HistoryGroup:
    area_code: str
    area_title: str
    objective_code: str
    objective_text: str
    blocks: list[HistoryBlock] = field(default_factory=list)

    @property
    def records(self) -> list[HistoryRecord]:
        out = []
        for block in self.blocks:
            if block.record is not None:
                out.append(block.record)
            out.extend(block.children)
        return out


@dataclass
class PlanTree:
    version: PlanVersion
    areas: list[AreaNode] = field(default_factory=list)
    history: list[HistoryGroup] = field(default_factory=list)
    today: date = field(default_factory=timezone.localdate)

    def groups(self) -> list[tuple[ObjectiveNode, ActivityGroup]]:
        return [
            (objective, group)
            for area in self.areas
            for objective in area.objectives
            for group in objective.groups
        ]

    def activities(self) -> list[Activity]:
        return [
            activity
            for _objective, group in self.groups()
            for activity in [group.activity, *group.children]
        ]

    @property
    def flagged(self) -> list[tuple[ObjectiveNode, ActivityGroup | None]]:
        """Objectives without activities and top-level entries with a flag, in plan order."""
        out: list[tuple[ObjectiveNode, ActivityGroup | None]] = []
        for area in self.areas:
            for objective in area.objectives:
                if objective.flags:
                    out.append((objective, None))
                out.extend((objective, group) for group in objective.groups if group.flags)
        return out

    @property
    def overdue(self) -> list[Activity]:
        return [a for a in self.activities() if activity_overdue(a, today=self.today)]

    def counts(self) -> dict[str, int]:
        activities = self.activities()
        top = sum(1 for activity in activities if activity.parent_id is None)
        return {
            "areas": len(self.areas),
            "objectives": sum(len(area.objectives) for area in self.areas),
            "activities": len(activities),
            "top_level": top,
            "sub_activities": len(activities) - top,
            "history_records": sum(len(group.records) for group in self.history),
            "flagged": len(self.flagged),
        }


def activity_overdue(activity: Activity, *, today: date) -> bool:
    """Due on a day that has passed: the one rule for the plan's overdue list and the badge of
    each activity."""
    return (
        activity.schedule_state == ScheduleState.DUE
        and activity.schedule_date is not None
        and activity.schedule_date < today
    )


def group_flags(group: ActivityGroup) -> list[str]:
    """Why a top-level entry needs attention: no real activity under it, or an activity
    nobody is responsible for; or the plan's own note says so."""
    flags: list[str] = []
    everything = [group.activity, *group.children]
    notes = " ".join(activity.notes for activity in everything)
    lone = (
        not group.children
        and not group.activity.schedule_state
        and not list(group.activity.responsibilities.all())
    )
    placeholders = bool(group.children) and all(is_placeholder(child) for child in group.children)
    if lone or placeholders or _NOTE_NO_ACTIVITY.search(notes):
        flags.append(FLAG_NO_ACTIVITY)
    # Only real activities need a responsible party: an entry without any is flagged once.
    real = [] if lone else [leaf for leaf in group.leaves if not is_placeholder(leaf)]
    if any(not list(leaf.responsibilities.all()) for leaf in real) or _NOTE_NO_RESPONSIBLE.search(
        notes
    ):
        flags.append(FLAG_NO_RESPONSIBLE)
    return flags


def _references_prefetch() -> Prefetch:
    return Prefetch(
        "references",
        queryset=Reference.objects.select_related("agreement").order_by("position", "id"),
    )


def _activities_prefetch() -> Prefetch:
    return Prefetch(
        "activities",
        queryset=Activity.objects.prefetch_related(
            "responsibilities", _references_prefetch()
        ).order_by("position", "id"),
    )


def plan_tree(version: PlanVersion, *, today: date | None = None) -> PlanTree:
    """The whole version, read in a fixed number of queries."""
    tree = PlanTree(version=version, today=today or timezone.localdate())
    areas = (
        Area.objects.filter(plan=version)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.order_by("position", "id").prefetch_related(
                    _activities_prefetch()
                ),
            )
        )
    )
    for area in areas:
        area_node = AreaNode(area)
        for objective in area.objectives.all():
            node = ObjectiveNode(objective)
            activities = list(objective.activities.all())
            by_id = {activity.pk: activity for activity in activities}
            groups: dict[int, ActivityGroup] = {}
            for activity in activities:
                top = activity
                while top.parent_id is not None and top.parent_id in by_id:
                    top = by_id[top.parent_id]
                if top is activity:
                    groups[activity.pk] = ActivityGroup(activity)
                    node.groups.append(groups[activity.pk])
                else:
                    groups[top.pk].children.append(activity)
            for group in node.groups:
                group.flags = group_flags(group)
            if not node.groups:
                node.flags.append(FLAG_NO_ACTIVITY)
            area_node.objectives.append(node)
        tree.areas.append(area_node)
    tree.history = history_groups(version)
    return tree


def history_groups(version: PlanVersion) -> list[HistoryGroup]:
    """The history by area and objective, in order of first appearance."""
    records = (
        HistoryRecord.objects.filter(plan=version)
        .order_by("position", "id")
        .prefetch_related(
            _references_prefetch(),
            Prefetch(
                "actions",
                queryset=HistoryAction.objects.order_by("position", "id").prefetch_related(
                    _references_prefetch()
                ),
            ),
        )
    )
    groups: dict[tuple[str, str], HistoryGroup] = {}
    for record in records:
        key = (record.area_code, record.objective_code)
        group = groups.get(key)
        if group is None:
            group = groups[key] = HistoryGroup(
                record.area_code, record.area_title, record.objective_code, record.objective_text
            )
        if "." not in record.code:
            group.blocks.append(HistoryBlock(record))
        elif group.blocks:
            group.blocks[-1].children.append(record)
        else:
            group.blocks.append(HistoryBlock(None, [record]))
    return list(groups.values())


# --- the plan as JSON -------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def activity_as_json(activity: Activity) -> dict[str, Any]:
    return {
        "code": activity.code,
        "text": activity.text,
        "responsible": [item.party for item in activity.responsibilities.all()],
        "responsible_other": activity.responsible_other,
        "schedule": {
            "state": activity.schedule_state or None,
            "date": _iso(activity.schedule_date),
        },
        "references": [reference.text for reference in activity.references.all()],
        "notes": activity.notes,
    }


def version_as_json(version: PlanVersion) -> dict[str, Any]:
    """The version as plan JSON (importing.py): what a copy, the API and the round-trip tests
    compare."""
    tree = plan_tree(version)
    return {
        "updated_on": _iso(version.updated_on),
        "title": version.title,
        "legend": list(version.legend or []),
        "areas": [
            {
                "code": area.area.code,
                "title": area.area.title,
                "objectives": [
                    {
                        "code": node.objective.code,
                        "text": node.objective.text,
                        "activities": [
                            activity_as_json(activity)
                            for group in node.groups
                            for activity in [group.activity, *group.children]
                        ],
                    }
                    for node in area.objectives
                ],
            }
            for area in tree.areas
        ],
        "history": [
            {
                "area": record.area_code,
                "area_title": record.area_title,
                "objective": record.objective_code,
                "objective_text": record.objective_text,
                "code": record.code,
                "text": record.text,
                "date": _iso(record.done_on),
                "references": [reference.text for reference in record.references.all()],
                "done": [
                    {
                        "code": action.code,
                        "text": action.text,
                        "date": _iso(action.date),
                        "references": [reference.text for reference in action.references.all()],
                    }
                    for action in record.actions.all()
                ],
            }
            for group in tree.history
            for record in group.records
        ],
    }


# --- dashboards -------------------------------------------------------------------------------


def _party_code(country_or_organization) -> tuple[str, bool]:
    """(code, is a member state) of a Country, an Organization, an ISO2 or an org code."""
    if isinstance(country_or_organization, Organization):
        if country_or_organization.country_id:
            return country_or_organization.country_id, True
        return country_or_organization.code, False
    code = getattr(country_or_organization, "pk", country_or_organization)
    code = str(code or "").strip()
    if code.upper() in MEMBER_STATES:
        return code.upper(), True
    return code, False


def activities_due_for(
    country_or_organization, within_days: int = DEFAULT_DUE_WITHIN_DAYS, *, today=None
) -> list[Activity]:
    """Activities of the version in force with a due date in the next `within_days` days (or
    already past), that `country_or_organization` is responsible for: by name, as a member
    state (ALL), or as the country holding the pro-tempore presidency (PPT). Soonest first.

    For home dashboards: pass a Country, an Organization, an ISO2 ("MX") or an organization
    code ("IOM", "ST"); a national office counts as its country."""
    today = today or timezone.localdate()
    version = latest_version()
    code, member = _party_code(country_or_organization)
    if version is None or not code:
        return []
    presidency = ProTemporePresidency.current(on=today) if member else None
    presidency_code = presidency.country_id if presidency else None
    parties = {code}
    if member:
        parties.add(ALL_MEMBERS)
        if presidency_code == code:
            parties.add(PRESIDENCY)
    responsible = Responsibility.objects.filter(party__in=parties).values("activity_id")
    activities = (
        Activity.objects.filter(
            objective__area__plan=version,
            schedule_state=ScheduleState.DUE,
            schedule_date__lte=today + timedelta(days=within_days),
            pk__in=responsible,
        )
        .select_related("objective__area", "parent")
        .prefetch_related("responsibilities", "references")
        .order_by("schedule_date", "objective__area__position", "objective__position", "position")
    )
    return [
        activity
        for activity in activities
        if any(
            party_matches(item.party, code, presidency=presidency_code)
            for item in activity.responsibilities.all()
        )
    ]
