"""The one writer of CSV and XLSX files, and the download response every export uses.

Exports carry text that member states typed (case narratives, names, notes). A spreadsheet
evaluates a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab or a
carriage return) as a formula, so a narrative typed as `=HYPERLINK("http://x","y")` would
become a live link in the recipient's Excel (OWASP "CSV injection"). Every text cell written
here that starts with one of those characters is made inert; numbers stay numbers, dates stay
dates, None stays empty:
- in CSV it gets a leading apostrophe, the quote prefix spreadsheets themselves use for "this
  is text" (a CSV cell has no type, so the prefix is the only guard). Enlace's own importers
  read a cell back without that one apostrophe (`unneutralize`), so an export imported again
  gives the typed text;
- in XLSX the cell is typed as text (never a formula) and carries the quote-prefix style, so
  the recipient sees exactly what was typed and editing the cell keeps it text.

Use `csv_writer` / `csv_dict_writer` over an open text handle, `csv_bytes` for a whole file in
memory, `workbook()` + `append()` + `workbook_bytes()` / `workbook_save()` for XLSX (styles,
widths and validations as openpyxl offers them: every cell is checked once more when the file
is written, so no path can leave a formula in it), `xlsx_bytes` for one plain sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from enlace.core.http import attachment

__all__ = [
    "FORMULA_TRIGGERS",
    "append",
    "attachment",
    "csv_bytes",
    "csv_dict_writer",
    "csv_writer",
    "neutralize",
    "unneutralize",
    "workbook",
    "workbook_bytes",
    "workbook_save",
    "xlsx_bytes",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def neutralize(value: Any) -> Any:
    """`value` as a spreadsheet will show it, never run it: text starting with a formula
    trigger gets a leading apostrophe; anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return _QUOTE + value
    return value


def unneutralize(value: Any) -> Any:
    """What `neutralize` wrote, read back: one apostrophe before a trigger is dropped."""
    if (
        isinstance(value, str)
        and value[:1] == _QUOTE
        and value[1:2]
        and value[1:].startswith(FORMULA_TRIGGERS)
    ):
        return value[1:]
    return value


# --- CSV -------------------------------------------------------------------------------------


class _SafeWriter:
    """`csv.writer` whose every text cell is neutralized."""

    def __init__(self, handle, **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([neutralize(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _SafeDictWriter:
    """`csv.DictWriter` whose every text cell is neutralized (the header is ours)."""

    def __init__(self, handle, fieldnames: Sequence[str], **options):
        self.fieldnames = list(fieldnames)
        self._writer = csv.DictWriter(handle, fieldnames=self.fieldnames, **options)

    def writeheader(self):
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]):
        return self._writer.writerow({key: neutralize(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle, **options) -> _SafeWriter:
    """A CSV writer over a text handle (or any object with `write`), neutralizing cells."""
    return _SafeWriter(handle, **options)


def csv_dict_writer(handle, fieldnames: Sequence[str], **options) -> _SafeDictWriter:
    return _SafeDictWriter(handle, fieldnames, **options)


def _values(columns: Sequence[str], row: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    if isinstance(row, Mapping):
        return [row[column] for column in columns]
    return list(row)


def csv_bytes(
    columns: Sequence[str] | None,
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    *,
    bom: bool = True,
    lineterminator: str = "\r\n",
) -> bytes:
    """A whole CSV file: the header (if `columns`), then each row (a mapping read by
    `columns`, or a sequence). UTF-8 with a byte-order mark by default, so spreadsheet
    programs read accents right."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator=lineterminator)
    if columns is not None:
        writer.writerow(columns)
    for row in rows:
        writer.writerow(_values(columns or (), row) if columns is not None else list(row))
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


# --- XLSX ------------------------------------------------------------------------------------


def workbook(*, write_only: bool = False):
    """A new openpyxl workbook (write-only for large exports: rows go through `append`)."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def _cell(sheet, value: Any):
    """A cell for `append`: text is written as text, never as a formula. XLSX cannot hold
    most control characters (a narrative pasted from another program may carry one): they
    are dropped, so one stray character never makes a whole export fail."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith(FORMULA_TRIGGERS):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    _as_text(cell)
    return cell


def _as_text(cell) -> None:
    cell.data_type = "s"
    cell.quotePrefix = True


def append(sheet, values: Iterable[Any]) -> None:
    """Append one row to `sheet` (write-only or not), every text cell neutralized."""
    sheet.append([_cell(sheet, value) for value in values])


def _sanitize(book) -> None:
    """Every text or formula cell of a (not write-only) workbook, made inert."""
    if getattr(book, "write_only", False):
        return  # rows went through `append`
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and (
                    cell.data_type == "f" or value.startswith(FORMULA_TRIGGERS)
                ):
                    _as_text(cell)


def workbook_bytes(book) -> bytes:
    _sanitize(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_save(book, path: Path | str) -> None:
    _sanitize(book)
    book.save(path)


def xlsx_bytes(
    columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]], sheet_name: str
) -> bytes:
    """One sheet: a header row, then the rows (mappings read by `columns`, or sequences)."""
    book = workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    append(sheet, columns)
    for row in rows:
        append(sheet, _values(columns, row))
    return workbook_bytes(book)
