"""`enlace workplan import FILE [--dry-run] [--json]` and `enlace workplan export`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from enlace.audit.models import Event
from enlace.workplan.models import Activity, PlanVersion
from enlace.workplan.parsing import parse_workplan_file

from .conftest import SEED
from .test_importing import DOCUMENTS


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("workplan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_prints_the_parsers_reading_and_nothing_else(db):
    out, err = run("import", str(SEED), "--json", "--dry-run")
    assert json.loads(out) == parse_workplan_file(SEED).as_json()
    assert "POLÍTICAS Y GESTIÓN MIGRATORIA" in out
    assert "37" in err and "2.1.1.2" in err  # the numbering slip the parser warns about
    assert not PlanVersion.objects.exists()


def test_import_creates_a_version_as_the_secretariat(db):
    out, _err = run("import", str(SEED))
    version = PlanVersion.objects.get()
    assert (version.number, version.status) == (1, "published")
    assert Activity.objects.filter(objective__area__plan=version).count() == 53
    assert "version 1" in out or "versión 1" in out
    event = Event.objects.get(action="workplan.import")
    assert event.actor_username == "cli:ST"


def test_import_with_json_writes_and_prints_only_json(db):
    out, _err = run("import", str(SEED), "--json")
    assert json.loads(out)["updated_on"] == "2009-11-26"
    assert PlanVersion.objects.count() == 1


def test_a_document_with_problems_fails_and_reports_them_on_stderr(db):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "workplan",
            "import",
            str(DOCUMENTS / "malformed_workplan.txt"),
            "--json",
            stdout=out,
            stderr=err,
        )
    assert json.loads(out.getvalue())["areas"][0]["title"] == "ÁREA DE PRUEBA"
    assert "14" in err.getvalue() and "9.9.9 Nadie" in err.getvalue()
    assert not PlanVersion.objects.exists()


def test_missing_file_and_wrong_user_are_one_line_errors(users):
    with pytest.raises(CommandError):
        run("import", "/no/such/plan.docx")
    with pytest.raises(CommandError):
        run("import", str(SEED), "--user", "cr-liaison")
    run("import", str(SEED), "--user", "st")
    assert PlanVersion.objects.get().created_by == users["st"]


def test_export_writes_the_version_in_force(db, tmp_path):
    run("import", str(SEED))
    target = tmp_path / "plan.docx"
    out, _err = run("export", "--format", "docx", "--out", str(target), "--language", "en")
    assert "plan.docx" in out
    assert Document(str(target)).paragraphs[0].text == "REGIONAL CONFERENCE ON MIGRATION (RCM)"
    as_json = tmp_path / "plan.json"
    run("export", "--format", "json", "--out", str(as_json), "--number", "1")
    assert json.loads(as_json.read_text())["history"][0]["area"] == "I"
    with pytest.raises(CommandError):
        run("export", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--number", "7")
