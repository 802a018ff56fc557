"""Releases: versioned and immutable, protected with k, computed from aggregates only, and
written as one CSV per table plus manifest.json with no case-level data."""

import csv
import io
import json
import re
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enlace.cases.models import Case, Person
from enlace.statistics.disclosure import SUPPRESSED
from enlace.statistics.facts import facts_sync
from enlace.statistics.models import Release
from enlace.statistics.services import release_publish

from .helpers import case_data, contributes, make_cases, person, victims

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(db):
    contributes("CR", "MX")
    victims("CR", 3, day=date(2025, 3, 1))
    victims("MX", 3, sex="M", nationality="HN")
    victims("MX", 40, per_case=10, nationality="GT")
    make_cases(
        "MX",
        [
            case_data(
                case_type="smuggling",
                exploitation=[],
                persons=[person("smuggled_migrant", "M", 30, "CU") for _ in range(14)],
                route=[("CU", "PA", "air"), ("PA", "MX", "bus")],
                documents=["counterfeit"],
            )
        ],
    )


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text())))


def check_files(folder, k, identifiers):
    names = sorted(path.name for path in folder.iterdir())
    assert "manifest.json" in names
    assert all(name.endswith(".csv") for name in names if name != "manifest.json")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert sorted(table["file"] for table in manifest["tables"]) == sorted(
        name for name in names if name != "manifest.json"
    )
    for name in names:
        text = (folder / name).read_text()
        for identifier in identifiers:  # no reference, pseudonym or name of any case
            assert identifier not in text, (name, identifier)
        if name == "manifest.json":
            continue
        lines = read_csv(folder / name)
        hidden = 0
        for line in lines[1:]:
            for value in line[1:]:
                if value == SUPPRESSED:
                    hidden += 1
                    continue
                assert int(value) == 0 or int(value) >= k, (name, line)
        table = next(t for t in manifest["tables"] if t["file"] == name)
        assert hidden == table["suppressed"]["total"]
    return manifest


def test_publish_command_writes_csvs_and_manifest(cases, users, tmp_path):
    out = tmp_path / "release"
    call_command(
        "stats",
        "publish",
        "--period",
        "2025",
        "--k",
        "11",
        "--out",
        str(out),
        "--user",
        users["st"].username,
    )
    identifiers = [
        *Case.objects.values_list("reference", flat=True),
        *Person.objects.values_list("pseudonym", flat=True),
        "Pérez",
    ]
    manifest = check_files(out, 11, identifiers)
    assert manifest["k"] == 11 and manifest["period"] == "2025" and manifest["version"] == 1
    assert manifest["created"] and manifest["approved_by"]
    assert (
        manifest["suppressed_cells"]
        == sum(t["suppressed"]["total"] for t in manifest["tables"])
        > 0
    )
    assert {d["code"] for d in manifest["definitions"]} == {t["code"] for t in manifest["tables"]}
    assert manifest["sources"]["case_countries"] == ["CR", "MX"]
    ages = read_csv(out / "VIC_AGE_SEX.csv")
    assert ages[0] == ["age_band", "M", "F", "X", "Total"]
    assert ages[-1][0] == "Total" and ages[-1][-1] == "46"
    assert next(line for line in ages if line[0] == "18_29")[1:3] == ["x", "x"]

    again = tmp_path / "again"
    call_command("stats", "publish", "--period", "2025", "--k", "5", "--out", str(again), "--json")
    assert json.loads((again / "manifest.json").read_text())["version"] == 2
    check_files(again, 5, identifiers)

    with pytest.raises(CommandError):
        call_command("stats", "publish", "--period", "2025-S3", "--out", str(out))
    with pytest.raises(CommandError):
        call_command("stats", "publish", "--period", "2025")
    with pytest.raises(CommandError):
        call_command(
            "stats",
            "publish",
            "--period",
            "2025",
            "--out",
            str(out),
            "--user",
            users["cr_liaison"].username,
        )


def test_a_release_reads_aggregates_only_and_never_changes(cases, users):
    facts_sync()
    with CaptureQueriesContext(connection) as queries:
        first = release_publish(actor=users["st"], period="2025", k=11)
    touched = {
        table
        for query in queries.captured_queries
        for table in re.findall(r'"(cases_\w+)"', query["sql"])
    }
    assert touched == set(), touched  # no case, person, route or document was read
    tables = {table.indicator: table.cells for table in first.tables.all()}
    assert first.approved_by_name and first.approved_by == users["st"]

    victims("MX", 30, per_case=10, nationality="GT")
    facts_sync()
    second = release_publish(actor=users["st"], period="2025", k=11)
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert {table.indicator: table.cells for table in first.tables.all()} == tables
    assert second.tables.get(indicator="VIC_AGE_SEX").cells != tables["VIC_AGE_SEX"]

    with pytest.raises(Exception):  # noqa: B017 - who may publish is the service's rule
        release_publish(actor=users["cr_liaison"], period="2025")


def test_rounding_and_small_k(cases, users):
    facts_sync()
    release = release_publish(actor=users["st"], period="2025", k=3, rounding=5)
    cells = release.tables.get(indicator="VIC_NAT_SEX").cells
    values = [value for _row, _col, value in cells if value is not None]
    assert values and all(value % 5 == 0 for value in values)
    assert release.rounding == 5 and release.k == 3


def test_public_pages_and_downloads(cases, users, client, login):
    facts_sync()
    release = release_publish(actor=users["st"], period="2025", k=11, note="Primera")
    listing = client.get("/statistics/releases/")
    assert listing.status_code == 200 and "2025" in listing.content.decode()
    detail = client.get(f"/statistics/releases/{release.pk}/")
    assert detail.status_code == 200 and "VIC_AGE_SEX" in detail.content.decode()
    table = client.get(f"/statistics/releases/{release.pk}/VIC_AGE_SEX.csv")
    assert table.status_code == 200 and table.content.decode().startswith("age_band,")
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/statistics/releases/{release.pk}/download.zip").content)
    )
    assert f"{release.slug}/manifest.json" in archive.namelist()
    assert client.get(f"/statistics/releases/{release.pk}/NOPE.csv").status_code == 404
    api = client.get("/api/v1/statistics/releases/").json()
    assert api["results"][0]["period"] == "2025" and api["results"][0]["tables"]
    assert login(users["civil_society"]).get("/statistics/releases/").status_code == 200


def test_the_secretariat_previews_then_publishes(cases, users, login):
    st = login(users["st"])
    preview = st.post("/statistics/releases/new/", {"period": "2025", "k": 11})
    assert preview.status_code == 200
    assert 'data-testid="release-preview"' in preview.content.decode()
    assert not Release.objects.exists()
    published = st.post("/statistics/releases/new/", {"period": "2025", "k": 11, "publish": "1"})
    release = Release.objects.get()
    assert published.status_code == 302 and release.approved_by == users["st"]
    assert login(users["cr_liaison"]).get("/statistics/releases/new/").status_code == 403
    assert login(users["observer"]).post("/statistics/releases/new/", {}).status_code == 403
