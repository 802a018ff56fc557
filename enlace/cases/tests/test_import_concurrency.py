"""A large import while others use the API (issue 12, finding 2): every read and small write
made meanwhile succeeds (no 500, no "database is locked") and the import is all-or-nothing.

`bench/imports/run.py` does the work in a fresh database: a SQLite file (one connection per
process, as in production; the tests' own database is in memory), or on the PostgreSQL lane
(ENLACE_TEST_DATABASE_URL) a PostgreSQL database next to the test database. The import runs
in a child process. `make bench` runs it with 100,000 cases; here 20,000 keep it short."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "bench" / "imports" / "run.py"


def database_arguments() -> list[str]:
    url = os.environ.get("ENLACE_TEST_DATABASE_URL")
    if not url:
        return []  # a SQLite file in a temporary directory
    base, _slash, name = url.rstrip("/").rpartition("/")
    return ["--database-url", f"{base}/{name.split('?')[0]}_imports"]


def run_bench(*arguments: str) -> dict:
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--json", *arguments, *database_arguments()],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_reads_and_writes_succeed_while_a_large_import_runs():
    result = run_bench("--cases", "20000", "--reads", "200", "--writes", "20")
    assert result["failure_count"] == 0, result["failures"]
    assert result["reads"] >= 200 and result["writes"] >= 20
    assert result["import_exit_code"] == 0
    assert result["import_created"] == 20000 == result["cases_imported_in_database"]


def test_a_bad_last_row_writes_nothing_while_others_write():
    result = run_bench("--cases", "5000", "--bad-last-row", "--reads", "50", "--writes", "5")
    assert result["failure_count"] == 0, result["failures"]
    assert result["import_created"] == 0 and result["import_errors"] == 1
    assert result["import_first_error_rows"] == [5001]  # the last row (the header is row 1)
    assert result["cases_imported_in_database"] == 0
