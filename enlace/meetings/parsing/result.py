"""What the meeting-report parser gives back: the report, its items and sub-items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from enlace.core.documents.base import JsonResult, ParsedDocument
from enlace.core.documents.problems import Problem

BODY_NETWORK = "network"
BODY_GRCM = "grcm"
BODY_VICEMINISTERIAL = "crm"  # the Conference's own, vice-ministerial meeting
BODY_WORKSHOP = "workshop"
BODY_OTHER = "other"
BODIES = (BODY_NETWORK, BODY_GRCM, BODY_VICEMINISTERIAL, BODY_WORKSHOP, BODY_OTHER)


@dataclass
class SubItem(JsonResult):
    """A sub-item of an agreement: "a)", "1.1" or a bullet (labelled a, b, c ... in order)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("label", "text")

    label: str
    text: str
    line: int = field(default=0, compare=False)


@dataclass
class Item(JsonResult):
    """A numbered agreement, or an un-numbered paragraph of the agreements numbered in order;
    `line` is where it starts (not compared: the same agreement read from another copy of the
    report is equal)."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("number", "text", "subitems")

    number: str
    text: str
    subitems: list[SubItem] = field(default_factory=list)
    line: int = field(default=0, compare=False)


@dataclass
class MeetingReport(ParsedDocument):
    """A meeting report as read: what its JSON holds (the meeting's record), the organizations
    and observer countries among the participants, and the text kept outside the agreements."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "body",
        "start_date",
        "end_date",
        "city",
        "country",
        "participants",
        "language",
        "items",
    )

    title: str | None = None
    body: str = BODY_OTHER
    start_date: date | None = None
    end_date: date | None = None
    city: str | None = None
    country: str | None = None
    participants: list[str] = field(default_factory=list)
    language: str = "es"
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    other_countries: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
