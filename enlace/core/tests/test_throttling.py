"""Rate limiting stays for everyone; only the accounts `ENLACE_THROTTLE_EXEMPT_USERS` lists
(the CI schema fuzzing run's demo user) pass without limit."""

from __future__ import annotations

import pytest
from knox.models import AuthToken

from enlace.core.throttling import AnonRateThrottle, UserRateThrottle


@pytest.fixture
def two_a_minute(monkeypatch):
    rates = {"user": "2/minute", "anon": "2/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)


def _answers(client, user, times: int) -> list[int]:
    _token, key = AuthToken.objects.create(user)
    return [
        client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}").status_code
        for _ in range(times)
    ]


def test_a_user_not_listed_is_throttled(users, client, settings, two_a_minute):
    settings.ENLACE_THROTTLE_EXEMPT_USERS = frozenset({"someone-else"})
    assert _answers(client, users["cr_liaison"], 4) == [200, 200, 429, 429]


def test_a_listed_user_is_not_throttled(users, client, settings, two_a_minute):
    settings.ENLACE_THROTTLE_EXEMPT_USERS = frozenset({users["cr_liaison"].get_username()})
    assert _answers(client, users["cr_liaison"], 6) == [200] * 6
    assert _answers(client, users["mx_liaison"], 3) == [200, 200, 429]


def test_anonymous_requests_are_never_exempt(client, settings, two_a_minute):
    settings.ENLACE_THROTTLE_EXEMPT_USERS = frozenset({""})
    assert [client.get("/api/v1/statistics/indicators/").status_code for _ in range(3)][-1] == 429
