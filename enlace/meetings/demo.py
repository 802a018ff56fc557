"""Demo: the network's real meeting reports (seeds 000-003, 2002-2016) imported and reviewed,
a few follow-up tasks (one done, one due soon, one overdue), trainings, needs and campaigns."""

from __future__ import annotations

import random
from datetime import date, timedelta

from enlace.core.models import Country, Organization
from enlace.core.reference_data import SEEDS_DIR

from .models import Campaign, Meeting, TaskStatus, TrainingEvent, TrainingNeed
from .services import meeting_import, meeting_review, task_create

SEEDS = SEEDS_DIR
MEETING_SEEDS = [
    "003_1d20338a4e5ff910.txt",
    "001_518c22be36a49769.txt",
    "000_8d3ad5c47a8748c8.txt",
    "002_d9e9c4457487cb69.txt",
]


def populate(*, rng: random.Random, users: dict, options: dict | None = None) -> None:
    secretariat = users.get("st")
    if secretariat is None or Meeting.objects.filter(source_name__in=MEETING_SEEDS).exists():
        return
    meetings = {}
    for name in MEETING_SEEDS:
        _report, meeting = meeting_import(actor=secretariat, path=SEEDS / name)
        meetings[name] = meeting_review(
            actor=secretariat, meeting=meeting, expected_version=meeting.version
        )
    countries = {country.iso2: country for country in Country.objects.filter(member_state=True)}
    today = date.today()
    statistics = meetings["003_1d20338a4e5ff910.txt"].agreements.get(number="1")
    done = task_create(
        actor=secretariat,
        agreement=statistics,
        due_date=date(2002, 12, 15),
        title="Enviar estadísticas de flujos extrarregionales del semestre",
        countries=list(countries.values()),
    )
    done.status, done.done_on = TaskStatus.DONE, date(2002, 12, 13)
    done.save()
    tegucigalpa = meetings["002_d9e9c4457487cb69.txt"]
    task_create(
        actor=secretariat,
        agreement=tegucigalpa.agreements.get(number="3"),
        due_date=today + timedelta(days=10),
        title="Actualizar la matriz comparativa de legislación",
        countries=[countries["HN"], countries["GT"], countries["CR"]],
    )
    task_create(
        actor=secretariat,
        agreement=tegucigalpa.agreements.get(number="4"),
        due_date=today - timedelta(days=20),
        title="Remitir comentarios al Programa Indicativo",
        countries=[countries["CR"], countries["MX"]],
        organizations=list(Organization.objects.filter(code="ST")),
    )
    if not TrainingEvent.objects.exists():
        training = TrainingEvent.objects.create(
            title="Taller regional de detección de documentos fraudulentos",
            start_date=today - timedelta(days=200),
            end_date=today - timedelta(days=198),
            city="Ciudad de Panamá",
            country=countries["PA"],
            participants_count=34,
            topics="Documentos genuinos y falsos; impostores; alertas",
            evaluation_due=today - timedelta(days=16),
        )
        training.participant_countries.set(countries.values())
        training.sponsors.set(Organization.objects.filter(code__in=["IOM", "ST"]))
        TrainingEvent.objects.create(
            title="Curso sobre identificación de víctimas de trata",
            start_date=today + timedelta(days=45),
            end_date=today + timedelta(days=47),
            city="San Salvador",
            country=countries["SV"],
            participants_count=0,
            topics="Indicadores de trata; entrevista; derivación",
            evaluation_due=today + timedelta(days=47 + 182),
        )
        for code, topic in (
            ("BZ", "Investigación financiera del tráfico ilícito"),
            ("NI", "Atención a niñas, niños y adolescentes no acompañados"),
            ("HN", "Uso del Formato Estándar de intercambio de casos"),
        ):
            TrainingNeed.objects.create(country=countries[code], topic=topic)
        for code, title in (
            ("CR", "No se deje engañar"),
            ("MX", "Corazón Azul"),
            ("GT", "Que no te engañen"),
        ):
            Campaign.objects.create(
                country=countries[code],
                title=title,
                products="Afiches, cuñas radiales, redes sociales",
                start_date=today - timedelta(days=90),
                end_date=today + timedelta(days=90),
            )
