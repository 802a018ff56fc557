"""Files of statistics: a release's CSVs, manifest and ZIP; a dashboard view as CSV or XLSX.

A release folder holds exactly one CSV per table and `manifest.json`: published cells (or
`x` where suppressed), the definitions, k and the suppression counts. They are written from
the stored release, which holds published values only, so no file can carry more."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from openpyxl.styles import Font

from enlace.core.exporting import csv_writer, workbook_bytes
from enlace.core.exporting import workbook as new_workbook

from .aggregates import View, ViewTable
from .disclosure import SUPPRESSED, TOTAL
from .indicators import Labels
from .models import Release, ReleaseTable

TOTAL_LABEL = "Total"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def release_table_lines(table: ReleaseTable) -> list[list]:
    """A release table as CSV lines: codes, `x` for a suppressed cell, totals last."""
    values = {(row, col): value for row, col, value in table.cells}
    cols = [*table.cols, TOTAL]
    lines: list[list] = [[table.row_var, *(TOTAL_LABEL if col == TOTAL else col for col in cols)]]
    for row in [*table.rows, TOTAL]:
        lines.append(
            [
                TOTAL_LABEL if row == TOTAL else row,
                *(
                    SUPPRESSED if values.get((row, col)) is None else values[(row, col)]
                    for col in cols
                ),
            ]
        )
    return lines


def csv_text(lines: list[list]) -> str:
    buffer = io.StringIO()
    csv_writer(buffer, lineterminator="\n").writerows(lines)
    return buffer.getvalue()


def release_manifest(release: Release) -> dict:
    tables = list(release.tables.all())
    labels = {"es": Labels("es"), "en": Labels("en")}
    categories: dict[str, dict[str, dict[str, str]]] = {}
    for table in tables:
        for dimension, codes in ((table.row_var, table.rows), (table.col_var, table.cols)):
            known = categories.setdefault(dimension, {})
            for code in codes:
                if code not in known:
                    known[code] = {
                        language: labels[language].category(dimension, code)
                        for language in ("es", "en")
                    }
    return {
        "release": release.slug,
        "period": release.period,
        "version": release.version,
        "k": release.k,
        "rounding": release.rounding,
        "created": release.created_at.isoformat(),
        "approved_by": release.approved_by_name,
        "suppressed_value": SUPPRESSED,
        "suppressed_cells": release.suppressed_cells,
        "tables": [
            {
                "code": table.indicator,
                "file": f"{table.indicator}.csv",
                "name_es": table.name_es,
                "name_en": table.name_en,
                "unit": table.unit,
                "rows": table.row_var,
                "columns": table.col_var,
                "cells": table.counts.get("cells", len(table.cells)),
                "suppressed": {
                    "primary": table.counts.get("primary", 0),
                    "secondary": table.counts.get("secondary", 0),
                    "total": table.counts.get("suppressed", 0),
                },
            }
            for table in tables
        ],
        "definitions": release.definitions,
        "sources": release.sources,
        "categories": categories,
        "note": release.note,
    }


def release_files(release: Release) -> dict[str, bytes]:
    """File name -> content: one CSV per table and manifest.json."""
    files = {
        f"{table.indicator}.csv": csv_text(release_table_lines(table)).encode()
        for table in release.tables.all()
    }
    files["manifest.json"] = json.dumps(
        release_manifest(release), ensure_ascii=False, indent=2
    ).encode()
    return files


def release_write(release: Release, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in release_files(release).items():
        path = out / name
        path.write_bytes(content)
        written.append(path)
    return written


def release_zip(release: Release) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in release_files(release).items():
            archive.writestr(f"{release.slug}/{name}", content)
    return buffer.getvalue()


def view_table_csv(table: ViewTable, labels: Labels) -> str:
    return csv_text(table.as_rows(labels))


def view_xlsx(view: View, labels: Labels, codes: list[str] | None = None) -> bytes:
    """The view's tables, one sheet each, with a first sheet saying what was counted."""
    workbook = new_workbook()
    about = workbook.active
    about.title = "about"
    about.append(["period", view.period.code])
    about.append(["scope", "own country" if view.own_only else "region"])
    about.append(["case_type", view.case_type or "all"])
    about.append(["k", view.k])
    about.append(["suppressed", SUPPRESSED])
    about.append(["case_countries", ", ".join(view.case_countries)])
    for country, titles in view.submitted.items():
        about.append([f"submitted:{country}", "; ".join(titles)])
    bold = Font(bold=True)
    for code, table in view.tables.items():
        if codes and code not in codes:
            continue
        sheet = workbook.create_sheet(code[:31])
        sheet.append([labels.indicator(table.indicator)])
        sheet["A1"].font = bold
        for line in table.as_rows(labels):
            sheet.append([TOTAL_LABEL if value == TOTAL else value for value in line])
    return workbook_bytes(workbook)
