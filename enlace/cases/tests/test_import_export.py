"""`enlace cases import` is all or nothing with row/column errors; `enlace cases export` writes
only what the actor may see, redacted as she sees it."""

import csv
import io
import json
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from enlace.access.models import LawProfile
from enlace.audit.models import Event
from enlace.cases.importing import COLUMNS
from enlace.cases.models import Case, DocumentUsed, Person

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    {
        "reference": "MX-2025-00010",
        "reporting_agency": "INM",
        "date_identified": "2025-03-01",
        "case_type": "trafficking",
        "exploitation_types": "SexualExploitation;ForcedLabour",
        "route_countries": "GT;MX;US",
        "route_transport_modes": "on_foot;bus",
        "person_role": "victim",
        "given_names": "Ana",
        "first_surname": "Pérez",
        "sex": "F",
        "birth_date": "2009-01-02",
        "nationalities": "GT",
        "phone": "+50255551234",
        "document_type": "passport",
        "document_issuing_country": "GT",
        "document_number": "G123",
        "document_nature": "forged",
    },
    {
        "reference": "MX-2025-00010",
        "person_role": "suspect",
        "given_names": "Luis",
        "first_surname": "Ramos",
        "sex": "M",
        "age": "40",
        "nationalities": "MX",
    },
    {
        "reference": "",
        "reporting_agency": "FGR",
        "date_identified": "2025-04-10",
        "case_type": "smuggling",
        "route_countries": "CU;NI;HN",
        "group_migrants": "23",
        "person_role": "smuggled_migrant",
        "nationalities": "CU",
        "sex": "M",
        "age": "25",
    },
]


def write_csv(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return path


def run_import(path, *extra):
    out = io.StringIO()
    call_command("cases", "import", str(path), "--country", "MX", "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def failing_import(path, *extra):
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("cases", "import", str(path), "--country", "MX", "--json", *extra, stdout=out)
    report = json.loads(out.getvalue()) if out.getvalue() else None
    return str(error.value), report


def test_a_good_csv_creates_every_case(tmp_path):
    report = run_import(write_csv(tmp_path / "cases.csv", GOOD_ROWS))
    assert report["created"] == 2 and report["errors"] == []
    case = Case.objects.get(reference="MX-2025-00010")
    assert case.owner_country_id == "MX" and case.persons.count() == 2
    assert [
        (leg.from_country_id, leg.to_country_id, leg.transport_mode) for leg in case.route.all()
    ] == [("GT", "MX", "on_foot"), ("MX", "US", "bus")]
    assert case.documents_used.get().nature == "forged"
    victim = case.persons.get(role="victim")
    assert victim.given_names == "Ana" and victim.is_minor
    smuggling = Case.objects.get(case_type="smuggling")
    assert smuggling.reference == "MX-2025-00011" and smuggling.migrants_count == 23
    assert Event.objects.filter(action="cases.import", country="MX").count() == 1


def test_dry_run_writes_nothing(tmp_path):
    report = run_import(write_csv(tmp_path / "cases.csv", GOOD_ROWS), "--dry-run")
    assert report["errors"] == [] and report["created"] == 0
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        ({"reporting_agency": ""}, 2, "reporting_agency"),
        ({"case_type": "kidnapping"}, 2, "case_type"),
        ({"date_identified": "2025-02-30"}, 2, "date_identified"),
        ({"nationalities": "ZZ"}, 2, "nationalities"),
        ({"exploitation_types": "Slavery"}, 2, "exploitation_types"),
        ({"route_countries": "GT;XX"}, 2, "route_countries"),
    ],
)
def test_each_bad_row_is_named_and_nothing_is_written(tmp_path, change, row, column):
    rows = [dict(GOOD_ROWS[0], **change), *GOOD_ROWS[1:]]
    message, report = failing_import(write_csv(tmp_path / "cases.csv", rows))
    assert "no se importó nada" in message
    assert any(error["row"] == row and error["column"] == column for error in report["errors"]), (
        report["errors"]
    )
    assert not Case.objects.exists() and not Person.objects.exists()


