"""Who acts when a command runs without a logged-in user: the member state named by
--country, as its liaison officers would (same visibility, same rights)."""

from __future__ import annotations

from dataclasses import dataclass

from enlace.accounts.choices import Role


@dataclass(frozen=True)
class CountryActor:
    country_id: str
    role: str = Role.LIAISON
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    organization_id: None = None

    def get_username(self) -> str:
        return f"cli:{self.country_id}"
