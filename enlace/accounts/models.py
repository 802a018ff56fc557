"""Users: one organization and one role each (docs/architecture.md §1)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Organization

from .choices import ROLE_ORGANIZATION_KINDS, Role


class User(AbstractUser):
    """A person who uses Enlace for one organization in one role.

    A member state's users belong to its national office, so `country_id` is that state; the
    Technical Secretariat, observers and civil society have no country. An auditor of the
    Technical Secretariat is the regional auditor and sees the whole trail."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="users", verbose_name=_("organization")
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("es", _("Spanish")), ("en", _("English"))],
        default="es",
    )

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def clean(self) -> None:
        super().clean()
        if self.organization_id and self.role:
            allowed = ROLE_ORGANIZATION_KINDS.get(Role(self.role), set())
            if self.organization.kind not in allowed:
                raise ValidationError(
                    {
                        "role": _("The role %(role)s cannot belong to %(organization)s.")
                        % {"role": Role(self.role).label, "organization": self.organization}
                    }
                )

    @property
    def country_id(self) -> str | None:
        """The member state this user acts for, or None (ST, observers, civil society)."""
        organization = self.organization if self.organization_id else None
        return organization.country_id if organization else None

    @property
    def country(self):
        return self.organization.country if self.organization_id else None

    @property
    def is_regional_auditor(self) -> bool:
        return self.role == Role.AUDITOR and self.country_id is None
