"""The downloadable XLSX import template: the import columns, with a dropdown on every coded
column fed from a (hidden) sheet of codes, and a sheet explaining each column."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from enlace.core.exporting import workbook as new_workbook
from enlace.core.exporting import workbook_bytes
from enlace.core.models import Country, VocabularyTerm

from .choices import CaseType, PersonRole, RecordStatus, Sex
from .importing import COLUMNS, REQUIRED_COLUMNS

CODED_COLUMNS = {
    "status": [value for value, _label in RecordStatus.choices],
    "case_type": [value for value, _label in CaseType.choices],
    "handling_code": ["H0", "H1", "H2"],
    "person_role": [value for value, _label in PersonRole.choices],
    "sex": [value for value, _label in Sex.choices],
    "document_type": "document_type",
    "document_nature": "document_nature",
    "document_issuing_country": "country",
}
ROWS_WITH_DROPDOWNS = 2000


def case_import_template() -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "cases"
    sheet.append(COLUMNS)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill(
            "solid", fgColor="0B3D5C" if column in REQUIRED_COLUMNS else "4A6E85"
        )
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column) + 2)
    sheet.freeze_panes = "A2"

    codes = workbook.create_sheet("codes")
    codes.sheet_state = "hidden"
    for position, (column, source) in enumerate(CODED_COLUMNS.items(), start=1):
        if source == "country":
            values = list(Country.objects.order_by("iso2").values_list("iso2", flat=True))
        elif isinstance(source, str):
            values = list(
                VocabularyTerm.objects.filter(vocabulary=source).values_list("code", flat=True)
            )
        else:
            values = source
        letter = get_column_letter(position)
        codes.cell(row=1, column=position, value=column)
        for row, value in enumerate(values, start=2):
            codes.cell(row=row, column=position, value=value)
        validation = DataValidation(
            type="list",
            formula1=f"=codes!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Unknown code"),
            error=_("Choose a value from the list."),
        )
        target = get_column_letter(COLUMNS.index(column) + 1)
        validation.add(f"{target}2:{target}{ROWS_WITH_DROPDOWNS}")
        sheet.add_data_validation(validation)

    help_sheet = workbook.create_sheet(_("help"))
    help_sheet.append([_("column"), _("required"), _("how to fill it")])
    guidance = {
        "reference": _(
            "ISO2-YYYY-NNNNN; rows with the same reference are one case (one row "
            "per person). Empty: a new case per row, numbered automatically."
        ),
        "date_identified": _("YYYY-MM-DD"),
        "exploitation_types": _("HTCDS codes separated by ';' (see the vocabularies API)"),
        "route_countries": _("ISO2 codes in order, separated by ';' (e.g. GT;MX;US)"),
        "route_transport_modes": _("one transport code per leg, separated by ';'"),
        "nationalities": _("ISO2 codes separated by ';'"),
        "phone": _("international form, e.g. +50622223333"),
    }
    for column in COLUMNS:
        help_sheet.append(
            [column, _("yes") if column in REQUIRED_COLUMNS else "", guidance.get(column, "")]
        )
    return workbook_bytes(workbook)
