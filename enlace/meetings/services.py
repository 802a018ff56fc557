"""Writes of meetings, agreements and follow-up tasks (atomic, version-checked, audited)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace.access.services import bump_version
from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.audit.services import record_event
from enlace.core.documents import read_document
from enlace.core.documents.kinds import WORK_PLAN, document_kind
from enlace.core.documents.problems import gettext_noop, problem
from enlace.core.models import Country, Organization

from .models import (
    Agreement,
    AgreementSubitem,
    Campaign,
    FollowUpTask,
    Meeting,
    MeetingKind,
    MeetingStatus,
    TaskStatus,
    TrainingEvent,
)
from .parsing import MeetingReport, parse_meeting_report
from .parsing.result import BODY_VICEMINISTERIAL
from .permissions import check_coordination_record_create, check_meeting_manage, check_task_update


class MeetingImportError(Exception):
    """The report could be read, but not well enough to create a meeting from it."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


# The parser's `crm` (the contract's name for the Conference's vice-ministerial meeting) is the
# model's `viceministerial`; the other bodies have the same name in both.
_KIND_OF_BODY = {BODY_VICEMINISTERIAL: MeetingKind.VICEMINISTERIAL}


def meeting_kind_of(body: str) -> str:
    kind = _KIND_OF_BODY.get(body, body)
    return kind if kind in MeetingKind.values else MeetingKind.OTHER


def report_problems(report: MeetingReport) -> list[str]:
    return [
        f"{_('line %(line)s') % {'line': item.line}}: {item.localized()}"
        if item.line
        else item.localized()
        for item in report.problems
    ]


