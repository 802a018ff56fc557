"""Exports of the watchlist (the import's columns, redacted as the reader sees the entries,
handling codes included) and of a screening's hits. Cells a spreadsheet would run as
formulas are neutralised (the directory's writers)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from enlace.access.models import LawProfile
from enlace.accounts.actors import Actor
from enlace.audit.services import record_list_read
from enlace.core.exporting import csv_bytes, xlsx_bytes

from .importing import WATCHLIST_COLUMNS
from .models import Screening, WatchlistEntry
from .services import entry_as_dict

LIST_SEPARATOR = "; "
EXPORT_COLUMNS = [column for column in WATCHLIST_COLUMNS if column != "surnames"]
HIT_COLUMNS = [
    "row",
    "traveller_id",
    "given_names",
    "surnames",
    "full_name",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "flight",
    "travel_date",
    "entry_reference",
    "owner_country",
    "handling_code",
    "category",
    "score",
    "reasons",
    "decision",
    "contact",
    "contact_email",
    "contact_phone",
]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def entry_row(
    entry: WatchlistEntry, *, actor: Actor, profiles: dict[str, LawProfile | None]
) -> dict[str, Any]:
    data = entry_as_dict(entry, actor=actor, profiles=profiles)
    return {
        "id": data["reference"],
        "owner_country": data["owner_country"],
        "given_names": _text(data["given_names"]),
        "first_surname": _text(data["first_surname"]),
        "second_surname": _text(data["second_surname"]),
        "birth_date": _text(data["birth_date"]),
        "nationality": LIST_SEPARATOR.join(data["nationalities"]),
        "sex": data["sex"],
        "document_number": LIST_SEPARATOR.join(
            document["text"] for document in data["documents"] if document["text"]
        ),
        "category": data["category"],
        "legal_basis": data["legal_basis"],
        "valid_until": data["valid_until"],
        "aliases": LIST_SEPARATOR.join(data["aliases"] or []),
        "notes": data["notes"],
        "audience": data["audience"],
        "shared_with": LIST_SEPARATOR.join(data["shared_with"]),
        "handling_code": data["handling_code"],
        "last_reviewed": data["last_reviewed"],
    }


def watchlist_export(
    *, actor: Actor, entries: Iterable[WatchlistEntry], file_format: str, owner_country: str = ""
) -> tuple[bytes, int]:
    """The entries as CSV or XLSX bytes and how many; the export is audited."""
    profiles: dict[str, LawProfile | None] = {}
    count = [0]
    exported: list[tuple[int, str]] = []

    def rows() -> Iterator[dict[str, Any]]:
        for entry in entries:
            count[0] += 1
            exported.append((entry.pk, entry.owner_country_id))
            yield entry_row(entry, actor=actor, profiles=profiles)

    if file_format == "csv":
        content = csv_bytes(EXPORT_COLUMNS, rows())
    elif file_format == "xlsx":
        content = xlsx_bytes(EXPORT_COLUMNS, rows(), "watchlist")
    else:
        raise ValueError(file_format)
    record_list_read(
        actor=actor,
        action="screening.watchlist_export",
        object_type="screening.watchlistentry",
        records=exported,
        summary=f"{count[0]} entries as {file_format}"
        + (f" (owner {owner_country})" if owner_country else ""),
    )
    return content, count[0]


def hit_export_row(row: dict[str, Any]) -> dict[str, Any]:
    hit = row["hit"]
    entry = row["entry"] or {}
    contact = row["contacts"][0] if row["contacts"] else {}
    return {
        "row": _text(hit.row),
        "traveller_id": hit.traveller_reference,
        "given_names": hit.traveller_given_names,
        "surnames": hit.traveller_surnames,
        "full_name": hit.traveller_full_name,
        "birth_date": hit.traveller_birth_date,
        "nationality": LIST_SEPARATOR.join(hit.traveller_nationalities),
        "sex": hit.traveller_sex,
        "document_number": hit.traveller_documents,
        "flight": hit.flight,
        "travel_date": hit.travel_date.isoformat() if hit.travel_date else "",
        "entry_reference": hit.entry_reference,
        "owner_country": hit.owner_country_id,
        "handling_code": entry.get("handling_code", ""),
        "category": entry.get("category", ""),
        "score": f"{hit.score:.3f}",
        "reasons": LIST_SEPARATOR.join(reason["text"] for reason in row["reasons"]),
        "decision": hit.decision,
        "contact": contact.get("name", ""),
        "contact_email": contact.get("email", ""),
        "contact_phone": (contact.get("phones") or [""])[0],
    }


def hits_export(
    *, actor: Actor, screening: Screening, rows: list[dict[str, Any]], file_format: str
) -> bytes:
    """A screening's hits as CSV or XLSX; audited."""
    lines = (hit_export_row(row) for row in rows)
    if file_format == "csv":
        content = csv_bytes(HIT_COLUMNS, lines)
    elif file_format == "xlsx":
        content = xlsx_bytes(HIT_COLUMNS, lines, "hits")
    else:
        raise ValueError(file_format)
    record_list_read(
        actor=actor,
        action="screening.hits_export",
        object_type="screening.hit",
        records=[(row["hit"].pk, row["hit"].owner_country_id) for row in rows],
        summary=f"screening {screening.pk}: {len(rows)} hits as {file_format}",
    )
    return content
