"""Demo directory: a liaison officer and an alternate per member state (fictitious people in
real institutions), repatriation liaisons and campaign focal points, a few entries left
unconfirmed for months, about forty services for victims across the region, and the
competencies matrix.

Idempotent: every entry is keyed on stable values (country and name), so running the demo
again adds nothing; `rng` only picks dates and capacities of entries created the first time."""

from __future__ import annotations

import random
from datetime import date, timedelta

import phonenumbers

from enlace.core.models import Organization

from .models import Competency, Contact, Service

# country -> (institution of the liaison officer, of the alternate, cities)
COUNTRIES: dict[str, tuple[str, str, list[str]]] = {
    "BZ": (
        "Immigration and Nationality Department",
        "Belize Police Department",
        ["Belize City", "Belmopan", "Orange Walk"],
    ),
    "CA": (
        "Royal Canadian Mounted Police",
        "Canada Border Services Agency",
        ["Ottawa", "Toronto", "Vancouver"],
    ),
    "CR": (
        "Dirección General de Migración y Extranjería",
        "Organismo de Investigación Judicial",
        ["San José", "Liberia", "Limón"],
    ),
    "SV": (
        "Dirección General de Migración y Extranjería",
        "Policía Nacional Civil",
        ["San Salvador", "Santa Ana", "San Miguel"],
    ),
    "US": (
        "Homeland Security Investigations",
        "Department of State, Office to Monitor and Combat Trafficking in Persons",
        ["Houston", "Los Angeles", "Miami"],
    ),
    "GT": (
        "Instituto Guatemalteco de Migración",
        "Policía Nacional Civil",
        ["Ciudad de Guatemala", "Quetzaltenango", "Tecún Umán"],
    ),
    "HN": (
        "Instituto Nacional de Migración",
        "Dirección Policial de Investigaciones",
        ["Tegucigalpa", "San Pedro Sula", "Choluteca"],
    ),
    "MX": (
        "Instituto Nacional de Migración",
        "Fiscalía General de la República",
        ["Tapachula", "Ciudad de México", "Tijuana"],
    ),
    "NI": (
        "Dirección General de Migración y Extranjería",
        "Policía Nacional",
        ["Managua", "Chinandega", "Rivas"],
    ),
    "PA": (
        "Servicio Nacional de Migración",
        "Ministerio Público",
        ["Ciudad de Panamá", "David", "Colón"],
    ),
    "DO": (
        "Dirección General de Migración",
        "Procuraduría Especializada contra el Tráfico Ilícito de Migrantes y la Trata de Personas",
        ["Santo Domingo", "Santiago de los Caballeros", "Dajabón"],
    ),
}

