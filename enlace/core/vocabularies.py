"""Controlled vocabularies at run time: the codes a coded field accepts."""

from __future__ import annotations

from functools import lru_cache

from .models import Country, VocabularyTerm


@lru_cache(maxsize=128)
def vocabulary_codes(vocabulary: str) -> frozenset[str]:
    return frozenset(
        VocabularyTerm.objects.filter(vocabulary=vocabulary, active=True).values_list(
            "code", flat=True
        )
    )


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(Country.objects.values_list("iso2", flat=True))


def clear_caches() -> None:
    vocabulary_codes.cache_clear()
    country_codes.cache_clear()


def warm_caches() -> None:
    """Load every vocabulary and the country list now, e.g. before forking workers that must
    validate without touching the database."""
    for vocabulary in (
        VocabularyTerm.objects.order_by().values_list("vocabulary", flat=True).distinct()
    ):
        vocabulary_codes(vocabulary)
    country_codes()
