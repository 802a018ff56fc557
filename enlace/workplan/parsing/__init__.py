"""The network's Work Plan, read from its Word file or its plain-text copy (seed 004).

How the document is built, and how it is read
---------------------------------------------
Headings outside the table (or across the whole table) name the **area** ("POLÍTICAS Y
GESTIÓN MIGRATORIA", "I. POLÍTICAS ...") and the **objective** lettered "A.", "B.", "C.". Each
table row then has four columns: OBJETIVOS | ACTIVIDADES | RESPONSABLE | CALENDARIO, numbered
from left to right: "1. Instar a los países ..." | "1.1 Informar ... (Ref: ...)" and "1.2 ..."
| "1.1.1 Países miembros" and "1.2.1 ..." | "1.1.1.1 Continuo" and "1.2.1.1 ...".

- **Activities** are the numbered entries of the first two columns, one list per objective, in
  document order, codes as written ("1", "1.1", "1.2", "2", "2.1" ...): a first-column entry
  ("1.") is the parent of the second-column entries under it ("1.1", "1.2"). A parent has no
  responsible and no schedule of its own (state null) unless the row has no second column.
- **Responsible and schedule** entries are matched to the activities of their row: by position
  when the cell holds as many entries as the row has activities (the plan's numbering has slips,
  "2.1.1.2. Febrero 2010" is the schedule of 2.2, a warning says so), by their code prefix
  otherwise ("1.2.1" belongs to 1.2). What matches nothing is a problem.
- **Responsible parties** are codes: ISO2 for a country ("México" -> "MX"); "ALL" for all
  member states ("Países miembros", "los países", "member states": the membership is kept
  symbolic so the plan does not change when it does; `MEMBER_STATES` lists the eleven);
  "HOST" for the host country of a meeting ("País sede"); organizations under the codes of
  enlace/core/data/organizations.csv: ST, IOM (OIM), UNHCR (ACNUR), UNICEF, UNODC, ILO (OIT),
  RROCM, and OAS (OEA), SICA, PPT which that table does not hold yet. The cell's text as written
  is kept in `Activity.responsible_text`.
- **Schedule**: `state` is `ongoing` (Continuo, Permanente, Ongoing), `pending` (Pendiente),
  `tbd` (Por definir, To be defined), `done` (Realizado, Cumplido, Done) or `due` (a date);
  `date` is YYYY-MM-DD for a day, YYYY-MM-01 for a month ("Febrero 2010"), YYYY-01-01 for a
  year ("2010"), null otherwise. The text as written is kept in `Activity.schedule_text`.
- **References**: every "(Ref: pto. 8, Deci., CRM, mayo, 2004)" of the activity, its
  responsible and its schedule cells, without "Ref:", in order; a parenthesis in a schedule
  cell that cites a place and date ("(Tegucigalpa, noviembre de 2008)") is a reference too.
  Activity texts are given without their references.
- **History**: the second part of the document repeats an area heading ("I. POLÍTICAS ...")
  and lists, in three columns, what was done (or an explicit "Histórico" / "History" heading
  starts it). Each history record is an activity that left the plan:

      {"area": "I", "objective": "A", "code": "1.1", "text": "Adoptar los Lineamientos ...",
       "date": "2007-04-01", "references": [...],
       "done": [{"code": "1.1.1", "text": "Adoptados por los viceministros(as).",
                 "date": "2007-04-01", "references": ["pf. 5, CRM, Decla., abril, 2007"]}]}

  Parents ("1. Analizar ...") are records too, like in the plan. A done entry's `date` is the
  latest date its text names (a day; else a month, first day), else the latest month of its
  references (the decision that recorded it); the record's `date` is the latest of its entries.
- Legend lines ("Pasar al histórico", "Subrayado: ...", "MAYÚSCULAS: ...") are kept in
  `legend`, the document's own title lines in `preamble`.

Problems (`problems`) list what could not be placed; warnings (`warnings`) what was placed by
a guess (numbering slips) or is incomplete (an activity with no schedule).

A `.docx` is read from its table structure: one row per activity (the lead's export) or one
row per parent activity (the original), area titles as full-width rows or paragraphs, the
objective cell repeated ("A. Fortalecer ...") or merged vertically.
"""

from enlace.core.documents.places import MEMBER_STATES
from enlace.core.documents.reading import DocumentError
from enlace.workplan.parsing.cells import (
    ALL_MEMBERS,
    HOST_COUNTRY,
    SCHEDULE_STATES,
    done_date,
    parse_responsible,
    parse_schedule,
    split_references,
)
from enlace.workplan.parsing.parser import parse_workplan, parse_workplan_file
from enlace.workplan.parsing.result import (
    Activity,
    Area,
    HistoryAction,
    HistoryRecord,
    Objective,
    Schedule,
    WorkPlanDocument,
)

__all__ = [
    "ALL_MEMBERS",
    "HOST_COUNTRY",
    "MEMBER_STATES",
    "SCHEDULE_STATES",
    "Activity",
    "Area",
    "DocumentError",
    "HistoryAction",
    "HistoryRecord",
    "Objective",
    "Schedule",
    "WorkPlanDocument",
    "done_date",
    "parse_responsible",
    "parse_schedule",
    "parse_workplan",
    "parse_workplan_file",
    "split_references",
]
