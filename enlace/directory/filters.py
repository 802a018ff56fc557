"""Filters of the directory's lists (pages, exports and API); they narrow the scoped
querysets of `selectors.contact_list` / `service_list`."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from enlace.core.filters import ANY, CountryFilter, FilterSet, FlagFilter
from enlace.core.models import Country

from .choices import NetworkRole, Population, ServiceKind
from .forms import language_choices
from .selectors import _json_list_contains, _search, _to_confirm


def _member_states():
    return Country.objects.filter(member_state=True)


class _DirectoryFilterSet(FilterSet):
    def filter_search(self, queryset, name, value):
        return _search(queryset, value)

    def filter_to_confirm(self, queryset, name, value):
        return queryset.filter(_to_confirm()) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(_json_list_contains("languages", value.lower()))

    def filter_json_list(self, queryset, name, value):
        return queryset.filter(_json_list_contains(name, value))


class ContactFilterSet(_DirectoryFilterSet):
    """The contact list page's filters."""

    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search", help_text=_("Name, institution or organization")
    )
    country = CountryFilter(label=_("Country"), queryset=_member_states())
    network_role = django_filters.ChoiceFilter(
        label=_("Network role"),
        choices=NetworkRole.choices,
        empty_label=ANY,
        field_name="network_roles",
        method="filter_json_list",
    )
    to_confirm = FlagFilter(label=_("Only those to confirm"), method="filter_to_confirm")


class ContactApiFilterSet(ContactFilterSet):
    """The API also filters contacts by any ISO 639-1 language code, and takes any
    country's code."""

    country = CountryFilter()
    language = django_filters.CharFilter(method="filter_language")


class ServiceFilterSet(_DirectoryFilterSet):
    """The referral directory page's filters (languages offered in a list)."""

    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search", help_text=_("Service, provider or city")
    )
    country = CountryFilter(label=_("Country"), queryset=_member_states())
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ServiceKind.choices, empty_label=ANY
    )
    population = django_filters.ChoiceFilter(
        label=_("Who is served"),
        choices=Population.choices,
        empty_label=ANY,
        field_name="populations",
        method="filter_json_list",
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, empty_label=ANY, method="filter_language"
    )
    to_confirm = FlagFilter(label=_("Only those to confirm"), method="filter_to_confirm")


class ServiceApiFilterSet(ServiceFilterSet):
    """The API takes any ISO 639-1 language code and any country's code."""

    country = CountryFilter()
    language = django_filters.CharFilter(method="filter_language")
