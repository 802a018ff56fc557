"""Filters of the audit trail (page, CSV export and API); they narrow
`selectors.event_list`'s auditor-scoped queryset."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from enlace.core.filters import FilterSet, date_widget

from .models import Event


class EventFilterSet(FilterSet):
    """The page's filters: `action` is a prefix ("cases." for every case action), `username`
    in any case."""

    action = django_filters.CharFilter(label=_("Action"), lookup_expr="startswith")
    username = django_filters.CharFilter(
        label=_("User"), field_name="actor_username", lookup_expr="iexact"
    )
    object_type = django_filters.CharFilter(label=_("Object type"))
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="created_at", lookup_expr="date__gte", widget=date_widget()
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="created_at", lookup_expr="date__lte", widget=date_widget()
    )


class EventApiFilterSet(FilterSet):
    """The API's filters: exact action, object type and actor's country."""

    class Meta:
        model = Event
        fields = ["action", "object_type", "country"]
