"""Rows of the plan's second part, its history: what was done, by activity."""

from __future__ import annotations

from enlace.core.documents.problems import gettext_noop
from enlace.workplan.parsing.cells import done_date, split_references
from enlace.workplan.parsing.layout import _Entry, _Row
from enlace.workplan.parsing.result import HistoryAction, HistoryRecord


class HistoryRows:
    """The steps of the work-plan parser that read a history row into `HistoryRecord`s of
    `self.history_area` / `self.history_objective`."""

    def history_row(self, row: _Row, roles: list[str]) -> None:
        cells = self.cells_by_role(row, roles)
        targets = self.row_targets(row, cells, self.add_record)
        if targets is None:
            return
        entries = self.role_entries(cells, "done")
        if entries and not targets:
            self.problem(
                row.line, gettext_noop("A history row tells what was done but names no activity.")
            )
            return
        for index, entry in enumerate(entries):
            matches = [
                t for t in targets if entry.code and self.code_belongs(entry.code, t.code, 1)
            ]
            if matches:
                target = matches[0]
            elif entry.code is None or len(targets) == 1:
                target = targets[0]
            elif len(entries) == len(targets):
                target = targets[index]
                self.warning(
                    entry.line,
                    gettext_noop(
                        "Done entry %(code)s is read as that of activity "
                        "%(activity)s (its place in the row)."
                    ),
                    code=entry.code,
                    activity=target.code,
                )
            else:
                self.problem(
                    entry.line,
                    gettext_noop("Done entry “%(text)s” matches no activity of its row."),
                    text=f"{entry.code} {entry.text}"[:80],
                )
                continue
            text, references = split_references(entry.text)
            target.done.append(
                HistoryAction(entry.code, text, done_date(text, references), references, entry.line)
            )

    def add_record(self, entry: _Entry, row_parent: HistoryRecord | None) -> HistoryRecord:
        text, references = split_references(entry.text)
        area_code, area_title = self.history_area or ("", "")
        objective_code, objective_text = self.history_objective
        same_objective = [
            r for r in self.document.history if (r.area, r.objective) == (area_code, objective_code)
        ]
        code = entry.code
        if code is None:
            parent_code = row_parent.code if row_parent else None
            siblings = [r for r in same_objective if r.parent == parent_code]
            code = f"{parent_code}.{len(siblings) + 1}" if parent_code else str(len(siblings) + 1)
            self.warning(
                entry.line,
                gettext_noop("An activity without number was given the number %(code)s."),
                code=code,
            )
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        if parent_code and not any(r.code == parent_code for r in same_objective):
            parent_code = None
        record = HistoryRecord(
            area_code,
            objective_code,
            code,
            text,
            references,
            [],
            parent_code,
            area_title,
            objective_text,
            entry.line,
        )
        self.document.history.append(record)
        return record
