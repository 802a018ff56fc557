"""The two value types of the public API: an Identity to index or screen, and a Match."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from enlace.matching.reasons import Reason

__all__ = ["Identity", "Match"]


@dataclass(frozen=True, slots=True)
class Identity:
    """A person on the watchlist, or a traveller to screen.

    The name comes split (``given_names``, ``surnames``) or as one ``full_name``; split fields
    win when either is filled (names.py says how full names are read). ``birth_year`` is for
    lists that only know the year. ``nationalities`` are ISO 3166-1 alpha-2 codes, ``sex`` is
    "M", "F" or "". A document number may carry its issuing country as "MX:G12345678"; without
    it the nationalities stand in for the issuing country. ``aliases`` are other full names of
    the same person, indexed as extra names.
    """

    id: str
    given_names: str = ""
    surnames: str = ""
    full_name: str = ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    nationalities: tuple[str, ...] = ()
    sex: str = ""
    document_numbers: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A watchlist identity a traveller may be: score in [0, 1] and the reasons for it."""

    watchlist_id: str
    score: float
    reasons: tuple[Reason, ...]
