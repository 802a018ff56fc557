import csv
import io

import pytest
from openpyxl import load_workbook

from enlace.cases.importing import COLUMNS
from enlace.cases.models import Case
from enlace.cases.tests.test_import_export import GOOD_ROWS, write_csv
from enlace.core.models import Job

pytestmark = pytest.mark.django_db


def upload(client, path, **extra):
    with path.open("rb") as handle:
        return client.post("/cases/import/", {"file": handle, **extra})


def test_import_from_the_browser_runs_as_a_job_with_an_outcome(users, login, tmp_path):
    client = login(users["mx_liaison"])
    response = upload(client, write_csv(tmp_path / "cases.csv", GOOD_ROWS))
    assert response.status_code == 302
    status = client.get(response["Location"])
    assert status.status_code == 200
    page = status.content.decode()
    assert 'aria-valuenow="100"' in page and 'data-testid="import-outcome"' in page
    assert Case.objects.filter(owner_country_id="MX").count() == 2


def test_a_failed_import_offers_the_error_report(users, login, tmp_path):
    client = login(users["mx_liaison"])
    rows = [dict(GOOD_ROWS[0], case_type="kidnapping"), *GOOD_ROWS[1:]]
    response = upload(client, write_csv(tmp_path / "bad.csv", rows))
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[1]
    page = client.get(response["Location"]).content.decode()
    assert "case_type" in page and not Case.objects.exists()
    report = client.get(f"/cases/import/{job_id}/errors.csv")
    rows = list(csv.reader(io.StringIO(report.content.decode())))
    assert rows[0] == ["row", "column", "message"] and rows[1][:2] == ["2", "case_type"]
    # the job is hers alone
    assert login(users["cr_liaison"]).get(f"/cases/import/{job_id}/").status_code == 404


def test_dry_run_from_the_browser(users, login, tmp_path):
    client = login(users["mx_liaison"])
    response = upload(client, write_csv(tmp_path / "cases.csv", GOOD_ROWS), dry_run="on")
    page = client.get(response["Location"]).content.decode()
    assert "No se escribió nada" in page
    job = Job.objects.get(kind="cases.import")
    assert job.result["dry_run"] and job.result["created"] == 0 and job.result["errors"] == []
    assert not Case.objects.exists()


def test_wrong_file_type_is_refused_in_the_form(users, login, tmp_path):
    path = tmp_path / "cases.txt"
    path.write_text("hello")
    assert upload(login(users["mx_liaison"]), path).status_code == 400


def test_template_has_every_column_and_dropdowns(users, login):
    response = login(users["mx_liaison"]).get("/cases/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["cases"]
    assert [cell.value for cell in sheet[1]] == COLUMNS
    validated = {
        str(validation.sqref).split(":")[0].rstrip("0123456789")
        for validation in sheet.data_validations.dataValidation
    }
    letters = {
        COLUMNS[index]: sheet.cell(row=1, column=index + 1).column_letter
        for index in range(len(COLUMNS))
    }
    for column in (
        "case_type",
        "person_role",
        "sex",
        "document_nature",
        "document_issuing_country",
    ):
        assert letters[column] in validated, column
    assert workbook["codes"].sheet_state == "hidden"
