"""Writes of regional statistics: data calls, submissions, reminders and releases. Atomic and
audited; permissions are checked here, whatever the caller (page, API, command)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.audit.services import record_event
from enlace.core.models import MEMBER_STATES, Country

from . import disclosure
from .aggregates import default_k, view_compute
from .choices import DataCallStatus, ReminderKind, SubmissionChannel, SubmissionStatus
from .indicators import INDICATORS, RELEASE_INDICATORS, REQUESTABLE
from .models import DataCall, DataCallReminder, DataCallSubmission, Release, ReleaseTable
from .periods import Period
from .permissions import check_statistics_manage, check_submission_save
from .scope import regional_scope
from .submissions import CellError, tables_clean

RELEASE_TREND = {"year": "quarter", "semester": "month", "quarter": "month", "month": "month"}


class SubmissionInvalid(ValidationError):
    """A submission with errors by table, row and column; nothing was saved."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__([str(error) for error in errors])
        self.cell_errors = errors


# ---------------------------------------------------------------------------------------------
# Data calls
# ---------------------------------------------------------------------------------------------


def _clean_call(period: str, indicators: list[str], deadline: date) -> str:
    errors: dict[str, list[str]] = {}
    try:
        period = Period.parse(period).code
    except ValueError as exc:
        errors["period"] = [str(exc)]
    unknown = [code for code in indicators if code not in REQUESTABLE]
    if not indicators:
        errors["indicators"] = [_("Request at least one table.")]
    elif unknown:
        errors["indicators"] = [
            _("These tables cannot be requested: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    if deadline is None:
        errors["deadline"] = [_("Give a deadline.")]
    if errors:
        raise ValidationError(errors)
    return period


@transaction.atomic
def data_call_open(
    *,
    actor: Actor,
    title: str,
    period: str,
    indicators: list[str],
    deadline: date,
    description: str = "",
    remind_days_before: int = 7,
    remind_every_days: int = 7,
) -> DataCall:
    """The Secretariat asks every member state for aggregate tables of `period`."""
    check_statistics_manage(actor)
    period = _clean_call(period, indicators, deadline)
    if not title.strip():
        raise ValidationError({"title": [_("Give the call a title.")]})
    call = DataCall.objects.create(
        title=title.strip(),
        description=description,
        period=period,
        indicators=[code for code in REQUESTABLE if code in indicators],
        deadline=deadline,
        remind_days_before=remind_days_before,
        remind_every_days=max(1, remind_every_days),
        opened_by=actor,
    )
    record_event(
        actor=actor,
        action="statistics.data_call_open",
        obj=call,
        summary=f"{call.title} ({call.period}, deadline {call.deadline})",
    )
    return call


@transaction.atomic
def data_call_close(*, actor: Actor, call: DataCall) -> DataCall:
    """No more submissions; what was submitted keeps counting."""
    check_statistics_manage(actor)
    if call.status != DataCallStatus.CLOSED:
        call.status = DataCallStatus.CLOSED
        call.closed_at = timezone.now()
        call.save(update_fields=["status", "closed_at"])
        record_event(actor=actor, action="statistics.data_call_close", obj=call, summary=call.title)
    return call


@transaction.atomic
def submission_save(
    *, actor: Actor, call: DataCall, tables: Any, channel: str, note: str = ""
) -> DataCallSubmission:
    """A liaison officer answers a call for her country. All tables are checked first
    (SubmissionInvalid lists every problem); a new answer replaces the previous one."""
    check_submission_save(actor)
    if call.status != DataCallStatus.OPEN:
        raise ValidationError(_("This data call is closed."))
    if channel not in SubmissionChannel.values:
        raise ValueError(channel)
    clean, errors = tables_clean(list(call.indicators), tables)
    if errors:
        raise SubmissionInvalid(errors)
    submission = (
        DataCallSubmission.objects.select_for_update()
        .filter(call=call, country_id=actor.country_id)
        .first()
    )
    now = timezone.now()
    if submission is None:
        submission = DataCallSubmission(call=call, country_id=actor.country_id, version=1)
    else:
        submission.version += 1
    submission.tables = clean
    submission.note = note
    submission.channel = channel
    submission.submitted_by = actor
    submission.submitted_at = now
    submission.save()
    late = timezone.localdate(now) > call.deadline
    record_event(
        actor=actor,
        action="statistics.submission_save",
        obj=submission,
        owner_country=actor.country_id,
        summary=f"{call.title}: version {submission.version} by {channel}"
        f"{' (late)' if late else ''}",
    )
    return submission


def submission_status(
    call: DataCall, submission: DataCallSubmission | None, today: date | None = None
) -> str:
    today = today or timezone.localdate()
    if submission is not None:
        submitted_on = timezone.localdate(submission.submitted_at)
        return SubmissionStatus.ON_TIME if submitted_on <= call.deadline else SubmissionStatus.LATE
    return SubmissionStatus.MISSING if today > call.deadline else SubmissionStatus.PENDING


@dataclass(frozen=True)
class CountryStanding:
    country: Country
    status: str
    submission: DataCallSubmission | None

    @property
    def status_label(self) -> str:
        return SubmissionStatus(self.status).label


def data_call_standings(call: DataCall, today: date | None = None) -> list[CountryStanding]:
    """Every member state's status in the call: on time, late, pending or missing."""
    submissions = {
        item.country_id: item for item in call.submissions.select_related("submitted_by")
    }
    return [
        CountryStanding(
            country,
            submission_status(call, submissions.get(country.iso2), today),
            submissions.get(country.iso2),
        )
        for country in Country.objects.filter(member_state=True).order_by("iso2")
    ]


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return getattr(settings, "ENLACE_BASE_URL", "").rstrip("/") + path


def _render(template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject (first line) and body of a message template, in `language`."""
    with translation.override(language):
        text = render_to_string(template, context).strip()
    subject, _separator, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def _language_of(users) -> str:
    counts = Counter(
        user.preferred_language for user in users if user.preferred_language in {"es", "en"}
    )
    default = settings.LANGUAGE_CODE[:2]
    if not counts or counts.get(default) == max(counts.values()):
        return default
    return counts.most_common(1)[0][0]


def _reminded_since(call: DataCall, country_id: str | None, kind: str, since: date) -> bool:
    return DataCallReminder.objects.filter(
        call=call, country_id=country_id, kind=kind, sent_on__gte=since
    ).exists()


def reminders_send(today: date | None = None) -> int:
    """E-mail the liaison officers of countries that have not answered an open call: once when
    the deadline is `remind_days_before` days away or less, and every `remind_every_days` days
    after it has passed, with a digest of missing countries to the Secretariat. Returns how
    many messages were sent; safe to run daily (what was sent is remembered)."""
    from enlace.accounts.selectors import mail_recipients

    day = today or timezone.localdate()
    messages: list[EmailMessage] = []
    sent_records: list[DataCallReminder] = []
    for call in DataCall.objects.filter(status=DataCallStatus.OPEN).order_by("deadline"):
        answered = set(call.submissions.values_list("country_id", flat=True))
        waiting = [iso2 for iso2 in sorted(MEMBER_STATES) if iso2 not in answered]
        days_left = (call.deadline - day).days
        if 0 <= days_left <= call.remind_days_before:
            kind, since = ReminderKind.BEFORE, date.min
        elif days_left < 0:
            kind, since = ReminderKind.OVERDUE, day - timedelta(days=call.remind_every_days - 1)
        else:
            continue
        url = _absolute(reverse("statistics:data_call_detail", args=[call.pk]))
        due = [iso2 for iso2 in waiting if not _reminded_since(call, iso2, kind, since)]
        for iso2 in due:
            officers = list(mail_recipients(Role.LIAISON, country=iso2))
            if officers:
                subject, body = _render(
                    "statistics/email/data_call_reminder.txt",
                    _language_of(officers),
                    {
                        "call": call,
                        "days_left": days_left,
                        "overdue": -days_left,
                        "url": url,
                        "kind": kind,
                    },
                )
                messages.append(EmailMessage(subject, body, to=[user.email for user in officers]))
            sent_records.append(
                DataCallReminder(
                    call=call, country_id=iso2, kind=kind, sent_on=day, recipients=len(officers)
                )
            )
        if (
            kind == ReminderKind.OVERDUE
            and waiting
            and not _reminded_since(call, None, kind, since)
        ):
            secretariat = list(mail_recipients(Role.SECRETARIAT))
            if secretariat:
                missing = list(Country.objects.filter(iso2__in=waiting).order_by("iso2"))
                subject, body = _render(
                    "statistics/email/data_call_digest.txt",
                    _language_of(secretariat),
                    {"call": call, "missing": missing, "url": url, "overdue": -days_left},
                )
                messages.append(
                    EmailMessage(subject, body, to=[user.email for user in secretariat])
                )
            sent_records.append(
                DataCallReminder(
                    call=call, country=None, kind=kind, sent_on=day, recipients=len(secretariat)
                )
            )
    sent = get_connection().send_messages(messages) if messages else 0
    if sent_records:
        DataCallReminder.objects.bulk_create(sent_records)
        record_event(
            actor=None,
            action="statistics.reminders_send",
            username="system",
            summary=f"{sent} messages for {len(sent_records)} reminders on {day.isoformat()}",
        )
    return sent or 0


# ---------------------------------------------------------------------------------------------
# Releases
# ---------------------------------------------------------------------------------------------


def release_compute(*, period: Period, k: int, rounding: int | None = None):
    """The protected regional tables of a release (nothing stored). Reads the aggregate store
    and the submissions only: the tables contain nothing the release does not publish."""
    view = view_compute(
        scope=regional_scope(),
        period=period,
        granularity=RELEASE_TREND[period.granularity],
        indicators=list(RELEASE_INDICATORS),
        k=k,
        rounding=rounding,
    )
    protected = [table.protected for table in view.tables.values() if table.protected]
    recoverable = disclosure.release_recoverable_cells(protected)
    if any(recoverable.values()):
        raise disclosure.DisclosureError(
            "a suppressed cell could be derived: "
            + ", ".join(name for name, cells in recoverable.items() if cells)
        )
    return view


@transaction.atomic
def release_publish(
    *,
    actor: Actor,
    period: str,
    k: int | None = None,
    rounding: int | None = None,
    note: str = "",
    approved_by_name: str = "",
) -> Release:
    """Publish a new version of the regional tables of `period`, approved by the Secretariat
    (a person, or the operator of `enlace stats publish` named in `approved_by_name`). The
    aggregate store should be synced first (facts.facts_sync): this reads it, never cases."""
    if actor is not None:
        check_statistics_manage(actor)
    elif not approved_by_name:
        raise PermissionDenied
    parsed = Period.parse(period)
    k = k or default_k()
    if k < 2:
        raise ValidationError({"k": [_("The threshold k must be at least 2.")]})
    if rounding is not None and rounding < 2:
        rounding = None
    view = release_compute(period=parsed, k=k, rounding=rounding)
    # a concurrent publication of the same period fails on the (period, version) constraint
    last = Release.objects.filter(period=parsed.code).aggregate(last=Max("version"))["last"] or 0
    tables = [table for table in view.tables.values() if not table.is_empty]
    release = Release.objects.create(
        period=parsed.code,
        version=last + 1,
        k=k,
        rounding=rounding,
        approved_by=actor,
        note=note,
        approved_by_name=(actor.get_full_name() or actor.get_username())
        if actor
        else approved_by_name,
        definitions=[INDICATORS[table.code].as_definition() for table in tables],
        sources={
            "case_countries": view.case_countries,
            "submitted": view.submitted,
            "submitted_tables": {
                table.code: table.submitted_by for table in tables if table.submitted_by
            },
            "trend_granularity": view.granularity,
        },
        suppressed_cells=sum(len(table.suppressed) for table in tables),
    )
    ReleaseTable.objects.bulk_create(
        [
            ReleaseTable(
                release=release,
                position=position,
                indicator=table.code,
                name_es=table.indicator.name_es,
                name_en=table.indicator.name_en,
                unit=str(table.indicator.unit),
                row_var=table.indicator.row,
                col_var=table.indicator.col,
                rows=table.rows,
                cols=table.cols,
                cells=[[row, col, value] for (row, col), value in table.values.items()],
                counts=table.protected.counts if table.protected else {},
            )
            for position, table in enumerate(tables)
        ]
    )
    record_event(
        actor=actor,
        action="statistics.release_publish",
        obj=release,
        username="" if actor else f"cli:{approved_by_name}"[:150],
        summary=f"{release} k={k} rounding={rounding or '-'}; "
        f"{release.suppressed_cells} cells suppressed",
    )
    return release
