"""Pure parsers for the network's documents: meeting reports (and the helpers the work plan
parser shares). No Django models here; the import commands build records from these results.

    from enlace.meetings.parsing import parse_meeting_file
    report = parse_meeting_file("informe.docx")
    report.as_json(), report.problems
"""

from enlace.meetings.parsing.dates import find_dates, parse_dates, parse_month_year
from enlace.meetings.parsing.places import (
    MEMBER_STATES,
    city_lookup,
    country_code,
    find_city,
    find_countries,
    find_organizations,
    organization_code,
    parse_place,
)
from enlace.meetings.parsing.problems import Problem
from enlace.meetings.parsing.report import (
    BODIES,
    Item,
    MeetingReport,
    SubItem,
    parse_meeting_file,
    parse_meeting_report,
)
from enlace.meetings.parsing.text import DocumentError, read_document

__all__ = [
    "BODIES",
    "MEMBER_STATES",
    "DocumentError",
    "Item",
    "MeetingReport",
    "Problem",
    "SubItem",
    "city_lookup",
    "country_code",
    "find_city",
    "find_countries",
    "find_dates",
    "find_organizations",
    "organization_code",
    "parse_dates",
    "parse_meeting_file",
    "parse_meeting_report",
    "parse_month_year",
    "parse_place",
    "read_document",
]
