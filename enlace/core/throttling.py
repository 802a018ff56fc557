"""API rate limiting: DRF's per-user and anonymous rates, except for the accounts listed in
`ENLACE_THROTTLE_EXEMPT_USERS` (empty unless set). Only the CI schema fuzzing run sets it,
for the demo user whose token it uses, so every operation is exercised without 429s; rate
limiting stays unchanged for everyone else."""

from __future__ import annotations

from django.conf import settings
from rest_framework import throttling


def is_exempt(request) -> bool:
    user = getattr(request, "user", None)
    exempt = getattr(settings, "ENLACE_THROTTLE_EXEMPT_USERS", ())
    return bool(
        exempt
        and user is not None
        and getattr(user, "is_authenticated", False)
        and user.get_username() in exempt
    )


class UserRateThrottle(throttling.UserRateThrottle):
    def allow_request(self, request, view):
        return is_exempt(request) or super().allow_request(request, view)


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous requests are never exempt; the class is here so both rates have one home."""
