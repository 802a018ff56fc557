"""Text starting with each formula trigger leaves every screening export inert: the watchlist
export, a screening's hits, and the `enlace screen` output file."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from enlace.core.tests.injection import HOSTILE, assert_csv_inert, assert_xlsx_inert
from enlace.screening.models import Screening
from enlace.screening.tests.test_batch import PASSENGERS, manifest_csv

CHECKS = {"csv": assert_csv_inert, "xlsx": assert_xlsx_inert}


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_watchlist_export_is_inert(users, login, make_entry, file_format):
    for payload in HOSTILE:
        make_entry(users["cr_liaison"], notes=payload, legal_basis=payload)
    response = login(users["cr_liaison"]).get(f"/screening/watchlist/export.{file_format}")
    assert response.status_code == 200
    CHECKS[file_format](response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_hits_downloads_are_inert(users, gt_liaison, login, make_entry, file_format):
    make_entry(users["cr_liaison"], audience="network")
    client = login(gt_liaison)
    # one traveller per payload, each the watchlisted person, with a hostile manifest id
    rows = [[payload, *PASSENGERS[0][1:]] for payload in HOSTILE]
    client.post("/screening/screenings/new/", {"file": manifest_csv(rows), "threshold": 0.8})
    screening = Screening.objects.get()
    assert screening.hits_count == len(HOSTILE)
    response = client.get(f"/screening/screenings/{screening.pk}/hits.{file_format}")
    assert response.status_code == 200
    CHECKS[file_format](response.content)


def _csv_file(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_enlace_screen_output_is_inert(tmp_path):
    header = [
        "id",
        "given_names",
        "surnames",
        "full_name",
        "birth_date",
        "nationality",
        "sex",
        "document_number",
    ]
    person = ["José Guadalupe", "Hernández Ulloa", "", "1979-03-04", "MX", "M", ""]
    watchlist = _csv_file(tmp_path / "w.csv", header, [[payload, *person] for payload in HOSTILE])
    travellers = _csv_file(tmp_path / "t.csv", header, [[payload, *person] for payload in HOSTILE])
    out = tmp_path / "hits.csv"
    call_command(
        "screen",
        watchlist=str(watchlist),
        travellers=str(travellers),
        out=str(out),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert_csv_inert(out.read_bytes())
