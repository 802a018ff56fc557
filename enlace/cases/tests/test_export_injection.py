"""A case whose text starts with each formula trigger leaves every case export inert: the
`enlace cases export` command, the web export and the HTCDS layout, as CSV and as XLSX; the
XLSX export re-imports as the typed text."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from enlace.cases.tests.factories import CaseDataFactory, PersonDataFactory, create_case
from enlace.core.tests.injection import HOSTILE, assert_csv_inert, assert_xlsx_inert

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_cases(users):
    """One case per payload, typed by a Costa Rican liaison officer in the free-text fields."""
    for payload in HOSTILE:
        create_case(
            actor=users["cr_liaison"],
            data=CaseDataFactory(
                reporting_agency=payload,
                summary=payload,
                modus_operandi_narrative=payload,
                persons=[PersonDataFactory(identified=True, given_names=f"Ana {payload}")],
            ),
        )


@pytest.mark.parametrize("file_format", ["csv", "htcds-csv", "xlsx"])
def test_the_command_export_is_inert(hostile_cases, tmp_path, file_format):
    out = tmp_path / f"cases.{file_format}"
    call_command(
        "cases",
        "export",
        "--format",
        file_format,
        "--out",
        str(out),
        "--country",
        "CR",
        stdout=io.StringIO(),
    )
    check = assert_xlsx_inert if file_format == "xlsx" else assert_csv_inert
    check(out.read_bytes())


@pytest.mark.parametrize("file_format", ["csv", "htcds-csv", "xlsx"])
def test_the_web_export_is_inert(hostile_cases, users, login, file_format):
    response = login(users["cr_liaison"]).get("/cases/export/", {"format": file_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    (assert_xlsx_inert if file_format == "xlsx" else assert_csv_inert)(content)


def test_an_exported_workbook_imports_back_as_typed(hostile_cases, tmp_path):
    from enlace.cases.importing import COLUMNS
    from enlace.core.importing import read_rows

    out = tmp_path / "cases.xlsx"
    call_command(
        "cases",
        "export",
        "--format",
        "xlsx",
        "--out",
        str(out),
        "--country",
        "CR",
        stdout=io.StringIO(),
    )
    header, rows = read_rows(out, "xlsx")
    assert header == COLUMNS
    # as typed, but for the surrounding white space every importer trims
    assert {row["summary"] for row in rows} == {payload.strip() for payload in HOSTILE}
