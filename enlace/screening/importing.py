"""Reading watchlist files and passenger manifests (CSV or XLSX, first sheet).

Both share the columns of the `enlace screen` command where they overlap: id, given_names,
surnames (or first_surname and second_surname), full_name (manifests), birth_date
(YYYY-MM-DD, or the year alone in manifests), nationality (ISO 3166 alpha-2 or alpha-3, several
separated by ";"), sex (M, F or X), document_number (several separated by ";", each optionally
"ISO2:number"). Watchlist files add category, legal_basis, valid_until, aliases (";"), notes,
and optionally audience, shared_with, handling_code and last_reviewed (what the export
writes); manifests add flight (or vessel) and travel_date.

Every row is checked first and errors name the row (as a spreadsheet counts it: the header is
row 1) and the column, in the user's language; nothing is written, or screened, unless the
whole file is valid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.access.choices import HandlingCode
from enlace.accounts.actors import Actor
from enlace.audit.services import record_event
from enlace.core.importing import (
    ImportFileError,
    ImportReport,
    RowError,
    detect_format,
    read_rows,
)
from enlace.core.models import MEMBER_STATES

from .index import Traveller
from .models import WatchlistDocument, WatchlistEntry
from .permissions import check_screening_officer
from .services import entries_create_many
from .validation import (
    MAX_NAME,
    InvalidValue,
    clear_caches,
    country_codes,
    entry_errors,
    parse_birth,
    parse_date,
    parse_documents,
    parse_sex,
    split_list,
    split_surnames,
)

WATCHLIST_COLUMNS = [
    "id",
    "owner_country",
    "given_names",
    "first_surname",
    "second_surname",
    "surnames",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "category",
    "legal_basis",
    "valid_until",
    "aliases",
    "notes",
    "audience",
    "shared_with",
    "handling_code",
    "last_reviewed",
]
WATCHLIST_REQUIRED = {"category", "legal_basis", "valid_until"}
MANIFEST_COLUMNS = [
    "id",
    "given_names",
    "surnames",
    "first_surname",
    "second_surname",
    "full_name",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "flight",
    "vessel",
    "travel_date",
]
NAME_COLUMNS = {"given_names", "surnames", "first_surname", "second_surname", "full_name"}
MAX_MANIFEST_ROWS = 200_000
MAX_REFERENCE = 40
ANALYZE_AFTER = 10_000
ProgressCallback = Callable[[int, str], None]


def _header_errors(
    header: list[str], known: list[str], required: set[str], any_of: set[str]
) -> list[RowError]:
    errors = []
    seen: set[str] = set()
    for column in header:
        if not column:
            continue
        if column not in known:
            errors.append(
                RowError(
                    1,
                    column,
                    _("unknown column; the columns are: %(columns)s")
                    % {"columns": ", ".join(known)},
                )
            )
        elif column in seen:
            errors.append(RowError(1, column, _("the column is repeated")))
        seen.add(column)
    for column in sorted(required - seen):
        errors.append(RowError(1, column, _("required column is missing")))
    if not seen & any_of:
        errors.append(
            RowError(
                1,
                "given_names",
                _("the file needs a name column: %(columns)s")
                % {"columns": ", ".join(sorted(any_of))},
            )
        )
    if "surnames" in seen and seen & {"first_surname", "second_surname"}:
        errors.append(
            RowError(
                1,
                "surnames",
                _("give either surnames or first_surname and second_surname, not both"),
            )
        )
    return errors


def _read(
    row: dict[str, Any], column: str, parse, errors: list[RowError], number: int, default=None
):
    value = row.get(column, "")
    if not value:
        return default
    try:
        return parse(value)
    except InvalidValue as exc:
        errors.append(RowError(number, column, str(exc)))
        return default


def _names(row: dict[str, Any], errors: list[RowError], number: int) -> dict[str, str]:
    names = {}
    for column in ("given_names", "first_surname", "second_surname", "surnames", "full_name"):
        value = " ".join((row.get(column) or "").split())
        if len(value) > MAX_NAME:
            errors.append(
                RowError(number, column, _("at most %(max)s characters") % {"max": MAX_NAME})
            )
        names[column] = value
    return names


# --- the watchlist ------------------------------------------------------------------------


def _entry_from_row(
    row: dict[str, Any], number: int, actor_country: str, errors: list[RowError], today: date
) -> dict[str, Any]:
    names = _names(row, errors, number)
    first, second = names["first_surname"], names["second_surname"]
    if names["surnames"]:
        first, second = split_surnames(names["surnames"])
    reference = (row.get("id") or "").strip()
    if len(reference) > MAX_REFERENCE:
        errors.append(
            RowError(number, "id", _("at most %(max)s characters") % {"max": MAX_REFERENCE})
        )
    owner = (row.get("owner_country") or "").strip().upper()
    if owner and owner != actor_country:
        errors.append(
            RowError(
                number,
                "owner_country",
                _("only entries of your own country (%(country)s) can be imported")
                % {"country": actor_country},
            )
        )
    birth_date, birth_year = _read(row, "birth_date", parse_birth, errors, number, (None, None))
    if birth_year is not None:
        errors.append(
            RowError(
                number,
                "birth_date",
                _("write the whole birth date as YYYY-MM-DD, or leave it empty"),
            )
        )
    audience = (row.get("audience") or "").strip().lower()
    handling = (row.get("handling_code") or "").strip().upper()
    if handling and handling not in HandlingCode.values:
        errors.append(
            RowError(
                number,
                "handling_code",
                _("choose one of: %(codes)s") % {"codes": ", ".join(HandlingCode.values)},
            )
        )
    data = {
        "reference": reference,
        "category": (row.get("category") or "").strip(),
        "legal_basis": (row.get("legal_basis") or "").strip(),
        "valid_until": _read(row, "valid_until", parse_date, errors, number),
        "given_names": names["given_names"],
        "first_surname": first,
        "second_surname": second,
        "aliases": split_list(row.get("aliases", "")),
        "birth_date": birth_date,
        "nationalities": _read(row, "nationality", country_codes, errors, number, []),
        "sex": _read(row, "sex", parse_sex, errors, number, "X"),
        "documents": _read(row, "document_number", parse_documents, errors, number, []),
        "notes": (row.get("notes") or "").strip(),
        "audience": audience or "national",
        "shared_with": _read(row, "shared_with", country_codes, errors, number, []),
        "handling_code": handling or HandlingCode.H0,
        "last_reviewed": _read(row, "last_reviewed", parse_date, errors, number),
    }
    outside = sorted(set(data["shared_with"] or []) - set(MEMBER_STATES))
    if outside:
        errors.append(
            RowError(
                number,
                "shared_with",
                _("Not member states: %(codes)s") % {"codes": ", ".join(outside)},
            )
        )
    failed_columns = {error.column for error in errors if error.row == number}
    for field, messages in entry_errors(data, creating=True, today=today).items():
        column = {
            "first_surname": "surnames" if "surnames" in row else "first_surname",
            "shared_with": "shared_with",
        }.get(field, field)
        if column in failed_columns:
            continue  # the value could not be read: one message is enough
        for message in messages:
            errors.append(RowError(number, column, message))
    return data


def watchlist_import(
    *,
    actor: Actor,
    path: Path,
    file_format: str | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Validate every row, then create every entry in one transaction, or none. Raises
    ImportFileError when the file as a whole cannot be read."""
    country_id = check_screening_officer(actor)
    clear_caches()
    file_format = detect_format(path, file_format)
    if file_format not in {"csv", "xlsx"}:
        raise ImportFileError(_("The watchlist is imported from CSV or XLSX files."))
    header, rows = read_rows(path, file_format)
    report = ImportReport(rows=len(rows))
    report.errors.extend(
        _header_errors(header, WATCHLIST_COLUMNS, WATCHLIST_REQUIRED, NAME_COLUMNS - {"full_name"})
    )
    if report.errors:
        return report
    items = []
    seen: dict[str, int] = {}
    existing = set(
        WatchlistEntry.objects.filter(owner_country_id=country_id).values_list(
            "reference", flat=True
        )
    )
    step = max(1, len(rows) // 50)
    today = timezone.localdate()
    for number, row in enumerate(rows, start=2):
        data = _entry_from_row(row, number, country_id, report.errors, today)
        reference = data["reference"]
        if reference:
            if reference in existing:
                report.errors.append(
                    RowError(
                        number, "id", _("%(reference)s already exists") % {"reference": reference}
                    )
                )
            elif reference in seen:
                report.errors.append(
                    RowError(
                        number,
                        "id",
                        _("%(reference)s is repeated (row %(row)s)")
                        % {"reference": reference, "row": seen[reference]},
                    )
                )
            seen.setdefault(reference, number)
        items.append(data)
        if progress and number % step == 0:
            progress(60 * number // (len(rows) + 1), _("Validating"))
    if report.errors or dry_run:
        report.errors.sort(key=lambda error: (error.row, error.column))
        return report
    if progress:
        progress(60, _("Importing"))
    try:
        with transaction.atomic():
            created = entries_create_many(actor=actor, items=items, audit=False)
            report.created = len(created)
            record_event(
                actor=actor,
                action="screening.watchlist_import",
                owner_country=country_id,
                summary=f"{report.created} entries from {path.name} ({file_format})",
            )
    except ValidationError as exc:  # a reference taken meanwhile: nothing was written
        for field, messages in exc.message_dict.items():
            for message in messages:
                report.errors.append(RowError(1, "id" if field == "reference" else field, message))
        report.created = 0
        return report
    if report.created >= ANALYZE_AFTER:
        # Fresh planner statistics after a large load, so the screening index's fingerprint
        # reads its covering index (without them SQLite merges three indexes: 2-3x slower).
        with connection.cursor() as cursor:
            for model in (WatchlistEntry, WatchlistDocument):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return report


# --- manifests ----------------------------------------------------------------------------


def _traveller_from_row(
    row: dict[str, Any], number: int, errors: list[RowError]
) -> Traveller | None:
    names = _names(row, errors, number)
    surnames = names["surnames"] or " ".join(
        part for part in (names["first_surname"], names["second_surname"]) if part
    )
    if not (names["given_names"] or surnames or names["full_name"]):
        errors.append(RowError(number, "given_names", _("the traveller has no name")))
        return None
    reference = (row.get("id") or "").strip()
    if len(reference) > 64:
        errors.append(RowError(number, "id", _("at most %(max)s characters") % {"max": 64}))
    flight_column = "flight" if row.get("flight") else "vessel"
    flight = (row.get(flight_column) or "").strip()
    if len(flight) > 40:
        errors.append(
            RowError(number, flight_column, _("at most %(max)s characters") % {"max": 40})
        )
    birth_date, birth_year = _read(row, "birth_date", parse_birth, errors, number, (None, None))
    documents = _read(row, "document_number", parse_documents, errors, number, [])
    sex = _read(row, "sex", parse_sex, errors, number, "X")
    return Traveller(
        reference=reference,
        given_names=names["given_names"],
        surnames=surnames,
        full_name=names["full_name"],
        birth_date=birth_date,
        birth_year=birth_year,
        nationalities=tuple(_read(row, "nationality", country_codes, errors, number, [])),
        sex="" if sex == "X" else sex,
        documents=tuple(
            f"{issuer}:{number_}" if issuer else number_ for issuer, number_ in documents
        ),
        flight=flight,
        travel_date=_read(row, "travel_date", parse_date, errors, number),
        row=number,
    )


def manifest_read(
    path: Path, file_format: str | None = None, progress: ProgressCallback | None = None
) -> tuple[list[Traveller], ImportReport]:
    """The travellers of a manifest, or the report of its errors (then no traveller)."""
    clear_caches()
    file_format = detect_format(path, file_format)
    if file_format not in {"csv", "xlsx"}:
        raise ImportFileError(_("A manifest is a CSV or XLSX file."))
    header, rows = read_rows(path, file_format)
    report = ImportReport(rows=len(rows))
    report.errors.extend(_header_errors(header, MANIFEST_COLUMNS, set(), NAME_COLUMNS))
    if "flight" in header and "vessel" in header:
        report.errors.append(RowError(1, "vessel", _("give either flight or vessel")))
    if len(rows) > MAX_MANIFEST_ROWS:
        report.errors.append(
            RowError(
                1,
                "",
                _("a manifest has at most %(max)s rows; split the file")
                % {"max": MAX_MANIFEST_ROWS},
            )
        )
    if report.errors:
        return [], report
    travellers = []
    step = max(1, len(rows) // 20)
    for number, row in enumerate(rows, start=2):
        traveller = _traveller_from_row(row, number, report.errors)
        if traveller is not None:
            travellers.append(traveller)
        if progress and number % step == 0:
            progress(5 * number // (len(rows) + 1), _("Checking the manifest"))
    if report.errors:
        report.errors.sort(key=lambda error: (error.row, error.column))
        return [], report
    return travellers, report
