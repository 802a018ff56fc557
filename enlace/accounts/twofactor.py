"""Two-factor (TOTP) rules. Required for every role; only demo mode may switch it off, and
production settings force it on (see accounts.checks)."""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_enforced() -> bool:
    return bool(settings.ENLACE_REQUIRE_2FA or not settings.ENLACE_DEMO)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor_required(user) -> bool:
    """Whether this user must present a code: always when enforced, and in demo mode for
    users who enrolled anyway."""
    return two_factor_enforced() or confirmed_device(user) is not None
