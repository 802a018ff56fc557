"""The network's directory (work plan 6.5, 9.3, 9.6, 4.6, 13 and B.1.4).

- Contact: liaison officers, their alternates and the focal points of each member state, kept
  current by their country: an entry not confirmed for ENLACE_CONTACT_CONFIRM_DAYS (180) is
  flagged "to confirm" and reminders go out.
- Service: the referral directory of services for victims (shelters, repatriation,
  reintegration ...), shaped after Open Referral HSDS. Public-interest information only: no
  victim's data is ever stored here.
- Competency: the matrix of which institution of each country does what against trafficking.

Every entry carries a version: an edit made on a stale copy is refused, never merged."""

from __future__ import annotations

from datetime import date, timedelta

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Country, Organization

from .choices import CapacityUnit, CompetencyArea, NetworkRole, Population, ServiceKind
from .validators import validate_choices, validate_e164_list, validate_languages

DEFAULT_CONFIRM_DAYS = 180


def confirm_days() -> int:
    """Days after which an entry not confirmed is flagged "to confirm"."""
    return int(getattr(settings, "ENLACE_CONTACT_CONFIRM_DAYS", DEFAULT_CONFIRM_DAYS))


def confirmation_cutoff(today: date | None = None) -> date:
    """Entries last confirmed before this day are to confirm."""
    return (today or timezone.localdate()) - timedelta(days=confirm_days())


def search_key(text: str) -> str:
    """Lower-case ASCII, so "hernandez" finds "Hernández" on SQLite and PostgreSQL alike."""
    return " ".join(anyascii(text or "").lower().split())


class Confirmable(models.Model):
    """What every directory entry has: when it was last confirmed current, its version for
    optimistic locking, and who created it when."""

    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Lower-case ASCII of the searchable text, kept by save() so every write path agrees.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = search_key(" ".join(part for part in self.search_parts() if part))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def search_parts(self) -> list[str]:
        return []

    def to_confirm_on(self, today: date | None = None) -> bool:
        return self.last_confirmed is None or self.last_confirmed < confirmation_cutoff(today)

    @property
    def to_confirm(self) -> bool:
        """Not confirmed for more than ENLACE_CONTACT_CONFIRM_DAYS days (or never)."""
        return self.to_confirm_on()


