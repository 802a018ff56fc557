"""Building cases for statistics tests through the case services (Standard Format data, the
same path as the API and imports), and reading views the way pages do."""

from __future__ import annotations

from datetime import date

from enlace.access.models import LawProfile
from enlace.cases.tests.factories import CaseDataFactory, PersonDataFactory, create_cases


def person(
    role: str = "victim", sex: str = "F", age: int | None = 25, nationality: str | None = "GT"
) -> dict:
    return PersonDataFactory(
        role=role, sex=sex, age=age, nationalities=[nationality] if nationality else []
    )


def case_data(
    *,
    day: date = date(2025, 8, 14),
    case_type: str = "trafficking",
    persons: list[dict] | None = None,
    exploitation: list[str] | None = None,
    route: list[tuple[str, str, str]] | None = None,
    documents: list[str] | None = None,
    status: str | None = None,
) -> dict:
    """The smallest case statistics count (`CaseDataFactory(minimal=True)`), as described."""
    return CaseDataFactory(
        minimal=True,
        date_identified=day.isoformat(),
        case_type=case_type,
        status=status,
        persons=persons if persons is not None else [person()],
        exploitation_types=["SexualExploitation"] if exploitation is None else exploitation,
        route=[
            {"from_country": a, "to_country": b, "transport_mode": mode}
            for a, b, mode in (route or [])
        ],
        documents_used=[
            {"document_type": "passport", "nature": nature} for nature in (documents or [])
        ],
    )


def make_cases(owner: str, items: list[dict]):
    return create_cases(owner, items)


def victims(
    owner: str,
    count: int,
    *,
    day: date = date(2025, 8, 14),
    sex: str = "F",
    age: int = 25,
    nationality: str = "GT",
    per_case: int = 1,
    exploitation: list[str] | None = None,
) -> list:
    """`count` victims of `owner`, `per_case` per case."""
    items = []
    left = count
    while left > 0:
        size = min(per_case, left)
        items.append(
            case_data(
                day=day,
                exploitation=exploitation,
                persons=[person("victim", sex, age, nationality) for _ in range(size)],
            )
        )
        left -= size
    return make_cases(owner, items)


def contributes(*countries: str, value: bool = True) -> None:
    for country in countries:
        LawProfile.objects.update_or_create(
            country_id=country, defaults={"contributes_to_regional_statistics": value}
        )
