"""The property every FilterSet must keep: over a scoped queryset, the filtered result is a
subset of it, in its order, without repeats, and equals a plain-Python filter of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

# Examples share one database population, built by a function-scoped fixture.
FILTER_PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_filterset(
    filterset_class, scoped, params: dict[str, Any], keep: Callable[[Any, dict[str, Any]], bool]
) -> list:
    """`keep(record, cleaned)` is the plain-Python meaning of the filters (`cleaned`: the
    FilterSet form's cleaned data, empty values meaning "any")."""
    filterset = filterset_class(params, queryset=scoped)
    assert filterset.is_valid(), filterset.errors
    cleaned = {
        key: value
        for key, value in filterset.form.cleaned_data.items()
        if value not in (None, "", [], ())
    }
    everything = list(scoped)
    got = [record.pk for record in filterset.qs]
    assert len(got) == len(set(got)), "a record is listed twice"
    assert set(got) <= {record.pk for record in everything}, "filters widened the scope"
    expected = [record.pk for record in everything if keep(record, cleaned)]
    assert got == expected, (params, got, expected)
    return got


def contains(text: str | None, needle: str) -> bool:
    """`icontains` for the ASCII needles the tests draw (SQLite folds ASCII only)."""
    return needle.lower() in (text or "").lower()
