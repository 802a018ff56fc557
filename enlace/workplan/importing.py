"""From a work-plan document (.txt or .docx) to a checked plan ready to be written.

The document is read by `parsing.parse_workplan_file` (kept by a colleague); this module only
relies on its `as_json()` output:

    {"updated_on", "areas": [{"code", "title", "objectives": [{"code", "text",
      "activities": [{"code", "text", "responsible", "schedule": {"state", "date"},
      "references"}]}]}], "history": [{"area", "objective", "code", "text", "date",
      "references", "done": [{"code", "text", "date", "references"}]}]}

and turns it into the *plan JSON* this app reads and writes everywhere (the import, the copy
of a version into a draft, the API, the round-trip tests): the same shape plus, per activity,
`notes` (the plan's "NOTA: ..." remarks) and `responsible_other` (a party named without a
code, "Países participantes"), and per history record the titles of its area and objective.

Where the parser's JSON does not carry the cell texts those need (`responsible_text`,
`schedule_text` per activity; `area_title`, `objective_text` per history record), they are
read from the document's objects when it exposes them, matched by position; without them the
import still works, with fewer notes and the history's titles taken from the plan's.

Rules applied here (DESIGN §3.10: everything is checked before anything is written):
- an activity whose schedule says done leaves the plan for its history, with its date;
- codes, parties, states and dates are checked; what is wrong is a problem and nothing is
  imported; what was guessed is a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from enlace.core.documents.problems import Problem, gettext_noop, problem

from .choices import ScheduleState
from .parsing import DocumentError, parse_workplan_file
from .parties import PARTY_CODE

MAX_CODE = 32
MAX_HEADING_CODE = 8
MAX_TITLE = 400
MAX_REFERENCE = 400
MAX_OTHER_RESPONSIBLE = 300

_NOTE = re.compile(r"\(?\s*\b(?:nota|note)\s*:\s*", re.IGNORECASE)
# What a schedule cell says besides its state ("Continuo. Existe un espacio en el sitio
# privado de la CRM.") is a note worth keeping.
_STATE_WORDS = re.compile(
    r"^\s*(?:continu[oa]s?|permanentes?|pendientes?|por\s+definir|por\s+determinar|"
    r"ongoing|on-going|continuous|pending|to\s+be\s+(?:defined|determined)|tbd)\b[\s.;,:-]*",
    re.IGNORECASE,
)


class WorkPlanFileError(Exception):
    """The file cannot be read as a work plan at all (missing, not .txt/.docx, damaged)."""


@dataclass
class PlanImport:
    """A work plan read from a file: the parser's own JSON (`document_json`, what
    `enlace workplan import --json` prints), the plan JSON to write, and what was found."""

    source_name: str
    document_json: dict[str, Any]
    plan: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return plan_counts(self.plan)


def plan_counts(plan: dict[str, Any]) -> dict[str, int]:
    """Areas, objectives, top-level entries, sub-activities, history records and done
    entries of a plan JSON."""
    activities = [
        activity
        for area in plan.get("areas", [])
        for objective in area["objectives"]
        for activity in objective["activities"]
    ]
    top = sum(1 for activity in activities if "." not in activity["code"])
    return {
        "areas": len(plan.get("areas", [])),
        "objectives": sum(len(area["objectives"]) for area in plan.get("areas", [])),
        "activities": len(activities),
        "top_level": top,
        "sub_activities": len(activities) - top,
        "history_records": len(plan.get("history", [])),
        "done_entries": sum(len(record["done"]) for record in plan.get("history", [])),
    }


def split_note(text: str) -> tuple[str, str]:
    """("Por definir.", "Si no se identifican actividades, ...") from "Por definir. NOTA: Si
    no se identifican actividades, ..."."""
    match = _NOTE.search(text or "")
    if not match:
        return (text or "").strip(), ""
    note = text[match.end() :].strip()
    if match.group().lstrip().startswith("(") and note.endswith(")"):
        note = note[:-1].strip()
    return text[: match.start()].strip(), note


def _join_notes(*notes: str) -> str:
    return " ".join(note.strip() for note in notes if note and note.strip())


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def parent_code(code: str, known: set[str] | list[str]) -> str | None:
    """The longest prefix of `code` that is an activity of the same objective ("1.1.1" ->
    "1.1", or "1" when there is no "1.1")."""
    parts = code.split(".")
    for length in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:length])
        if candidate in known:
            return candidate
    return None