def test_an_error_in_a_later_person_row_names_that_row(tmp_path):
    rows = [GOOD_ROWS[0], dict(GOOD_ROWS[1], birth_date="1990-13-01"), GOOD_ROWS[2]]
    _message, report = failing_import(write_csv(tmp_path / "cases.csv", rows))
    assert {(error["row"], error["column"]) for error in report["errors"]} == {(3, "birth_date")}


def test_duplicate_reference_with_existing_case(tmp_path):
    run_import(write_csv(tmp_path / "first.csv", GOOD_ROWS[:2]))
    _message, report = failing_import(write_csv(tmp_path / "again.csv", GOOD_ROWS))
    assert report["errors"][0]["column"] == "reference"
    assert Case.objects.count() == 1


def test_wrong_encoding_is_a_clear_error(tmp_path):
    message, _report = failing_import(
        write_csv(tmp_path / "latin.csv", GOOD_ROWS, encoding="latin-1")
    )
    assert "UTF-8" in message and not Case.objects.exists()


def test_empty_file(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    message, _report = failing_import(tmp_path / "empty.csv")
    assert "vacío" in message or "empty" in message


def test_xlsx_with_formulas_is_refused(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    row = [GOOD_ROWS[0].get(column, "") for column in COLUMNS]
    row[COLUMNS.index("summary")] = "=1+1"
    sheet.append(row)
    workbook.save(tmp_path / "formula.xlsx")
    message, _report = failing_import(tmp_path / "formula.xlsx")
    assert "summary" in message and not Case.objects.exists()


def test_a_good_xlsx_imports(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for source in GOOD_ROWS:
        sheet.append([source.get(column, "") for column in COLUMNS])
    workbook.save(tmp_path / "cases.xlsx")
    assert run_import(tmp_path / "cases.xlsx")["created"] == 2


def test_ten_megabytes_of_garbage(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(os.urandom(10 * 1024 * 1024))
    message, _report = failing_import(path)
    assert message and not Case.objects.exists()


def test_json_import_of_standard_format(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text(
        json.dumps(
            [
                {
                    "reporting_agency": "INM",
                    "date_identified": "2025-01-01",
                    "case_type": "smuggling",
                },
                {"reporting_agency": "INM", "date_identified": "2025-01-01", "case_type": "nope"},
            ]
        )
    )
    _message, report = failing_import(path)
    assert report["errors"] == [
        {"row": 2, "column": "case_type", "message": report["errors"][0]["message"]}
    ]
    assert not Case.objects.exists()


def test_only_member_states_import(tmp_path):
    with pytest.raises(CommandError, match="no es un Estado miembro de la CRM"):
        call_command(
            "cases", "import", str(write_csv(tmp_path / "c.csv", GOOD_ROWS)), "--country", "FR"
        )


class TestExport:
    @pytest.fixture
    def shared(self, tmp_path):
        run_import(write_csv(tmp_path / "cases.csv", GOOD_ROWS))
        case = Case.objects.get(reference="MX-2025-00010")
        case.audience = "selected"
        case.handling_code = "H1"
        case.save()
        case.shared_with.set(["GT"])
        LawProfile.objects.create(country_id="MX", share_birth_dates=True)

    def export(self, tmp_path, file_format, country):
        out = tmp_path / f"export.{file_format}"
        call_command(
            "cases",
            "export",
            "--format",
            file_format,
            "--out",
            str(out),
            "--country",
            country,
            stdout=io.StringIO(),
        )
        return out

    def test_recipient_gets_only_what_is_shared_redacted(self, shared, tmp_path):
        data = json.loads(self.export(tmp_path, "json", "GT").read_text())
        assert [case["reference"] for case in data] == ["MX-2025-00010"]
        victim = data[0]["persons"][0]
        assert data[0]["handling_code"] == "H1"
        assert victim["given_names"] is None and victim["birth_date"] == "2009-01-02"
        assert Event.objects.filter(action="cases.export", country="GT").exists()

    def test_owner_gets_everything_and_a_third_country_nothing(self, shared, tmp_path):
        rows = list(csv.DictReader(self.export(tmp_path, "csv", "MX").open()))
        assert {row["reference"] for row in rows} == {"MX-2025-00010", "MX-2025-00011"}
        assert "Ana" in {row["given_names"] for row in rows}
        assert json.loads(self.export(tmp_path, "json", "HN").read_text()) == []

    def test_htcds_csv_uses_htcds_field_names(self, shared, tmp_path):
        rows = list(csv.DictReader(self.export(tmp_path, "htcds-csv", "GT").open()))
        assert rows[0]["vic_TypeOfExploitation"] == "ForcedLabour;SexualExploitation"
        assert rows[0]["prs_FirstName"] == "" and rows[0]["enlace_HandlingCode"] == "H1"
        assert rows[0]["prs_Citizenship"] == "GT"

    def test_xlsx_export_reimports_for_the_owner(self, shared, tmp_path):
        out = self.export(tmp_path, "xlsx", "MX")
        sheet = load_workbook(out).active
        assert [cell.value for cell in sheet[1]] == COLUMNS
        assert sheet.max_row == 4  # header + 3 persons


def many_cases(count, start=1):
    return [
        {
            "reference": f"MX-2025-{number:05d}",
            "reporting_agency": "INM",
            "date_identified": "2025-05-01",
            "case_type": "smuggling",
            "route_countries": "HN;GT;MX",
            "person_role": "smuggled_migrant",
            "given_names": f"Persona {number}",
            "nationalities": "HN",
            "sex": "F",
            "age": "30",
            "phone": "+50495551234",
            "document_type": "passport",
            "document_issuing_country": "HN",
            "document_number": f"H{number}",
            "document_nature": "genuine",
        }
        for number in range(start, start + count)
    ]


@pytest.fixture
def parallel_import(monkeypatch):
    """Small chunks, so that a small file takes the multi-process, pipelined path."""
    from enlace.cases import importing

    monkeypatch.setattr(importing, "VALIDATION_CHUNK", 3)
    monkeypatch.setattr(importing, "PARALLEL_MIN_CHUNKS", 2)


def test_the_pipelined_import_writes_every_chunk(tmp_path, parallel_import):
    rows = [*many_cases(10), {**many_cases(1)[0], "reference": ""}]
    report = run_import(write_csv(tmp_path / "cases.csv", rows))
    assert report["created"] == 11 and report["errors"] == []
    assert Person.objects.filter(case__owner_country_id="MX").count() == 11
    # the case without a reference is numbered after every reference the file gives
    assert Case.objects.filter(reference="MX-2025-00011").exists()
    person = Person.objects.get(case__reference="MX-2025-00007")
    assert person.given_names == "Persona 7" and person.phones.get().number == "+50495551234"
    assert person.documents.get().number == "H7"
    # children point at their own parents, numbered in another process than the one writing
    used = DocumentUsed.objects.get(case__reference="MX-2025-00007")
    assert used.person == person and used.number == "H7"


def test_an_error_in_the_last_chunk_undoes_the_chunks_already_written(tmp_path, parallel_import):
    rows = many_cases(10)
    rows[9]["nationalities"] = "XX"
    message, report = failing_import(write_csv(tmp_path / "cases.csv", rows))
    assert "no se importó nada" in message
    assert report["created"] == 0
    assert [(error["row"], error["column"]) for error in report["errors"]] == [
        (11, "nationalities")
    ]
    assert not Case.objects.exists() and not Person.objects.exists()


def test_a_dry_run_of_a_pipelined_import_writes_nothing(tmp_path, parallel_import):
    report = run_import(write_csv(tmp_path / "cases.csv", many_cases(10)), "--dry-run")
    assert report["errors"] == [] and not Case.objects.exists()
