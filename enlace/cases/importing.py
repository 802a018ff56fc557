"""Import of cases from CSV, XLSX (one row per person; rows sharing a `reference` form one
case) or JSON (a list of Standard Format cases). Every row is validated first, with no
transaction open; then all cases are written in one short transaction, or none."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from enlace.accounts.actors import Actor
from enlace.audit.services import record_event
from enlace.core.bulk import large_write_cache
from enlace.core.importing import ImportReport, RowError, detect_format, flatten_errors, read_rows
from enlace.core.parallel import map_in_processes
from enlace.core.vocabularies import warm_caches

from .models import REFERENCE_PATTERN, Case
from .permissions import check_case_create
from .serializers import CaseSerializer
from .services import (
    CHILD_MODELS,
    ReferenceAllocator,
    cases_prepare,
    cases_stage,
)
from .signals import cases_changed

LIST_SEPARATOR = ";"
REFERENCE_RE = re.compile(REFERENCE_PATTERN)
VALIDATION_CHUNK = 1000
# From this many chunks on, validation runs on every core (enlace.core.parallel).
PARALLEL_MIN_CHUNKS = 4
ANALYZE_AFTER = 10_000
# The share of the progress bar validation takes; writing takes the rest.
VALIDATION_SHARE = 90
CASE_COLUMNS = [
    "reference",
    "reporting_agency",
    "date_identified",
    "date_reported",
    "status",
    "case_type",
    "handling_code",
    "summary",
    "exploitation_types",
    "methods_of_control",
    "recruitment_methods",
    "modus_operandi_tags",
    "modus_operandi_narrative",
    "route_countries",
    "route_transport_modes",
    "group_migrants",
    "group_deaths",
    "group_injuries",
    "group_rescues",
]
PERSON_COLUMNS = [
    "person_role",
    "given_names",
    "first_surname",
    "second_surname",
    "sex",
    "birth_date",
    "age",
    "nationalities",
    "phone",
    "document_type",
    "document_issuing_country",
    "document_number",
    "document_nature",
]
COLUMNS = CASE_COLUMNS + PERSON_COLUMNS
REQUIRED_COLUMNS = {"reporting_agency", "date_identified", "case_type"}
# Standard Format path prefix -> flat column, to name the column of an error.
PATH_TO_COLUMN = {
    "route": "route_countries",
    "group_incident": "group_migrants",
    "documents_used": "document_number",
}
PERSON_PATH_TO_COLUMN = {"role": "person_role", "phones": "phone", "documents": "document_type"}


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _case_from_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    first = rows[0]
    data: dict[str, Any] = {
        key: first[key]
        for key in (
            "reference",
            "reporting_agency",
            "date_identified",
            "case_type",
            "summary",
            "modus_operandi_narrative",
        )
        if first.get(key)
    }
    for key in ("date_reported", "status", "handling_code"):
        if first.get(key):
            data[key] = first[key]
    for key in (
        "exploitation_types",
        "methods_of_control",
        "recruitment_methods",
        "modus_operandi_tags",
    ):
        data[key] = _split(first.get(key, ""))
    incident = {
        key: first[f"group_{key}"]
        for key in ("migrants", "deaths", "injuries", "rescues")
        if first.get(f"group_{key}")
    }
    if incident:
        data["group_incident"] = incident
    countries = _split(first.get("route_countries", ""))
    modes = _split(first.get("route_transport_modes", ""))
    data["route"] = [
        {
            "from_country": origin,
            "to_country": destination,
            **({"transport_mode": modes[index]} if index < len(modes) else {}),
        }
        for index, (origin, destination) in enumerate(pairwise(countries))
    ]
    persons, documents_used = [], []
    for row in rows:
        if not row.get("person_role"):
            continue
        person: dict[str, Any] = {"role": row["person_role"]}
        for key in ("given_names", "first_surname", "second_surname", "sex", "birth_date", "age"):
            if row.get(key):
                person[key] = row[key]
        person["nationalities"] = _split(row.get("nationalities", ""))
        if row.get("phone"):
            person["phones"] = [row["phone"]]
        if row.get("document_type"):
            document = {
                "document_type": row["document_type"],
                "issuing_country": row.get("document_issuing_country", ""),
                "number": row.get("document_number", ""),
            }
            person["documents"] = [document]
            if row.get("document_nature"):
                documents_used.append(
                    {**document, "person": len(persons), "nature": row["document_nature"]}
                )
        persons.append(person)
    data["persons"] = persons
    data["documents_used"] = documents_used
    return data


def _column_for(path: str) -> tuple[int | None, str]:
    """(person index or None, flat column) for a Standard Format error path."""
    parts = path.split(".")
    if parts[0] == "persons" and len(parts) >= 2 and parts[1].isdigit():
        field = parts[2] if len(parts) > 2 else "person_role"
        return int(parts[1]), PERSON_PATH_TO_COLUMN.get(field, field)
    return None, PATH_TO_COLUMN.get(parts[0], parts[0] or "reference")


def _group(rows: list[dict[str, str]]) -> list[tuple[list[int], list[dict[str, str]]]]:
    groups: dict[str, tuple[list[int], list[dict[str, str]]]] = {}
    ordered = []
    for number, row in enumerate(rows, start=2):
        key = row.get("reference") or f"__row{number}"
        if key not in groups:
            groups[key] = ([], [])
            ordered.append(groups[key])
        groups[key][0].append(number)
        groups[key][1].append(row)
    return ordered


def _check_chunk(
    actor: Actor,
    file_format: str,
    chunk,
    errors,
    references: list[str],
    existing: set[str],
    seen_references: dict[str, int],
    report: ImportReport,
) -> int:
    """Record the errors of one validated chunk in `report`; return how many cases are
    valid."""
    valid = 0
    for position, (numbers, _raw) in enumerate(chunk):
        # DRF reports list errors either positionally or keyed by the failing index
        if isinstance(errors, dict):
            item_errors = errors.get(position) or errors.get(str(position)) or {}
        else:
            item_errors = errors[position] if position < len(errors) else {}
        if item_errors:
            for path, message in flatten_errors(item_errors):
                person_index, column = _column_for(path)
                row = (
                    numbers[0]
                    if file_format == "json"
                    else numbers[min(person_index or 0, len(numbers) - 1)]
                )
                report.errors.append(
                    RowError(row, path if file_format == "json" else column, message)
                )
            continue
        reference = references[position]
        if reference:
            if not reference.startswith(f"{actor.country_id}-"):
                report.errors.append(
                    RowError(
                        numbers[0],
                        "reference",
                        _("the reference must start with %(country)s-")
                        % {"country": actor.country_id},
                    )
                )
            elif reference in existing:
                report.errors.append(
                    RowError(
                        numbers[0],
                        "reference",
                        _("%(reference)s already exists") % {"reference": reference},
                    )
                )
            elif reference in seen_references:
                report.errors.append(
                    RowError(
                        numbers[0],
                        "reference",
                        _("%(reference)s is repeated (row %(row)s)")
                        % {"reference": reference, "row": seen_references[reference]},
                    )
                )
            seen_references.setdefault(reference, numbers[0])
        valid += 1
    return valid


def _refused(report: ImportReport) -> ImportReport:
    report.created = 0
    report.errors.sort(key=lambda error: (error.row, error.column))
    return report


def cases_import(
    *,
    actor: Actor,
    path: Path,
    file_format: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int, str], None] | None = None,
) -> ImportReport:
    """Validate every row and create every case, or none if any row is invalid (validation
    first, then one short write transaction). Raises ImportFileError when the file as a whole
    cannot be read."""
    check_case_create(actor)
    file_format = detect_format(path, file_format)
    header, rows = read_rows(path, file_format)
    report = ImportReport(rows=len(rows))
    if file_format == "json":
        candidates = [([index + 1], item) for index, item in enumerate(rows)]
    else:
        unknown = [column for column in header if column and column not in COLUMNS]
        for column in unknown:
            report.errors.append(RowError(1, column, _("unknown column")))
        for column in sorted(REQUIRED_COLUMNS - set(header)):
            report.errors.append(RowError(1, column, _("required column is missing")))
        if report.errors:
            return report
        # the rows of each case; they become Standard Format documents in the workers
        candidates = _group(rows)

    seen_references: dict[str, int] = {}
    # References given in the file are not handed out to cases that come without one: the
    # highest given per year suffices (and keeps each chunk's allocator cheap).
    highest: dict[str, str] = {}
    for _numbers, data in candidates:
        first = data[0] if isinstance(data, list) and data else data
        reference = first.get("reference") if isinstance(first, dict) else None
        if (
            isinstance(reference, str)
            and REFERENCE_RE.fullmatch(reference)
            and reference.startswith(f"{actor.country_id}-")
        ):
            year = reference[3:7]
            highest[year] = max(highest.get(year, ""), reference)
    reserved = list(highest.values())
    chunks = [
        candidates[start : start + VALIDATION_CHUNK]
        for start in range(0, len(candidates), VALIDATION_CHUNK)
    ]

    creator_id = actor.pk if getattr(actor, "pk", None) else None

    def validate(chunk):
        documents = [
            data if file_format == "json" else _case_from_rows(data) for _numbers, data in chunk
        ]
        # One list serializer per chunk: DRF builds the nested fields once, not once per case.
        serializer = CaseSerializer(data=documents, many=True, context={"actor": actor})
        # Only what the writing process needs crosses back: the references, and the errors
        # or the rows, made ready here (encrypted, pseudonymised) so that it only numbers
        # and inserts them.
        references = [
            str(document.get("reference") or "") if isinstance(document, dict) else ""
            for document in documents
        ]
        if serializer.is_valid():
            prepared = (
                None
                if dry_run
                else cases_prepare(
                    country_id=actor.country_id,
                    creator_id=creator_id,
                    items=serializer.validated_data,
                )[0]
            )
            return [], references, prepared
        return serializer.errors, references, None

    if len(chunks) >= PARALLEL_MIN_CHUNKS:
        warm_caches()  # the workers validate without the database
        results = map_in_processes(validate, chunks)
    else:
        results = map(validate, chunks)
    # Two phases, so that the import is all-or-nothing without holding SQLite's one write
    # lock while it validates (which made every other writer, and so every audited read,
    # wait past the busy timeout: "database is locked"). 1. Validate and prepare every chunk
    # (in the workers) with no transaction open, keeping the prepared rows aside
    # (`cases_stage`: on SQLite a staging file of its own, elsewhere a temporary file). 2. Only
    # if every row is valid: write them all in one short transaction. Measured on 100,000
    # cases (bench/imports, 2 shared cores at load 8-12, so noisy): the lock was held for the
    # whole import (210 s; other writers gave up after the 20 s busy timeout: 9 answers of
    # 500); writing the prepared rows with executemany at the end held it about 18 s; the
    # staged copy (SqliteStage, 2.4 times faster than executemany) 14 s at load 10, with no
    # failed request among 931. Validating first costs the overlap of validation and
    # writing: the import took 190-355 s at those loads, against 210 s before.
    existing = set(
        Case.objects.filter(owner_country_id=actor.country_id).values_list("reference", flat=True)
    )
    stage = None if dry_run else cases_stage()
    try:
        for chunk_number, (chunk, (errors, references, prepared)) in enumerate(
            zip(chunks, results, strict=True)
        ):
            valid = _check_chunk(
                actor, file_format, chunk, errors, references, existing, seen_references, report
            )
            if stage and not report.errors:
                stage.add(prepared)
                report.created += valid
            if progress:
                progress(int(VALIDATION_SHARE * (chunk_number + 1) / len(chunks)), _("Validating"))
        if report.errors or dry_run:
            return _refused(report)
        with stage.ready(), large_write_cache(), transaction.atomic():
            # Under the write lock (SQLite transactions begin IMMEDIATE): a reference another
            # write took since it was read above is refused here, and no other import can
            # take one before the insert (on PostgreSQL the unique constraint would refuse
            # it too).
            taken = (
                set(
                    Case.objects.filter(owner_country_id=actor.country_id).values_list(
                        "reference", flat=True
                    )
                )
                - existing
            )
            for reference in sorted(taken & seen_references.keys()):
                report.errors.append(
                    RowError(
                        seen_references[reference],
                        "reference",
                        _("%(reference)s already exists") % {"reference": reference},
                    )
                )
            if report.errors:
                transaction.set_rollback(True)
                return _refused(report)
            stage.write(ReferenceAllocator(actor.country_id, reserved))
            if progress:
                progress(100, _("Importing"))
            record_event(
                actor=actor,
                action="cases.import",
                owner_country=actor.country_id,
                summary=f"{report.created} cases from {path.name} ({file_format})",
            )
            cases_changed.send(sender=Case, case_ids=[])
    finally:
        if stage:
            stage.close()
    if report.created >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # Fresh planner statistics after a large load; autovacuum would get there later.
        with connection.cursor() as cursor:
            for model in (Case, *CHILD_MODELS):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return report
