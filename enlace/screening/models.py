"""The regional watchlist and traveller screening (2002 agreement #7).

- WatchlistEntry: a person a member state lists (child sexual exploitation, trafficking,
  smuggling, other crimes) so that the network can identify and refuse them entry. Shareable
  through the one access policy; names, aliases, birth date, notes, document numbers and the
  photo are encrypted at rest; document numbers also get a keyed blind index for exact search.
  An entry past its `valid_until` stays on file for its owner but never matches.
- Screening: one check of a traveller, or one passenger manifest screened in the background.
- Hit: a traveller who may be a listed person, with score and reasons; an officer of the
  screening country confirms it or clears it as a false positive.
- ClearedMatch: the memory of a false positive, so the same traveller identity is not raised
  again against the same entry.

Travellers who do not hit are not kept: a screening records only how many were checked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enlace.access.choices import Audience
from enlace.access.models import Shareable
from enlace.core.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from enlace.core.models import Country, Job

from .choices import Category, Decision, ScreeningKind, ScreeningStatus, Sex


class WatchlistEntry(Shareable):
    """A person a member state lists, with the legal basis and how long the listing holds."""

    SENSITIVE_FIELDS: dict[str, list[str]] = {
        "names": ["given_names", "first_surname", "second_surname", "aliases"],
        "birth_dates": ["birth_date"],
        "identity_numbers": ["documents"],
        "photos": ["photo"],
    }

    reference = models.CharField(
        _("reference"),
        max_length=40,
        help_text=_("The owner's identifier of the entry; unique for the owner country."),
    )
    category = models.CharField(
        _("category"), max_length=32, choices=Category.choices, db_index=True
    )
    legal_basis = models.TextField(
        _("legal basis"), help_text=_("The law, judgment or order the listing rests on.")
    )
    valid_until = models.DateField(
        _("valid until"), db_index=True, help_text=_("After this day the entry no longer matches.")
    )
    given_names = EncryptedTextField(_("given names"), blank=True)
    first_surname = EncryptedTextField(_("first surname"), blank=True)
    second_surname = EncryptedTextField(_("second surname"), blank=True)
    aliases = EncryptedTextField(
        _("aliases"), blank=True, help_text=_("Other full names, one per line.")
    )
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    notes = EncryptedTextField(_("notes"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate, db_index=True)
    # When the last review reminder went out: digests are not repeated every day.
    last_reminded = models.DateField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["owner_country_id", "reference", "id"]
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist entries")
        constraints = [
            models.UniqueConstraint(
                fields=["owner_country", "reference"], name="watchlist_reference_unique_per_owner"
            ),
            models.CheckConstraint(
                condition=~Q(audience=Audience.PARTNERS),
                name="watchlist_shared_with_member_states_only",
            ),
        ]
        indexes = [
            models.Index(fields=["owner_country", "valid_until"], name="watchlist_owner_valid"),
            # The latest update is read before every check (index.fingerprint).
            models.Index(fields=["updated_at"], name="watchlist_updated_at"),
        ]

    def __str__(self) -> str:
        return self.reference

    def is_expired(self, today=None) -> bool:
        return self.valid_until < (today or timezone.localdate())

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in (self.aliases or "").splitlines() if alias.strip()]


class WatchlistDocument(models.Model):
    """An identity or travel document number of a listed person (encrypted, blind-indexed)."""

    entry = models.ForeignKey(
        WatchlistEntry,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("watchlist entry"),
    )
    issuing_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issuing country"),
    )
    number = EncryptedTextField(_("number"))
    number_index = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["entry", "id"]
        verbose_name = _("watchlist document")
        verbose_name_plural = _("watchlist documents")

    def __str__(self) -> str:
        return f"document of {self.entry}"

    @property
    def as_text(self) -> str:
        """The form the import, export and the matching engine write: "CR:112340567"."""
        return (
            f"{self.issuing_country_id}:{self.number}" if self.issuing_country_id else self.number
        )


class WatchlistPhoto(models.Model):
    """The photo of a listed person: JPEG or PNG, re-encoded without its metadata, stored
    encrypted (base64 inside the ciphertext). Kept apart from the entry so lists and the
    screening index never load it."""

    entry = models.OneToOneField(
        WatchlistEntry,
        on_delete=models.CASCADE,
        related_name="photo",
        verbose_name=_("watchlist entry"),
    )
    content_type = models.CharField(_("content type"), max_length=20)
    data = EncryptedTextField(_("image"))
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("watchlist photo")
        verbose_name_plural = _("watchlist photos")

    def __str__(self) -> str:
        return f"photo of {self.entry}"


class Screening(models.Model):
    """One screening by a member state: a single check or a passenger manifest."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("screening country")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ScreeningKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ScreeningStatus.choices, default=ScreeningStatus.QUEUED
    )
    source_name = models.CharField(_("manifest"), max_length=200, blank=True)
    threshold = models.FloatField(_("minimum score"))
    travellers = models.PositiveIntegerField(_("travellers screened"), default=0)
    hits_count = models.PositiveIntegerField(_("hits"), default=0)
    # Matches not raised again because an officer cleared them as false positives before.
    suppressed = models.PositiveIntegerField(_("cleared before"), default=0)
    watchlist_size = models.PositiveIntegerField(_("watchlist entries searched"), default=0)
    job = models.ForeignKey(
        Job,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [models.Index(fields=["country", "-created_at"], name="screening_country")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Hit(models.Model):
    """A traveller who may be a listed person. The traveller's identity is encrypted; the
    entry's reference and owner are copied so the hit keeps its meaning if the entry goes."""

    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="hits", verbose_name=_("screening")
    )
    entry = models.ForeignKey(
        WatchlistEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hits",
        verbose_name=_("watchlist entry"),
    )
    entry_reference = models.CharField(_("entry reference"), max_length=40)
    owner_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner country")
    )
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    traveller_reference = models.CharField(_("traveller id"), max_length=64, blank=True)
    traveller_given_names = EncryptedTextField(_("given names"), blank=True)
    traveller_surnames = EncryptedTextField(_("surnames"), blank=True)
    traveller_full_name = EncryptedTextField(_("full name"), blank=True)
    traveller_birth_date = EncryptedTextField(
        _("birth date"), blank=True, help_text=_("YYYY-MM-DD, or the year alone")
    )
    traveller_nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    traveller_sex = models.CharField(_("sex"), max_length=1, blank=True)
    traveller_documents = EncryptedTextField(_("documents"), blank=True)
    flight = models.CharField(_("flight or vessel"), max_length=40, blank=True)
    travel_date = models.DateField(_("travel date"), null=True, blank=True)
    # HMAC of the normalised name, birth date and documents: the false-positive memory's key.
    traveller_key = models.CharField(max_length=64, db_index=True)
    score = models.FloatField(_("score"))
    # The reasons' details quote both spellings of names and dates: encrypted as well.
    reasons = EncryptedJSONField(_("reasons"), default=list)
    decision = models.CharField(
        _("decision"),
        max_length=16,
        choices=Decision.choices,
        default=Decision.PENDING,
        db_index=True,
    )
    decision_note = EncryptedTextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["screening", "-score", "id"]
        verbose_name = _("hit")
        verbose_name_plural = _("hits")

    def __str__(self) -> str:
        return f"hit {self.pk} on {self.entry_reference}"

    @property
    def traveller_name(self) -> str:
        name = f"{self.traveller_given_names} {self.traveller_surnames}".strip()
        return name or self.traveller_full_name


class ClearedMatch(models.Model):
    """A traveller identity an officer of `country` cleared against an entry: screenings of
    that country do not raise the pair again. Deleted if the decision is changed back."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("screening country")
    )
    traveller_key = models.CharField(max_length=64)
    entry = models.ForeignKey(
        WatchlistEntry,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("watchlist entry"),
    )
    hit = models.ForeignKey(
        Hit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hit"),
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cleared by"),
    )
    cleared_at = models.DateTimeField(_("cleared"), auto_now_add=True)

    class Meta:
        verbose_name = _("cleared false positive")
        verbose_name_plural = _("cleared false positives")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "traveller_key", "entry"], name="cleared_match_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} cleared {self.traveller_key[:8]} / {self.entry_id}"
