"""Reads of meetings and follow-up tasks. Meetings are the network's internal record: liaison
officers, national administrators, the ST and observers read them; civil society does not."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.accounts.permissions import allows
from enlace.core.filters import narrow

from .models import FollowUpTask, Meeting, TaskStatus
from .permissions import check_meeting_read

OPEN_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


def _reads(actor: Actor) -> bool:
    return allows(check_meeting_read, actor)


def meeting_list(*, actor: Actor, **criteria) -> QuerySet[Meeting]:
    """Meetings the actor may read (drafts are the ST's until reviewed), newest first,
    narrowed by `filters.MeetingFilterSet`'s keywords (kind, year, country, search)."""
    from .filters import MeetingFilterSet

    if not _reads(actor):
        return Meeting.objects.none()
    meetings = Meeting.objects.select_related("country").annotate(
        agreement_count=Count("agreements", distinct=True)
    )
    if actor.role != Role.SECRETARIAT:  # drafts are the ST's until reviewed
        meetings = meetings.filter(status="reviewed")
    return narrow(MeetingFilterSet, meetings.distinct().order_by("-start_date", "-id"), criteria)


def meeting_get(*, actor: Actor, pk: int) -> Meeting:
    meeting = meeting_list(actor=actor).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def task_list(*, actor: Actor, **criteria) -> QuerySet[FollowUpTask]:
    """Follow-up tasks the actor may read, narrowed by `filters.TaskFilterSet`'s keywords
    (country, status, overdue)."""
    from .filters import TaskFilterSet

    if not _reads(actor):
        return FollowUpTask.objects.none()
    tasks = FollowUpTask.objects.select_related("agreement__meeting", "subitem").prefetch_related(
        "owner_countries", "owner_organizations"
    )
    return narrow(TaskFilterSet, tasks.distinct(), criteria)


def task_get(*, actor: Actor, pk: int) -> FollowUpTask:
    task = task_list(actor=actor).filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def tasks_of(
    user, *, within_days: int | None = None, today: date | None = None
) -> QuerySet[FollowUpTask]:
    """Open tasks assigned to the user's country or organization (the ST: all open tasks),
    optionally only those due within `within_days` (overdue ones included)."""
    if not _reads(user):
        return FollowUpTask.objects.none()
    today = today or date.today()
    tasks = FollowUpTask.objects.filter(status__in=OPEN_STATUSES)
    if user.role != Role.SECRETARIAT:
        tasks = tasks.filter(
            Q(owner_countries__iso2=user.country_id) | Q(owner_organizations=user.organization_id)
        )
    if within_days is not None:
        tasks = tasks.filter(due_date__lte=today + timedelta(days=within_days))
    return (
        tasks.select_related("agreement__meeting")
        .prefetch_related("owner_countries")
        .distinct()
        .order_by("due_date", "id")
    )


def overdue_by_country(*, today: date | None = None) -> list[dict]:
    """Open tasks past their due date, counted per responsible country."""
    today = today or date.today()
    rows = (
        FollowUpTask.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .values("owner_countries__iso2", "owner_countries__name_es", "owner_countries__name_en")
        .annotate(count=Count("id"))
        .order_by("-count", "owner_countries__iso2")
    )
    return [row for row in rows if row["owner_countries__iso2"]]
