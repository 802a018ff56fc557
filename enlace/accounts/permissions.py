"""Who may open which page or API route: every view declares it, one mixin and one DRF
permission enforce it, and the access-matrix test (tests/test_access_matrix.py) walks every
route and checks each declaration for every role.

    class CaseListView(RoleRequiredMixin, ListView):
        allowed_roles = CASE_READERS  # a role set of cases/permissions.py

Public views set `public = True` instead. Which *records* a permitted user sees is decided
by the access policy (enlace.access.policy), never here.

Each app's `permissions.py` holds its role sets and its `check_<what>(actor, ...)` functions,
which raise PermissionDenied unless the actor may (403 on a page, the API's error shape).
A page that only wants to know (show a button or not) asks `allows(check_<what>, actor, ...)`.
This module holds the sets every app uses and the checks of accounts: users and tokens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from rest_framework.permissions import BasePermission

from .actors import Actor
from .choices import Role

if TYPE_CHECKING:
    from enlace.core.models import Organization

    from .models import User

ALL_ROLES: frozenset[str] = frozenset(role.value for role in Role)
# Roles that work with member-state records (the access policy narrows what each sees).
CONTENT_ROLES: frozenset[str] = frozenset({Role.LIAISON, Role.SECRETARIAT, Role.OBSERVER})
USER_MANAGER_ROLES: frozenset[str] = frozenset({Role.SYSADMIN, Role.NATIONAL_ADMIN})
# The roles a national administrator gives her country's users (the platform administrator
# gives any), in the order the user form offers them.
NATIONALLY_ASSIGNED_ROLES: tuple[Role, ...] = (Role.LIAISON, Role.NATIONAL_ADMIN, Role.AUDITOR)


def allows(check: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Whether `check(*args, **kwargs)` lets the actor through (pages showing a button)."""
    try:
        check(*args, **kwargs)
    except PermissionDenied:
        return False
    return True


def is_active_actor(actor: Actor | None) -> bool:
    """Logged in (or a command's CountryActor) and not deactivated."""
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def check_user_manage(actor: Actor, user: User) -> None:
    """National administrators manage their country's users, the platform administrator all."""
    from .selectors import user_list  # selectors read this module's role sets

    if not user_list(actor=actor).filter(pk=user.pk).exists():
        raise PermissionDenied


def check_user_scope(actor: Actor, role: str, organization: Organization) -> None:
    """The role and organization a user is given must be in the actor's scope."""
    from .selectors import organizations_manageable, roles_assignable

    if Role(role) not in roles_assignable(actor=actor):
        raise PermissionDenied
    if not organizations_manageable(actor=actor).filter(pk=organization.pk).exists():
        raise PermissionDenied


def check_token_manage(actor: Actor | None, owner: User) -> None:
    """Tokens are their owner's; the platform administrator manages everyone's, and a command
    without a user (actor None) acts as the operator."""
    if actor is not None and actor != owner and getattr(actor, "role", None) != Role.SYSADMIN:
        raise PermissionDenied


def declared_roles(view) -> frozenset[str]:
    roles = getattr(view, "allowed_roles", None)
    if roles is None:
        raise ImproperlyConfigured(
            f"{type(view).__name__} must declare allowed_roles (or public = True)"
        )
    return frozenset(roles)


def role_allowed(user, view) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in declared_roles(view)
    )


class RoleRequiredMixin(LoginRequiredMixin):
    """Pages: anonymous visitors go to the login page; other roles get 403."""

    allowed_roles: frozenset[str] | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not role_allowed(request.user, self):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HasAllowedRole(BasePermission):
    """API: the default permission of every route; reads the view's `allowed_roles`."""

    def has_permission(self, request, view) -> bool:
        if getattr(view, "public", False):
            return True
        return role_allowed(request.user, view)
