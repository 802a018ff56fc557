"""Who acts: what services, selectors and the access policy need of the one who acts.

A logged-in `User` is an actor; so is a `CountryActor`, the member state a command acts for
when no user is logged in. Services take `actor: Actor` (never `User`) unless they need a
person (her name, her second factor), so commands, jobs and pages share one code path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .choices import Role


@runtime_checkable
class Actor(Protocol):
    """The attributes every actor has. Read-only, so a frozen dataclass satisfies it too."""

    @property
    def pk(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def country_id(self) -> str | None:
        """The member state she acts for, or None (ST, observers, civil society)."""

    @property
    def organization_id(self) -> int | None: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    def get_username(self) -> str: ...


@dataclass(frozen=True)
class CountryActor:
    """Who acts when a command runs without a logged-in user: the member state named by
    --country, as its liaison officers would (same visibility, same rights)."""

    country_id: str
    role: str = Role.LIAISON
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    organization_id: None = None

    def get_username(self) -> str:
        return f"cli:{self.country_id}"


@dataclass(frozen=True)
class SecretariatActor:
    """Who acts when the work plan is written without a logged-in user (command line, demo):
    the Technical Secretariat, which alone keeps the plan."""

    role: str = Role.SECRETARIAT
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    organization_id: None = None
    country_id: None = None

    def get_username(self) -> str:
        return "cli:ST"