# (country, given names, surnames, position, roles, languages, demo user linked, stale)
PEOPLE = [
    (
        "BZ",
        "Marisol",
        "Gillett",
        "Immigration Officer II",
        ["liaison_officer"],
        ["en", "es"],
        "",
        False,
    ),
    ("BZ", "Devon", "Castillo", "Inspector", ["alternate"], ["en"], "", True),
    (
        "CA",
        "Claire",
        "Tremblay",
        "Liaison Officer, Migrant Smuggling",
        ["liaison_officer"],
        ["en", "fr"],
        "",
        False,
    ),
    (
        "CA",
        "Marc-André",
        "Gagnon",
        "Senior Intelligence Officer",
        ["alternate"],
        ["fr", "en"],
        "",
        False,
    ),
    (
        "CR",
        "Ana",
        "Solano Mora",
        "Jefa de la Unidad contra la Trata",
        ["liaison_officer"],
        ["es", "en"],
        "cr-liaison",
        False,
    ),
    ("CR", "Rodrigo", "Alfaro Brenes", "Investigador", ["alternate"], ["es"], "", False),
    (
        "SV",
        "Karla Beatriz",
        "Menjívar Ayala",
        "Jefa de Investigaciones Migratorias",
        ["liaison_officer"],
        ["es"],
        "",
        False,
    ),
    ("SV", "José Roberto", "Portillo Argueta", "Subinspector", ["alternate"], ["es"], "", True),
    (
        "US",
        "Emily",
        "Carter",
        "Special Agent",
        ["liaison_officer"],
        ["en", "es"],
        "us-liaison",
        False,
    ),
    ("US", "Daniel", "Whitaker", "Foreign Affairs Officer", ["alternate"], ["en"], "", False),
    (
        "GT",
        "María",
        "Cojtí Pérez",
        "Coordinadora de Trata de Personas",
        ["liaison_officer"],
        ["es"],
        "gt-liaison",
        False,
    ),
    ("GT", "Edgar Leonel", "Tzul Chávez", "Oficial III", ["alternate"], ["es"], "", False),
    (
        "HN",
        "Dania Marisela",
        "Zelaya Mejía",
        "Jefa de Control Migratorio",
        ["liaison_officer"],
        ["es"],
        "",
        False,
    ),
    (
        "HN",
        "Wilmer Antonio",
        "Orellana Paz",
        "Agente de Investigación",
        ["alternate"],
        ["es"],
        "",
        True,
    ),
    (
        "MX",
        "Jorge",
        "Hernández Ruiz",
        "Director de Protección al Migrante",
        ["liaison_officer"],
        ["es", "en"],
        "mx-liaison",
        False,
    ),
    (
        "MX",
        "Guadalupe",
        "Sánchez Villalobos",
        "Agente del Ministerio Público Federal",
        ["alternate"],
        ["es"],
        "",
        False,
    ),
    (
        "NI",
        "Fátima del Carmen",
        "Rivas Gutiérrez",
        "Responsable de Asuntos Migratorios",
        ["liaison_officer"],
        ["es"],
        "",
        True,
    ),
    ("NI", "Ernesto José", "Lacayo Martínez", "Comisionado", ["alternate"], ["es"], "", False),
    (
        "PA",
        "Yaritza",
        "González De León",
        "Jefa de Asuntos Internacionales",
        ["liaison_officer"],
        ["es", "en"],
        "",
        False,
    ),
    ("PA", "Luis Carlos", "Batista Rodríguez", "Fiscal Adjunto", ["alternate"], ["es"], "", False),
    (
        "DO",
        "Rosa Elena",
        "Peña Almonte",
        "Encargada de Trata y Tráfico",
        ["liaison_officer"],
        ["es"],
        "",
        False,
    ),
    (
        "DO",
        "Francisco Javier",
        "Tavárez Polanco",
        "Procurador Adjunto",
        ["alternate"],
        ["es"],
        "",
        True,
    ),
]

# Focal points (work plan 9.3 repatriation liaisons, 4.6 campaign focal points), with the
# organization of the network they belong to when it is not their country's national office.
FOCAL_POINTS = [
    (
        "CR",
        "Silvia",
        "Araya Quesada",
        "Patronato Nacional de la Infancia",
        "Coordinadora de repatriaciones",
        ["repatriation_liaison"],
        "",
        False,
    ),
    (
        "GT",
        "Ingrid Paola",
        "Xitumul López",
        "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas",
        "Enlace de repatriaciones",
        ["repatriation_liaison"],
        "",
        False,
    ),
    (
        "HN",
        "Carmen Lucía",
        "Bonilla Reyes",
        "Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata de Personas",
        "Secretaria ejecutiva",
        ["repatriation_liaison", "coalition_contact"],
        "",
        True,
    ),
    (
        "SV",
        "Ana Gabriela",
        "Flores Cañas",
        "Consejo Nacional contra la Trata de Personas",
        "Técnica de repatriaciones",
        ["repatriation_liaison"],
        "",
        False,
    ),
    (
        "MX",
        "Verónica",
        "Domínguez Ortega",
        "Sistema Nacional para el Desarrollo Integral de la Familia",
        "Enlace de repatriación de NNA",
        ["repatriation_liaison"],
        "",
        False,
    ),
    (
        "CR",
        "Daniela",
        "Monge Rojas",
        "Organización Internacional para las Migraciones",
        "Punto focal de campaña",
        ["campaign_focal_point"],
        "IOM",
        False,
    ),
    (
        "GT",
        "Óscar Alfredo",
        "Méndez Us",
        "Organización Internacional para las Migraciones",
        "Punto focal de campaña",
        ["campaign_focal_point"],
        "IOM",
        False,
    ),
    (
        "PA",
        "Keila",
        "Ríos Samaniego",
        "Comisión Nacional contra la Trata de Personas",
        "Punto focal de campaña",
        ["campaign_focal_point", "coalition_contact"],
        "",
        False,
    ),
]

