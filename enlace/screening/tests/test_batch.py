"""Passenger manifests: upload, the background job and its progress, results and downloads,
and manifests rejected with row-level errors before anyone is screened."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from enlace.audit.models import Event
from enlace.core.models import Job
from enlace.screening.models import Hit, Screening

HEADER = [
    "id",
    "given_names",
    "surnames",
    "full_name",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "flight",
    "travel_date",
]


def manifest_csv(rows: list[list[str]], header=HEADER) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("TA-560.csv", buffer.getvalue().encode(), "text/csv")


def manifest_xlsx(rows: list[list], header=HEADER) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "TA-560.xlsx",
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


PASSENGERS = [
    ["P1", "JOSE GUADALUPE", "HERNANDEZ", "", "1979-03-04", "GTM", "M", "", "TA560", "2025-06-01"],
    ["P2", "", "", "PEREZ LOPEZ, ANA", "1990", "GT", "F", "GT:123456", "TA560", "2025-06-01"],
    ["P3", "Marco", "Antonio Solís", "", "", "", "", "", "TA560", ""],
]


def test_a_manifest_is_screened_in_the_background_with_progress(
    users, gt_liaison, login, make_entry
):
    make_entry(users["cr_liaison"], audience="network")
    client = login(gt_liaison)
    assert client.get("/screening/screenings/new/").status_code == 200
    response = client.post(
        "/screening/screenings/new/", {"file": manifest_csv(PASSENGERS), "threshold": "0.8"}
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert response["Location"] == f"/screening/screenings/{screening.pk}/"
    # the test queue runs the job at once; its record shows it finished at 100%
    job = Job.objects.get(kind="screening.batch")
    assert (job.status, job.progress) == ("succeeded", 100)
    assert job.result["hits"] == 1 and job.result["errors"] == []
    assert screening.job == job and screening.status == "completed"
    assert (screening.travellers, screening.hits_count) == (3, 1)
    hit = Hit.objects.get()
    assert (hit.row, hit.traveller_reference, hit.flight) == (2, "P1", "TA560")
    assert hit.traveller_nationalities == ["GT"]
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="hit"' in page and "TA560" in page
    # the upload is deleted once screened
    assert not Path(job.parameters["path"]).exists()
    events = set(Event.objects.values_list("action", flat=True))
    assert {"screening.batch", "screening.hit"} <= events


def test_progress_is_reported_while_screening(users, gt_liaison, make_entry, tmp_path):
    from enlace.screening.checks import manifest_screen
    from enlace.screening.importing import manifest_read

    make_entry(users["cr_liaison"], audience="network")
    path = tmp_path / "manifest.csv"
    rows = [[f"T{n}", "Pedro", f"Apellido{n}", "", "", "", "", "", "", ""] for n in range(300)]
    rows.append(PASSENGERS[0])
    path.write_bytes(manifest_csv(rows).read())
    updates: list[tuple[int, str]] = []
    travellers, _report = manifest_read(path, progress=lambda p, m: updates.append((p, m)))
    screening = Screening.objects.create(
        country_id="GT", kind="batch", threshold=0.8, created_by=gt_liaison
    )
    manifest_screen(
        actor=gt_liaison,
        screening=screening,
        travellers=travellers,
        progress=lambda p, m: updates.append((p, m)),
    )
    percents = [percent for percent, _message in updates]
    assert percents == sorted(percents) and len(set(percents)) > 10
    assert percents[-1] >= 95
    screening.refresh_from_db()
    assert (screening.travellers, screening.hits_count) == (301, 1)


def test_xlsx_manifests_and_downloads(users, gt_liaison, login, make_entry):
    make_entry(users["cr_liaison"], audience="network")
    client = login(gt_liaison)
    rows = [list(PASSENGERS[0])]
    client.post("/screening/screenings/new/", {"file": manifest_xlsx(rows), "threshold": 0.8})
    screening = Screening.objects.get()
    assert screening.hits_count == 1
    csv_response = client.get(
        f"/screening/screenings/{screening.pk}/hits.csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert csv_response.status_code == 200
    records = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert records[0]["traveller_id"] == "P1" and records[0]["owner_country"] == "CR"
    assert records[0]["reasons"].startswith("Given names are equal; First surname is equal")
    xlsx_response = client.get(f"/screening/screenings/{screening.pk}/hits.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    values = list(sheet.values)
    assert values[1][values[0].index("entry_reference")] == records[0]["entry_reference"]
    assert client.get(f"/screening/screenings/{screening.pk}/hits.pdf").status_code == 404
    assert Event.objects.filter(action="screening.hits_export").count() == 2
    # another country's officers cannot reach the screening or its hits
    other = login(users["mx_liaison"])
    assert other.get(f"/screening/screenings/{screening.pk}/").status_code == 404
    assert other.get(f"/screening/screenings/{screening.pk}/hits.csv").status_code == 404


def test_bad_manifests_are_rejected_by_row_and_column_before_screening(
    users, gt_liaison, login, make_entry
):
    make_entry(users["cr_liaison"], audience="network")
    client = login(gt_liaison)
    rows = [
        PASSENGERS[0],
        ["P2", "Ana", "Pérez", "", "04/03/1979", "GT", "F", "", "", ""],
        ["P3", "", "", "", "1980-01-01", "GT", "F", "", "", ""],
        ["P4", "Luis", "Mora", "", "", "ZZZ", "Q", "XX:1234", "", "2025-13-01"],
    ]
    response = client.post(
        "/screening/screenings/new/",
        {"file": manifest_csv(rows), "threshold": "0.8"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    screening = Screening.objects.get()
    assert screening.status == "rejected" and screening.travellers == 0
    assert not Hit.objects.exists()  # nobody was screened, not even the valid P1
    errors = {(error["row"], error["column"]) for error in screening.job.result["errors"]}
    assert errors == {
        (3, "birth_date"),
        (4, "given_names"),
        (5, "nationality"),
        (5, "sex"),
        (5, "document_number"),
        (5, "travel_date"),
    }
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="manifest-rejected"' in page and "YYYY-MM-DD" in page
    assert Event.objects.filter(action="screening.batch_rejected").count() == 1
    assert not Event.objects.filter(action="screening.hit").exists()


def test_unknown_columns_and_unreadable_files(users, gt_liaison, login):
    client = login(gt_liaison)
    client.post(
        "/screening/screenings/new/",
        {
            "file": manifest_csv(
                [["1", "Ana", "Pérez", "1990-01-01"]],
                header=["id", "given_names", "surnames", "birthdate"],
            ),
            "threshold": "0.8",
        },
    )
    screening = Screening.objects.latest("id")
    assert screening.status == "rejected"
    assert [(error["row"], error["column"]) for error in screening.job.result["errors"]] == [
        (1, "birthdate")
    ]
    client.post(
        "/screening/screenings/new/",
        {"file": SimpleUploadedFile("m.xlsx", b"not a workbook"), "threshold": "0.8"},
    )
    assert Screening.objects.latest("id").status == "rejected"
    refused = client.post(
        "/screening/screenings/new/",
        {"file": SimpleUploadedFile("m.pdf", b"%PDF"), "threshold": "0.8"},
    )
    assert refused.status_code == 400
    low = client.post(
        "/screening/screenings/new/", {"file": manifest_csv(PASSENGERS), "threshold": "0.1"}
    )
    assert low.status_code == 400


def test_the_status_partial_polls_until_the_job_ends(users, gt_liaison, login):
    job = Job.objects.create(
        kind="screening.batch", progress=40, message="Screening", created_by=gt_liaison
    )
    screening = Screening.objects.create(
        country_id="GT",
        kind="batch",
        threshold=0.8,
        status="running",
        job=job,
        created_by=gt_liaison,
    )
    client = login(gt_liaison)
    url = f"/screening/screenings/{screening.pk}/?partial=status"
    partial = client.get(url, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert partial.status_code == 200 and 'hx-trigger="every 1s"' in body
    assert 'aria-valuenow="40"' in body
    assert (
        "screening-status" in client.get(f"/screening/screenings/{screening.pk}/").content.decode()
    )
    Screening.objects.filter(pk=screening.pk).update(status="completed")
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_hits_are_paged_and_filtered_by_decision(users, gt_liaison, login, make_entry, monkeypatch):
    from enlace.screening import checks, views

    owner = users["cr_liaison"]
    people = [
        ("Pedro", "Mora", "Solís", "1961-01-02"),
        ("Luis", "Vargas", "Quesada", "1972-05-06"),
        ("Marco", "Zúñiga", "Arce", "1988-09-10"),
    ]
    for given, first, second, birth in people:
        make_entry(
            owner,
            audience="network",
            given_names=given,
            first_surname=first,
            second_surname=second,
            birth_date=date.fromisoformat(birth),
            aliases=[],
            documents=[],
        )
    rows = [
        [f"P{n}", given, f"{first} {second}", "", birth, "", "", "", "", ""]
        for n, (given, first, second, birth) in enumerate(people)
    ]
    client = login(gt_liaison)
    client.post("/screening/screenings/new/", {"file": manifest_csv(rows), "threshold": 0.8})
    screening = Screening.objects.get()
    assert screening.hits_count == 3
    first = Hit.objects.filter(screening=screening).order_by("-score", "id").first()
    checks.hit_decide(
        actor=gt_liaison, hit=first, decision="confirmed", expected_version=first.version
    )
    monkeypatch.setattr(views, "HITS_PER_PAGE", 2)
    url = f"/screening/screenings/{screening.pk}/"
    assert client.get(url).content.decode().count('data-testid="hit"') == 2
    assert client.get(url + "?page=2").content.decode().count('data-testid="hit"') == 1
    confirmed = client.get(url + "?decision=confirmed").content.decode()
    assert confirmed.count('data-testid="hit"') == 1 and f'id="hit-{first.pk}"' in confirmed
