"""Rows of the plan: activities, and the responsible parties and schedules placed on them."""

from __future__ import annotations

from typing import Any

from enlace.core.documents.problems import gettext_noop
from enlace.workplan.parsing.cells import (
    _tidy,
    parse_responsible,
    parse_schedule,
    split_references,
)
from enlace.workplan.parsing.layout import _Entry, _Row
from enlace.workplan.parsing.result import Activity, Schedule

# One template per role rather than a role word put into one: the words would stay in English
# and the sentence would not agree in Spanish.
_UNPLACED = {
    "responsible": gettext_noop("Responsible party “%(text)s” matches no activity of its row."),
    "schedule": gettext_noop("Schedule “%(text)s” matches no activity of its row."),
}
_PLACED_BY_POSITION = {
    "responsible": gettext_noop(
        "Responsible party %(code)s is read as that of activity %(activity)s (its place in "
        "the row)."
    ),
    "schedule": gettext_noop(
        "Schedule %(code)s is read as that of activity %(activity)s (its place in the row)."
    ),
}
_CONTINUED = {
    "responsible": gettext_noop(
        "The responsible party of activity %(code)s runs over several paragraphs: “%(text)s”."
    ),
    "schedule": gettext_noop(
        "The schedule of activity %(code)s runs over several paragraphs: “%(text)s”."
    ),
}


class PlanRows:
    """The steps of the work-plan parser that read a row of the plan (not of its history)
    into activities of `self.objective`."""

    def plan_row(self, row: _Row, roles: list[str]) -> None:
        cells = self.cells_by_role(row, roles)
        targets = self.row_targets(row, cells, self.add_activity)
        if targets is None:
            return
        if not targets:
            if any(
                not cell.empty
                for role in ("responsible", "schedule")
                for cell in cells.get(role, [])
            ):
                self.problem(
                    row.line,
                    gettext_noop("A row gives a responsible party or a schedule but no activity."),
                )
            return
        for role in ("responsible", "schedule"):
            entries = self.role_entries(cells, role)
            for entry, target in self.place(
                entries, targets, 1 if role == "responsible" else 2, role
            ):
                if role == "responsible":
                    self.set_responsible(target, entry)
                else:
                    self.set_schedule(target, entry)

    def add_activity(self, entry: _Entry, row_parent: Activity | None) -> Activity:
        text, references = split_references(entry.text)
        objective = self.objective
        code = entry.code
        if code is None:
            parent_code = (
                row_parent.code
                if row_parent
                else (self.parent.code if isinstance(self.parent, Activity) else None)
            )
            siblings = [a for a in objective.activities if a.parent == parent_code]
            code = f"{parent_code}.{len(siblings) + 1}" if parent_code else str(len(siblings) + 1)
            self.warning(
                entry.line,
                gettext_noop("An activity without number was given the number %(code)s."),
                code=code,
            )
        elif row_parent is not None and not code.startswith(row_parent.code + "."):
            self.warning(
                entry.line,
                gettext_noop("Activity %(code)s is written under activity %(parent)s."),
                code=code,
                parent=row_parent.code,
            )
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        if parent_code and not any(a.code == parent_code for a in objective.activities):
            parent_code = None
        activity = Activity(code, text, [], Schedule(), references, parent_code, line=entry.line)
        objective.activities.append(activity)
        return activity

    def place(
        self, entries: list[_Entry], targets: list, depth: int, role: str
    ) -> list[tuple[_Entry, Any]]:
        """Pair each responsible / schedule entry with the activity it belongs to."""
        if not entries:
            return []
        by_code = [
            [t for t in targets if entry.code and self.code_belongs(entry.code, t.code, depth)]
            for entry in entries
        ]
        chosen = [matches[0] for matches in by_code if len(matches) == 1]
        if len(chosen) == len(entries) and len({id(t) for t in chosen}) == len(chosen):
            return list(zip(entries, chosen, strict=True))
        if len(entries) == 1 and entries[0].code is None:
            # One uncoded entry for a row of several activities: it holds for all of them.
            return [(entries[0], target) for target in targets]
        pairs = []
        positional = len(entries) == len(targets)
        for index, entry in enumerate(entries):
            if positional:
                target = targets[index]
            elif len(by_code[index]) == 1:
                pairs.append((entry, by_code[index][0]))
                continue
            else:
                loose = [t for t in targets if entry.code and entry.code.startswith(t.code + ".")]
                target = (
                    max(loose, key=lambda t: len(t.code))
                    if loose
                    else (targets[0] if len(targets) == 1 else None)
                )
            if target is None:
                self.problem(
                    entry.line,
                    _UNPLACED[role],
                    text=f"{entry.code or ''} {entry.text}".strip()[:80],
                )
                continue
            if entry.code and target not in by_code[index]:
                self.warning(
                    entry.line,
                    _PLACED_BY_POSITION[role],
                    code=entry.code,
                    activity=target.code,
                )
            pairs.append((entry, target))
        return pairs

    @staticmethod
    def code_belongs(code: str, activity_code: str, depth: int) -> bool:
        parts = code.split(".")
        return len(parts) > depth and ".".join(parts[:-depth]) == activity_code

    def check_continued(self, activity: Activity, entry: _Entry, role: str) -> None:
        # In the seed layout a paragraph that follows a cell continues it; in a responsible or
        # schedule cell that is rare enough to be worth a look (stray text ends up there).
        if entry.continued:
            self.warning(
                entry.line,
                _CONTINUED[role],
                code=activity.code,
                text=entry.text[:80],
            )

    def set_responsible(self, activity: Activity, entry: _Entry) -> None:
        self.check_continued(activity, entry, "responsible")
        text, references = split_references(entry.text, dated_parentheses=True)
        activity.references.extend(r for r in references if r not in activity.references)
        activity.responsible_text = _tidy(f"{activity.responsible_text} {text}")
        for code in parse_responsible(text):
            if code not in activity.responsible:
                activity.responsible.append(code)
        if not parse_responsible(text):
            self.warning(
                entry.line,
                gettext_noop("No responsible party recognised in “%(text)s” (activity %(code)s)."),
                text=text[:60],
                code=activity.code,
            )

    def set_schedule(self, activity: Activity, entry: _Entry) -> None:
        self.check_continued(activity, entry, "schedule")
        text, references = split_references(entry.text, dated_parentheses=True)
        activity.references.extend(r for r in references if r not in activity.references)
        if activity.schedule.state is not None:
            self.warning(
                entry.line,
                gettext_noop(
                    "Activity %(code)s has a second schedule “%(text)s”; the first one is kept."
                ),
                code=activity.code,
                text=text[:60],
            )
            activity.schedule_text = _tidy(f"{activity.schedule_text} {text}")
            return
        activity.schedule_text = text
        activity.schedule = parse_schedule(text)
        if activity.schedule.state is None:
            self.warning(
                entry.line,
                gettext_noop("Schedule “%(text)s” of activity %(code)s is no known state or date."),
                text=text[:60],
                code=activity.code,
            )
