"""The dashboard and its downloads: who may open them and what they show."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from enlace.audit.models import Event

from .helpers import contributes, victims

pytestmark = pytest.mark.django_db


def chart_data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="statistics-data" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


@pytest.fixture
def data(db):
    contributes("CR", "MX")
    victims("CR", 4)
    victims("MX", 3, sex="M")
    victims("MX", 30, per_case=10)


def test_dashboard_for_an_officer(users, login, data):
    response = login(users["cr_liaison"]).get("/statistics/?period=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-chart="RTE_FLOW"' in html and 'data-chart="VIC_NAT_SEX"' in html
    assert "vendor/echarts/echarts.min.js" in html and "statistics/dashboard.js" in html
    assert "<script>" not in html  # no inline script: the charts read json_script data
    tables = {table["code"]: table for table in chart_data(response)["tables"]}
    ages = tables["VIC_AGE_SEX"]
    row = [r["code"] for r in ages["rows"]].index("18_29")
    col = [c["code"] for c in ages["cols"]].index("M")
    assert ages["values"][row][col] is None  # Mexico's 3 men
    assert ages["rows"][row]["total"] == 4 + 33

    own = login(users["cr_liaison"]).get("/statistics/?period=2025&scope=own")
    tables = {table["code"]: table for table in chart_data(own)["tables"]}
    assert tables["VIC_AGE_SEX"]["total"] == 4


def test_dashboard_for_the_secretariat_and_observers(users, login, data):
    for key in ("st", "observer"):
        response = login(users[key]).get(
            "/statistics/", {"period": "2025-S2", "case_type": "trafficking"}
        )
        assert response.status_code == 200
        tables = {table["code"]: table for table in chart_data(response)["tables"]}
        assert tables["PER_TREND"]["rows"][0]["total"] == 37
        assert 'name="scope"' not in response.content.decode()  # nothing of their own


def test_wrong_filters_fall_back_to_defaults(users, login, data):
    response = login(users["st"]).get("/statistics/?period=2025-S9")
    assert response.status_code == 200
    assert "2025, 2025-S2, 2025-Q3" in response.content.decode()


def test_who_may_not_open_the_dashboard(users, login, client, data):
    for key in ("civil_society", "cr_admin", "cr_auditor", "sysadmin"):
        assert login(users[key]).get("/statistics/").status_code == 403
        assert login(users[key]).get("/statistics/download.xlsx").status_code == 403
    assert client.get("/statistics/").status_code == 302


def test_downloads_are_the_tables_shown(users, login, data):
    officer = login(users["cr_liaison"])
    response = officer.get("/statistics/download.csv?period=2025&table=VIC_AGE_SEX")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:2] == ["age_band", "age_band_label"]
    row = next(line for line in lines if line[0] == "18_29")
    assert row[2:] == ["x", "x", "0", "37"]  # M, F, X, total
    workbook = load_workbook(
        io.BytesIO(officer.get("/statistics/download.xlsx?period=2025").content)
    )
    assert "VIC_AGE_SEX" in workbook.sheetnames and "RTE_FLOW" in workbook.sheetnames
    assert Event.objects.filter(action="statistics.export").count() == 2
    assert officer.get("/statistics/download.csv?table=NOPE").status_code == 404


def test_definitions_are_public(client):
    response = client.get("/statistics/definitions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="VIC_AGE_SEX"' in html and "Víctimas por grupo de edad y sexo" in html
    assert "Victims by age band and sex" in html
