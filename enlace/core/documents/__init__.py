"""Tools every parser of the network's documents shares (meeting reports, the work plan).

- `reading`: a `.txt` or `.docx` file as lines in the seed layout, or as paragraphs and table
  rows (`read_document`, `read_docx_blocks`, `DocumentError`);
- `text`: cleaning and folding text (`clean_line`, `fold`, `normalize_space` ...);
- `dates`: dates as the region writes them, in Spanish and English;
- `places`: countries, cities and organizations named the way the region names them;
- `problems`: what a parser could not read, by line, translatable where it is shown;
- `base`: the parser base (problem collector) and the results' JSON plumbing.

Pure Python, no Django: the parsers run in commands, jobs and tests without settings. What is
specific to a kind of document stays in its app (`meetings.parsing`, `workplan.parsing`).
"""

from enlace.core.documents.dates import find_dates, find_month_years, parse_dates, parse_month_year
from enlace.core.documents.places import (
    MEMBER_STATES,
    city_lookup,
    country_code,
    find_city,
    find_countries,
    find_organizations,
    organization_code,
    parse_place,
)
from enlace.core.documents.problems import Problem
from enlace.core.documents.reading import (
    DOCX_SUFFIXES,
    DocumentError,
    read_document,
    read_docx_blocks,
)

__all__ = [
    "DOCX_SUFFIXES",
    "MEMBER_STATES",
    "DocumentError",
    "Problem",
    "city_lookup",
    "country_code",
    "find_city",
    "find_countries",
    "find_dates",
    "find_month_years",
    "find_organizations",
    "organization_code",
    "parse_dates",
    "parse_month_year",
    "parse_place",
    "read_document",
    "read_docx_blocks",
]
