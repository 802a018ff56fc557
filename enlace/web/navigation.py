"""The navigation registry: each capability adds its entries, so menus show only what exists
and what the user's role may open.

    register(NavItem("cases:case_list", _("Cases"), roles={Role.LIAISON}, order=10))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from enlace.accounts.choices import Role


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    roles: frozenset[str] = field(default_factory=frozenset)
    icon: str = "circle"
    order: int = 100


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: (entry.order, entry.url_name))


def items_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in _ITEMS if not item.roles or user.role in item.roles]


register(NavItem("web:home", _("Home"), icon="house", order=0))
register(NavItem("audit:event_list", _("Audit trail"), roles=frozenset({Role.AUDITOR}),
                 icon="journal-check", order=80))
register(NavItem("access:law_profile", _("Law profile"), roles=frozenset({Role.NATIONAL_ADMIN}),
                 icon="shield-lock", order=85))
register(NavItem("cases:case_list", _("Cases"),
                 roles=frozenset({Role.LIAISON, Role.SECRETARIAT, Role.OBSERVER}),
                 icon="folder2-open", order=10))
register(NavItem("cases:case_inbox", _("Shared with my country"),
                 roles=frozenset({Role.LIAISON}), icon="inbox", order=11))
register(NavItem("cases:case_import", _("Import cases"), roles=frozenset({Role.LIAISON}),
                 icon="upload", order=12))
register(NavItem("core:presidency", _("Presidency"), roles=frozenset({Role.SECRETARIAT}),
                 icon="flag", order=70))
register(NavItem("accounts:user_list", _("Users"),
                 roles=frozenset({Role.NATIONAL_ADMIN, Role.SYSADMIN}), icon="people",
                 order=90))
register(NavItem("web:job_list", _("Background jobs"), icon="hourglass-split", order=95))
register(NavItem("accounts:tokens", _("API tokens"), icon="key", order=97))
