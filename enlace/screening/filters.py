"""Filters of the watchlist, screening and hit lists (pages, exports and API); they narrow
the scoped querysets of `selectors`. Names are never searched in SQL: `document` finds an
exact document number through its blind index."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enlace.core.crypto import blind_index
from enlace.core.filters import ANY, CountryFilter, FilterSet
from enlace.core.models import Country

from .choices import Category, Decision, ScreeningKind
from .models import WatchlistDocument
from .selectors import review_due_filter

ENTRY_STATUSES = [
    ("active", _("Valid")),
    ("expired", _("Expired")),
    ("review", _("Due for review")),
]


class EntryFilterSet(FilterSet):
    """`status`: active (valid today), expired, or review (due for review)."""

    reference = django_filters.CharFilter(label=_("Reference"), method="filter_reference")
    document = django_filters.CharFilter(
        label=_("Document number (exact)"), method="filter_document"
    )
    owner_country = CountryFilter(
        label=_("Owner country"), queryset=Country.objects.filter(member_state=True)
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, empty_label=ANY
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ENTRY_STATUSES, empty_label=ANY, method="filter_status"
    )

    def filter_reference(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(reference__icontains=value) if value else queryset

    def filter_document(self, queryset, name, value):
        number = blind_index(value, purpose="document")
        return queryset.filter(
            Exists(WatchlistDocument.objects.filter(entry=OuterRef("pk"), number_index=number))
        )

    def filter_status(self, queryset, name, value):
        day = timezone.localdate()
        if value == "active":
            return queryset.filter(valid_until__gte=day)
        if value == "expired":
            return queryset.filter(valid_until__lt=day)
        return queryset.filter(review_due_filter(day))


class ScreeningFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ScreeningKind.choices, empty_label=ANY
    )


class HitFilterSet(FilterSet):
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=Decision.choices, empty_label=ANY
    )
