"""Period syntax and arithmetic: every filter and trend bucket depends on it."""

from datetime import date

import pytest

from enlace.statistics.periods import Period, current_semester, month_index


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("2025-S2", date(2025, 7, 1), date(2025, 12, 31), "semester"),
        ("2025-q3", date(2025, 7, 1), date(2025, 9, 30), "quarter"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ],
)
def test_parse(text, start, end, granularity):
    period = Period.parse(text)
    assert (period.start, period.end, period.granularity) == (start, end, granularity)
    assert Period.parse(period.code) == period
    assert period.first == month_index(start) and period.last == month_index(end)


@pytest.mark.parametrize(
    "text", ["", "25", "2025-S3", "2025-Q5", "2025-13", "2025-00", "2025/07", "1800"]
)
def test_parse_refuses(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_buckets_previous_and_containment():
    year = Period.parse("2025")
    assert [p.code for p in year.buckets("quarter")] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert [p.code for p in Period.parse("2025-S2").buckets("month")][:2] == ["2025-07", "2025-08"]
    assert Period.parse("2025-S1").previous().code == "2024-S2"
    assert Period.parse("2025-01").previous().code == "2024-12"
    assert year.contains(Period.parse("2025-Q3")) and not Period.parse("2025-Q3").contains(year)
    assert Period.of("semester", month_index(date(2025, 8, 1))).code == "2025-S2"
    assert current_semester(date(2026, 2, 3)).code == "2026-S1"
