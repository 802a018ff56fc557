"""Builders of cases and persons for every app's tests, in one place.

Cases are built as Standard Format data (`factory.DictFactory`) and written through the
validator and the case services, the same path as the API, the step form and the importers, so
a test never depends on a row shape the product itself would not write (encryption, pseudonyms,
blind indexes and references included).

    CaseDataFactory()                                  # Mexico's standard trafficking case
    CaseDataFactory(case_type="smuggling", persons=[PersonDataFactory(role="smuggled_migrant")])
    create_case(actor=user, data=CaseDataFactory())    # validated, written, audited
    create_cases("GT", [CaseDataFactory(), ...])       # in bulk, as Guatemala's commands act
"""

from __future__ import annotations

from typing import Any

import factory

from enlace.accounts.actors import Actor, CountryActor
from enlace.cases.serializers import CaseSerializer
from enlace.cases.services import case_create, cases_create_many


class StandardFormatFactory(factory.DictFactory):
    """A dict of Standard Format data; a value of None is left out, as a client leaves out what
    it does not know."""

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(
            model_class, *args, **{key: value for key, value in kwargs.items() if value is not None}
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls._build(model_class, *args, **kwargs)


class PersonDataFactory(StandardFormatFactory):
    """A person of a case: by default an adult Guatemalan woman, victim, with no identifiers."""

    role = "victim"
    given_names = "Ana"
    first_surname = "Pérez"
    sex = "F"
    age = 25
    nationalities = factory.LazyFunction(lambda: ["GT"])

    class Params:
        # The victim of the standard case: named in full, with a birth date, a phone and a
        # passport (the fields that law profiles redact).
        identified = factory.Trait(
            given_names="María José",
            second_surname="Gómez",
            age=None,
            birth_date="2008-03-02",
            phones=factory.LazyFunction(lambda: ["+50255551234"]),
            documents=factory.LazyFunction(
                lambda: [
                    {"document_type": "passport", "issuing_country": "GT", "number": "A1234567"}
                ]
            ),
        )
        suspect = factory.Trait(
            role="suspect",
            given_names="Juan",
            first_surname="López",
            sex="M",
            age=41,
            nationalities=factory.LazyFunction(lambda: ["MX"]),
        )


class CaseDataFactory(StandardFormatFactory):
    """Mexico's standard case: a trafficking case with a victim and a suspect, a two-leg route
    from Guatemala, a genuine passport used, an arrest and shelter."""

    reporting_agency = "Instituto Nacional de Migración"
    date_identified = "2025-08-14"
    date_reported = "2025-08-20"
    case_type = "trafficking"
    handling_code = "H0"
    summary = "Oferta de empleo falsa en hoteles de la costa"
    exploitation_types = factory.LazyFunction(lambda: ["SexualExploitation"])
    methods_of_control = factory.LazyFunction(lambda: ["DebtBondage", "WithholdsDocuments"])
    modus_operandi_tags = factory.LazyFunction(lambda: ["false_job_offer", "social_media"])
    persons = factory.LazyFunction(
        lambda: [PersonDataFactory(identified=True), PersonDataFactory(suspect=True)]
    )
    route = factory.LazyFunction(
        lambda: [
            {
                "from_country": "GT",
                "from_place": "Tecún Umán",
                "to_country": "MX",
                "to_place": "Tapachula",
                "transport_mode": "on_foot",
                "crossing_type": "irregular_crossing",
                "fee_amount": "300.00",
                "fee_currency": "USD",
            },
            {
                "from_country": "MX",
                "to_country": "MX",
                "to_place": "Cancún",
                "transport_mode": "bus",
            },
        ]
    )
    documents_used = factory.LazyFunction(
        lambda: [
            {
                "person": 0,
                "document_type": "passport",
                "issuing_country": "GT",
                "number": "A1234567",
                "nature": "genuine",
            }
        ]
    )
    justice = factory.LazyFunction(lambda: [{"stage": "arrest", "date": "2025-08-15"}])
    assistance = factory.LazyFunction(
        lambda: [{"assistance_type": "shelter", "date": "2025-08-15"}]
    )

    class Params:
        # The smallest case the statistics count: one person, no route, no justice track.
        minimal = factory.Trait(
            reporting_agency="Agencia",
            date_reported=None,
            handling_code=None,
            summary="Caso de prueba",
            methods_of_control=None,
            modus_operandi_tags=None,
            persons=factory.LazyFunction(lambda: [PersonDataFactory()]),
            route=factory.LazyFunction(list),
            documents_used=factory.LazyFunction(list),
            justice=None,
            assistance=None,
        )


def validated(items: dict | list[dict], actor: Any = None):
    """Standard Format data through the one validator, as the API and importers send it."""
    serializer = CaseSerializer(data=items, many=isinstance(items, list), context={"actor": actor})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def create_case(*, actor: Actor, data: dict | None = None):
    """One case written by `actor` (a user or a `CountryActor`), audited as the API writes it."""
    return case_create(actor=actor, data=validated(data or CaseDataFactory(), actor))


def create_cases(owner: str, items: list[dict]):
    """Many cases of member state `owner`, written in bulk as its commands write them."""
    return cases_create_many(actor=CountryActor(owner), items=validated(items), audit=False)
