"""Who may open which page or API route: every view declares it, one mixin and one DRF
permission enforce it, and the access-matrix test (tests/test_access_matrix.py) walks every
route and checks each declaration for every role.

    class CaseListView(RoleRequiredMixin, ListView):
        allowed_roles = frozenset({Role.LIAISON})

Public views set `public = True` instead. Which *records* a permitted user sees is decided
by the access policy (enlace.access.policy), never here."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from rest_framework.permissions import BasePermission

from .choices import Role

ALL_ROLES: frozenset[str] = frozenset(role.value for role in Role)
# Roles that work with member-state records (the access policy narrows what each sees).
CONTENT_ROLES: frozenset[str] = frozenset({Role.LIAISON, Role.SECRETARIAT, Role.OBSERVER})


def declared_roles(view) -> frozenset[str]:
    roles = getattr(view, "allowed_roles", None)
    if roles is None:
        raise ImproperlyConfigured(f"{type(view).__name__} must declare allowed_roles "
                                   "(or public = True)")
    return frozenset(roles)


def role_allowed(user, view) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and user.role in declared_roles(view))


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
