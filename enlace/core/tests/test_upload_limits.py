"""Uploads are limited by what they hold, not by their size on disk: rows counted while
reading (never the dimension tag a program wrote), the unpacked size of a workbook, the depth
of JSON; a damaged file is a message, never a traceback; and nothing is written."""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from enlace.cases.importing import COLUMNS
from enlace.cases.models import Case
from enlace.core.importing import ImportFileError, read_rows


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_dimension(content: bytes, ref: str) -> bytes:
    """The same workbook with the sheet's <dimension ref> replaced (what a program that
    miscounts writes)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                tag = f'<dimension ref="{ref}"'.encode()
                data, count = re.subn(rb'<dimension ref="[^"]*"', tag, data)
                assert count == 1
            target.writestr(member, data)
    return out.getvalue()


@pytest.mark.parametrize("ref", ["A1:B2", "A1", "A1:A1"])
def test_every_row_is_read_whatever_the_dimension_tag_says(tmp_path, ref):
    rows = [["name", "n"], *([f"person {index}", index] for index in range(1, 301))]
    path = tmp_path / "lying.xlsx"
    path.write_bytes(_with_dimension(_workbook(rows), ref))
    _header, read = read_rows(path, "xlsx")
    assert len(read) == 300 and read[-1] == {"name": "person 300", "n": "300"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_more_rows_than_the_limit_are_refused_by_count(tmp_path, settings, file_format):
    settings.ENLACE_IMPORT_MAX_ROWS = 50
    rows = [{"name": f"p{index}"} for index in range(51)]
    path = tmp_path / f"many.{file_format}"
    if file_format == "csv":
        path.write_text("name\n" + "".join(f"{row['name']}\n" for row in rows))
    elif file_format == "json":
        path.write_text(json.dumps(rows))
    else:  # and a dimension tag claiming two rows
        path.write_bytes(
            _with_dimension(_workbook([["name"], *([row["name"]] for row in rows)]), "A1:A2")
        )
    with translation.override("en"), pytest.raises(ImportFileError, match="more than 50 rows"):
        read_rows(path, file_format)
    path.write_text("name\n" + "".join(f"p{index}\n" for index in range(50)))
    assert len(read_rows(path, "csv")[1]) == 50  # the limit itself is allowed


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(tmp_path, settings):
    settings.ENLACE_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    # 20,000 rows of one repeated text: a small file on disk, many MB of sheet XML
    content = _workbook([["name"], *(["x" * 60] for _ in range(20_000))])
    assert len(content) < 1024 * 1024
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(ImportFileError, match="unpacks to more"):
        read_rows(path, "xlsx")


def _damaged(content: bytes, member: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, data if info.filename == member else source.read(info))
    return out.getvalue()


GOOD = _workbook([["name"], ["Ana"]])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"PK\x03\x04 not really a zip",
        GOOD[: len(GOOD) // 2],  # cut short
        _damaged(GOOD, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c r="),
        _damaged(GOOD, "xl/workbook.xml", b"\x00\xff junk"),
        _damaged(GOOD, "[Content_Types].xml", b"<Types/>"),
        _damaged(
            GOOD,
            "xl/worksheets/sheet1.xml",
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1"><c r="A1" t="n"><v>not a number</v></c></row>'
            b"</sheetData></worksheet>",
        ),
    ],
    ids=["empty", "fake-zip", "truncated", "broken-xml", "junk-workbook", "no-types", "bad-number"],
)
def test_a_damaged_workbook_is_a_message(tmp_path, content):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError):
        read_rows(path, "xlsx")


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.integers(0, 2000))
def test_any_mangled_workbook_is_read_or_refused_never_a_crash(tmp_path, noise, offset):
    """Bytes of a real workbook overwritten anywhere: either rows or ImportFileError."""
    content = bytearray(GOOD)
    offset %= len(content)
    content[offset : offset + len(noise)] = noise
    path = tmp_path / "mangled.xlsx"
    path.write_bytes(bytes(content))
    with contextlib.suppress(ImportFileError):
        read_rows(path, "xlsx")


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deeply_nested_json_is_a_message(tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    with translation.override("en"), pytest.raises(ImportFileError, match="nested more than"):
        read_rows(path, "json")


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["bomb", "rows", "deep"])
def test_the_case_import_refuses_and_writes_nothing(tmp_path, settings, case):
    settings.ENLACE_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    settings.ENLACE_IMPORT_MAX_ROWS = 100
    row = {
        "reporting_agency": "INM",
        "date_identified": "2025-05-01",
        "case_type": "smuggling",
        "route_countries": "HN;GT;MX",
        "person_role": "smuggled_migrant",
        "given_names": "Persona",
        "nationalities": "HN",
        "sex": "F",
        "age": "30",
    }
    if case == "deep":
        path = tmp_path / "cases.json"
        path.write_text("[" * 5_000 + "]" * 5_000)
    else:
        count = 20_000 if case == "bomb" else 101
        path = tmp_path / "cases.xlsx"
        content = _workbook(
            [COLUMNS, *([row.get(column, "") for column in COLUMNS] for _ in range(count))]
        )
        path.write_bytes(_with_dimension(content, "A1:B2"))
    with pytest.raises(CommandError):
        call_command("cases", "import", str(path), "--country", "MX", stdout=io.StringIO())
    assert not Case.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [40, 100_000])
def test_the_api_refuses_deeply_nested_json_with_a_400(users, login, depth):
    body = '{"persons": ' + "[" * depth + "]" * depth + "}"
    response = login(users["mx_liaison"]).post(
        "/api/v1/cases/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "nested more than" in json.dumps(response.json())
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_the_api_still_reads_ordinary_json_and_refuses_nan(users, login):
    client = login(users["mx_liaison"])
    response = client.post("/api/v1/cases/", '{"case_type": NaN}', content_type="application/json")
    assert response.status_code == 400
    response = client.post("/api/v1/cases/", "{}", content_type="application/json")
    assert response.status_code == 400 and "reporting_agency" in json.dumps(response.json())
