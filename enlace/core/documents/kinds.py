"""Which kind of the network's documents a file is: a meeting report or a work plan.

The importers ask before reading, so a work plan uploaded as a meeting report is named for what
it is ("this looks like a work plan: import it there") instead of being read as a report with
neither date nor agreements. The signs are the plan's own: its title ("Plan de trabajo",
"Work plan") near the top, and the plan's table headings (objective, activity, responsible,
schedule) or its axes ("EJE 1"), against a report's meeting verbs and participants.
"""

from __future__ import annotations

import re

from enlace.core.documents.text import fold

MEETING_REPORT = "meeting_report"
WORK_PLAN = "work_plan"

_PLAN_TITLE = re.compile(r"\bplan (?:de trabajo|regional de trabajo|de accion)\b|\bwork ?plan\b")
_PLAN_MARKS = re.compile(
    r"\b(?:objetivos?(?: especificos?| generales?)?|actividad(?:es)?|responsables?|"
    r"cronograma|plazo|objectives?|activities|activity|schedule|timeline|eje \d+|axis \d+|"
    r"area estrategica|strategic area)\b"
)
_REPORT_MARKS = re.compile(
    r"con la participacion de|with the participation of|se celebro|se realizo|tuvo lugar|"
    r"took place|was held|\bmet on\b|celebrad[oa] (?:el|los)|reunid[oa]s? (?:el|en)|"
    r"\bacordaron\b|\bagreed\b|recomienda|recommends"
)


def document_kind(lines: list[str]) -> str:
    """`work_plan` when the document reads as a work plan, else `meeting_report`."""
    head = fold(" ".join(line for line in lines[:60] if line.strip()))[:4000]
    text = fold(" ".join(lines))
    report_marks = len(_REPORT_MARKS.findall(text))
    plan_marks = len(_PLAN_MARKS.findall(text))
    tabbed = sum(line.count("\t") >= 2 for line in lines)
    if _PLAN_TITLE.search(head) and report_marks == 0:
        return WORK_PLAN
    if plan_marks >= 8 and tabbed >= 5 and report_marks <= 2:
        return WORK_PLAN
    return MEETING_REPORT
