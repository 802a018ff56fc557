"""Pure parser of the network's meeting reports (.txt/.docx, ES/EN). No Django models here;
the import commands build records from these results. The tools it shares with the work-plan
parser (reading files, dates, places, problems) are in `enlace.core.documents`.

    from enlace.meetings.parsing import parse_meeting_file
    report = parse_meeting_file("informe.docx")
    report.as_json(), report.problems
"""

from enlace.meetings.parsing.report import parse_meeting_file, parse_meeting_report
from enlace.meetings.parsing.result import BODIES, Item, MeetingReport, SubItem

__all__ = [
    "BODIES",
    "Item",
    "MeetingReport",
    "SubItem",
    "parse_meeting_file",
    "parse_meeting_report",
]