SERVICE_TEMPLATES = [
    # kind, name pattern, provider pattern, populations, capacity unit, hours
    (
        "shelter",
        "Albergue especializado para víctimas de trata — {city}",
        "Fundación Casa Segura {country}",
        ["women", "children"],
        "beds",
        "24 horas, todos los días",
    ),
    (
        "repatriation",
        "Programa de retorno asistido y voluntario — {city}",
        "Organización Internacional para las Migraciones (OIM)",
        ["women", "men", "children", "families"],
        "",
        "Lunes a viernes, 8:00-16:00",
    ),
    (
        "psychosocial",
        "Atención psicosocial a sobrevivientes — {city}",
        "Asociación Nuevos Caminos {country}",
        ["women", "men", "lgbti"],
        "persons",
        "Lunes a sábado, 9:00-17:00",
    ),
    (
        "legal_aid",
        "Asesoría legal gratuita a víctimas y personas migrantes — {city}",
        "Clínica Jurídica Migrante {country}",
        ["women", "men", "families", "lgbti"],
        "",
        "Lunes a viernes, 8:00-15:00",
    ),
]
EXTRA_SERVICES = [
    (
        "MX",
        "reintegration",
        "Programa de reintegración comunitaria — Tapachula",
        "Red de Casas del Migrante (demo)",
        ["men", "women", "families"],
        "persons",
    ),
    (
        "GT",
        "shelter",
        "Hogar de protección para niñas, niños y adolescentes — Quetzaltenango",
        "Hogar Semilla de Esperanza (demo)",
        ["children"],
        "beds",
    ),
    (
        "CR",
        "health",
        "Clínica de atención integral a víctimas — San José",
        "Servicios de Salud Comunitaria (demo)",
        ["women", "men", "children", "lgbti"],
        "",
    ),
    (
        "HN",
        "reintegration",
        "Centro de atención al migrante retornado — San Pedro Sula",
        "Pastoral de Movilidad Humana (demo)",
        ["men", "women", "children", "families"],
        "persons",
    ),
]

