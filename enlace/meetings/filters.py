"""Filters of the meeting and follow-up task lists; they narrow the scoped querysets of
`selectors.meeting_list` / `task_list`."""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.core.filters import CountryFilter, FilterSet, FlagFilter

from .forms import member_states
from .models import MeetingKind, TaskStatus
from .selectors import OPEN_STATUSES

ALL = _("All")
NO_CHOICE = "---------"  # the dash line Django's own country fields showed here


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MeetingFilterSet(FilterSet):
    """`country`: the host country or a participant; `search`: title, city or the text of
    an agreement."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MeetingKind.choices, empty_label=ALL
    )
    year = YearFilter(
        label=_("Year"), field_name="start_date", lookup_expr="year", min_value=1990, max_value=2100
    )
    country = CountryFilter(
        label=_("Country"), queryset=member_states(), empty_label=NO_CHOICE, method="filter_country"
    )
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(country_id=value.iso2) | Q(participants__iso2=value.iso2)
        ).distinct()

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(city__icontains=value)
            | Q(agreements__text__icontains=value)
        ).distinct()


class TaskFilterSet(FilterSet):
    """`overdue`: still open and past the due date."""

    country = CountryFilter(
        label=_("Country"),
        queryset=member_states(),
        empty_label=NO_CHOICE,
        field_name="owner_countries",
        distinct=True,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, empty_label=ALL
    )
    overdue = FlagFilter(label=_("Overdue only"), method="filter_overdue")

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES, due_date__lt=date.today())
