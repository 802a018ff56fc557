"""The shared import framework: read CSV, XLSX or JSON rows safely, collect errors by row and
column, and report them in the user's language. Capabilities map rows to their own records;
nothing is written unless every row is valid (the caller writes inside one transaction)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .crypto import DecryptionError
from .exporting import unneutralize
from .uploads import is_sealed, read_upload

MAX_BYTES = 50 * 1024 * 1024
# Limits by content, not by size on disk: an XLSX is a zip archive, and 3 MB of it can hold
# 450 MB of sheet XML (minutes of parsing, gigabytes of memory). Twice the largest import
# the network runs (100,000 cases) fits under each. Settings raise them where needed.
MAX_ROWS = 200_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_JSON_DEPTH = 32


def _limit(name: str, default: int) -> int:
    from django.conf import settings

    return int(getattr(settings, name, default))


@dataclass
class RowError:
    row: int  # 1-based data row as a person counts it in the file (header = row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "—",
            "message": self.message,
        }


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self, *, dry_run: bool, limit: int | None = None) -> dict[str, Any]:
        """What commands print with --json and import jobs keep as their result (at most
        `limit` errors listed; `error_count` counts them all)."""
        return {
            "rows": self.rows,
            "created": self.created,
            "dry_run": dry_run,
            "errors": [
                {"row": error.row or "", "column": error.column, "message": error.message}
                for error in self.errors[:limit]
            ],
            "error_count": len(self.errors),
        }

    @classmethod
    def unreadable(cls, error: Exception) -> ImportReport:
        """The report of a file that could not be read at all (ImportFileError)."""
        return cls(errors=[RowError(0, "", str(error))])


def report_to_command(command, report: ImportReport, *, as_json: bool, dry_run: bool) -> None:
    """A management command's output for an import: the JSON report or one line per error,
    and a non-zero exit (CommandError) when any row was refused."""
    import json

    from django.core.management.base import CommandError

    if as_json:
        command.stdout.write(json.dumps(report.as_dict(dry_run=dry_run), ensure_ascii=False))
    else:
        for error in report.errors:
            command.stderr.write(str(error))
    if report.errors:
        raise CommandError(
            _("%(count)s error(s); nothing was imported") % {"count": len(report.errors)}
        )


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, format, empty, formulas ...)."""


