"""The navigation registry: each capability adds its entries, so menus show only what exists
and what the user's role may open.

    register(NavItem("cases:case_list", _("Cases"), order=10, section="cases"))

An entry's roles are those of the view its URL name resolves to (`allowed_roles`, or every
role for a public view), so a menu never offers a page that answers 403 nor hides one a role
may open. An entry the roles of another page reach from there names it in `reached_from`
(the published releases are linked from the statistics dashboard) and is shown to the other
roles only.

Entries of one section share a drop-down menu in the bar (`menu_for`); a section with one
entry for the user shows it directly. Flat, a liaison officer's eighteen entries needed more
than 1,440 pixels and pushed the language and log-out buttons off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from enlace.accounts.permissions import ALL_ROLES, declared_roles


@cache
def view_roles(url_name: str) -> frozenset[str]:
    """The roles the view behind `url_name` admits (every role for a public view)."""
    callback = resolve(reverse(url_name)).func
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    if getattr(view, "public", False):
        return ALL_ROLES
    return declared_roles(view)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    icon: str = "circle"
    order: int = 100
    section: str = ""  # a key of SECTIONS, or "" for an entry of its own in the bar
    reached_from: str = ""  # URL name of a page that links here: its roles need no entry

    @property
    def roles(self) -> frozenset[str]:
        roles = view_roles(self.url_name)
        if self.reached_from:
            roles -= view_roles(self.reached_from)
        return roles


@dataclass(frozen=True)
class NavSection:
    label: str
    icon: str


SECTIONS = {
    "cases": NavSection(_("Cases"), "folder2-open"),
    "screening": NavSection(_("Screening"), "person-check"),
    "statistics": NavSection(_("Statistics"), "bar-chart-line"),
    "network": NavSection(_("Network"), "diagram-3"),
    "admin": NavSection(_("Administration"), "gear"),
}


@dataclass
class MenuEntry:
    """One entry of the bar: a link (one item) or a drop-down menu (several)."""

    label: str
    icon: str
    items: list[NavItem]

    @property
    def url_names(self) -> set[str]:
        return {item.url_name for item in self.items}


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: (entry.order, entry.url_name))


def items_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in _ITEMS if user.role in item.roles]


def menu_for(user) -> list[MenuEntry]:
    """The bar of `user`: her entries grouped by section, in the order of their first entry."""
    entries: list[MenuEntry] = []
    by_section: dict[str, MenuEntry] = {}
    for item in items_for(user):
        if not item.section:
            entries.append(MenuEntry(item.label, item.icon, [item]))
            continue
        entry = by_section.get(item.section)
        if entry is None:
            section = SECTIONS[item.section]
            entry = by_section[item.section] = MenuEntry(section.label, section.icon, [])
            entries.append(entry)
        entry.items.append(item)
    return entries


register(NavItem("web:home", _("Home"), icon="house", order=0))
register(
    NavItem("audit:event_list", _("Audit trail"), icon="journal-check", order=80, section="admin")
)
register(
    NavItem("access:law_profile", _("Law profile"), icon="shield-lock", order=85, section="admin")
)
register(NavItem("cases:case_list", _("Cases"), icon="folder2-open", order=10, section="cases"))
register(
    NavItem(
        "cases:case_inbox", _("Shared with my country"), icon="inbox", order=11, section="cases"
    )
)
register(NavItem("cases:case_import", _("Import cases"), icon="upload", order=12, section="cases"))
register(NavItem("core:presidency", _("Presidency"), icon="flag", order=70, section="admin"))
register(NavItem("accounts:user_list", _("Users"), icon="people", order=90, section="admin"))
register(
    NavItem("web:job_list", _("Background jobs"), icon="hourglass-split", order=95, section="admin")
)
register(NavItem("accounts:tokens", _("API tokens"), icon="key", order=97, section="admin"))
