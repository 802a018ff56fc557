"""The semiannual report: PDF and DOCX files that open, with published figures only, from the
command line and from the browser as a background job."""

import base64
import contextlib
import io
import re
import zlib
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from enlace.core.models import Job
from enlace.statistics.facts import facts_sync
from enlace.statistics.report import CHARTS_AS_IMAGES
from enlace.statistics.services import release_publish

from .helpers import case_data, contributes, make_cases, person, victims

pytestmark = pytest.mark.django_db


def pdf_pages_and_text(content: bytes) -> tuple[int, str]:
    """Page count and the text drawn, read without a PDF library (pypdf is not installed):
    page objects are counted, content streams (ASCII85 and Flate as reportlab writes them)
    decoded and searched for shown strings."""
    assert content.startswith(b"%PDF-1.")
    assert content.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", content))
    shown = []
    for match in re.finditer(rb"stream\r?\n(.*?)\s*endstream", content, re.S):
        data = match.group(1).strip()
        if data.endswith(b"~>"):  # ASCII85, as reportlab writes it by default
            data = base64.a85decode(data[:-2].replace(b"\n", b""))
        with contextlib.suppress(zlib.error):  # a stream that is not compressed
            data = zlib.decompress(data)
        shown += [piece.decode("latin-1") for piece in re.findall(rb"\((.*?)\)\s*Tj", data)]
    return pages, " ".join(shown)


@pytest.fixture
def semester(db):
    contributes("CR", "MX")
    victims("CR", 12, per_case=4, day=date(2025, 8, 1))
    victims("MX", 3, sex="M", day=date(2025, 9, 1))
    victims("MX", 25, per_case=5, day=date(2025, 10, 1), age=14)
    make_cases(
        "MX",
        [
            case_data(
                day=date(2025, 11, 3),
                case_type="smuggling",
                exploitation=[],
                persons=[person("smuggled_migrant", "M", 30, "CU") for _ in range(15)],
                route=[("CU", "PA", "air"), ("PA", "MX", "bus")],
            )
        ],
    )
    victims("CR", 20, per_case=10, day=date(2025, 2, 1))  # the previous semester


def test_pdf_from_the_command_line(semester, tmp_path):
    out = tmp_path / "report.pdf"
    call_command(
        "report",
        "semiannual",
        "--period",
        "2025-S2",
        "--lang",
        "en",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    pages, text = pdf_pages_and_text(out.read_bytes())
    assert pages >= 2
    assert "Highlights" in text and "VIC_AGE_SEX" in text
    assert "40 victims of trafficking in persons" in text  # 12 + 3 + 25
    assert "20 in the previous period" in text
    with pytest.raises(CommandError):
        call_command("report", "semiannual", "--period", "2025-S9", "--out", str(out))


def test_docx_shows_published_figures_only(semester, users, tmp_path):
    facts_sync()
    release = release_publish(actor=users["st"], period="2025-S2", k=11)
    out = tmp_path / "informe.docx"
    call_command(
        "report",
        "semiannual",
        "--period",
        "2025-S2",
        "--lang",
        "es",
        "--format",
        "docx",
        "--out",
        str(out),
    )
    document = Document(str(out))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert release.slug in text  # the figures are the release's
    titles = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(title.startswith("VIC_AGE_SEX") for title in titles)
    grids = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    # Mexico's 3 men aged 25 are a small cell: shown as x, never as 3
    age_grid = next(grid for grid in grids if grid[0][0] in {"Grupo de edad", "Age band"})
    adults = next(row for row in age_grid if row[0].startswith("18"))
    assert adults[1] == "x"
    numbers = [
        cell
        for grid in grids
        for row in grid[1:]
        for cell in row[1:]
        if re.fullmatch(r"[\d.]+", cell)
    ]
    assert numbers and all(cell == "0" or int(cell.replace(".", "")) >= 11 for cell in numbers)


def test_report_from_the_browser(semester, users, login, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the job writes its file there
    officer = login(users["st"])
    page = officer.get("/statistics/report/")
    assert page.status_code == 200
    response = officer.post(
        "/statistics/report/", {"period": "2025-S2", "language": "en", "file_format": "pdf"}
    )
    job = Job.objects.get(kind="statistics.report")
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/")
    assert job.status == "succeeded", job.error  # tests run background jobs at once
    status = officer.get(f"/statistics/report/{job.pk}/")
    assert 'data-testid="report-download"' in status.content.decode()
    download = officer.get(f"/statistics/report/{job.pk}/download")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.")
    # nobody else's report
    assert login(users["observer"]).get(f"/statistics/report/{job.pk}/download").status_code == 404
    assert (
        officer.post(
            "/statistics/report/", {"period": "nope", "language": "en", "file_format": "pdf"}
        ).status_code
        == 400
    )


def test_docx_charts(semester, tmp_path):
    out = tmp_path / "report.docx"
    call_command(
        "report",
        "semiannual",
        "--period",
        "2025-S2",
        "--lang",
        "en",
        "--format",
        "docx",
        "--out",
        str(out),
    )
    document = Document(io.BytesIO(out.read_bytes()))
    images = [rel for rel in document.part.rels.values() if "image" in rel.reltype]
    if CHARTS_AS_IMAGES:
        assert images
    else:  # without renderPM's backend each chart is a table of its figures
        assert not images
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
        assert "Main route legs" in headings
