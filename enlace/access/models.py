"""The sharing model: country law profiles and the abstract `Shareable` base every record
that crosses borders (cases, watchlist entries, document alerts ...) inherits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Country

from .choices import Audience, FieldGroup, HandlingCode


class LawProfile(models.Model):
    """What a member state's law lets leave the country. Kept by its national administrator.

    A field group not allowed here is redacted for every recipient outside the country."""

    country = models.OneToOneField(
        Country,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="law_profile",
        verbose_name=_("country"),
        limit_choices_to={"member_state": True},
    )
    share_names = models.BooleanField(_("names may leave the country"), default=False)
    share_birth_dates = models.BooleanField(_("birth dates may leave the country"), default=False)
    share_identity_numbers = models.BooleanField(
        _("identity numbers may leave the country"), default=False
    )
    share_phones = models.BooleanField(_("phone numbers may leave the country"), default=False)
    share_addresses = models.BooleanField(_("addresses may leave the country"), default=False)
    share_photos = models.BooleanField(_("photos may leave the country"), default=False)
    contributes_to_regional_statistics = models.BooleanField(
        _("contributes to regional statistics"),
        default=True,
        help_text=_(
            "Aggregates of this country's records count in other countries' "
            "regional figures (never as case data)."
        ),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("law profile")
        verbose_name_plural = _("law profiles")

    def __str__(self) -> str:
        return str(self.country)

    def allows(self, group: str) -> bool:
        return bool(getattr(self, f"share_{FieldGroup(group).value}"))

    def allowed_groups(self) -> set[str]:
        return {group.value for group in FieldGroup if self.allows(group)}


class Shareable(models.Model):
    """Abstract base of every record a member state owns and may share.

    Subclasses declare their sensitive fields per group, e.g.::

        SENSITIVE_FIELDS = {"names": ["given_names", "surnames"], "phones": ["phone"]}

    and are read only through `enlace.access.policy` (visible_to / get_visible_or_404)."""

    SENSITIVE_FIELDS: dict[str, list[str]] = {}

    owner_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner country"),
        limit_choices_to={"member_state": True},
    )
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.NATIONAL,
        db_index=True,
    )
    shared_with = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("shared with"),
        limit_choices_to={"member_state": True},
    )
    handling_code = models.CharField(
        _("handling code"), max_length=2, choices=HandlingCode.choices, default=HandlingCode.H0
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )

    class Meta:
        abstract = True
