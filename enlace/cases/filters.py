"""Filters of the case list (page and API); they narrow `selectors.case_list`'s scoped
queryset. `search` looks in non-sensitive text only, never in persons' identities."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.core.filters import ANY, CountryFilter, FilterSet, date_widget, vocabulary_choices
from enlace.core.models import Country

from .choices import CaseType, RecordStatus


class CaseFilterSet(FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Reference, agency, summary or modus operandi"),
    )
    case_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=CaseType.choices, empty_label=ANY
    )
    owner_country = CountryFilter(
        label=_("Owner country"), queryset=Country.objects.filter(member_state=True)
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RecordStatus.choices, empty_label=ANY
    )
    date_from = django_filters.DateFilter(
        label=_("Identified from"),
        field_name="date_identified",
        lookup_expr="gte",
        widget=date_widget(),
    )
    date_to = django_filters.DateFilter(
        label=_("Identified until"),
        field_name="date_identified",
        lookup_expr="lte",
        widget=date_widget(),
    )
    exploitation_type = django_filters.ChoiceFilter(
        label=_("Exploitation"),
        choices=vocabulary_choices("exploitation_type"),
        empty_label=ANY,
        method="filter_exploitation_type",
    )
    nationality = CountryFilter(label=_("Nationality"), method="filter_nationality")
    route_country = CountryFilter(label=_("Country on the route"), method="filter_route_country")
    document_nature = django_filters.ChoiceFilter(
        label=_("Document nature"),
        choices=vocabulary_choices("document_nature"),
        empty_label=ANY,
        field_name="documents_used__nature",
        distinct=True,
    )

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(reporting_agency__icontains=value)
            | Q(summary__icontains=value)
            | Q(modus_operandi_narrative__icontains=value)
        )

    def filter_exploitation_type(self, queryset, name, value: str):
        # JSON lists are matched on their serialised form so SQLite and PostgreSQL agree.
        return queryset.filter(exploitation_types__icontains=f'"{value}"')

    def filter_nationality(self, queryset, name, value):
        return queryset.filter(persons__nationalities__icontains=f'"{value.iso2}"').distinct()

    def filter_route_country(self, queryset, name, value):
        return queryset.filter(
            Q(route__from_country_id=value.iso2) | Q(route__to_country_id=value.iso2)
        ).distinct()
