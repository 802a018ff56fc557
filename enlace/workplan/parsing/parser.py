"""The work-plan parser: paragraphs (title, headings, legend) and the dispatch of rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from enlace.core.documents.base import DocumentParser
from enlace.core.documents.dates import find_dates
from enlace.core.documents.problems import gettext_noop
from enlace.core.documents.reading import DOCX_SUFFIXES, read_document, read_docx_blocks
from enlace.core.documents.text import fold, normalize_space, roman_numeral, upper_ratio
from enlace.workplan.parsing.history import HistoryRows
from enlace.workplan.parsing.layout import (
    _DOCUMENT_TITLE,
    _HISTORY_HEADING,
    _LEGEND,
    _LETTER,
    _ROMAN_HEADING,
    _UPDATED,
    _Cell,
    _entries,
    _Entry,
    _header_roles,
    _is_heading,
    _Para,
    _Row,
    _units_from_blocks,
    _units_from_lines,
)
from enlace.workplan.parsing.plan_rows import PlanRows
from enlace.workplan.parsing.result import (
    Activity,
    Area,
    HistoryRecord,
    Objective,
    WorkPlanDocument,
)

_MISSING = {
    ("responsible",): gettext_noop("Activity %(code)s has no responsible party."),
    ("schedule",): gettext_noop("Activity %(code)s has no schedule."),
    ("responsible", "schedule"): gettext_noop(
        "Activity %(code)s has no responsible party and no schedule."
    ),
}


def _area_numeral(number: int) -> str:
    return roman_numeral(number).upper()


_TITLE_GOES_ON = re.compile(r"^(?:[a-záéíóúñ]|(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$)")
_TABLE_OF_CONTENTS = re.compile(
    r"^(?:indice|contenido|tabla de contenido|contents|table of contents)\W*$"
)
_CONTENTS_ENTRY = re.compile(r"\.{5,}\s*\d{1,3}\s*$")


class _WorkPlanParser(PlanRows, HistoryRows, DocumentParser[WorkPlanDocument]):
    def __init__(self, units: list[_Para | _Row]) -> None:
        super().__init__(WorkPlanDocument())
        self.units = units
        self.history = False
        self.area: Area | None = None
        self.objective: Objective | None = None
        self.history_area: tuple[str, str] | None = None
        self.history_objective: tuple[str, str] | None = None
        self.roles: list[str] | None = None
        self.parent: Activity | HistoryRecord | None = None
        self.seen_table = False
        self.title_open = False
        self.in_contents = False

    @property
    def document(self) -> WorkPlanDocument:
        return self.result

    def parse(self) -> WorkPlanDocument:
        for unit in self.units:
            try:
                if isinstance(unit, _Para):
                    self.paragraph(unit.line, unit.text)
                else:
                    self.row(unit)
            except Exception as exc:  # one unreadable row must not lose the plan
                self.unreadable(unit.line, exc)
        self.check()
        return self.document

    # -- paragraphs: title, update date, headings, legend ------------------------------------

    def paragraph(self, line: int, text: str) -> None:
        folded = fold(text)
        doc = self.document
        text = normalize_space(text)
        if self.title_open and _TITLE_GOES_ON.match(text):
            # A title wrapped over lines: "Plan de trabajo en materia de" / "tráfico ilícito
            # de migrantes" / "2019-2025".
            doc.title = f"{doc.title} {text}"
            doc.preamble.append(text)
            return
        self.title_open = False
        if _TABLE_OF_CONTENTS.match(folded) and not doc.areas:
            self.in_contents = True
        if self.in_contents or _CONTENTS_ENTRY.search(text):
            # The table of contents ("EJE 1: ... 16") names the plan's parts, it holds none.
            doc.preamble.append(text)
            return
        if _UPDATED.search(folded) and doc.updated_on is None:
            found = find_dates(text)
            if found:
                doc.updated_on = found[0].start
                doc.preamble.append(text)
                return
        if _LEGEND.match(folded):
            doc.legend.append(text)
            return
        if _HISTORY_HEADING.match(folded):
            self.start_history(line)
            return
        if not doc.areas and not self.history and _DOCUMENT_TITLE.search(folded):
            doc.preamble.append(text)
            if doc.title is None and (
                "plan de trabajo" in folded or "work plan" in folded or "workplan" in folded
            ):
                doc.title = text
                self.title_open = not re.search(r"[.:;]$", text)
            return
        roman = _ROMAN_HEADING.match(text)
        letter = _LETTER.match(text)
        # "I." is the area I when written in capitals ("I. POLÍTICAS Y GESTIÓN MIGRATORIA"),
        # the ninth objective otherwise ("I. Fortalecer ...").
        if roman and (not letter or upper_ratio(roman.group("text")) > 0.8):
            self.new_area(roman.group("code"), roman.group("text"), line)
            return
        if letter:
            self.new_objective(letter.group("code"), letter.group("text"), line)
            return
        if _is_heading(text):
            self.new_area(None, text, line)
            return
        if not doc.areas and not self.seen_table:
            doc.preamble.append(text)
            return
        self.problem(
            line,
            gettext_noop("Text outside the table belongs to no activity: “%(text)s”."),
            text=text[:80],
        )

    def start_history(self, line: int) -> None:
        if not self.history:
            self.history = True
            self.parent = None
            self.history_area = None
            self.history_objective = None

    def new_area(self, code: str | None, title: str, line: int) -> None:
        title = normalize_space(title)
        if not self.history and any(
            fold(area.title) == fold(title) for area in self.document.areas
        ):
            # The plan's second part repeats the area headings: what follows is its history.
            self.start_history(line)
        if self.history:
            known = next(
                (area for area in self.document.areas if fold(area.title) == fold(title)), None
            )
            area_code = code or (known.code if known else _area_numeral(1))
            self.history_area = (area_code, title)
            self.history_objective = None
            self.parent = None
            return
        area_code = code or _area_numeral(len(self.document.areas) + 1)
        self.area = Area(area_code, title, [], line)
        self.document.areas.append(self.area)
        self.objective = None
        self.parent = None

    def new_objective(self, code: str, text: str, line: int) -> None:
        text = normalize_space(text)
        self.parent = None
        if self.history:
            if self.history_area is None:
                area = self.document.areas[0] if self.document.areas else None
                self.history_area = (area.code, area.title) if area else (_area_numeral(1), "")
            self.history_objective = (code, text)
            return
        if self.area is None:
            self.warning(
                line,
                gettext_noop(
                    "Objective %(code)s comes before any area heading; an area "
                    "without title holds it."
                ),
                code=code,
            )
            self.area = Area(_area_numeral(len(self.document.areas) + 1), "", [], line)
            self.document.areas.append(self.area)
        self.objective = Objective(code, text, [], line)
        self.area.objectives.append(self.objective)

    # -- rows ------------------------------------------------------------------------------

    def row(self, row: _Row) -> None:
        self.in_contents = self.title_open = False
        roles = _header_roles(row)
        if roles:
            self.roles = roles
            self.seen_table = True
            return
        non_empty = [cell for cell in row.cells if not cell.empty]
        if not non_empty:
            return
        texts = {" ".join(p.text for p in cell.paragraphs if p.text) for cell in non_empty}
        if (
            len(texts) == 1
            and len(non_empty) == len(row.cells)
            and len(row.cells) > 1
            and _is_heading(texts.pop())
        ):
            self.paragraph(row.line, " ".join(p.text for p in non_empty[0].paragraphs if p.text))
            return
        self.seen_table = True
        roles = self.row_roles(row)
        if self.history or "done" in roles:
            self.start_history(row.line)
            self.history_row(row, roles)
        else:
            self.plan_row(row, roles)

    def row_roles(self, row: _Row) -> list[str]:
        count = len(row.cells)
        if (
            self.roles
            and len(self.roles) == count
            and not (self.history and "done" not in self.roles)
        ):
            return self.roles
        if self.history or (self.roles and len(self.roles) == 4 and count == 3):
            base = ["objective", "activity", "done"]
        else:
            base = ["objective", "activity", "responsible", "schedule"]
        if count <= len(base):
            return base[:count]
        return base + [base[-1]] * (count - len(base))

    def cells_by_role(self, row: _Row, roles: list[str]) -> dict[str, list[_Cell]]:
        by_role: dict[str, list[_Cell]] = {}
        for cell, role in zip(row.cells, roles, strict=False):
            by_role.setdefault(role, []).append(cell)
        return by_role

    def row_targets(self, row: _Row, cells: dict[str, list[_Cell]], add: Callable) -> list | None:
        """The activities (plan) or records (history) a row names, made by `add(entry, parent)`:
        those of its second column under the last one of its first column, else those of the
        first column. None when no objective holds the row (a problem says so)."""
        parents = self.objective_cell(cells.get("objective", []))
        if not self.ensure_objective(row.line):
            return None
        row_parents = [add(entry, None) for entry in parents]
        if row_parents:
            self.parent = row_parents[-1]
        children = []
        for cell in cells.get("activity", []):
            if cell.merged:
                continue
            for entry in _entries(cell):
                children.append(add(entry, row_parents[-1] if row_parents else None))
        return children or row_parents

    @staticmethod
    def role_entries(cells: dict[str, list[_Cell]], role: str) -> list[_Entry]:
        """The entries of a row's cells of `role`, merged cells left out."""
        return [
            entry for cell in cells.get(role, []) if not cell.merged for entry in _entries(cell)
        ]

    def objective_cell(self, cells: list[_Cell]) -> list[_Entry]:
        """Objective switches and parent activities written in the first column."""
        parents: list[_Entry] = []
        for cell in cells:
            if cell.merged or cell.empty:
                continue
            for entry in _entries(cell, letters=True):
                if entry.code and entry.code.isalpha():
                    current = (
                        self.history_objective
                        if self.history
                        else (
                            (self.objective.code, self.objective.text) if self.objective else None
                        )
                    )
                    if current is None or current[0] != entry.code:
                        self.new_objective(entry.code, entry.text, entry.line)
                elif entry.code:
                    parents.append(entry)
                else:
                    current_text = (
                        self.history_objective[1]
                        if self.history and self.history_objective
                        else self.objective.text
                        if self.objective
                        else None
                    )
                    if current_text is None or fold(current_text) != fold(
                        normalize_space(entry.text)
                    ):
                        code = (
                            chr(ord(self.objective.code) + 1)
                            if (not self.history and self.objective)
                            else "A"
                        )
                        self.warning(
                            entry.line,
                            gettext_noop(
                                "An objective without letter was given the letter %(code)s."
                            ),
                            code=code,
                        )
                        self.new_objective(code, entry.text, entry.line)
        return parents

    def ensure_objective(self, line: int) -> bool:
        if self.history:
            if self.history_objective is None:
                self.problem(
                    line, gettext_noop("A history row comes before any objective heading.")
                )
                return False
            return True
        if self.objective is None:
            self.problem(
                line,
                gettext_noop(
                    "A table row comes before any objective heading (A., B. ...); "
                    "its activities cannot be placed."
                ),
            )
            return False
        return True

    def check(self) -> None:
        doc = self.document
        if not doc.activities():
            self.problem(0, gettext_noop("No work plan found: no activity under an objective."))
        if doc.updated_on is None:
            self.warning(0, gettext_noop("No update date found (“Actualizado por la ST el …”)."))
        parents = {activity.parent for activity in doc.activities() if activity.parent}
        for activity in doc.activities():
            if activity.code in parents:
                continue
            missing = []
            if not activity.responsible_text:
                missing.append("responsible")
            if activity.schedule.state is None and not activity.schedule_text:
                missing.append("schedule")
            if missing:
                self.warning(activity.line, _MISSING[tuple(missing)], code=activity.code)
        doc.problems.sort(key=lambda found: found.line)
        doc.warnings.sort(key=lambda found: found.line)


def parse_workplan(lines: list[str]) -> WorkPlanDocument:
    """Read the work plan from its lines (as `read_document` returns them)."""
    return _WorkPlanParser(_units_from_lines(list(lines))).parse()


def parse_workplan_file(path: Path | str) -> WorkPlanDocument:
    """Read the work plan from a `.txt` or `.docx` file (DocumentError if unreadable).

    A `.docx` is read from its table structure rather than from flattened lines, so merged
    cells and multi-paragraph cells keep their columns.
    """
    path = Path(path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        _, blocks = read_docx_blocks(path)
        return _WorkPlanParser(_units_from_blocks(blocks)).parse()
    return parse_workplan(read_document(path))
