"""`enlace screen`: CSV in, hits out, and a clear refusal of malformed input.

No test here is marked django_db: pytest-django refuses database access to them, so a command
that touched the database would fail every test in this file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from enlace.matching import DEFAULT_THRESHOLD
from enlace.screening.management.commands import screen as screen_module

ROOT = Path(__file__).resolve().parents[3]
HEADER = "id,given_names,surnames,full_name,birth_date,nationality,sex,document_number\n"
WATCHLIST = HEADER + (
    "W1,José Guadalupe,Hernández Ulloa,,1979-03-04,MX,M,G12345678\n"
    "W2,María,López García,,1990-01-01,GT,F,\n"
    "W3,John,Smith,,,US,M,\n"
)
TRAVELLERS = HEADER + (
    "T1,,,JOSE GUADALUPE HERNANDEZ,1979-03-04,MX,M,\n"  # the example
    "T2,Pedro,Pérez,,1980-05-05,HN,M,\n"  # nobody
    'T3,,,"LOPEZ GARCIA, MARIA",,,,\n'  # surnames first
    "T4,Jhon,Smith,,,,,\n"  # a misspelt given name
)


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(watchlist: Path, travellers: Path, out: Path, **options) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "screen",
        watchlist=str(watchlist),
        travellers=str(travellers),
        out=str(out),
        stdout=stdout,
        stderr=stderr,
        **options,
    )
    return stdout.getvalue(), stderr.getvalue()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the catalogues translate them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def files(tmp_path):
    # the watchlist with a byte-order mark, as spreadsheet programs save "CSV UTF-8"
    watchlist = write(tmp_path, "watchlist.csv", "\ufeff" + WATCHLIST)
    travellers = write(tmp_path, "travellers.csv", TRAVELLERS)
    return watchlist, travellers, tmp_path / "hits.csv"


def test_happy_path(files):
    watchlist, travellers, out = files
    stdout, _stderr = run(watchlist, travellers, out)
    with out.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["traveller_id", "watchlist_id", "score", "reasons"]
    hits = rows(out)
    assert [(hit["traveller_id"], hit["watchlist_id"]) for hit in hits] == [
        ("T1", "W1"),
        ("T3", "W2"),
        ("T4", "W3"),
    ]
    first = hits[0]
    assert len(first["score"].split(".")[1]) == 3
    assert DEFAULT_THRESHOLD <= float(first["score"]) <= 1
    reasons = first["reasons"].split("; ")
    assert {
        "Given names are equal",
        "First surname is equal",
        "Second surname is missing on one side (ULLOA)",
        "Birth date is equal",
    } <= set(reasons)
    assert "Name written surnames first" in hits[1]["reasons"]
    assert "4 travellers screened against 3 watchlist identities: 3 hits" in stdout


def test_json_summary_threshold_and_workers(files):
    watchlist, travellers, out = files
    stdout, _stderr = run(watchlist, travellers, out, json=True)
    assert json.loads(stdout) == {
        "watchlist": 3,
        "travellers": 4,
        "hits": 3,
        "travellers_with_hits": 3,
        "threshold": DEFAULT_THRESHOLD,
        "out": str(out),
    }
    expected = out.read_text(encoding="utf-8")
    run(watchlist, travellers, out, workers=2)
    assert out.read_text(encoding="utf-8") == expected
    run(watchlist, travellers, out, threshold=0.99)
    assert len(rows(out)) < 3


def test_help_documents_the_default_threshold():
    command = screen_module.Command()
    assert f"default threshold is {DEFAULT_THRESHOLD}" in command.create_parser(
        "enlace", "screen"
    ).format_help().replace("\n", " ")


def test_progress_is_shown_on_request(files, monkeypatch):
    monkeypatch.setattr(screen_module, "PROGRESS_EVERY", 2)
    watchlist, travellers, out = files
    _stdout, stderr = run(watchlist, travellers, out, verbosity=2)
    assert "travellers.csv: 2 rows read" in stderr
    assert "2 of 4 travellers screened" in stderr
    _stdout, quiet = run(watchlist, travellers, out, verbosity=1)
    assert "screened" not in quiet  # stderr is no terminal here


MALFORMED = [
    # (what, file content, expected fragments of the message)
    (
        "no id column",
        "name,given_names,surnames\nx,Ana,Pérez\n",
        ["row 1", "column id", "no id column"],
    ),
    (
        "no name column",
        "id,birth_date\nT1,1980-01-01\n",
        ["row 1", "column full_name", "given_names and surnames, or full_name"],
    ),
    (
        "empty id",
        HEADER + "T1,Ana,Pérez,,,,,\n,Luis,López,,,,,\n",
        ["row 3", "column id", "the id is empty"],
    ),
    ("no name", HEADER + "T1,,,,,,,\n", ["row 2", "column given_names/surnames/full_name"]),
    (
        "bad date",
        HEADER + "T1,Ana,Pérez,,1980-13-45,,,\n",
        ["row 2", "column birth_date", "1980-13-45"],
    ),
    (
        "bad date format",
        HEADER + "T1,Ana,Pérez,,04/03/1979,,,\n",
        ["row 2", "column birth_date", "YYYY-MM-DD"],
    ),
    (
        "bad country",
        HEADER + "T1,Ana,Pérez,,,XX,,\n",
        ["row 2", "column nationality", "XX is not an ISO 3166-1 alpha-2"],
    ),
    ("bad sex", HEADER + "T1,Ana,Pérez,,,,X,\n", ["row 2", "column sex", "X is not M or F"]),
    (
        "duplicate id",
        HEADER + "T1,Ana,Pérez,,,,,\nT1,Luis,López,,,,,\n",
        ["row 3", "column id", "already used on row 2"],
    ),
    ("too many fields", HEADER + "T1,Ana,Pérez,,,,,,extra\n", ["row 2", "9 fields"]),
    ("header only", HEADER, ["row 2", "header but no rows"]),
    ("empty file", "", ["row 1", "the file is empty"]),
    ("only a byte-order mark", "\ufeff", ["row 1", "the file is empty"]),
    (
        "not UTF-8",
        HEADER.encode() + "T1,Ana,Pérez,,,,,\nT2,José,Núñez,,,,,\n".encode("latin-1"),
        ["row 2", "not UTF-8"],
    ),
]


@pytest.mark.parametrize(
    ("what", "content", "fragments"), MALFORMED, ids=[case[0] for case in MALFORMED]
)
def test_malformed_travellers_are_refused_with_row_and_column(files, what, content, fragments):
    watchlist, _travellers, out = files
    travellers = write(out.parent, "bad.csv", content)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "screen",
            watchlist=str(watchlist),
            travellers=str(travellers),
            out=str(out),
            stdout=io.StringIO(),
            stderr=stderr,
        )
    message = stderr.getvalue()
    assert "bad.csv" in message, what
    for fragment in fragments:
        assert fragment in message, (what, message)
    assert not out.exists()
    assert not list(out.parent.glob(".screen-*")), "no temporary file left behind"


def test_errors_in_the_watchlist_name_that_file_and_keep_an_old_result(files):
    _watchlist, travellers, out = files
    out.write_text("an earlier result\n", encoding="utf-8")
    watchlist = write(out.parent, "list.csv", HEADER + "W1,Ana,Pérez,,1980-02-30,,,\n")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "screen",
            watchlist=str(watchlist),
            travellers=str(travellers),
            out=str(out),
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert "list.csv, row 2, column birth_date" in stderr.getvalue()
    assert out.read_text(encoding="utf-8") == "an earlier result\n"


def test_all_errors_are_reported_at_once(files):
    watchlist, _travellers, out = files
    travellers = write(out.parent, "bad.csv", HEADER + "T1,Ana,Pérez,,1980-02-30,ZZ,Q,\n")
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="3 error"):
        call_command(
            "screen",
            watchlist=str(watchlist),
            travellers=str(travellers),
            out=str(out),
            stdout=io.StringIO(),
            stderr=stderr,
        )
    assert all(column in stderr.getvalue() for column in ("birth_date", "nationality", "sex"))


def test_a_missing_folder_for_out_is_refused(files):
    watchlist, travellers, out = files
    with pytest.raises(CommandError, match="does not exist"):
        run(watchlist, travellers, out.parent / "missing" / "hits.csv")


def test_the_cli_exits_non_zero_with_a_one_line_error(files):
    watchlist, _travellers, out = files
    travellers = write(out.parent, "bad.csv", HEADER + "T1,Ana,Pérez,,,,X,\n")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "enlace.config.settings.test"}
    command = [
        sys.executable,
        "-m",
        "enlace.cli",
        "screen",
        "--watchlist",
        str(watchlist),
        "--travellers",
        str(travellers),
        "--out",
        str(out),
    ]
    failed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert failed.returncode != 0
    # in the site's language (Spanish by default): file, row and column are named
    first, last = failed.stderr.strip().splitlines()
    assert "bad.csv" in first and " 2, " in first and " sex: " in first
    assert last.startswith("CommandError: 1 ")
    assert not out.exists()
    good = subprocess.run(
        [*command[:-3], str(files[1]), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert len(rows(out)) == 3
