"""What the work-plan parser gives back: areas, objectives, activities, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from enlace.core.documents.base import JsonResult, ParsedDocument
from enlace.core.documents.problems import Problem


@dataclass
class Schedule(JsonResult):
    """`state` is one of SCHEDULE_STATES or None (unreadable); `date` for due and done."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("state", "date")

    state: str | None = None
    date: date | None = None


@dataclass
class Activity(JsonResult):
    """An activity of the plan, its code as written ("1", "1.2"); `parent` is the code of the
    activity it is under, the cells' texts as written are kept beside what was read of them."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "code",
        "text",
        "responsible",
        "schedule",
        "references",
    )

    code: str
    text: str
    responsible: list[str] = field(default_factory=list)
    schedule: Schedule = field(default_factory=Schedule)
    references: list[str] = field(default_factory=list)
    parent: str | None = None
    responsible_text: str = ""
    schedule_text: str = ""
    line: int = 0


@dataclass
class Objective(JsonResult):
    """An objective ("A.", "B." ...) of an area and its activities in document order."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("code", "text", "activities")

    code: str
    text: str
    activities: list[Activity] = field(default_factory=list)
    line: int = 0


@dataclass
class Area(JsonResult):
    """An area of the plan, coded with roman numerals ("I", "II" ...)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("code", "title", "objectives")

    code: str
    title: str
    objectives: list[Objective] = field(default_factory=list)
    line: int = 0


@dataclass
class HistoryAction(JsonResult):
    """What was done for an activity that left the plan, and when (see `done_date`)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("code", "text", "date", "references")

    code: str | None
    text: str
    date: date | None = None
    references: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class HistoryRecord(JsonResult):
    """An activity that left the plan, where it stood, and what was done; its `date` is the
    latest of its done entries'."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "area",
        "objective",
        "code",
        "text",
        "date",
        "references",
        "done",
    )

    area: str
    objective: str
    code: str
    text: str
    references: list[str] = field(default_factory=list)
    done: list[HistoryAction] = field(default_factory=list)
    parent: str | None = None
    area_title: str = ""
    objective_text: str = ""
    line: int = 0

    @property
    def date(self) -> date | None:
        dates = [action.date for action in self.done if action.date]
        return max(dates) if dates else None


@dataclass
class WorkPlanDocument(ParsedDocument):
    """The plan as read: its areas and its history (the JSON), and the title, preamble and
    legend lines kept beside them."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("title", "updated_on", "areas", "history")

    updated_on: date | None = None
    areas: list[Area] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    title: str | None = None
    preamble: list[str] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)

    def activities(self) -> list[Activity]:
        return [
            activity
            for area in self.areas
            for objective in area.objectives
            for activity in objective.activities
        ]
