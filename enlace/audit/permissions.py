"""Who reads the audit trail: auditors only (a country's auditor her country's events, the
ST's auditor all of them; audit.selectors.event_list narrows it)."""

from __future__ import annotations

from enlace.accounts.choices import Role

AUDIT_READERS: frozenset[str] = frozenset({Role.AUDITOR})
