"""The XLSX template of a data call and reading it back.

One sheet per requested table, named by the indicator code. Row 4 holds the column codes and
column A the row codes (the machine reads those); row 5 and column B hold the labels in the
officer's language; counts go in the grid from C6. Blank cells count as 0."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from enlace.core.exporting import workbook as new_workbook
from enlace.core.exporting import workbook_bytes
from enlace.core.importing import ImportFileError, open_workbook, sheet_rows

from .indicators import INDICATORS, Labels, fixed_categories
from .models import DataCall
from .submissions import CellError

HEADER_ROW, LABEL_ROW, FIRST_ROW, FIRST_COL = 4, 5, 6, 3


def data_call_template(call: DataCall, country: str = "") -> bytes:
    labels = Labels()
    workbook = new_workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    code_fill = PatternFill("solid", fgColor="DDDDDD")
    for code in call.indicators:
        indicator = INDICATORS[code]
        rows, cols = fixed_categories(indicator.row), fixed_categories(indicator.col)
        sheet = workbook.create_sheet(code[:31])
        sheet["A1"] = labels.indicator(indicator)
        sheet["A1"].font = bold
        sheet["A2"] = _("Data call: %(title)s · period %(period)s · country %(country)s") % {
            "title": call.title,
            "period": call.period,
            "country": country or "—",
        }
        sheet["A3"] = _(
            "Write whole numbers of %(unit)s (blank means 0). Do not change the "
            "codes in row 4 or column A."
        ) % {"unit": indicator.unit.label}
        sheet.cell(HEADER_ROW, 1, indicator.row).fill = code_fill
        sheet.cell(LABEL_ROW, 1, labels.dimension(indicator.row)).font = bold
        sheet.cell(LABEL_ROW, 2, labels.dimension(indicator.col)).font = bold
        for offset, col in enumerate(cols):
            sheet.cell(HEADER_ROW, FIRST_COL + offset, col).fill = code_fill
            sheet.cell(
                LABEL_ROW, FIRST_COL + offset, labels.category(indicator.col, col)
            ).font = bold
        for offset, row in enumerate(rows):
            sheet.cell(FIRST_ROW + offset, 1, row).fill = code_fill
            sheet.cell(FIRST_ROW + offset, 2, labels.category(indicator.row, row))
        validation = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            error=_("A count is a whole number, zero or more."),
        )
        sheet.add_data_validation(validation)
        first = sheet.cell(FIRST_ROW, FIRST_COL).coordinate
        last = sheet.cell(FIRST_ROW + len(rows) - 1, FIRST_COL + len(cols) - 1).coordinate
        validation.add(f"{first}:{last}")
        sheet.column_dimensions["B"].width = 34
        sheet.freeze_panes = sheet.cell(FIRST_ROW, FIRST_COL)
    return workbook_bytes(workbook)


def data_call_read(call: DataCall, content: bytes) -> tuple[dict[str, list], list[CellError]]:
    """The tables of a filled template as `{code: [[row, col, value], ...]}` (values as read,
    checked later by `submissions.tables_clean`), and errors about the file's shape."""
    try:
        workbook = open_workbook(content, data_only=True)
    except ImportFileError as exc:
        return {}, [CellError("", "", "", str(exc))]
    tables: dict[str, list] = {}
    errors: list[CellError] = []
    try:
        for code in call.indicators:
            if code not in workbook.sheetnames:
                errors.append(CellError(code, "", "", _("The sheet of this table is missing.")))
                continue
            sheet = workbook[code]
            try:
                lines = [tuple(cell.value for cell in row) for row in sheet_rows(sheet)][
                    HEADER_ROW - 1 :
                ]
            except ImportFileError as exc:
                errors.append(CellError(code, "", "", str(exc)))
                continue
            if not lines:
                errors.append(CellError(code, "", "", _("The sheet is empty.")))
                continue
            header = list(lines[0])
            cols = [
                str(value).strip() if value is not None else "" for value in header[FIRST_COL - 1 :]
            ]
            while cols and not cols[-1]:
                cols.pop()
            triples = []
            for number, line in enumerate(lines[FIRST_ROW - HEADER_ROW :], start=FIRST_ROW):
                line = list(line)
                row = str(line[0]).strip() if line and line[0] is not None else ""
                values = line[FIRST_COL - 1 : FIRST_COL - 1 + len(cols)]
                if not row:
                    if any(value not in (None, "") for value in values):
                        errors.append(
                            CellError(
                                code,
                                _("row %(number)s") % {"number": number},
                                "",
                                _("Counts without a row code."),
                            )
                        )
                    continue
                for col, value in zip(cols, values, strict=False):
                    if col:
                        triples.append([row, col, value])
            tables[code] = triples
    finally:
        workbook.close()
    return tables, errors
