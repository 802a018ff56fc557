"""Reads of regional statistics. Dashboard views go through `scope.statistics_scope`, which
decides whose figures count and how; data calls show a country only its own submission."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role

from .aggregates import View, latest_period, view_cached
from .choices import Scope
from .models import DataCall, DataCallSubmission, Release
from .periods import Period
from .permissions import DATA_CALL_ROLES
from .scope import statistics_scope

GRANULARITY_FOR = {"year": "month", "semester": "month", "quarter": "month", "month": "month"}


def dashboard_view(
    *,
    actor: Actor,
    period: Period | None = None,
    scope: str = Scope.REGION,
    case_type: str = "",
    granularity: str = "",
    indicators: list[str] | None = None,
) -> View | None:
    """The tables of the actor's dashboard, or None when she may not see regional figures.
    `scope` "own" (liaison officers) counts her country's cases only."""
    reach = statistics_scope(actor)
    if reach is None:
        return None
    own_only = scope == Scope.OWN and reach.own_country is not None
    if period is None:
        period = latest_period("year") or Period.parse("2000")
    return view_cached(
        scope=reach,
        period=period,
        own_only=own_only,
        case_type=case_type,
        granularity=granularity or GRANULARITY_FOR[period.granularity],
        indicators=indicators,
    )


def data_call_list(*, actor: Actor) -> QuerySet[DataCall]:
    if actor.role not in DATA_CALL_ROLES:
        return DataCall.objects.none()
    return DataCall.objects.select_related("opened_by").order_by("-deadline", "-id")


def data_call_get(*, actor: Actor, pk: int) -> DataCall:
    return get_object_or_404(data_call_list(actor=actor), pk=pk)


def own_submission(*, actor: Actor, call: DataCall) -> DataCallSubmission | None:
    if not actor.country_id:
        return None
    return call.submissions.filter(country_id=actor.country_id).first()


def submission_get(*, actor: Actor, call: DataCall, country: str) -> DataCallSubmission:
    """One country's answer: the Secretariat reads every country's, an officer her own."""
    if actor.role != Role.SECRETARIAT and actor.country_id != country:
        raise Http404
    return get_object_or_404(DataCallSubmission, call=call, country_id=country)


def release_list() -> QuerySet[Release]:
    return Release.objects.select_related("approved_by").order_by("-created_at", "-id")


def release_get(*, pk: int) -> Release:
    return get_object_or_404(Release.objects.prefetch_related("tables"), pk=pk)


def release_latest(period: str) -> Release | None:
    return (
        Release.objects.filter(period=period)
        .order_by("-version")
        .prefetch_related("tables")
        .first()
    )
