"""What every app's `filters.py` builds on: django-filter FilterSets that narrow a scoped
queryset (from a selector, so through the access policy) and never widen it.

- Pages: `FilterSet(request.GET or None, queryset=...)`; render `.form`, list `.page_qs`
  (an invalid form shows its errors and narrows nothing, as the hand-written forms did).
- API: the viewset declares `filterset_class`; `api_filter(view, queryset)` runs
  `DjangoFilterBackend`, so an invalid value is a 400 in `core.rest`'s error shape.
- Selectors that take filter keywords apply the same FilterSet (`narrow`), so each filter
  has one implementation.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Country, VocabularyTerm

ANY = _("Any")


class CountryChoiceField(forms.ModelChoiceField):
    """A country by its ISO 3166-1 alpha-2 code, in either case ("cr" is CR)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.STR)  # an ISO code, whatever the filter method does with it
class CountryFilter(django_filters.ModelChoiceFilter):
    """A country given by its code; all countries unless `queryset` narrows them."""

    field_class = CountryChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("to_field_name", "iso2")
        kwargs.setdefault("empty_label", ANY)
        super().__init__(*args, **kwargs)


class FlagField(forms.BooleanField):
    """A yes/no switch as pages (a checkbox sends "on") and API clients ("1", "true", "yes")
    send it; anything else is no."""

    def to_python(self, value):
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return bool(value)


@extend_schema_field(OpenApiTypes.BOOL)
class FlagFilter(django_filters.Filter):
    """A yes/no filter; its `method` gets True or False (False must narrow nothing)."""

    field_class = FlagField


def vocabulary_choices(vocabulary: str):
    """Choices of a controlled vocabulary, read when a form is built (labels follow the
    active language)."""

    def choices():
        return [
            (term.code, term.label_in_language)
            for term in VocabularyTerm.objects.filter(vocabulary=vocabulary)
        ]

    return choices


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class FilterSet(django_filters.FilterSet):
    """Base of the project's FilterSets."""

    @property
    def page_qs(self) -> QuerySet:
        """For a page: the narrowed queryset, or the whole scoped one while the form is
        invalid (its errors are shown next to the fields)."""
        return self.qs if not self.is_bound or self.is_valid() else self.queryset.all()

    def cleaned(self) -> dict[str, Any]:
        """The valid values that narrow something (for exports and links that repeat them)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            key: value
            for key, value in self.form.cleaned_data.items()
            if value not in (None, "", [], ())
        }


def narrow(filterset_class: type[FilterSet], queryset: QuerySet, criteria: dict) -> QuerySet:
    """A selector's keyword filters through the app's FilterSet. Empty values narrow
    nothing; a value the FilterSet refuses is a ValidationError (callers are code, so a
    wrong value is a bug to report, not a filter to drop silently)."""
    data = {key: value for key, value in criteria.items() if value not in (None, "")}
    if not data:
        return queryset
    unknown = set(data) - set(filterset_class.base_filters)
    if unknown:
        raise TypeError(f"unknown filters: {', '.join(sorted(unknown))}")
    filterset = filterset_class(data, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.form.errors.as_data())
    return filterset.qs


def api_filter(view, queryset: QuerySet) -> QuerySet:
    """Narrow a viewset's scoped queryset with its `filterset_class` (DjangoFilterBackend:
    an invalid value raises a DRF ValidationError, answered 400)."""
    return DjangoFilterBackend().filter_queryset(view.request, queryset, view)
