"""Writes of cases (atomic, version-checked, audited) and their Standard Format
representation for a reader (redacted by the owner's law profile)."""

from __future__ import annotations

import pickle
import secrets
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, router, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from enlace.access.choices import FieldGroup
from enlace.access.permissions import check_record_edit
from enlace.access.policy import redacted_groups
from enlace.access.services import bump_version
from enlace.accounts.actors import Actor
from enlace.audit.services import record_event
from enlace.core.bulk import (
    SqliteStage,
    column_position,
    insert_prepared,
    prepare_objects,
    prepare_rows,
)
from enlace.core.crypto import document_index, phone_index

from .choices import PersonRole, age_band_for
from .models import (
    AssistanceEvent,
    Case,
    DocumentUsed,
    IdentityDocument,
    JusticeEvent,
    Person,
    PersonPhone,
    RouteLeg,
)
from .permissions import check_case_create
from .signals import cases_changed

CASE_FIELDS = (
    "reporting_agency",
    "date_identified",
    "date_reported",
    "status",
    "case_type",
    "handling_code",
    "summary",
    "exploitation_types",
    "sexual_exploitation_types",
    "forced_labour_industries",
    "methods_of_control",
    "recruitment_methods",
    "modus_operandi_tags",
    "modus_operandi_narrative",
)
# Standard Format person fields in each sensitive group (docs/standard-format.md).
PERSON_GROUP_FIELDS = {
    FieldGroup.NAMES: ("given_names", "first_surname", "second_surname", "aliases"),
    FieldGroup.BIRTH_DATES: ("birth_date",),
    FieldGroup.PHONES: ("phones",),
    FieldGroup.ADDRESSES: ("address",),
}
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I; 32 symbols
PSEUDONYM_LENGTH = 10  # 50 bits
MAX_REFERENCE_NUMBER = 99999  # <ISO2>-<YYYY>-<NNNNN>
CHILD_MODELS = (
    Person,
    PersonPhone,
    IdentityDocument,
    RouteLeg,
    DocumentUsed,
    JusticeEvent,
    AssistanceEvent,
)


def new_pseudonym(role: str) -> str:
    prefix = {PersonRole.VICTIM: "V", PersonRole.SMUGGLED_MIGRANT: "M"}.get(role, "P")
    # 32 symbols: the low five bits of each random byte pick one uniformly (one call to the
    # system's random source per pseudonym instead of ten, which imports of 100,000 cases feel)
    return (
        prefix
        + "-"
        + "".join(PSEUDONYM_ALPHABET[byte & 31] for byte in secrets.token_bytes(PSEUDONYM_LENGTH))
    )


def _redraw_pseudonyms(persons: list[list[Any]], taken: set[str]) -> int:
    """Redraw the pseudonyms of prepared person rows that repeat within `persons` or are in
    `taken`; return how many were redrawn."""
    at = column_position(Person, "pseudonym")
    role_at = column_position(Person, "role")
    redrawn = 0
    seen: set[str] = set()
    for values in persons:
        while values[at] in seen or values[at] in taken:
            values[at] = new_pseudonym(values[role_at])
            redrawn += 1
        seen.add(values[at])
    return redrawn


def _taken_pseudonyms(persons: list[list[Any]]) -> set[str]:
    at = column_position(Person, "pseudonym")
    wanted = [values[at] for values in persons]
    taken: set[str] = set()
    for start in range(0, len(wanted), 1000):  # within every database's parameter limit
        taken.update(
            Person.objects.filter(pseudonym__in=wanted[start : start + 1000]).values_list(
                "pseudonym", flat=True
            )
        )
    return taken


def _insert_persons(persons: list[list[Any]]) -> list[int]:
    """Insert prepared person rows, whose random pseudonyms can collide (rarely, at a
    network's scale). Repeats within the batch are redrawn first; one already stored is only
    looked for when the database refuses the batch, so that a large import does not query
    for every chunk what it almost never finds (on PostgreSQL, a third of the writing)."""
    _redraw_pseudonyms(persons, set())
    while True:
        try:
            with transaction.atomic():  # a savepoint: a refused batch leaves nothing behind
                return insert_prepared(Person, persons)
        except IntegrityError:
            if not _redraw_pseudonyms(persons, _taken_pseudonyms(persons)):
                raise


