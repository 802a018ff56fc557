"""Reporting periods: a year, a semester, a quarter or a month, written `2025`, `2025-S2`,
`2025-Q3`, `2025-07`.

A period is a closed range of months. Facts store the month of the date they count as one
integer (`year * 12 + month - 1`, the "month index"), so every period filter is one range test
on an indexed column, and a trend by quarter or semester is an integer division of it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

GRANULARITIES = ("year", "semester", "quarter", "month")
_PATTERN = re.compile(r"^(\d{4})(?:-(S[12]|Q[1-4]|\d{2}))?$")
MONTHS_IN = {"year": 12, "semester": 6, "quarter": 3, "month": 1}


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: months `first`..`last` (month indexes, inclusive)."""

    first: int
    last: int
    granularity: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2025`, `2025-S2`, `2025-Q3` or `2025-07`; ValueError otherwise."""
        match = _PATTERN.match((text or "").strip().upper())
        if not match:
            raise ValueError(_("A period is written 2025, 2025-S2, 2025-Q3 or 2025-07."))
        year, part = int(match.group(1)), match.group(2)
        if not 1900 <= year <= 2999:
            raise ValueError(_("The year of a period must be between 1900 and 2999."))
        start = year * 12
        if part is None:
            return cls(start, start + 11, "year")
        if part.startswith("S"):
            offset = (int(part[1]) - 1) * 6
            return cls(start + offset, start + offset + 5, "semester")
        if part.startswith("Q"):
            offset = (int(part[1]) - 1) * 3
            return cls(start + offset, start + offset + 2, "quarter")
        month = int(part)
        if not 1 <= month <= 12:
            raise ValueError(_("The month of a period must be between 01 and 12."))
        return cls(start + month - 1, start + month - 1, "month")

    @classmethod
    def of(cls, granularity: str, index: int) -> Period:
        """The period of `granularity` that contains month index `index`."""
        size = MONTHS_IN[granularity]
        year, month = divmod(index, 12)
        first = year * 12 + (month // size) * size
        return cls(first, first + size - 1, granularity)

    @property
    def year(self) -> int:
        return self.first // 12

    @property
    def code(self) -> str:
        month = self.first % 12
        if self.granularity == "year":
            return f"{self.year}"
        if self.granularity == "semester":
            return f"{self.year}-S{month // 6 + 1}"
        if self.granularity == "quarter":
            return f"{self.year}-Q{month // 3 + 1}"
        return f"{self.year}-{month + 1:02d}"

    def __str__(self) -> str:
        return self.code

    @property
    def start(self) -> date:
        return date(self.year, self.first % 12 + 1, 1)

    @property
    def end(self) -> date:
        year, month = divmod(self.last + 1, 12)
        return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)

    @property
    def months(self) -> frozenset[int]:
        return frozenset(range(self.first, self.last + 1))

    def contains(self, other: Period) -> bool:
        return self.first <= other.first and other.last <= self.last

    def previous(self) -> Period:
        """The period of the same length just before this one (for comparisons)."""
        size = self.last - self.first + 1
        return Period(self.first - size, self.first - 1, self.granularity)

    def buckets(self, granularity: str) -> list[Period]:
        """The periods of `granularity` that cover this one, in order."""
        result, index = [], self.first
        while index <= self.last:
            bucket = Period.of(granularity, index)
            result.append(bucket)
            index = bucket.last + 1
        return result


def parse_period(text: str) -> Period:
    return Period.parse(text)


def current_semester(today: date) -> Period:
    return Period.of("semester", month_index(today))
