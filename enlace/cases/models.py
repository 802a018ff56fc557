"""Case exchange in the Standard Format v1 (docs/standard-format.md).

A Case is the shareable record (owner country, audience, handling code, version); persons,
route legs, documents used, justice and assistance events belong to it and travel with it.
Names, birth dates, identity and phone numbers and addresses of persons are encrypted at rest;
document numbers and phones also get a keyed blind index for exact search."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enlace.access.models import Shareable
from enlace.core.fields import EncryptedDateField, EncryptedTextField
from enlace.core.models import Country

from .choices import AgeBand, CaseType, PersonRole, RecordStatus, Sex

REFERENCE_PATTERN = r"^[A-Z]{2}-\d{4}-\d{5}$"


class Case(Shareable):
    """One trafficking or smuggling case (or a group incident) reported by a member state."""

    # Person-level sensitive data lives on Person and is redacted there by the same groups.
    SENSITIVE_FIELDS: dict[str, list[str]] = {}

    reference = models.CharField(
        _("reference"),
        max_length=13,
        db_index=True,
        help_text=_("ISO2-YYYY-NNNNN, unique for the owner country"),
    )
    reporting_agency = models.CharField(_("reporting agency"), max_length=200)
    date_identified = models.DateField(_("date identified"), db_index=True)
    date_reported = models.DateField(_("date reported"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecordStatus.choices,
        default=RecordStatus.ACTIVE,
        db_index=True,
    )
    case_type = models.CharField(
        _("case type"), max_length=13, choices=CaseType.choices, db_index=True
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("No names or identifiers: this text is searchable.")
    )
    exploitation_types = models.JSONField(_("exploitation types"), default=list, blank=True)
    sexual_exploitation_types = models.JSONField(
        _("sexual exploitation types"), default=list, blank=True
    )
    forced_labour_industries = models.JSONField(
        _("forced labour industries"), default=list, blank=True
    )
    methods_of_control = models.JSONField(_("methods of control"), default=list, blank=True)
    recruitment_methods = models.JSONField(_("recruitment methods"), default=list, blank=True)
    modus_operandi_tags = models.JSONField(_("modus operandi"), default=list, blank=True)
    modus_operandi_narrative = models.TextField(_("modus operandi narrative"), blank=True)
    migrants_count = models.PositiveIntegerField(_("migrants in the incident"), default=0)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    injuries = models.PositiveIntegerField(_("injuries"), default=0)
    rescues = models.PositiveIntegerField(_("rescues"), default=0)

    class Meta:
        ordering = ["-date_identified", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_country", "reference"], name="case_reference_unique_per_owner"
            ),
        ]
        # the list's order, so a page is read from the index instead of sorting every case
        indexes = [models.Index(fields=["-date_identified", "-id"], name="case_list_order")]

    def __str__(self) -> str:
        return self.reference


class Person(models.Model):
    """A person in a case, in one role. Identity fields are encrypted; recipients see the
    pseudonym instead of the name unless the owner's law profile lets names leave."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="persons", verbose_name=_("case")
    )
    role = models.CharField(_("role"), max_length=16, choices=PersonRole.choices, db_index=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=20, unique=True)
    given_names = EncryptedTextField(_("given names"), blank=True)
    first_surname = EncryptedTextField(_("first surname"), blank=True)
    second_surname = EncryptedTextField(_("second surname"), blank=True)
    aliases = EncryptedTextField(_("aliases"), blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(_("gender"), max_length=24, blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN, db_index=True
    )
    is_minor = models.BooleanField(_("minor"), default=False)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    trafficking_status = models.CharField(_("trafficking status"), max_length=32, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.pseudonym


class PersonPhone(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = EncryptedTextField(_("phone number (E.164)"))
    number_index = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return f"phone of {self.person}"


class DocumentFields(models.Model):
    """What identifies a document: type, issuer and number (encrypted, blind-indexed)."""

    document_type = models.CharField(_("document type"), max_length=20)
    issuing_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issuing country"),
    )
    number = EncryptedTextField(_("number"), blank=True)
    number_index = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        abstract = True


class IdentityDocument(DocumentFields):
    """An identity document a person holds (passport, national identity card ...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.document_type} of {self.person}"


class RouteLeg(models.Model):
    """One step of the route, in order: from -> to, how, where it crossed, what it cost."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="route")
    sequence = models.PositiveSmallIntegerField(_("order"))
    from_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("from country")
    )
    from_place = models.CharField(_("from place"), max_length=120, blank=True)
    to_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("to country")
    )
    to_place = models.CharField(_("to place"), max_length=120, blank=True)
    transport_mode = models.CharField(_("transport mode"), max_length=20, blank=True)
    crossing_point = models.CharField(_("border crossing point"), max_length=120, blank=True)
    crossing_type = models.CharField(_("crossing"), max_length=20, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("fee paid"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    fee_currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        ordering = ["case", "sequence"]
        verbose_name = _("route leg")
        verbose_name_plural = _("route legs")
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="route_leg_order_unique"),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="route_leg_fee_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_country_id}->{self.to_country_id}"


class DocumentUsed(DocumentFields):
    """A travel or identity document used in the case, and whether it was genuine."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents_used")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents_used"
    )
    nature = models.CharField(_("nature"), max_length=24, db_index=True)

    class Meta:
        verbose_name = _("document used")
        verbose_name_plural = _("documents used")

    def __str__(self) -> str:
        return f"{self.document_type} ({self.nature})"


class DatedNote(models.Model):
    """A dated step of a case with an optional note."""

    date = models.DateField(_("date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True


class JusticeEvent(DatedNote):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="justice")
    stage = models.CharField(_("stage"), max_length=16)

    class Meta:
        ordering = ["case", "date", "id"]
        verbose_name = _("justice event")
        verbose_name_plural = _("justice events")

    def __str__(self) -> str:
        return self.stage


class AssistanceEvent(DatedNote):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assistance")
    assistance_type = models.CharField(_("assistance"), max_length=16)

    class Meta:
        ordering = ["case", "date", "id"]
        verbose_name = _("assistance")
        verbose_name_plural = _("assistance")

    def __str__(self) -> str:
        return self.assistance_type
