"""Watchlist import (CSV and XLSX: atomic, errors by row and column in the user's language)
and export (the same columns, redacted as the reader sees the entries)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from enlace.audit.models import Event
from enlace.screening.importing import watchlist_import
from enlace.screening.models import WatchlistEntry
from enlace.screening.validation import split_surnames

FUTURE = (timezone.localdate() + timedelta(days=365)).isoformat()
HEADER = [
    "id",
    "given_names",
    "surnames",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "category",
    "legal_basis",
    "valid_until",
    "aliases",
    "notes",
]


def good_rows() -> list[list[str]]:
    return [
        [
            "CR-0001",
            "José Guadalupe",
            "Hernández Ulloa",
            "1979-03-04",
            "CR",
            "M",
            "CR:112340567",
            "child_sexual_exploitation",
            "Sentencia 345-2019",
            FUTURE,
            "Lupe Hernández; El Chepe",
            "",
        ],
        [
            "CR-0002",
            "María",
            "de la Cruz Pérez",
            "",
            "CR;NIC",
            "F",
            "",
            "trafficking",
            "Orden de captura 12",
            FUTURE,
            "",
            "nota",
        ],
        [
            "",
            "Wilmer",
            "Orellana",
            "1985-11-30",
            "HN",
            "M",
            "A1234567; HN:B765",
            "smuggling",
            "Condena 2020",
            FUTURE,
            "",
            "",
        ],
    ]


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_valid_file_creates_every_entry(users, tmp_path):
    report = watchlist_import(
        actor=users["cr_liaison"], path=write_csv(tmp_path / "w.csv", good_rows())
    )
    assert report.ok and (report.rows, report.created) == (3, 3)
    entries = {entry.reference: entry for entry in WatchlistEntry.objects.all()}
    jose = entries["CR-0001"]
    assert (jose.first_surname, jose.second_surname) == ("Hernández", "Ulloa")
    assert jose.alias_list == ["Lupe Hernández", "El Chepe"]
    assert [document.as_text for document in jose.documents.all()] == ["CR:112340567"]
    maria = entries["CR-0002"]
    assert (maria.first_surname, maria.second_surname) == ("de la Cruz", "Pérez")
    assert maria.nationalities == ["CR", "NI"] and maria.birth_date is None
    generated = [reference for reference in entries if reference.startswith("CR-WL-")]
    assert generated == ["CR-WL-000001"]
    assert all(
        entry.audience == "national" and entry.owner_country_id == "CR"
        for entry in entries.values()
    )
    assert Event.objects.filter(action="screening.watchlist_import").count() == 1


def test_one_bad_row_writes_nothing_and_errors_name_row_and_column(users, tmp_path):
    rows = good_rows()
    rows.append(
        [
            "CR-0004",
            "Ana",
            "Mora",
            "1979-02-30",
            "XX",
            "W",
            "ZZ:1",
            "murder",
            "",
            "2001-01-01",
            "",
            "",
        ]
    )
    rows.append(["CR-0001", "", "", "", "", "", "", "other", "x", FUTURE, "", ""])
    path = write_csv(tmp_path / "w.csv", rows)
    with translation.override("en"):
        report = watchlist_import(actor=users["cr_liaison"], path=path)
    assert report.created == 0 and WatchlistEntry.objects.count() == 0
    found = {(error.row, error.column) for error in report.errors}
    assert found == {
        (5, "birth_date"),
        (5, "nationality"),
        (5, "sex"),
        (5, "document_number"),
        (5, "category"),
        (5, "legal_basis"),
        (5, "valid_until"),
        (6, "id"),
        (6, "surnames"),
    }
    messages = {(error.row, error.column): error.message for error in report.errors}
    assert messages[(6, "id")] == "CR-0001 is repeated (row 2)"
    assert messages[(5, "valid_until")] == "this day has already passed"
    assert not Event.objects.filter(action="screening.watchlist_import").exists()


def test_header_errors_and_translated_messages(users, tmp_path):
    path = write_csv(
        tmp_path / "w.csv", [["1", "Ana", "x"]], header=["id", "given_names", "birthdate"]
    )
    for language, missing, row in (
        ("en", "required column is missing", "row 1, "),
        ("es", "falta una columna obligatoria", "fila 1, "),
    ):
        with translation.override(language):
            report = watchlist_import(actor=users["cr_liaison"], path=path)
            assert sorted((error.row, error.column) for error in report.errors) == [
                (1, "birthdate"),
                (1, "category"),
                (1, "legal_basis"),
                (1, "valid_until"),
            ]
            messages = {error.column: error.message for error in report.errors}
            assert messages["category"] == missing
            assert str(report.errors[0]).startswith(row)


def test_importing_another_countrys_entries_or_taken_references_is_refused(
    users, tmp_path, make_entry
):
    make_entry(users["cr_liaison"], reference="CR-0001")
    rows = good_rows()
    path = write_csv(tmp_path / "w.csv", [rows[1], rows[0]])
    report = watchlist_import(actor=users["cr_liaison"], path=path)
    assert [(error.row, error.column) for error in report.errors] == [(3, "id")]
    header = ["owner_country", *HEADER]
    path = write_csv(tmp_path / "x.csv", [["MX", *rows[1]]], header=header)
    report = watchlist_import(actor=users["cr_liaison"], path=path)
    assert [(error.row, error.column) for error in report.errors] == [(2, "owner_country")]
    assert WatchlistEntry.objects.count() == 1


def test_xlsx_import_through_the_page_and_its_status(users, login):
    workbook = Workbook()
    sheet = workbook.active
    header = [
        "id",
        "given_names",
        "first_surname",
        "second_surname",
        "birth_date",
        "category",
        "legal_basis",
        "valid_until",
    ]
    sheet.append(header)
    sheet.append(
        [
            "CR-X1",
            "Pedro",
            "Solano",
            "Vargas",
            timezone.datetime(1970, 5, 6),
            "other",
            "Resolución 4",
            timezone.localdate() + timedelta(days=90),
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = login(users["cr_liaison"])
    assert client.get("/screening/watchlist/import/").status_code == 200
    response = client.post(
        "/screening/watchlist/import/", {"file": SimpleUploadedFile("w.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    status = client.get(response["Location"])
    assert 'data-testid="import-outcome"' in status.content.decode()
    entry = WatchlistEntry.objects.get()
    assert entry.birth_date.isoformat() == "1970-05-06"
    assert entry.second_surname == "Vargas"
    # another officer cannot follow someone else's import job
    assert login(users["mx_liaison"]).get(response["Location"]).status_code == 404


def test_export_is_redacted_and_reimports_for_the_owner(
    users, gt_liaison, login, make_entry, law_profile, tmp_path
):
    law_profile("CR", share_birth_dates=True)
    make_entry(users["cr_liaison"], reference="CR-0001", audience="network", handling_code="H2")
    owner_csv = login(users["cr_liaison"]).get("/screening/watchlist/export.csv")
    assert owner_csv.status_code == 200
    text = owner_csv.content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["given_names"], row["first_surname"], row["document_number"]) == (
        "José Guadalupe",
        "Hernández",
        "CR:112340567",
    )
    assert row["handling_code"] == "H2" and row["audience"] == "network"
    recipient = login(gt_liaison).get("/screening/watchlist/export.xlsx")
    sheet = load_workbook(io.BytesIO(recipient.content)).active
    values = list(sheet.values)
    got = dict(zip(values[0], values[1], strict=True))
    assert got["given_names"] is None or got["given_names"] == ""
    assert got["birth_date"] == "1979-03-04" and got["owner_country"] == "CR"
    assert not (got["document_number"] or "")
    assert Event.objects.filter(action="screening.watchlist_export").count() == 2
    assert login(gt_liaison).get("/screening/watchlist/export.json").status_code == 404
    # the owner's export is the import's format: into a fresh country it round-trips
    WatchlistEntry.objects.all().delete()
    (tmp_path / "back.csv").write_text(text, encoding="utf-8")
    report = watchlist_import(actor=users["cr_liaison"], path=tmp_path / "back.csv")
    assert report.ok, report.errors
    entry = WatchlistEntry.objects.get()
    assert (entry.reference, entry.audience, entry.given_names) == (
        "CR-0001",
        "network",
        "José Guadalupe",
    )


def test_the_command_imports_and_exports(users, tmp_path, capsys):
    path = write_csv(tmp_path / "w.csv", good_rows())
    call_command("watchlist", "import", str(path), "--country", "CR", "--json")
    assert WatchlistEntry.objects.count() == 3
    out = tmp_path / "out.xlsx"
    call_command(
        "watchlist", "export", "--country", "MX", "--format", "xlsx", "--out", str(out), "--json"
    )
    assert '"entries": 0' in capsys.readouterr().out  # all three are national to CR


def test_surnames_are_split_as_the_region_writes_them():
    assert split_surnames("Hernández Ulloa") == ("Hernández", "Ulloa")
    assert split_surnames("de la Cruz Pérez") == ("de la Cruz", "Pérez")
    assert split_surnames("Pérez de León García") == ("Pérez de León", "García")
    assert split_surnames("San Martín") == ("San Martín", "")
    assert split_surnames("Ortega y Gasset") == ("Ortega y Gasset", "")
    assert split_surnames("Ortega y Gasset Mora") == ("Ortega y Gasset", "Mora")
    assert split_surnames("") == ("", "")
