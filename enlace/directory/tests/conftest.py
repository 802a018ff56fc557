"""Directory entries of two member states (CR, MX), written through the services as the
Technical Secretariat would."""

from __future__ import annotations

import pytest

from enlace.directory.services import competency_create, contact_create, service_create


def contact_data(**overrides) -> dict:
    data = {
        "given_names": "Ana",
        "surnames": "Solano Mora",
        "country": "CR",
        "organization": "CR-NLO",
        "institution": "Dirección General de Migración y Extranjería",
        "position": "Jefa de la Unidad contra la Trata",
        "network_roles": ["liaison_officer", "repatriation_liaison"],
        "email": "ana.solano@example.invalid",
        "phones": ["+50622123456", "2212 3457"],
        "languages": ["es", "en"],
        "notes": 'Atiende; también "fines de semana"',
    }
    data.update(overrides)
    return data


def service_data(**overrides) -> dict:
    data = {
        "name": "Albergue Esperanza",
        "organization_name": "Fundación Casa Segura",
        "kind": "shelter",
        "description": "Albergue especializado para víctimas de trata",
        "country": "CR",
        "city": "San José",
        "address": "Calle 5, avenida 3",
        "address_confidential": False,
        "phone": "+50622123456",
        "email": "albergue@example.invalid",
        "website": "https://albergue.example.org",
        "populations": ["women", "children"],
        "languages": ["es"],
        "capacity": 24,
        "capacity_unit": "beds",
        "hours": "24 horas",
    }
    data.update(overrides)
    return data


def _organization(code: str):
    from enlace.core.models import Organization

    return Organization.objects.get(code=code)


@pytest.fixture
def make_contact(users):
    def make(**overrides):
        data = contact_data(**overrides)
        data["organization"] = _organization(data["organization"])
        return contact_create(actor=users["st"], data=data)

    return make


@pytest.fixture
def cr_contact(make_contact):
    return make_contact()


@pytest.fixture
def mx_contact(make_contact):
    return make_contact(
        given_names="Jorge",
        surnames="Hernández Ruiz",
        country="MX",
        organization="MX-NLO",
        institution="Instituto Nacional de Migración",
        network_roles=["liaison_officer"],
        email="jorge@example.invalid",
        phones=["+522001234567"],
        languages=["es"],
        notes="",
    )


@pytest.fixture
def make_service(users):
    def make(**overrides):
        return service_create(actor=users["st"], data=service_data(**overrides))

    return make


@pytest.fixture
def make_competency(users):
    def make(**overrides):
        data = {
            "country": "CR",
            "institution": "Organismo de Investigación Judicial",
            "competency": "investigation",
            "note": "Ley 9095",
        }
        data.update(overrides)
        return competency_create(actor=users["st"], data=data)

    return make