def _document_extras(document) -> tuple[list[tuple[str, str]] | None, list[tuple[str, str]]]:
    """Cell texts of the activities and titles of the history groups, read from the parsed
    document when it exposes them (never required)."""
    cells = None
    try:
        cells = [
            (
                getattr(activity, "responsible_text", "") or "",
                getattr(activity, "schedule_text", "") or "",
            )
            for activity in document.activities()
        ]
    except (AttributeError, TypeError):
        cells = None
    titles = [
        (getattr(record, "area_title", "") or "", getattr(record, "objective_text", "") or "")
        for record in getattr(document, "history", []) or []
    ]
    return cells, titles


def _state_remainder(schedule_text: str, state: str | None) -> str:
    if state not in (ScheduleState.ONGOING, ScheduleState.PENDING, ScheduleState.TBD):
        return ""
    match = _STATE_WORDS.match(schedule_text or "")
    if not match:
        return ""
    remainder = schedule_text[match.end() :].strip()
    return remainder if len(remainder.split()) >= 2 else ""


def normalize_plan(
    raw: dict[str, Any],
    *,
    cells: list[tuple[str, str]] | None = None,
    history_titles: list[tuple[str, str]] | None = None,
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """The plan JSON of a parser's `as_json()`, with the problems and warnings found."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    plan: dict[str, Any] = {
        "updated_on": raw.get("updated_on"),
        "areas": [],
        "history": [],
    }
    try:
        _parse_date(plan["updated_on"])
    except ValueError:
        problems.append(
            problem(
                0,
                gettext_noop("The update date “%(date)s” is not a date."),
                date=raw.get("updated_on"),
            )
        )
        plan["updated_on"] = None
    flat = [
        activity
        for area in raw.get("areas", [])
        for objective in area.get("objectives", [])
        for activity in objective.get("activities", [])
    ]
    if cells is not None and len(cells) != len(flat):
        cells = None  # the document and its JSON disagree: do without the cell texts
    index = 0
    moved: list[dict[str, Any]] = []
    for area in raw.get("areas", []):
        area_out = {"code": str(area.get("code") or ""), "title": area.get("title") or ""}
        _check_heading(area_out["code"], area_out["title"], problems, "area")
        area_out["objectives"] = []
        for objective in area.get("objectives", []):
            objective_out = {
                "code": str(objective.get("code") or ""),
                "text": objective.get("text") or "",
                "activities": [],
            }
            _check_heading(objective_out["code"], objective_out["text"], problems, "objective")
            codes = [
                str(activity.get("code") or "") for activity in objective.get("activities", [])
            ]
            for activity in objective.get("activities", []):
                responsible_text, schedule_text = cells[index] if cells else ("", "")
                index += 1
                # should the parser's JSON carry the cell texts itself, they win
                responsible_text = activity.get("responsible_text", responsible_text) or ""
                schedule_text = activity.get("schedule_text", schedule_text) or ""
                out = _activity(activity, responsible_text, schedule_text, problems)
                if out is None:
                    continue
                if out["schedule"]["state"] == ScheduleState.DONE:
                    if any(other.startswith(out["code"] + ".") for other in codes):
                        warnings.append(
                            problem(
                                0,
                                gettext_noop(
                                    "Activity %(code)s is marked done but has activities "
                                    "still in the plan; it stays in the plan."
                                ),
                                code=out["code"],
                            )
                        )
                        out["schedule"] = {"state": None, "date": None}
                    else:
                        moved.append(
                            _done_record(
                                area_out, objective_out, out, schedule_text, codes, objective
                            )
                        )
                        warnings.append(
                            problem(
                                0,
                                gettext_noop("Activity %(code)s is done: it moved to the history."),
                                code=out["code"],
                            )
                        )
                        continue
                objective_out["activities"].append(out)
            area_out["objectives"].append(objective_out)
        plan["areas"].append(area_out)
    titles = (
        history_titles
        if history_titles and len(history_titles) == len(raw.get("history", []))
        else None
    )
    for position, record in enumerate(raw.get("history", [])):
        area_title, objective_text = titles[position] if titles else ("", "")
        out = _history_record(record, area_title, objective_text, plan, problems)
        if out is not None:
            plan["history"].append(out)
    for record in moved:
        _append_moved(plan["history"], record)
    return plan, problems, warnings


def _check_heading(code: str, text: str, problems: list[Problem], kind: str) -> None:
    if not code or len(code) > MAX_HEADING_CODE:
        problems.append(
            problem(
                0,
                gettext_noop("The %(kind)s “%(text)s” has no valid code."),
                kind=kind,
                text=text[:60],
            )
        )
    if kind == "area" and len(text) > MAX_TITLE:
        problems.append(
            problem(0, gettext_noop("The title of area %(code)s is too long."), code=code)
        )


def _references(values: Any, problems: list[Problem], code: str) -> list[str]:
    out: list[str] = []
    for value in values or []:
        text = " ".join(str(value).split())
        if not text:
            continue
        if len(text) > MAX_REFERENCE:
            problems.append(
                problem(
                    0,
                    gettext_noop("A reference of %(code)s is longer than %(max)s characters."),
                    code=code,
                    max=MAX_REFERENCE,
                )
            )
            continue
        if text not in out:
            out.append(text)
    return out


def _activity(
    activity: dict[str, Any],
    responsible_text: str,
    schedule_text: str,
    problems: list[Problem],
) -> dict[str, Any] | None:
    code = str(activity.get("code") or "")
    if not code or len(code) > MAX_CODE:
        problems.append(
            problem(
                0,
                gettext_noop("An activity has no valid number: “%(text)s”."),
                text=(activity.get("text") or "")[:60],
            )
        )
        return None
    text, note = split_note(activity.get("text") or "")
    responsible = []
    for party in activity.get("responsible") or []:
        if not PARTY_CODE.match(str(party)):
            problems.append(
                problem(
                    0,
                    gettext_noop("Activity %(code)s: “%(party)s” is not a responsible-party code."),
                    code=code,
                    party=party,
                )
            )
        elif party not in responsible:
            responsible.append(party)
    other, responsible_note = split_note(responsible_text)
    other = other.strip(" .;,")
    if responsible or len(other) > MAX_OTHER_RESPONSIBLE:
        other = ""
    schedule = activity.get("schedule") or {}
    state = schedule.get("state") or None
    if state is not None and state not in ScheduleState.values:
        problems.append(
            problem(
                0,
                gettext_noop("Activity %(code)s: unknown schedule state “%(state)s”."),
                code=code,
                state=state,
            )
        )
        state = None
    try:
        due = _parse_date(schedule.get("date"))
    except ValueError:
        problems.append(
            problem(
                0,
                gettext_noop("Activity %(code)s: “%(date)s” is not a date."),
                code=code,
                date=schedule.get("date"),
            )
        )
        due = None
    if state == ScheduleState.DUE and due is None:
        problems.append(
            problem(0, gettext_noop("Activity %(code)s is due but has no date."), code=code)
        )
    schedule_text_clean, schedule_note = split_note(schedule_text)
    if state not in (ScheduleState.DUE, ScheduleState.DONE):
        due = None
    return {
        "code": code,
        "text": text,
        "responsible": responsible,
        "responsible_other": other,
        "schedule": {"state": state, "date": due.isoformat() if due else None},
        "references": _references(activity.get("references"), problems, code),
        "notes": _join_notes(
            note, responsible_note, schedule_note, _state_remainder(schedule_text_clean, state)
        ),
    }


def _done_record(
    area: dict[str, Any],
    objective: dict[str, Any],
    activity: dict[str, Any],
    schedule_text: str,
    codes: list[str],
    raw_objective: dict[str, Any],
) -> dict[str, Any]:
    parent = parent_code(activity["code"], set(codes))
    parent_text = next(
        (
            a.get("text") or ""
            for a in raw_objective.get("activities", [])
            if a.get("code") == parent
        ),
        "",
    )
    return {
        "area": area["code"],
        "area_title": area["title"],
        "objective": objective["code"],
        "objective_text": objective["text"],
        "code": activity["code"],
        "text": activity["text"],
        "date": activity["schedule"]["date"],
        "references": activity["references"],
        "done": [
            {
                "code": f"{activity['code']}.1",
                "text": split_note(schedule_text)[0] or "",
                "date": activity["schedule"]["date"],
                "references": [],
            }
        ],
        "_parent": (parent, split_note(parent_text)[0]) if parent else None,
    }


def _append_moved(history: list[dict[str, Any]], record: dict[str, Any]) -> None:
    parent = record.pop("_parent")
    if parent and not any(
        (other["area"], other["objective"], other["code"])
        == (record["area"], record["objective"], parent[0])
        for other in history
    ):
        history.append(
            {
                **{
                    key: record[key]
                    for key in ("area", "area_title", "objective", "objective_text")
                },
                "code": parent[0],
                "text": parent[1],
                "date": None,
                "references": [],
                "done": [],
            }
        )
    history.append(record)


def _history_record(
    record: dict[str, Any],
    area_title: str,
    objective_text: str,
    plan: dict[str, Any],
    problems: list[Problem],
) -> dict[str, Any] | None:
    code = str(record.get("code") or "")
    if not code or len(code) > MAX_CODE:
        problems.append(
            problem(
                0,
                gettext_noop("A history entry has no valid number: “%(text)s”."),
                text=(record.get("text") or "")[:60],
            )
        )
        return None
    area_code = str(record.get("area") or "")
    objective_code = str(record.get("objective") or "")
    area_title = record.get("area_title") or area_title
    objective_text = record.get("objective_text") or objective_text
    if not area_title or not objective_text:
        # Fall back on the plan's own titles for the same codes.
        for area in plan["areas"]:
            if area["code"] != area_code:
                continue
            area_title = area_title or area["title"]
            for objective in area["objectives"]:
                if objective["code"] == objective_code:
                    objective_text = objective_text or objective["text"]
    done = []
    for action in record.get("done") or []:
        try:
            when = _parse_date(action.get("date"))
        except ValueError:
            when = None
        done.append(
            {
                "code": str(action.get("code") or "")[:MAX_CODE],
                "text": action.get("text") or "",
                "date": when.isoformat() if when else None,
                "references": _references(action.get("references"), problems, code),
            }
        )
    try:
        when = _parse_date(record.get("date"))
    except ValueError:
        when = None
    return {
        "area": area_code[:MAX_HEADING_CODE],
        "area_title": (area_title or "")[:MAX_TITLE],
        "objective": objective_code[:MAX_HEADING_CODE],
        "objective_text": objective_text or "",
        "code": code,
        "text": record.get("text") or "",
        "date": when.isoformat() if when else None,
        "references": _references(record.get("references"), problems, code),
        "done": done,
    }


def plan_from_document(document, *, source_name: str = "") -> PlanImport:
    """A PlanImport from a parsed WorkPlanDocument."""
    raw = document.as_json()
    cells, titles = _document_extras(document)
    plan, problems, warnings = normalize_plan(raw, cells=cells, history_titles=titles)
    plan["title"] = getattr(document, "title", None) or ""
    plan["legend"] = list(getattr(document, "legend", []) or [])
    return PlanImport(
        source_name=source_name,
        document_json=raw,
        plan=plan,
        problems=[*getattr(document, "problems", []), *problems],
        warnings=[*getattr(document, "warnings", []), *warnings],
    )


def read_plan_file(path: Path | str, *, source_name: str | None = None) -> PlanImport:
    """Parse a .txt or .docx work plan (WorkPlanFileError if it cannot be read at all)."""
    path = Path(path)
    try:
        document = parse_workplan_file(path)
    except DocumentError as exc:
        raise WorkPlanFileError(str(exc)) from exc
    return plan_from_document(document, source_name=source_name or path.name)


def problem_as_dict(found: Problem) -> dict[str, Any]:
    """A problem as stored with a version, so it can be shown later in any language."""
    return {
        "line": found.line,
        "message": found.message,
        "template": getattr(found, "template", "") or "",
        "params": {key: str(value) for key, value in (getattr(found, "params", {}) or {}).items()},
    }


def problem_from_dict(data: dict[str, Any]) -> Problem:
    return Problem(
        int(data.get("line") or 0),
        data.get("message", ""),
        data.get("template", ""),
        dict(data.get("params") or {}),
    )
