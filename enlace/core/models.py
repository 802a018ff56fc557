"""Reference data shared by every capability: countries, organizations, the pro-tempore
presidency, controlled vocabularies, and the background-job records users follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import JobStatus, OrganizationKind, Region
from .reference_data import MEMBER_STATES as MEMBER_STATES  # where the apps import it from


def active_language() -> str:
    return "en" if (get_language() or "es").startswith("en") else "es"


class Bilingual(models.Model):
    """A record with Spanish and English labels; `label` picks the active language."""

    LABEL_FIELD = "label"

    class Meta:
        abstract = True

    @property
    def label_in_language(self) -> str:
        return getattr(self, f"{self.LABEL_FIELD}_{active_language()}")


class SubRegion(Bilingual):
    """A geographic sub-region used to group origins and routes (UN M49, adapted to the CRM)."""

    code = models.CharField(_("code"), max_length=32, primary_key=True)
    label_es = models.CharField(_("Spanish label"), max_length=100)
    label_en = models.CharField(_("English label"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("sub-region")
        verbose_name_plural = _("sub-regions")

    def __str__(self) -> str:
        return self.label_in_language


class Country(Bilingual):
    """An ISO 3166-1 country. The 11 member states are intra-regional; all others extra."""

    LABEL_FIELD = "name"

    iso2 = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric code"), max_length=3)
    name_es = models.CharField(_("Spanish name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    member_state = models.BooleanField(_("member state"), default=False)
    region = models.CharField(_("region"), max_length=8, choices=Region.choices)
    subregion = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, verbose_name=_("sub-region"), related_name="countries"
    )

    class Meta:
        ordering = ["name_es"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(member_state=True, region="intra") | Q(member_state=False, region="extra")
                ),
                name="country_region_follows_membership",
            )
        ]

    def __str__(self) -> str:
        return self.label_in_language

    @property
    def name(self) -> str:
        return self.label_in_language


class Organization(Bilingual):
    """An organization users belong to: a national office (bound to its member state), the
    Technical Secretariat, an observer organization, or a civil-society network."""

    LABEL_FIELD = "name"

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_es = models.CharField(_("Spanish name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    acronym_es = models.CharField(_("Spanish acronym"), max_length=32, blank=True)
    acronym_en = models.CharField(_("English acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("country"),
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="national_office") | Q(country__isnull=False),
                name="national_office_has_country",
            )
        ]

    def __str__(self) -> str:
        return self.label_in_language

    @property
    def acronym(self) -> str:
        return getattr(self, f"acronym_{active_language()}") or self.code


class ProTemporePresidency(models.Model):
    """The member state chairing the CRM over a period (a dated assignment)."""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        verbose_name=_("country"),
        limit_choices_to={"member_state": True},
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("pro-tempore presidency")
        verbose_name_plural = _("pro-tempore presidencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="presidency_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.start_date:%Y-%m-%d})"

    @classmethod
    def current(cls, on=None) -> ProTemporePresidency | None:
        day = on or timezone.localdate()
        return (
            cls.objects.filter(start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .select_related("country")
            .first()
        )


class VocabularyTerm(Bilingual):
    """One value of a controlled vocabulary (HTCDS picklists and Enlace's extensions).

    The code is stable: records store it, exports carry it, labels may be reworded."""

    vocabulary = models.CharField(_("vocabulary"), max_length=50, db_index=True)
    code = models.CharField(_("code"), max_length=80)
    label_es = models.CharField(_("Spanish label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)
    source = models.CharField(_("source"), max_length=16)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    parent_code = models.CharField(_("parent code"), max_length=80, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["vocabulary", "sort_order", "code"]
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="vocabulary_code_unique"),
        ]

    def __str__(self) -> str:
        return self.label_in_language


class Job(models.Model):
    """A unit of long work (import, batch screening, report) that a user follows.

    The queue itself is Django's Tasks API (django-tasks, database backend by default); this
    record is what pages and the API show: status, progress 0-100, message and error."""

    kind = models.CharField(_("kind"), max_length=80)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="jobs",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background worker process, written every few seconds by
    its heartbeat thread, so `/healthz` can tell a dead or wedged worker from an idle one."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    beat_at = models.DateTimeField(_("last heartbeat"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} (pid {self.pid})"