@transaction.atomic
def meeting_create_from_report(
    *, actor: Actor, report: MeetingReport, source_name: str = ""
) -> Meeting:
    """A draft meeting (header, participants, agreements) from a parsed report, for the ST to
    review. Problems and warnings of the reading are kept in the import notes."""
    check_meeting_manage(actor)
    missing = []
    if report.start_date is None:
        missing.append(_("the meeting's date could not be read"))
    if not report.items:
        missing.append(_("no agreements could be read"))
    if missing:
        raise MeetingImportError(missing + report_problems(report))
    countries = {country.iso2: country for country in Country.objects.all()}
    notes = report_problems(report) + [
        f"{warning.line}: {warning.localized()}" if warning.line else warning.localized()
        for warning in report.warnings
    ]
    same = (
        Meeting.objects.filter(start_date=report.start_date, city=report.city or "")
        .order_by("pk")
        .first()
    )
    if same is not None:
        notes.insert(
            0,
            _(
                "A meeting of the same date and place exists already (%(title)s, "
                "number %(id)s): this may be the same report imported twice."
            )
            % {"title": same.title[:80], "id": same.pk},
        )
    meeting = Meeting.objects.create(
        kind=meeting_kind_of(report.body),
        title=(report.title or source_name or _("Untitled meeting"))[:400],
        start_date=report.start_date,
        end_date=report.end_date or report.start_date,
        city=report.city or "",
        country=countries.get(report.country or ""),
        language=report.language if report.language in ("es", "en") else "es",
        opening=" ".join(report.preamble),
        source_name=source_name[:255],
        import_notes="\n".join(notes),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    meeting.participants.set([countries[code] for code in report.participants if code in countries])
    organizations = Organization.objects.filter(code__in=report.organizations)
    meeting.organizations.set(organizations)
    _replace_agreements(meeting, [item.as_json() for item in report.items])
    record_event(
        actor=actor,
        action="meetings.import",
        obj=meeting,
        summary=f"{meeting.title[:120]} ({source_name})",
    )
    return meeting


def _replace_agreements(meeting: Meeting, items: list[dict[str, Any]]) -> None:
    meeting.agreements.all().delete()
    for position, item in enumerate(items):
        agreement = Agreement.objects.create(
            meeting=meeting, number=str(item["number"])[:8], text=item["text"], position=position
        )
        AgreementSubitem.objects.bulk_create(
            [
                AgreementSubitem(
                    agreement=agreement, label=sub["label"][:4], text=sub["text"], position=index
                )
                for index, sub in enumerate(item.get("subitems", []))
            ]
        )


WRONG_KIND_WORK_PLAN = gettext_noop(
    "This looks like a work plan, not a meeting report: import it under Work plan, Import."
)


class WrongKindError(MeetingImportError):
    """The file is another kind of document (`kind`), to be imported elsewhere."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__([message])
        self.kind = kind


def meeting_import(
    *, actor: Actor, path: Path, source_name: str = "", dry_run: bool = False
) -> tuple[MeetingReport, Meeting | None]:
    """Read a meeting report (.txt or .docx); unless `dry_run`, create the draft meeting.
    Raises DocumentError when the file cannot be read, MeetingImportError when too little of
    it could be, WrongKindError (a MeetingImportError) when it is a work plan. A dry run of a
    work plan gives the reading with that as its first problem."""
    lines = read_document(Path(path))
    report = parse_meeting_report(lines)
    if document_kind(lines) == WORK_PLAN:
        if not dry_run:
            raise WrongKindError(WORK_PLAN, _(WRONG_KIND_WORK_PLAN))
        report.problems.insert(0, problem(0, WRONG_KIND_WORK_PLAN))
    if dry_run:
        return report, None
    return report, meeting_create_from_report(
        actor=actor, report=report, source_name=source_name or Path(path).name
    )


@transaction.atomic
def meeting_discard(*, actor: Actor, meeting: Meeting, expected_version: int) -> None:
    """Throw away a draft meeting (an import the ST does not want: a duplicate, a wrong
    reading); a reviewed meeting is not discarded."""
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(_("Only a draft meeting can be discarded."))
    meeting_delete(actor=actor, meeting=meeting, expected_version=expected_version)


@transaction.atomic
def meeting_update(
    *, actor: Actor, meeting: Meeting, data: dict[str, Any], expected_version: int
) -> Meeting:
    """Change a meeting's header (title, kind, dates, place, participants, agenda)."""
    check_meeting_manage(actor)
    bump_version(meeting, expected_version)
    participants = data.pop("participants", None)
    organizations = data.pop("organizations", None)
    for field, value in data.items():
        setattr(meeting, field, value)
    if meeting.end_date < meeting.start_date:
        raise ValidationError({"end_date": _("The meeting cannot end before it starts.")})
    meeting.save()
    if participants is not None:
        meeting.participants.set(participants)
    if organizations is not None:
        meeting.organizations.set(organizations)
    record_event(
        actor=actor,
        action="meetings.update",
        obj=meeting,
        summary=f"{meeting.title[:120]} v{meeting.version}",
    )
    return meeting


@transaction.atomic
def meeting_agreements_update(
    *, actor: Actor, meeting: Meeting, items: list[dict[str, Any]], expected_version: int
) -> Meeting:
    """Replace the agreements of a meeting (review of an import). Tasks of an agreement that
    keeps its number stay attached to it."""
    check_meeting_manage(actor)
    bump_version(meeting, expected_version)
    existing = {agreement.number: agreement for agreement in meeting.agreements.all()}
    kept: set[int] = set()
    for position, item in enumerate(items):
        agreement = existing.get(item["number"])
        if agreement is None:
            agreement = Agreement(meeting=meeting, number=item["number"])
        agreement.text, agreement.position = item["text"], position
        agreement.save()
        kept.add(agreement.pk)
        agreement.subitems.all().delete()
        AgreementSubitem.objects.bulk_create(
            [
                AgreementSubitem(
                    agreement=agreement, label=sub["label"], text=sub["text"], position=index
                )
                for index, sub in enumerate(item.get("subitems", []))
            ]
        )
    meeting.agreements.exclude(pk__in=kept).delete()
    record_event(
        actor=actor, action="meetings.agreements", obj=meeting, summary=f"{len(items)} agreements"
    )
    return meeting


@transaction.atomic
def meeting_review(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    """The ST confirms an imported meeting is right."""
    check_meeting_manage(actor)
    bump_version(meeting, expected_version)
    meeting.status = MeetingStatus.REVIEWED
    meeting.reviewed_by = actor
    meeting.reviewed_at = timezone.now()
    meeting.save()
    record_event(actor=actor, action="meetings.review", obj=meeting, summary=meeting.title[:120])
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Actor, meeting: Meeting, expected_version: int) -> None:
    check_meeting_manage(actor)
    bump_version(meeting, expected_version)
    record_event(actor=actor, action="meetings.delete", obj=meeting, summary=meeting.title[:120])
    meeting.delete()


@transaction.atomic
def task_create(
    *,
    actor: Actor,
    agreement: Agreement | None,
    title: str,
    due_date: date,
    countries: list[Country] | None = None,
    organizations: list[Organization] | None = None,
    subitem: AgreementSubitem | None = None,
    description: str = "",
) -> FollowUpTask:
    """Turn an agreement (or one of its sub-items) into a task with owners and a deadline."""
    check_meeting_manage(actor)
    if not (countries or organizations):
        raise ValidationError(
            {"owner_countries": _("Say who is responsible: at least one country or organization.")}
        )
    if subitem is not None and agreement is not None and subitem.agreement_id != agreement.pk:
        raise ValidationError({"subitem": _("The sub-item belongs to another agreement.")})
    task = FollowUpTask.objects.create(
        agreement=agreement,
        subitem=subitem,
        title=title[:300],
        description=description,
        due_date=due_date,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    task.owner_countries.set(countries or [])
    task.owner_organizations.set(organizations or [])
    record_event(
        actor=actor,
        action="meetings.task.create",
        obj=task,
        summary=f"{title[:120]} (due {due_date.isoformat()})",
    )
    return task


@transaction.atomic
def task_set_status(
    *,
    actor: Actor,
    task: FollowUpTask,
    status: str,
    expected_version: int,
    notes: str | None = None,
) -> FollowUpTask:
    check_task_update(actor, task)
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    bump_version(task, expected_version)
    task.status = status
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    if notes is not None:
        task.notes = notes
    task.save()
    record_event(
        actor=actor,
        action="meetings.task.status",
        obj=task,
        summary=f"{task.title[:120]}: {status}",
    )
    return task


TRAINING_EVALUATION_AFTER = timedelta(days=182)  # "within six months" (seed 001 #5)


@transaction.atomic
def coordination_record_create(
    *, actor: Actor, record: TrainingEvent | Campaign, save_related=None
) -> TrainingEvent | Campaign:
    """Save a new training or campaign. A liaison officer adds her own country's campaigns;
    a training without a follow-up evaluation date gets one six months after it ends."""
    check_coordination_record_create(actor)
    if (
        isinstance(record, Campaign)
        and actor.role == Role.LIAISON
        and record.country_id != actor.country_id
    ):
        raise ValidationError({"country": _("You may add campaigns of your own country.")})
    if isinstance(record, TrainingEvent) and not record.evaluation_due:
        record.evaluation_due = record.end_date + TRAINING_EVALUATION_AFTER
    record.save()
    if save_related is not None:
        save_related()
    record_event(
        actor=actor,
        action=f"meetings.{type(record).__name__.lower()}.create",
        obj=record,
        summary=str(record.title)[:120],
    )
    return record