class Contact(Confirmable):
    """A liaison officer, alternate or focal point of a member state.

    `organization` is the organization of the network the person belongs to (her country's
    national office, or an observer such as IOM); `institution` is the ministry or agency she
    works for, in its own language (e.g. "Dirección General de Migración y Extranjería")."""

    given_names = models.CharField(_("given names"), max_length=120)
    surnames = models.CharField(_("surnames"), max_length=120)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="directory_contacts",
        verbose_name=_("organization"),
    )
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("The ministry or agency the person works for."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="directory_contacts",
        verbose_name=_("country"),
        limit_choices_to={"member_state": True},
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    network_roles = models.JSONField(_("network roles"), default=list, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phones = models.JSONField(
        _("phones"), default=list, blank=True, help_text=_("E.164, the main number first.")
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("ISO 639-1 codes, in order of preference."),
    )
    notes = models.TextField(_("notes"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_contact",
        verbose_name=_("user account"),
    )
    # When the last confirmation reminder went out: reminders are not repeated every day.
    last_reminded = models.DateField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["country_id", "surnames", "given_names", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["country", "last_confirmed"], name="contact_country_confirmed")
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:contact_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}".strip()

    def search_parts(self) -> list[str]:
        organization = self.organization if self.organization_id else None
        return [
            self.given_names,
            self.surnames,
            self.institution,
            self.position,
            self.email,
            *(
                [
                    organization.code,
                    organization.name_es,
                    organization.name_en,
                    organization.acronym_es,
                    organization.acronym_en,
                ]
                if organization
                else []
            ),
        ]

    def network_role_labels(self) -> list[str]:
        labels = dict(NetworkRole.choices)
        return [str(labels.get(role, role)) for role in self.network_roles]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        for field, check in (
            (
                "network_roles",
                lambda value: validate_choices(value, NetworkRole, _("network roles")),
            ),
            ("phones", validate_e164_list),
            ("languages", validate_languages),
        ):
            try:
                check(getattr(self, field))
            except ValidationError as exc:
                errors.setdefault(field, []).extend(exc.messages)
        if self.country_id:
            country = Country.objects.filter(iso2=self.country_id).first()
            if country is not None and not country.member_state:
                errors.setdefault("country", []).append(_("Choose a member state."))
            if (
                self.organization_id
                and self.organization.country_id
                and self.organization.country_id != self.country_id
            ):
                errors.setdefault("organization", []).append(
                    _("%(organization)s belongs to another country.")
                    % {"organization": self.organization}
                )
            if self.user_id and self.user.country_id and self.user.country_id != self.country_id:
                errors.setdefault("user", []).append(_("This user acts for another country."))
        if errors:
            raise ValidationError(errors)


class Service(Confirmable):
    """A service for victims of trafficking and smuggled migrants, after Open Referral HSDS
    (organization, service, location, phone, eligibility, languages, capacity, schedule)."""

    organization_name = models.CharField(_("provider organization"), max_length=200)
    name = models.CharField(_("service name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ServiceKind.choices, db_index=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="directory_services",
        verbose_name=_("country"),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    address_confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_(
            "Shown to the network only, not to civil society: many shelters keep "
            "their address private for the safety of the persons they house."
        ),
    )
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    populations = models.JSONField(_("who is served"), default=list, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    capacity_unit = models.CharField(
        _("capacity in"), max_length=8, choices=CapacityUnit.choices, blank=True
    )
    hours = models.CharField(_("hours"), max_length=300, blank=True)

    class Meta:
        ordering = ["country_id", "kind", "name", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | ~models.Q(capacity_unit=""),
                name="service_capacity_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:service_detail", args=[self.pk])

    def search_parts(self) -> list[str]:
        return [self.name, self.organization_name, self.city, self.description]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        checks = (
            ("populations", lambda value: validate_choices(value, Population, _("who is served"))),
            ("languages", validate_languages),
        )
        for field, check in checks:
            try:
                check(getattr(self, field))
            except ValidationError as exc:
                errors.setdefault(field, []).extend(exc.messages)
        if self.phone:
            try:
                validate_e164_list([self.phone])
            except ValidationError as exc:
                errors.setdefault("phone", []).extend(exc.messages)
        if self.capacity is not None and not self.capacity_unit:
            errors.setdefault("capacity_unit", []).append(
                _("Say whether it counts beds or persons.")
            )
        if errors:
            raise ValidationError(errors)


class Competency(Confirmable):
    """One cell of the competencies matrix: in `country`, `institution` is competent for
    `competency` (e.g. CR, Fiscalía Adjunta contra la Trata, prosecution)."""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="directory_competencies",
        verbose_name=_("country"),
        limit_choices_to={"member_state": True},
    )
    institution = models.CharField(_("institution"), max_length=200)
    competency = models.CharField(
        _("competency"), max_length=32, choices=CompetencyArea.choices, db_index=True
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Legal basis or scope, e.g. the article of the law.")
    )

    class Meta:
        ordering = ["competency", "country_id", "institution", "id"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "institution", "competency"],
                name="competency_unique_per_institution",
                violation_error_message=_(
                    "This institution is already listed for this competency in this country."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} · {self.institution} · {self.get_competency_display()}"

    def get_absolute_url(self) -> str:
        # the matrix is its page; an entry opens in its form
        return reverse("directory:competency_update", args=[self.pk])

    def search_parts(self) -> list[str]:
        return [self.institution, self.note]

    def clean(self) -> None:
        super().clean()
        if self.country_id:
            country = Country.objects.filter(iso2=self.country_id).first()
            if country is not None and not country.member_state:
                raise ValidationError({"country": _("Choose a member state.")})
