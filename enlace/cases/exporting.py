"""Export of the cases an actor may see, redacted as she would see them, handling codes
included. Formats: json (Standard Format), csv and xlsx (the import layout, one row per
person), htcds-csv (HTCDS v2.0 field names wherever a field maps, `enlace_` otherwise)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from enlace.accounts.actors import Actor
from enlace.audit.services import record_list_read
from enlace.core.exporting import append, csv_dict_writer, workbook, workbook_save

from .importing import COLUMNS, LIST_SEPARATOR
from .selectors import case_list
from .services import case_as_standard_format

HTCDS_COLUMNS = [
    "enlace_Reference",
    "enlace_OwnerCountry",
    "enlace_HandlingCode",
    "enlace_CaseType",
    "enlace_DateIdentified",
    "cas_Status",
    "cas_CaseOwner",
    "enlace_PersonRole",
    "enlace_Pseudonym",
    "prs_FirstName",
    "prs_SecondName",
    "enlace_SecondSurname",
    "prs_Birthdate",
    "prs_Gender",
    "enlace_Sex",
    "enlace_AgeBand",
    "prs_Citizenship",
    "prs_MobilePhone",
    "prs_IdentityNumber",
    "vic_TraffickingStatus",
    "vic_MethodOfRecruitment",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_TypeOfSexExploitation",
    "vic_ForcedLabourIndustry",
    "enlace_Route",
    "enlace_ModusOperandi",
]
HTCDS_STATUS = {"active": "Active", "closed": "Closed", "draft": "Active", "archived": "Closed"}


def _join(values) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values if value is not None)


def _flat_rows(case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    countries = (
        [case["route"][0]["from_country"]] + [leg["to_country"] for leg in case["route"]]
        if case["route"]
        else []
    )
    base = {
        "reference": case["reference"],
        "reporting_agency": case["reporting_agency"],
        "date_identified": case["date_identified"],
        "date_reported": case["date_reported"] or "",
        "status": case["status"],
        "case_type": case["case_type"],
        "handling_code": case["handling_code"],
        "summary": case["summary"],
        "exploitation_types": _join(case["exploitation_types"]),
        "methods_of_control": _join(case["methods_of_control"]),
        "recruitment_methods": _join(case["recruitment_methods"]),
        "modus_operandi_tags": _join(case["modus_operandi_tags"]),
        "modus_operandi_narrative": case["modus_operandi_narrative"],
        "route_countries": _join(countries),
        "route_transport_modes": _join(leg["transport_mode"] for leg in case["route"]),
        "group_migrants": case["group_incident"]["migrants"],
        "group_deaths": case["group_incident"]["deaths"],
        "group_injuries": case["group_incident"]["injuries"],
        "group_rescues": case["group_incident"]["rescues"],
    }
    natures = {document["person"]: document["nature"] for document in case["documents_used"]}
    persons = case["persons"] or [None]
    for index, person in enumerate(persons):
        row = dict(base)
        if person:
            document = person["documents"][0] if person["documents"] else {}
            row.update(
                {
                    "person_role": person["role"],
                    "given_names": person["given_names"] or "",
                    "first_surname": person["first_surname"] or "",
                    "second_surname": person["second_surname"] or "",
                    "sex": person["sex"],
                    "birth_date": person["birth_date"] or "",
                    "age": person["age"] or "",
                    "nationalities": _join(person["nationalities"]),
                    "phone": person["phones"][0] if person["phones"] else "",
                    "document_type": document.get("document_type", ""),
                    "document_issuing_country": document.get("issuing_country", ""),
                    "document_number": document.get("number") or "",
                    "document_nature": natures.get(index, ""),
                }
            )
        yield {column: row.get(column, "") for column in COLUMNS}


def _htcds_rows(case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for person in case["persons"] or [None]:
        person = person or {}
        documents = person.get("documents") or []
        yield {
            "enlace_Reference": case["reference"],
            "enlace_OwnerCountry": case["owner_country"],
            "enlace_HandlingCode": case["handling_code"],
            "enlace_CaseType": case["case_type"],
            "enlace_DateIdentified": case["date_identified"],
            "cas_Status": HTCDS_STATUS.get(case["status"], "Active"),
            "cas_CaseOwner": case["reporting_agency"],
            "enlace_PersonRole": person.get("role", ""),
            "enlace_Pseudonym": person.get("pseudonym", ""),
            "prs_FirstName": person.get("given_names") or "",
            "prs_SecondName": person.get("first_surname") or "",
            "enlace_SecondSurname": person.get("second_surname") or "",
            "prs_Birthdate": person.get("birth_date") or "",
            "prs_Gender": person.get("gender", ""),
            "enlace_Sex": person.get("sex", ""),
            "enlace_AgeBand": person.get("age_band", ""),
            "prs_Citizenship": _join(person.get("nationalities", [])),
            "prs_MobilePhone": _join(person.get("phones", [])),
            "prs_IdentityNumber": _join(document.get("number") for document in documents),
            "vic_TraffickingStatus": person.get("trafficking_status", ""),
            "vic_MethodOfRecruitment": _join(case["recruitment_methods"]),
            "vic_MethodsOfControl": _join(case["methods_of_control"]),
            "vic_TypeOfExploitation": _join(case["exploitation_types"]),
            "vic_TypeOfSexExploitation": _join(case["sexual_exploitation_types"]),
            "vic_ForcedLabourIndustry": _join(case["forced_labour_industries"]),
            "enlace_Route": _join(
                [leg["from_country"] for leg in case["route"][:1]]
                + [leg["to_country"] for leg in case["route"]]
            ),
            "enlace_ModusOperandi": _join(case["modus_operandi_tags"]),
        }


def cases_export(*, actor: Actor, path: Path, file_format: str, owner_country: str = "") -> int:
    """Write every case `actor` may see (optionally of one owner country). Returns the count."""
    cases = case_list(actor=actor, owner_country=owner_country)
    written = [0]
    exported: list[tuple[int, str]] = []

    def standard_format_documents() -> Iterator[dict[str, Any]]:
        for case in cases.iterator(chunk_size=500):
            written[0] += 1
            exported.append((case.pk, case.owner_country_id))
            yield case_as_standard_format(case, actor=actor)

    documents = standard_format_documents()
    if file_format == "json":
        with path.open("w", encoding="utf-8") as handle:
            handle.write("[")
            for position, document in enumerate(documents):
                handle.write(
                    ("," if position else "") + "\n" + json.dumps(document, ensure_ascii=False)
                )
            handle.write("\n]\n")
    elif file_format in {"csv", "htcds-csv"}:
        columns, to_rows = (
            (COLUMNS, _flat_rows) if file_format == "csv" else (HTCDS_COLUMNS, _htcds_rows)
        )
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv_dict_writer(handle, fieldnames=columns)
            writer.writeheader()
            for document in documents:
                writer.writerows(to_rows(document))
    elif file_format == "xlsx":
        book = workbook(write_only=True)
        sheet = book.create_sheet("cases")
        append(sheet, COLUMNS)
        for document in documents:
            for row in _flat_rows(document):
                append(sheet, [row[column] for column in COLUMNS])
        workbook_save(book, path)
    else:
        raise ValueError(file_format)
    record_list_read(
        actor=actor,
        action="cases.export",
        object_type="cases.case",
        records=exported,
        summary=f"{written[0]} cases as {file_format} to {path.name}",
    )
    return written[0]
