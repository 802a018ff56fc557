"""The tools the document parsers share (enlace.core.documents): pure Python, one list of member
states, the parser base and the results' JSON.

Pure tests: no database.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from hypothesis import given
from hypothesis import strategies as st

from enlace.core import models, reference_data
from enlace.core.documents import MEMBER_STATES, country_code, find_countries
from enlace.core.documents.base import (
    UNREADABLE,
    DocumentParser,
    JsonResult,
    ParsedDocument,
    json_value,
)
from enlace.core.documents.problems import Problem
from enlace.core.documents.text import roman_numeral, upper_ratio

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = ROOT / "enlace" / "core" / "documents"
SEED_PLAN = reference_data.SEEDS_DIR / "004_abb5666c6524ad2c.txt"
SEED_REPORT = reference_data.SEEDS_DIR / "002_d9e9c4457487cb69.txt"

NO_DJANGO = f"""
import sys
sys.modules["django"] = None  # any "import django..." now raises ImportError
from enlace.meetings.parsing import parse_meeting_file
from enlace.workplan.parsing import parse_workplan_file
report = parse_meeting_file({str(SEED_REPORT)!r})
plan = parse_workplan_file({str(SEED_PLAN)!r})
assert report.participants and plan.activities(), (report.problems, plan.problems)
assert not [name for name, module in sys.modules.items()
            if name.startswith("django") and module is not None]
print("ok")
"""


def test_both_parsers_and_their_shared_tools_run_where_django_cannot():
    result = subprocess.run(
        [sys.executable, "-c", NO_DJANGO],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_shared_tools_know_nothing_of_the_apps_that_use_them():
    imports = re.compile(r"^\s*(?:from|import)\s+enlace\.(?!core\b)", re.MULTILINE)
    sources = list(DOCUMENTS.glob("*.py"))
    assert len(sources) >= 7
    for path in sources:
        assert not imports.search(path.read_text(encoding="utf-8")), path


def test_the_member_states_are_listed_once():
    assert models.MEMBER_STATES is reference_data.MEMBER_STATES
    assert MEMBER_STATES is reference_data.MEMBER_STATES
    assert len(set(MEMBER_STATES)) == 11


def test_every_member_state_and_only_they_are_found_by_name():
    from enlace.core.documents.places import _MEMBER_NAMES

    assert set(_MEMBER_NAMES) == set(MEMBER_STATES)
    for code, names in _MEMBER_NAMES.items():
        assert country_code(names[0]) == code
    assert sorted(find_countries(", ".join(names[0] for names in _MEMBER_NAMES.values()))) == (
        sorted(MEMBER_STATES)
    )


_ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def _value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[char]
        total += -value if following and _VALUES[following] > value else value
    return total


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_are_well_formed_and_read_back(number):
    numeral = roman_numeral(number)
    assert _ROMAN.match(numeral), numeral
    assert _value(numeral) == number


@given(st.text(alphabet="aBcÁé1 -.", max_size=30))
def test_upper_ratio_is_the_share_of_capitals_among_letters(text):
    letters = [char for char in text if char.isalpha()]
    ratio = upper_ratio(text)
    assert 0.0 <= ratio <= 1.0
    assert ratio == (sum(c.isupper() for c in letters) / len(letters) if letters else 0.0)


@dataclass
class _Part(JsonResult):
    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("name", "when", "tags")

    name: str
    when: date | None = None
    tags: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class _Document(ParsedDocument):
    JSON_FIELDS: ClassVar[tuple[str, ...]] = ("parts",)

    parts: list[_Part] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@given(
    st.lists(
        st.tuples(st.text(max_size=5), st.none() | st.dates(), st.lists(st.text(max_size=3))),
        max_size=4,
    )
)
def test_results_write_their_json_fields_in_order_dates_as_iso(parts):
    document = _Document([_Part(name, when, tags) for name, when, tags in parts])
    assert document.as_json() == {
        "parts": [
            {"name": name, "when": when.isoformat() if when else None, "tags": tags}
            for name, when, tags in parts
        ]
    }
    assert json_value(document.parts) == document.as_json()["parts"]


def test_the_parser_base_collects_problems_and_warnings_on_its_result():
    parser = DocumentParser(_Document())
    assert parser.result.ok
    parser.warning(3, "Item %(number)s follows item %(previous)s.", number="4", previous="2")
    assert parser.result.ok
    parser.unreadable(7, KeyError("x"))
    [warning] = parser.result.warnings
    [problem] = parser.result.problems
    assert (warning.line, str(warning)) == (3, "line 3: Item 4 follows item 2.")
    assert (problem.line, problem.template) == (7, UNREADABLE)
    assert problem.params == {"error": "KeyError"}
    assert not parser.result.ok
