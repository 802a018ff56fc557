"""Which panels the home dashboard shows each role. The pages of web (home, jobs) are every
role's (`accounts.permissions.ALL_ROLES`); a panel appears for the roles that may open what it
summarizes, so its role set is the owning app's (users, audit, directory, meetings). The
organizations panel is the home page's own: roles that work with organizations beyond
national offices."""

from __future__ import annotations

from enlace.accounts.choices import Role

ORGANIZATION_PANEL_ROLES: frozenset[str] = frozenset(
    {Role.SECRETARIAT, Role.OBSERVER, Role.CIVIL_SOCIETY}
)