# competency -> country -> institutions (work plan B.1.4)
COMPETENCIES: dict[str, dict[str, list[str]]] = {
    "investigation": {
        "CR": ["Organismo de Investigación Judicial"],
        "SV": ["Policía Nacional Civil"],
        "GT": ["Policía Nacional Civil"],
        "HN": ["Dirección Policial de Investigaciones"],
        "MX": ["Fiscalía General de la República"],
        "NI": ["Policía Nacional"],
        "PA": ["Dirección de Investigación Judicial"],
        "US": ["Homeland Security Investigations"],
        "CA": ["Royal Canadian Mounted Police"],
        "BZ": ["Belize Police Department"],
        "DO": ["Policía Nacional"],
    },
    "prosecution": {
        "CR": ["Fiscalía Adjunta contra la Trata de Personas y el Tráfico Ilícito de Migrantes"],
        "SV": ["Fiscalía General de la República"],
        "GT": ["Ministerio Público, Fiscalía contra la Trata de Personas"],
        "HN": ["Ministerio Público"],
        "MX": ["Fiscalía General de la República"],
        "NI": ["Ministerio Público"],
        "PA": ["Ministerio Público"],
        "US": ["Department of Justice"],
        "CA": ["Public Prosecution Service of Canada"],
        "BZ": ["Office of the Director of Public Prosecutions"],
        "DO": [
            "Procuraduría Especializada contra el Tráfico Ilícito de Migrantes y la Trata "
            "de Personas"
        ],
    },
    "victim_identification": {
        "CR": ["Dirección General de Migración y Extranjería"],
        "GT": ["Instituto Guatemalteco de Migración"],
        "MX": ["Instituto Nacional de Migración"],
        "PA": ["Servicio Nacional de Migración"],
        "SV": ["Dirección General de Migración y Extranjería"],
    },
    "victim_assistance": {
        "CR": ["Instituto Nacional de las Mujeres", "Patronato Nacional de la Infancia"],
        "GT": ["Secretaría contra la Violencia Sexual, Explotación y Trata de Personas"],
        "MX": ["Sistema Nacional para el Desarrollo Integral de la Familia"],
        "HN": [
            "Comisión Interinstitucional contra la Explotación Sexual Comercial y Trata de Personas"
        ],
        "US": ["Office on Trafficking in Persons (HHS)"],
    },
    "repatriation": {
        "CR": ["Patronato Nacional de la Infancia"],
        "GT": ["Procuraduría General de la Nación"],
        "SV": ["Consejo Nacional contra la Trata de Personas"],
        "MX": ["Instituto Nacional de Migración"],
        "HN": ["Instituto Nacional de Migración"],
        "DO": ["Consejo Nacional para la Niñez y la Adolescencia"],
    },
    "border_control": {
        "BZ": ["Immigration and Nationality Department"],
        "CA": ["Canada Border Services Agency"],
        "CR": ["Policía Profesional de Migración"],
        "SV": ["Dirección General de Migración y Extranjería"],
        "US": ["Customs and Border Protection"],
        "GT": ["Instituto Guatemalteco de Migración"],
        "HN": ["Instituto Nacional de Migración"],
        "MX": ["Instituto Nacional de Migración"],
        "NI": ["Dirección General de Migración y Extranjería"],
        "PA": ["Servicio Nacional de Fronteras"],
        "DO": ["Dirección General de Migración"],
    },
    "migration_regularization": {
        "CR": ["Dirección General de Migración y Extranjería"],
        "PA": ["Servicio Nacional de Migración"],
        "CA": ["Immigration, Refugees and Citizenship Canada"],
        "US": ["U.S. Citizenship and Immigration Services"],
    },
    "prevention": {
        "CR": ["Coalición Nacional contra el Tráfico Ilícito de Migrantes y la Trata de Personas"],
        "PA": ["Comisión Nacional contra la Trata de Personas"],
        "GT": ["Secretaría contra la Violencia Sexual, Explotación y Trata de Personas"],
    },
    "statistics": {
        "CR": ["Dirección General de Migración y Extranjería"],
        "MX": ["Unidad de Política Migratoria, Registro e Identidad de Personas"],
        "GT": ["Instituto Nacional de Estadística"],
    },
}

NOTES = {
    ("CR", "prosecution"): "Ley 9095 contra la Trata de Personas (2013)",
    ("MX", "prosecution"): "Ley General para Prevenir, Sancionar y Erradicar los Delitos en "
    "Materia de Trata de Personas (2012)",
    ("GT", "victim_assistance"): "Decreto 9-2009",
    ("US", "prosecution"): "Trafficking Victims Protection Act (2000)",
}


def demo_phone(country: str, index: int) -> str:
    """A valid-looking fixed line of `country` (varied from libphonenumber's example)."""
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
    national = str(example.national_number)
    for step in range(50):
        candidate = national[:-3] + f"{(index * 37 + step) % 1000:03d}"
        number = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _slug(text: str) -> str:
    from .models import search_key

    return ".".join(search_key(text).replace("-", " ").split())


