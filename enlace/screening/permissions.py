"""Who opens the watchlist and screening pages and API routes.

Only liaison officers: they own their country's entries and screen travellers. Which entries
each one sees is the access policy's business (enlace.access.policy), and a watchlist entry can
only be shared with member states (choices.ENTRY_AUDIENCES, and a database constraint), so:

- the Technical Secretariat and observers: no access. The policy would show them `partners`
  records, but a watchlist entry is a law-enforcement record used to refuse entry at the
  border; it never reaches the partners audience, so they would see nothing anyway;
- national administrators: no access (they manage users and the law profile, which decides
  what leaves the country, without reading entries);
- civil society: never; the platform administrator: never reads watchlist content;
- auditors: the audit trail records every read, check, manifest, hit and decision (with the
  owner country), not the entries themselves.
"""

from __future__ import annotations

from enlace.accounts.choices import Role

SCREENING_ROLES: frozenset[str] = frozenset({Role.LIAISON})
