"""Regional statistics: the aggregate store the dashboard reads, data calls for aggregate
submissions, and published releases.

Why an aggregate store instead of GROUP BY over persons at every view: a dashboard view shows
about twenty tables. Over a million persons, twenty GROUP BYs over the person table (with the
first nationality and the exploitation types inside JSON lists, read differently by SQLite and
PostgreSQL) cost seconds on SQLite; the same counts kept per (indicator, reporting country,
month, case type, row, column) are a few thousand rows per indicator and year, read from one
covering index. The store is rebuilt per (country, month) slice from the cases that changed
(`facts.facts_sync`), so it holds counts only: statistics, releases and reports never read a
person or a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Country

from .choices import DataCallStatus, ReminderKind, SubmissionChannel


class CaseLedger(models.Model):
    """Which version of each case the aggregate store counts (one row per case, drafts too),
    so a sync finds changed, new and deleted cases by comparing `updated_at`."""

    case_id = models.BigIntegerField(primary_key=True)
    updated_at = models.DateTimeField()
    owner_country = models.CharField(max_length=2)
    month = models.IntegerField()
    counted = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("counted case version")
        verbose_name_plural = _("counted case versions")

    def __str__(self) -> str:
        return f"case {self.case_id} @ {self.updated_at:%Y-%m-%d %H:%M:%S}"


class Aggregate(models.Model):
    """A count of one cell of one indicator for one reporting country, month and case type.

    `month` is the month index of the counted date (year * 12 + month - 1)."""

    indicator = models.CharField(max_length=20)
    owner_country = models.CharField(max_length=2)
    month = models.IntegerField()
    case_type = models.CharField(max_length=13)
    row = models.CharField(max_length=40)
    col = models.CharField(max_length=40)
    value = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("aggregate count")
        verbose_name_plural = _("aggregate counts")
        indexes = [
            # Covering: a view's GROUP BY reads the index only, never the table. Month first:
            # a view reads a range of months (every indicator), a sync replaces the rows of
            # (country, month) slices; one index serves both.
            models.Index(
                fields=["month", "owner_country", "indicator", "case_type", "row", "col", "value"],
                name="stats_aggregate_read",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.owner_country} {self.month} {self.row}|{self.col}"


class SyncState(models.Model):
    """One row: when the aggregate store was last brought up to date, and a version that
    changes whenever it changed (cache keys of dashboard views include it)."""

    synced_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("statistics synchronisation")

    def __str__(self) -> str:
        return f"version {self.version}"


class DataCall(models.Model):
    """A request of the Technical Secretariat to every member state for aggregate tables of a
    period, with a deadline. Countries answer with a submission each."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period = models.CharField(
        _("period"), max_length=7, help_text=_("2025, 2025-S2, 2025-Q3 or 2025-07")
    )
    indicators = models.JSONField(_("requested tables"), default=list)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DataCallStatus.choices,
        default=DataCallStatus.OPEN,
        db_index=True,
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before the deadline"), default=7
    )
    remind_every_days = models.PositiveSmallIntegerField(
        _("after the deadline, remind every this many days"), default=7
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("data call")
        verbose_name_plural = _("data calls")

    def __str__(self) -> str:
        return self.title


class DataCallSubmission(models.Model):
    """A member state's answer to a data call: one table per requested indicator, as
    `{indicator: [[row, column, count], ...]}`. A new submission replaces the previous one
    (the version counts them); the time of the latest decides on time or late."""

    call = models.ForeignKey(
        DataCall, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("data call")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
        limit_choices_to={"member_state": True},
    )
    tables = models.JSONField(_("tables"), default=dict)
    note = models.TextField(_("note"), blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=SubmissionChannel.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["call", "country"]
        verbose_name = _("data call submission")
        verbose_name_plural = _("data call submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "country"], name="one_submission_per_country_and_call"
            )
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.country_id}"


class DataCallReminder(models.Model):
    """A reminder sent, so the daily command does not repeat it. `country` is empty for the
    Technical Secretariat's digest of missing countries."""

    call = models.ForeignKey(DataCall, on_delete=models.CASCADE, related_name="reminders")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["call", "sent_on"]
        verbose_name = _("data call reminder")
        verbose_name_plural = _("data call reminders")

    def __str__(self) -> str:
        return f"{self.call_id} {self.country_id or 'ST'} {self.kind} {self.sent_on}"


class Release(models.Model):
    """A published set of regional tables for a period: immutable once written (a correction
    is a new version). Every figure passed disclosure control with threshold `k`."""

    period = models.CharField(_("period"), max_length=7, db_index=True)
    version = models.PositiveIntegerField(_("version"))
    k = models.PositiveSmallIntegerField(_("threshold k"))
    rounding = models.PositiveSmallIntegerField(_("rounding base"), null=True, blank=True)
    created_at = models.DateTimeField(_("published"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_by_name = models.CharField(_("approved by"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    definitions = models.JSONField(_("definitions"), default=list)
    sources = models.JSONField(_("sources"), default=dict)
    suppressed_cells = models.PositiveIntegerField(_("suppressed cells"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version"], name="release_version_unique_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.version}"

    @property
    def slug(self) -> str:
        return f"enlace-{self.period}-v{self.version}"


class ReleaseTable(models.Model):
    """One protected table of a release: categories, and per cell the published value or
    null (suppressed). Margins are keyed with disclosure.TOTAL."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="tables")
    position = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=20)
    name_es = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    unit = models.CharField(max_length=20)
    row_var = models.CharField(max_length=40)
    col_var = models.CharField(max_length=40)
    rows = models.JSONField(default=list)
    cols = models.JSONField(default=list)
    cells = models.JSONField(default=list)  # [[row, col, value or null], ...]
    counts = models.JSONField(default=dict)  # cells, published, primary, secondary, suppressed

    class Meta:
        ordering = ["release", "position"]
        constraints = [
            models.UniqueConstraint(fields=["release", "indicator"], name="release_table_unique")
        ]

    def __str__(self) -> str:
        return f"{self.release} · {self.indicator}"