def age_on(birth_date: date | None, day: date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def next_reference(country_id: str, year: int) -> str:
    prefix = f"{country_id}-{year}-"
    last = Case.objects.filter(owner_country_id=country_id, reference__startswith=prefix).aggregate(
        last=Max("reference")
    )["last"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def _build_children(case: Case, data: dict[str, Any]) -> dict[type, list[dict[str, Any]]]:
    """The child records of `case` (which may itself be unsaved) as rows of column values;
    `cases_prepare` and `cases_write` write them in bulk, parents first, so one case and a
    hundred thousand share one code path. Rows name their parent by object (`_case`,
    `_person`) until the parent is numbered."""
    children: dict[type, list[dict[str, Any]]] = {model: [] for model in CHILD_MODELS}
    persons = children[Person]
    for person_data in data.get("persons", []):
        age = person_data.get("age")
        if age is None:
            age = age_on(person_data.get("birth_date"), case.date_identified)
        person = {
            "_case": case,
            "role": person_data["role"],
            "pseudonym": person_data.get("pseudonym") or new_pseudonym(person_data["role"]),
            "given_names": person_data.get("given_names", ""),
            "first_surname": person_data.get("first_surname", ""),
            "second_surname": person_data.get("second_surname", ""),
            "aliases": "\n".join(person_data.get("aliases", [])),
            "sex": person_data.get("sex") or "X",
            "gender": person_data.get("gender", ""),
            "birth_date": person_data.get("birth_date"),
            "age": age,
            "age_band": age_band_for(age),
            "is_minor": age is not None and age < 18,
            "nationalities": sorted(set(person_data.get("nationalities", []))),
            "address": person_data.get("address", ""),
            "trafficking_status": person_data.get("trafficking_status", ""),
        }
        for number in person_data.get("phones", []):
            children[PersonPhone].append(
                {"_person": person, "number": number, "number_index": phone_index(number)}
            )
        for document in person_data.get("documents", []):
            number = document.get("number", "")
            children[IdentityDocument].append(
                {
                    "_person": person,
                    "document_type": document["document_type"],
                    "issuing_country_id": document.get("issuing_country") or None,
                    "number": number,
                    "number_index": document_index(number) if number else "",
                }
            )
        persons.append(person)
    for sequence, leg in enumerate(data.get("route", []), start=1):
        children[RouteLeg].append(
            {
                "_case": case,
                "sequence": sequence,
                **{
                    key: leg[key]
                    for key in (
                        "from_place",
                        "to_place",
                        "transport_mode",
                        "crossing_point",
                        "crossing_type",
                        "fee_currency",
                    )
                    if leg.get(key) is not None
                },
                "from_country_id": leg["from_country"],
                "to_country_id": leg["to_country"],
                "date": leg.get("date"),
                "fee_amount": leg.get("fee_amount"),
            }
        )
    for document in data.get("documents_used", []):
        index = document.get("person")
        number = document.get("number", "")
        children[DocumentUsed].append(
            {
                "_case": case,
                "_person": persons[index] if index is not None else None,
                "document_type": document["document_type"],
                "issuing_country_id": document.get("issuing_country") or None,
                "number": number,
                "number_index": document_index(number) if number else "",
                "nature": document["nature"],
            }
        )
    for event in data.get("justice", []):
        children[JusticeEvent].append(
            {
                "_case": case,
                "stage": event["stage"],
                "date": event.get("date"),
                "note": event.get("note", ""),
            }
        )
    for event in data.get("assistance", []):
        children[AssistanceEvent].append(
            {
                "_case": case,
                "assistance_type": event["assistance_type"],
                "date": event.get("date"),
                "note": event.get("note", ""),
            }
        )
    return children


@dataclass
class PreparedCases:
    """Cases and their child records as rows ready for the database (`prepare_rows`), parents
    named by position in the batch. Made by `cases_prepare`, which runs no query (import
    workers call it), and written by `cases_write`."""

    cases: list[list[Any]]
    years: list[int]  # the year each case was identified in, for references still to give
    children: dict[type, list[list[Any]]]


def _prepare_children(
    cases: list[Case], children: dict[type, list[dict[str, Any]]]
) -> dict[type, list[list[Any]]]:
    case_at = {id(case): position for position, case in enumerate(cases)}
    person_at = {id(person): position for position, person in enumerate(children[Person])}
    prepared = {}
    for model in CHILD_MODELS:
        rows = children[model]
        for row in rows:
            if "_case" in row:
                row["case_id"] = case_at[id(row.pop("_case"))]
            if "_person" in row:
                person = row.pop("_person")
                row["person_id"] = person_at[id(person)] if person is not None else None
        prepared[model] = prepare_rows(model, rows)
    return prepared


def cases_prepare(
    *, country_id: str, creator_id: int | None, items: list[dict[str, Any]]
) -> tuple[PreparedCases, list[Case]]:
    """Validated Standard Format cases as rows for `cases_write`, and as unsaved instances.
    Pseudonyms are drawn and names encrypted here; references left blank are given when
    written."""
    cases: list[Case] = []
    children: dict[type, list[dict[str, Any]]] = {model: [] for model in CHILD_MODELS}
    for data in items:
        case = Case(
            owner_country_id=country_id,
            created_by_id=creator_id,
            reference=data.get("reference") or "",
        )
        _apply_case_fields(case, data)
        cases.append(case)
        for model, rows in _build_children(case, data).items():
            children[model].extend(rows)
    prepared = PreparedCases(
        cases=prepare_objects(cases),
        years=[case.date_identified.year for case in cases],
        children=_prepare_children(cases, children),
    )
    return prepared, cases


def cases_write(
    prepared: PreparedCases,
    allocator: ReferenceAllocator | None = None,
    case_ids: list[int] | None = None,
) -> list[int]:
    """Insert prepared cases (numbering them and giving the missing references from
    `allocator`) and their children; or, with `case_ids`, only the children of cases that
    exist. Returns the cases' primary keys. Call it inside a transaction."""
    if case_ids is None:
        at = column_position(Case, "reference")
        for values, year in zip(prepared.cases, prepared.years, strict=True):
            if not values[at]:
                if allocator is None:
                    raise ValueError("a case without a reference needs an allocator")
                values[at] = allocator.next(year)
        case_ids = insert_prepared(Case, prepared.cases)
    person_ids: list[int] = []
    for model in CHILD_MODELS:  # persons before what points at them
        rows = prepared.children[model]
        if not rows:
            continue
        positions = {
            field.attname: position for position, field in enumerate(model._meta.concrete_fields)
        }
        links = [
            (positions[attname], ids)
            for attname, ids in (("case_id", case_ids), ("person_id", person_ids))
            if attname in positions
        ]
        for values in rows:
            for position, ids in links:
                if values[position] is not None:
                    values[position] = ids[values[position]]
        if model is Person:
            person_ids = _insert_persons(rows)
        else:
            insert_prepared(model, rows)
    return case_ids


def _apply_case_fields(case: Case, data: dict[str, Any]) -> None:
    for field in CASE_FIELDS:
        if field in data:
            setattr(case, field, data[field])
    incident = data.get("group_incident") or {}
    case.migrants_count = incident.get("migrants", 0)
    case.deaths = incident.get("deaths", 0)
    case.injuries = incident.get("injuries", 0)
    case.rescues = incident.get("rescues", 0)


class ReferenceAllocator:
    """Next free `<ISO2>-<YYYY>-<NNNNN>` per year, read once from the database."""

    def __init__(self, country_id: str, reserved: list[str]) -> None:
        self.country_id = country_id
        self.last: dict[int, int] = {}
        # numbers given explicitly in the same batch are taken too
        self.reserved_max: dict[int, int] = {}
        for reference in reserved:
            _country, year, number = reference.split("-")
            self.reserved_max[int(year)] = max(self.reserved_max.get(int(year), 0), int(number))

    def next(self, year: int) -> str:
        if year not in self.last:
            reference = next_reference(self.country_id, year)
            self.last[year] = max(
                int(reference.rsplit("-", 1)[1]) - 1, self.reserved_max.get(year, 0)
            )
        self.last[year] += 1
        if self.last[year] > MAX_REFERENCE_NUMBER:
            raise ValidationError(
                {
                    "reference": _(
                        "No reference numbers are left for %(year)s: give references explicitly."
                    )
                    % {"year": year}
                }
            )
        return f"{self.country_id}-{year}-{self.last[year]:05d}"


@transaction.atomic
def cases_create_many(
    *,
    actor: Actor,
    items: list[dict[str, Any]],
    audit: bool = True,
    batch_size: int = 1000,
    reserved: list[str] | None = None,
) -> list[Case]:
    """Create cases owned by the actor's country from validated Standard Format data, in bulk.
    References already used, or repeated in `items`, are refused before anything is written;
    `reserved` references (well-formed, e.g. given later in the same import) are not handed
    out to cases without one."""
    country_id = check_case_create(actor)
    given = [data["reference"] for data in items if data.get("reference")]
    wrong = sorted({reference for reference in given if not reference.startswith(f"{country_id}-")})
    if wrong:
        raise ValidationError(
            {
                "reference": _("The reference must start with your country's code (%(country)s-).")
                % {"country": country_id}
            }
        )
    repeated = (
        sorted({reference for reference in given if given.count(reference) > 1})
        if len(given) != len(set(given))
        else []
    )
    taken = (
        sorted(
            set(
                Case.objects.filter(owner_country_id=country_id, reference__in=given).values_list(
                    "reference", flat=True
                )
            )
        )
        + repeated
    )
    if taken:
        raise ValidationError(
            {
                "reference": _("The reference %(reference)s already exists.")
                % {"reference": ", ".join(taken[:5])}
            }
        )
    allocator = ReferenceAllocator(country_id, given + (reserved or []))
    creator_id = actor.pk if getattr(actor, "pk", None) else None
    reference_at = column_position(Case, "reference")
    alias = router.db_for_write(Case)
    created: list[Case] = []
    for start in range(0, len(items), batch_size):
        prepared, cases = cases_prepare(
            country_id=country_id, creator_id=creator_id, items=items[start : start + batch_size]
        )
        ids = cases_write(prepared, allocator)
        for case, pk, values in zip(cases, ids, prepared.cases, strict=True):
            case.pk = pk
            case.reference = values[reference_at]
            case._state.adding = False
            case._state.db = alias
        created.extend(cases)
    if audit:
        for case in created:
            record_event(actor=actor, action="cases.create", obj=case, summary=case.reference)
    if created:
        cases_changed.send(sender=Case, case_ids=[case.pk for case in created])
    return created


def case_create(*, actor: Actor, data: dict[str, Any], audit: bool = True) -> Case:
    """Create one case owned by the actor's country from validated Standard Format data."""
    return cases_create_many(actor=actor, items=[data], audit=audit)[0]


@transaction.atomic
def case_update(*, actor: Actor, case: Case, data: dict[str, Any], expected_version: int) -> Case:
    """Replace a case's content. A stale `expected_version` is refused (StaleVersionError).

    Persons keep their pseudonyms when the update lists them in the same order."""
    check_record_edit(actor, case)
    bump_version(case, expected_version)
    pseudonyms = list(case.persons.values_list("pseudonym", flat=True))
    for position, person in enumerate(data.get("persons", [])):
        if position < len(pseudonyms) and not person.get("pseudonym"):
            person["pseudonym"] = pseudonyms[position]
    _apply_case_fields(case, data)
    case.save()
    case.persons.all().delete()
    case.route.all().delete()
    case.documents_used.all().delete()
    case.justice.all().delete()
    case.assistance.all().delete()
    prepared = PreparedCases(
        cases=[], years=[], children=_prepare_children([case], _build_children(case, data))
    )
    cases_write(prepared, case_ids=[case.pk])
    record_event(
        actor=actor, action="cases.update", obj=case, summary=f"{case.reference} v{case.version}"
    )
    cases_changed.send(sender=Case, case_ids=[case.pk])
    return case


@transaction.atomic
def case_delete(*, actor: Actor, case: Case, expected_version: int) -> None:
    check_record_edit(actor, case)
    bump_version(case, expected_version)
    record_event(actor=actor, action="cases.delete", obj=case, summary=case.reference)
    case_id = case.pk
    case.delete()
    cases_changed.send(sender=Case, case_ids=[case_id])


def _person_as_standard_format(person: Person, hidden: set[str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "pseudonym": person.pseudonym,
        "role": person.role,
        "given_names": person.given_names,
        "first_surname": person.first_surname,
        "second_surname": person.second_surname,
        "aliases": [alias for alias in person.aliases.split("\n") if alias],
        "sex": person.sex,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "age": person.age,
        "age_band": person.age_band,
        "is_minor": person.is_minor,
        "nationalities": person.nationalities,
        "address": person.address,
        "phones": [phone.number for phone in person.phones.all()],
        "trafficking_status": person.trafficking_status,
        "documents": [
            {
                "document_type": document.document_type,
                "issuing_country": document.issuing_country_id or "",
                "number": document.number,
            }
            for document in person.documents.all()
        ],
    }
    for group, fields in PERSON_GROUP_FIELDS.items():
        if group in hidden:
            for field in fields:
                values[field] = [] if isinstance(values[field], list) else None
    if FieldGroup.IDENTITY_NUMBERS in hidden:
        for document in values["documents"]:
            document["number"] = None
    return values


def case_as_standard_format(
    case: Case,
    *,
    actor: Actor,
    shared_with: list[str] | None = None,
    redacted: list[str] | None = None,
) -> dict[str, Any]:
    """The case as `actor` may read it: sensitive groups the owner's law profile keeps in the
    country are withheld (None or empty), and recipients identify persons by pseudonym."""
    hidden = set(redacted) if redacted is not None else redacted_groups(actor, case)
    persons = list(case.persons.all())
    index_of = {person.pk: position for position, person in enumerate(persons)}
    return {
        "id": case.pk,
        "reference": case.reference,
        "owner_country": case.owner_country_id,
        "reporting_agency": case.reporting_agency,
        "date_identified": case.date_identified.isoformat(),
        "date_reported": case.date_reported.isoformat() if case.date_reported else None,
        "status": case.status,
        "case_type": case.case_type,
        "audience": case.audience,
        "shared_with": shared_with
        if shared_with is not None
        else sorted(case.shared_with.values_list("iso2", flat=True)),
        "handling_code": case.handling_code,
        "version": case.version,
        "summary": case.summary,
        "exploitation_types": case.exploitation_types,
        "sexual_exploitation_types": case.sexual_exploitation_types,
        "forced_labour_industries": case.forced_labour_industries,
        "methods_of_control": case.methods_of_control,
        "recruitment_methods": case.recruitment_methods,
        "modus_operandi_tags": case.modus_operandi_tags,
        "modus_operandi_narrative": case.modus_operandi_narrative,
        "group_incident": {
            "migrants": case.migrants_count,
            "deaths": case.deaths,
            "injuries": case.injuries,
            "rescues": case.rescues,
        },
        "persons": [_person_as_standard_format(person, hidden) for person in persons],
        "route": [
            {
                "from_country": leg.from_country_id,
                "from_place": leg.from_place,
                "to_country": leg.to_country_id,
                "to_place": leg.to_place,
                "transport_mode": leg.transport_mode,
                "crossing_point": leg.crossing_point,
                "crossing_type": leg.crossing_type,
                "date": leg.date.isoformat() if leg.date else None,
                "fee_amount": str(leg.fee_amount) if leg.fee_amount is not None else None,
                "fee_currency": leg.fee_currency,
            }
            for leg in case.route.all()
        ],
        "documents_used": [
            {
                "person": index_of.get(document.person_id),
                "document_type": document.document_type,
                "issuing_country": document.issuing_country_id or "",
                "number": None if FieldGroup.IDENTITY_NUMBERS in hidden else document.number,
                "nature": document.nature,
            }
            for document in case.documents_used.all()
        ],
        "justice": [
            {
                "stage": event.stage,
                "date": event.date.isoformat() if event.date else None,
                "note": event.note,
            }
            for event in case.justice.all()
        ],
        "assistance": [
            {
                "assistance_type": event.assistance_type,
                "date": event.date.isoformat() if event.date else None,
                "note": event.note,
            }
            for event in case.assistance.all()
        ],
        "redacted": sorted(hidden),
    }


class CaseSpool:
    """Prepared cases kept aside until every row of an import is valid, then written by
    `cases_write` in the import's one transaction (any database; PostgreSQL takes them by
    COPY). The chunks are pickled to a temporary file, so memory stays that of one chunk."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="enlace-import-")  # noqa: SIM115  see close
        self.chunks = 0

    def add(self, prepared: PreparedCases) -> None:
        pickle.dump(prepared, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1

    @contextmanager
    def ready(self):
        """Around the write transaction."""
        self.file.seek(0)
        yield

    def write(self, allocator: ReferenceAllocator) -> None:
        """Inside the write transaction."""
        for _chunk in range(self.chunks):
            cases_write(pickle.load(self.file), allocator)  # noqa: S301  our own temporary file

    def close(self) -> None:
        self.file.close()


class CaseStage(CaseSpool):
    """SQLite: prepared cases staged in a SQLite file of their own (`core.bulk.SqliteStage`)
    and copied in with one `INSERT ... SELECT` per table, which holds the write lock for
    less than half the time of inserting them from Python (measured in `SqliteStage`).
    References still to give and pseudonyms already taken are settled under the lock."""

    def __init__(self) -> None:
        self.stage = SqliteStage((Case, *CHILD_MODELS))
        self.blank: list[tuple[int, int]] = []  # (staged case number, year) without reference
        self.pseudonyms: set[str] = set()

    def add(self, prepared: PreparedCases) -> None:
        reference_at = column_position(Case, "reference")
        first_case = self.stage.add(Case, prepared.cases)
        self.blank.extend(
            (first_case + position, year)
            for position, (values, year) in enumerate(
                zip(prepared.cases, prepared.years, strict=True)
            )
            if not values[reference_at]
        )
        firsts = {Case: first_case}
        for model in CHILD_MODELS:  # persons before what points at them
            rows = prepared.children[model]
            if model is Person:
                # unique within the whole import; against the database under the lock
                _redraw_pseudonyms(rows, self.pseudonyms)
                at = column_position(Person, "pseudonym")
                self.pseudonyms.update(values[at] for values in rows)
            for attname, parent in (("case_id", Case), ("person_id", Person)):
                try:
                    position = column_position(model, attname)
                except LookupError:
                    continue
                for values in rows:
                    if values[position] is not None:
                        values[position] += firsts[parent]  # staged numbers start at 1
            firsts[model] = self.stage.add(model, rows)

    @contextmanager
    def ready(self):
        with self.stage.attached(connection):
            yield

    def write(self, allocator: ReferenceAllocator) -> None:
        table = self.stage.table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table(connection, Case)} SET reference = %s WHERE id = %s",  # noqa: S608
                [(allocator.next(year), number) for number, year in self.blank],
            )
            while True:  # pseudonyms drawn since in the database: drawn again
                cursor.execute(
                    f"SELECT staged.id, staged.role FROM {table(connection, Person)} staged "  # noqa: S608
                    f"JOIN main.{connection.ops.quote_name(Person._meta.db_table)} stored "
                    "ON stored.pseudonym = staged.pseudonym"
                )
                clashes = cursor.fetchall()
                if not clashes:
                    break
                redrawn = []
                for number, role in clashes:
                    pseudonym = new_pseudonym(role)
                    while pseudonym in self.pseudonyms:
                        pseudonym = new_pseudonym(role)
                    self.pseudonyms.add(pseudonym)
                    redrawn.append((pseudonym, number))
                cursor.executemany(
                    f"UPDATE {table(connection, Person)} SET pseudonym = %s WHERE id = %s",  # noqa: S608
                    redrawn,
                )
        offsets: dict = {}
        for model in (Case, *CHILD_MODELS):
            links = {
                column: parent
                for column, parent in (("case_id", Case), ("person_id", Person))
                if any(field.column == column for field in model._meta.concrete_fields)
            }
            self.stage.copy(connection, model, links, offsets)

    def close(self) -> None:
        self.stage.close()


def cases_stage() -> CaseSpool:
    """Where an import keeps its prepared cases until all are valid (see CaseSpool). Inside
    a caller's transaction the stage could not be detached afterwards, and the import's
    writes wait for the caller's commit anyway: there the spool."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        return CaseStage()
    return CaseSpool()
