"""Reads of users and tokens, scoped to who manages whom."""

from __future__ import annotations

from django.db.models import QuerySet
from knox.models import AuthToken

from enlace.core.models import Organization

from .actors import Actor
from .choices import Role
from .models import User
from .permissions import NATIONALLY_ASSIGNED_ROLES


def mail_recipients(*roles: str, country: str | None = None) -> QuerySet[User]:
    """Active users of `roles` (of member state `country`, when given) who can be written to,
    in a stable order: who reminders and digests go to."""
    users = User.objects.filter(role__in=roles, is_active=True).exclude(email="")
    if country:
        users = users.filter(organization__country_id=country)
    return users.order_by("username")


def user_list(*, actor: Actor) -> QuerySet[User]:
    """Users the actor manages: all for the platform administrator, her country's users for a
    national administrator, nobody for anyone else."""
    users = User.objects.select_related("organization", "organization__country")
    if not getattr(actor, "is_authenticated", False):
        return users.none()
    if actor.role == Role.SYSADMIN:
        return users.order_by("username")
    if actor.role == Role.NATIONAL_ADMIN and actor.country_id:
        return users.filter(organization__country_id=actor.country_id).order_by("username")
    return users.none()


def organizations_manageable(*, actor: Actor) -> QuerySet[Organization]:
    if actor.role == Role.SYSADMIN:
        return Organization.objects.all()
    if actor.role == Role.NATIONAL_ADMIN and actor.country_id:
        return Organization.objects.filter(country_id=actor.country_id)
    return Organization.objects.none()


def roles_assignable(*, actor: Actor) -> list[Role]:
    if actor.role == Role.SYSADMIN:
        return list(Role)
    if actor.role == Role.NATIONAL_ADMIN:
        return list(NATIONALLY_ASSIGNED_ROLES)
    return []


def token_list(*, actor: Actor) -> QuerySet[AuthToken]:
    return AuthToken.objects.filter(user=actor).order_by("-created")