def _contact(
    rng: random.Random,
    today: date,
    index: int,
    users: dict,
    *,
    country: str,
    given: str,
    surnames: str,
    institution: str,
    position: str,
    roles: list[str],
    languages: list[str],
    username: str,
    stale: bool,
    organization_code: str,
) -> None:
    if Contact.objects.filter(country_id=country, given_names=given, surnames=surnames).exists():
        return
    user = users.get(username) if username else None
    if user is not None and Contact.objects.filter(user=user).exists():
        user = None
    days_ago = rng.randint(200, 420) if stale else rng.randint(0, 150)
    first_surname = surnames.split()[0]
    contact = Contact(
        country_id=country,
        given_names=given,
        surnames=surnames,
        institution=institution,
        organization=Organization.objects.get(code=organization_code),
        position=position,
        network_roles=roles,
        languages=languages,
        email=f"{_slug(given.split()[0])}.{_slug(first_surname)}@demo.enlace.invalid",
        phones=[demo_phone(country, index), demo_phone(country, index + 500)][: 1 + (index % 2)],
        notes="",
        user=user,
        last_confirmed=today - timedelta(days=days_ago),
    )
    contact.full_clean(exclude=["created_by", "search_text"])
    contact.save()


def populate(*, rng: random.Random, users: dict, options: dict | None = None) -> None:
    today = date.today()
    index = 0
    for country, given, surnames, position, roles, languages, username, stale in PEOPLE:
        liaison_institution, alternate_institution, _cities = COUNTRIES[country]
        institution = liaison_institution if "liaison_officer" in roles else alternate_institution
        _contact(
            rng,
            today,
            index,
            users,
            country=country,
            given=given,
            surnames=surnames,
            institution=institution,
            position=position,
            roles=roles,
            languages=languages,
            username=username,
            stale=stale,
            organization_code=f"{country}-NLO",
        )
        index += 1
    for country, given, surnames, institution, position, roles, organization, stale in FOCAL_POINTS:
        _contact(
            rng,
            today,
            index,
            users,
            country=country,
            given=given,
            surnames=surnames,
            institution=institution,
            position=position,
            roles=roles,
            languages=["es"],
            username="",
            stale=stale,
            organization_code=organization or f"{country}-NLO",
        )
        index += 1
    _services(rng, today)
    _competencies(today)


def _services(rng: random.Random, today: date) -> None:
    index = 0
    entries = []
    for country, (_liaison, _alternate, cities) in COUNTRIES.items():
        for position, (kind, name, provider, populations, unit, hours) in enumerate(
            SERVICE_TEMPLATES[:3] if country in {"BZ", "CA", "US"} else SERVICE_TEMPLATES
        ):
            city = cities[position % len(cities)]
            entries.append(
                (
                    country,
                    kind,
                    name.format(city=city),
                    provider.format(country=country),
                    populations,
                    unit,
                    hours,
                    city,
                )
            )
    for country, kind, name, provider, populations, unit in EXTRA_SERVICES:
        entries.append(
            (
                country,
                kind,
                name,
                provider,
                populations,
                unit,
                "Lunes a viernes, 8:00-16:00",
                name.rsplit("— ", 1)[-1],
            )
        )
    for country, kind, name, provider, populations, unit, hours, city in entries:
        index += 1
        if Service.objects.filter(country_id=country, name=name).exists():
            continue
        english = country in {"BZ", "CA", "US"}
        service = Service(
            country_id=country,
            kind=kind,
            name=name,
            organization_name=provider,
            city=city,
            description="Servicio de demostración: datos ficticios.",
            # shelters keep their address inside the network (the persons' safety)
            address=f"Avenida Central {rng.randint(1, 400)}, {city}",
            address_confidential=kind == "shelter",
            phone=demo_phone(country, 900 + index),
            email=f"servicio{index}@demo.enlace.invalid",
            website="",
            populations=sorted(populations),
            languages=["en", "es"] if english else (["es", "en"] if index % 3 == 0 else ["es"]),
            capacity=rng.randint(8, 60) if unit else None,
            capacity_unit=unit,
            hours=hours,
            last_confirmed=today - timedelta(days=rng.randint(0, 220)),
        )
        service.full_clean(exclude=["created_by", "search_text"])
        service.save()


def _competencies(today: date) -> None:
    for competency, by_country in COMPETENCIES.items():
        for country, institutions in by_country.items():
            for institution in institutions:
                Competency.objects.get_or_create(
                    country_id=country,
                    institution=institution,
                    competency=competency,
                    defaults={
                        "note": NOTES.get((country, competency), ""),
                        "last_confirmed": today,
                    },
                )
