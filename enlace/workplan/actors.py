"""Who acts when the work plan is written without a logged-in user (command line, demo): the
Technical Secretariat, which alone keeps the plan."""

from __future__ import annotations

from dataclasses import dataclass

from enlace.accounts.choices import Role


@dataclass(frozen=True)
class SecretariatActor:
    role: str = Role.SECRETARIAT
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    organization_id: None = None
    country_id: None = None

    def get_username(self) -> str:
        return "cli:ST"
