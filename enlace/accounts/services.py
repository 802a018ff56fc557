"""Writes about accounts: users, second factors and API tokens. Atomic and audited."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from enlace.audit.services import record_event

from .actors import Actor
from .models import User
from .permissions import check_token_manage, check_user_manage, check_user_scope

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "organization",
    "is_active",
    "preferred_language",
)


@transaction.atomic
def user_create(*, actor: Actor, password: str | None = None, **values) -> User:
    """Create a user in the actor's scope (national administrators: their country only)."""
    check_user_scope(actor, values["role"], values["organization"])
    user = User(**{key: value for key, value in values.items() if key in USER_FIELDS})
    user.full_clean(exclude=["password"])
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record_event(
        actor=actor,
        action="accounts.user_create",
        obj=user,
        owner_country=user.country_id,
        summary=f"{user.username} as {user.role}",
    )
    return user


@transaction.atomic
def user_update(*, actor: Actor, user: User, **values) -> User:
    check_user_manage(actor, user)
    check_user_scope(
        actor, values.get("role", user.role), values.get("organization", user.organization)
    )
    changed = []
    for key, value in values.items():
        if key in USER_FIELDS and getattr(user, key) != value:
            setattr(user, key, value)
            changed.append(key)
    user.full_clean(exclude=["password"])
    user.save()
    record_event(
        actor=actor,
        action="accounts.user_update",
        obj=user,
        owner_country=user.country_id,
        summary="changed: " + ", ".join(changed),
    )
    return user


@transaction.atomic
def user_reset_two_factor(*, actor: Actor, user: User) -> None:
    """Remove a user's authenticator (lost phone): she enrols a new one at next login."""
    check_user_manage(actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    record_event(
        actor=actor, action="accounts.two_factor_reset", obj=user, owner_country=user.country_id
    )


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, code: str) -> bool:
    """Confirm enrolment when the code from the new authenticator is right."""
    if device.user_id != user.pk or not device.verify_token(code.strip()):
        record_event(
            actor=user,
            action="auth.two_factor_failed",
            obj=user,
            summary="wrong code during enrolment",
        )
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    record_event(actor=user, action="auth.two_factor_enrolled", obj=user)
    return True


def token_create(
    *, actor: Actor | None, user: User, days: int | None = None
) -> tuple[AuthToken, str]:
    """A new API token for `user`; the key is returned once and only its digest is stored."""
    check_token_manage(actor, user)
    if not user.is_active:
        raise ValidationError(
            _("The account %(username)s is not active.") % {"username": user.username}
        )
    expiry = timedelta(days=days) if days else None
    with transaction.atomic():
        # Without `days` knox applies the configured TTL (REST_KNOX.TOKEN_TTL).
        extra = {"expiry": expiry} if expiry else {}
        token, key = AuthToken.objects.create(user=user, **extra)
        record_event(
            actor=actor or user,
            action="accounts.token_create",
            obj=user,
            summary=f"token {token.token_key} expires {token.expiry:%Y-%m-%d}",
        )
    return token, key


def token_revoke(*, actor: Actor | None, token_key: str, user: User | None = None) -> int:
    """Revoke tokens by their public prefix. Returns how many were revoked."""
    owner = user or actor
    check_token_manage(actor, owner)
    with transaction.atomic():
        tokens = AuthToken.objects.filter(user=owner, token_key=token_key)
        count = tokens.count()
        tokens.delete()
        if count:
            record_event(
                actor=actor or owner,
                action="accounts.token_revoke",
                obj=owner,
                summary=f"token {token_key}",
            )
    return count
