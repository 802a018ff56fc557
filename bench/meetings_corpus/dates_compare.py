"""The own date finder (enlace.core.documents.dates) against `dateparser.search.search_dates`
on the corpus' meeting dates: the same parser, with one or the other finding the dates.

dateparser is not a dependency (the own code measured better, see docs/architecture.md); run
this with a Python that has it: `pip install dateparser` in a scratch environment, then
`PYTHONPATH=. python bench/meetings_corpus/dates_compare.py`.

Prints `dates_own_right: N of M fields` and `dates_dateparser_right: N of M fields`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "enlace" / "meetings" / "tests" / "corpus"


def dateparser_find_dates(text: str):
    from dateparser.search import search_dates

    from enlace.core.documents.dates import DateMatch

    found = search_dates(
        text, languages=["es", "en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    out, position = [], 0
    for piece, moment in found or []:
        start = text.find(piece, position)
        if start < 0:
            continue
        position = start + len(piece)
        out.append(DateMatch(moment.date(), moment.date(), (start, position)))
    return out


def score() -> tuple[int, int]:
    from enlace.meetings.parsing import parse_meeting_file

    expected_all = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    right = total = 0
    for name, expected in sorted(expected_all.items()):
        if expected["kind"] != "meeting_report":
            continue
        report = parse_meeting_file(CORPUS / name)
        for field in ("start_date", "end_date"):
            value = getattr(report, field)
            total += 1
            right += (value.isoformat() if value else None) == expected[field]
    return right, total


def main() -> None:
    from enlace.meetings.parsing import heading, opening

    own = score()
    heading.find_dates = opening.find_dates = dateparser_find_dates
    other = score()
    print(f"dates_own_right: {own[0]} of {own[1]} fields")
    print(f"dates_dateparser_right: {other[0]} of {other[1]} fields")


if __name__ == "__main__":
    main()
