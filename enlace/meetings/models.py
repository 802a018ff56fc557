"""Meetings of the network and the CRM, their agreements and the follow-up of what was agreed;
trainings and information campaigns (seeds 000-004)."""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.core.models import Country, Organization


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("Liaison officers' network")
    GRCM = "grcm", _("Regional Consultation Group on Migration (GRCM)")
    VICEMINISTERIAL = "viceministerial", _("Vice-ministerial meeting (CRM)")
    WORKSHOP = "workshop", _("Workshop or seminar")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: to be reviewed")
    REVIEWED = "reviewed", _("Reviewed")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """One meeting and its report. Imported reports start as drafts for the ST to review."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.NETWORK
    )
    title = models.CharField(_("title"), max_length=400)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    host = models.CharField(_("host"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Country, blank=True, related_name="meetings", verbose_name=_("participating delegations")
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="meetings",
        verbose_name=_("participating organizations"),
    )
    language = models.CharField(
        _("language of the report"),
        max_length=2,
        choices=[("es", "Español"), ("en", "English")],
        default="es",
    )
    agenda = models.TextField(_("agenda"), blank=True)
    opening = models.TextField(_("opening paragraph"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    import_notes = models.TextField(_("import notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%Y-%m-%d})"


class MeetingDocument(models.Model):
    """A document attached to a meeting (agenda, presentation, country report)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meetings/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.title


class Agreement(models.Model):
    """A numbered agreement (recommendation, conclusion) of a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    number = models.CharField(_("number"), max_length=8)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agreement_number_unique")
        ]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class AgreementSubitem(models.Model):
    """A lettered sub-item of an agreement ("a)", "b)" ...)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="subitems")
    label = models.CharField(_("label"), max_length=4)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("agreement sub-item")
        verbose_name_plural = _("agreement sub-items")

    def __str__(self) -> str:
        return f"{self.agreement.number}{self.label}) {self.text[:80]}"


class FollowUpTask(models.Model):
    """Something an agreement asks someone to do by a date ("send the statistics by 15
    December 2002"). Owners are member states and/or organizations."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("agreement"),
    )
    subitem = models.ForeignKey(
        AgreementSubitem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("sub-item"),
    )
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_countries = models.ManyToManyField(
        Country, blank=True, related_name="tasks", verbose_name=_("responsible countries")
    )
    owner_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="tasks", verbose_name=_("responsible organizations")
    )
    due_date = models.DateField(_("due date"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or date.today())


class TrainingNeed(models.Model):
    """A training need a member state reports (seed 003 #2)."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("who needs it"), max_length=200, blank=True)
    reported_on = models.DateField(_("reported on"), default=date.today)

    class Meta:
        ordering = ["country", "-reported_on"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")

    def __str__(self) -> str:
        return f"{self.country_id}: {self.topic}"


class TrainingEvent(models.Model):
    """A training with its follow-up evaluation ("within six months", seed 001 #5)."""

    title = models.CharField(_("title"), max_length=300)
    sponsors = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("sponsors")
    )
    sponsor_countries = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("sponsoring countries")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    topics = models.TextField(_("topics"), blank=True)
    participant_countries = models.ManyToManyField(
        Country, blank=True, related_name="trainings", verbose_name=_("participating countries")
    )
    participants_count = models.PositiveIntegerField(_("participants"), default=0)
    evaluation_due = models.DateField(_("follow-up evaluation due"), null=True, blank=True)
    evaluation_done = models.BooleanField(_("follow-up evaluation done"), default=False)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return self.title


class Campaign(models.Model):
    """An information campaign of a member state (seed 003 #8, plan 4.6)."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    title = models.CharField(_("title"), max_length=300)
    products = models.TextField(
        _("products"), blank=True, help_text=_("Posters, spots, leaflets, web ...")
    )
    focal_point = models.CharField(_("focal point"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "country"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return f"{self.country_id}: {self.title}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed (calendar programs cannot log in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"