def detect_format(path: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    suffix = (Path(path.stem) if is_sealed(path) else path).suffix.lower().lstrip(".")
    if suffix in {"csv", "xlsx", "json"}:
        return suffix
    raise ImportFileError(
        _("Say the format with --format csv|xlsx|json: the file name %(name)s does not tell it.")
        % {"name": path.name}
    )


def read_rows(path: Path, file_format: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Header and rows of a CSV or XLSX file; JSON returns ([], list of objects). A sealed
    upload (enlace.core.uploads) is decrypted in memory, never onto the disk."""
    if not path.exists():
        raise ImportFileError(_("File not found: %(path)s") % {"path": path})
    sealed = is_sealed(path)
    # A plain file is measured before it is read; a sealed one only once decrypted.
    size = None if sealed else path.stat().st_size
    if size is None or size <= MAX_BYTES:
        try:
            raw = read_upload(path) if sealed else path.read_bytes()
        except DecryptionError as exc:
            raise ImportFileError(
                _(
                    "The uploaded file cannot be decrypted: it was altered "
                    "or its key is gone. Upload it again."
                )
            ) from exc
        size = len(raw)
    if size > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if not raw:
        raise ImportFileError(_("The file is empty."))
    if file_format == "csv":
        return _read_csv(raw)
    if file_format == "xlsx":
        return _read_xlsx(raw)
    if file_format == "json":
        try:
            data = json_loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file is not UTF-8 text.")) from exc
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                _("The file is not valid JSON (line %(line)s).") % {"line": exc.lineno}
            ) from exc
        except JSONTooDeep as exc:
            raise ImportFileError(
                _("The JSON is nested more than %(limit)s levels deep.") % {"limit": exc.limit}
            ) from exc
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ImportFileError(_("The JSON file must hold a list of objects."))
        if not data:
            raise ImportFileError(_("The file is empty."))
        _check_row_count(len(data))
        return [], data
    raise ImportFileError(_("Unknown format %(format)s.") % {"format": file_format})


def _read_csv(raw: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_('The file is not UTF-8 text: save it as "CSV UTF-8".')) from exc
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV text file."))
    # Only the delimiter is guessed (Excel writes ";" in some locales). The quote character
    # is always '"': the sniffer would take the apostrophe that guards an exported formula
    # trigger ("'=...") for a quote character and misread every row after it.
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise ImportFileError(_("The file is empty."))
    reader.fieldnames = header
    rows = []
    for row in reader:
        rows.append({key: unneutralize((value or "").strip()) for key, value in row.items() if key})
        _check_row_count(len(rows))
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."))
    return header, rows


class JSONTooDeep(ValueError):
    """A JSON document nested deeper than MAX_JSON_DEPTH levels."""

    def __init__(self, limit: int):
        super().__init__(f"JSON nested deeper than {limit} levels")
        self.limit = limit


def json_loads(text: str | bytes, **options) -> Any:
    """`json.loads` that refuses documents nested deeper than MAX_JSON_DEPTH (JSONTooDeep):
    records are a few levels deep, and a deeply nested document would exhaust the parser's
    stack (it raises RecursionError, caught here) or every recursive reader after it."""
    limit = _limit("ENLACE_IMPORT_MAX_JSON_DEPTH", MAX_JSON_DEPTH)
    try:
        data = json.loads(text, **options)
    except RecursionError as exc:
        raise JSONTooDeep(limit) from exc
    pending = [(data, 1)]
    while pending:  # iterative, so checking depth cannot exhaust the stack either
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            raise JSONTooDeep(limit)
        pending.extend((item, depth + 1) for item in value)
    return data


def _check_row_count(count: int) -> None:
    limit = _limit("ENLACE_IMPORT_MAX_ROWS", MAX_ROWS)
    if count > limit:
        raise ImportFileError(
            _("The file has more than %(limit)s rows: split it into smaller files.")
            % {"limit": f"{limit:,}"}
        )


def open_workbook(raw: bytes, *, data_only: bool = False):
    """A read-only openpyxl workbook of an uploaded file, refused (ImportFileError) when it is
    not an XLSX workbook or would unpack to more than MAX_UNCOMPRESSED_BYTES. The sizes the
    archive declares are checked before anything is unpacked, and again while unpacking
    (a forged header cannot make openpyxl read more than it declared: zipfile stops at the
    declared size and fails the CRC)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        declared = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError(_("The file is not an XLSX workbook.")) from exc
    limit = _limit("ENLACE_IMPORT_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)
    if declared > limit:
        raise ImportFileError(
            _("The workbook unpacks to more than %(mb)s MB: split it into smaller files.")
            % {"mb": limit // (1024 * 1024)}
        )
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise ImportFileError(_("The file is not an XLSX workbook.")) from exc


def sheet_rows(sheet):
    """Every row of a read-only sheet, as cells, whatever its dimension tag says (the tag is
    written by the program that saved the file and may be wrong: openpyxl trusts it and would
    silently stop there). Stops with ImportFileError past MAX_ROWS rows or on a damaged
    sheet."""
    sheet.reset_dimensions()
    try:
        for count, row in enumerate(sheet.iter_rows(), start=1):
            _check_row_count(count - 1)  # the header is not a data row
            yield row
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet: broken XML, a bad cell type ...
        raise ImportFileError(
            _(
                "The workbook is damaged and cannot be read: open it in your spreadsheet "
                "program, save it again as .xlsx and upload that copy."
            )
        ) from exc


def _read_xlsx(raw: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    workbook = open_workbook(raw)
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."))
        values = sheet_rows(workbook.worksheets[0])
        try:
            header = [
                str(cell.value).strip() if cell.value is not None else "" for cell in next(values)
            ]
        except StopIteration as exc:
            raise ImportFileError(_("The file is empty.")) from exc
        rows = []
        for number, row in enumerate(values, start=2):
            if all(cell.value is None or str(cell.value).strip() == "" for cell in row):
                continue
            record = {}
            for column, typed in zip(header, row, strict=False):
                if not column:
                    continue
                cell = typed.value
                # A text cell that starts with "=" (what Enlace's exports write) is text.
                if getattr(typed, "data_type", None) == "f":
                    # Formulas are refused: their cached values can be stale or absent.
                    raise ImportFileError(
                        _("Row %(row)s, %(column)s holds a formula; paste values only.")
                        % {"row": number, "column": column}
                    )
                if hasattr(cell, "isoformat"):
                    cell = cell.date().isoformat() if hasattr(cell, "date") else cell.isoformat()
                record[column] = "" if cell is None else unneutralize(str(cell).strip())
            rows.append(record)
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."))
    return header, rows


def error_paths(detail: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """The one flattener of nested errors (DRF's `serializer.errors`, a Django
    `message_dict`): (dotted field path, its messages as plain strings) pairs. A list of
    messages stays one path; a list of nested errors counts its items (`persons.0.phones.0`)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from error_paths(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in detail):
            yield prefix, [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                yield from error_paths(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield prefix, [str(detail)]


def flatten_errors(detail: Any, prefix: str = "") -> list[tuple[str, str]]:
    """DRF-style nested errors as (dotted field path, message) pairs."""
    return [(path, " ".join(messages)) for path, messages in error_paths(detail, prefix)]
