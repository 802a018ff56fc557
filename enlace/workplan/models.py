"""The network's Work Plan (seed 004): areas -> objectives -> activities, each activity with its
responsible parties, schedule, references to the decisions it came from, and notes; and the
plan's history, where done activities go with their date.

- PlanVersion: one edition of the plan ("Actualizado por la ST el ..."). Every import and
  every publication is a new version holding its own copy of the plan, so an older version
  reads exactly as it was published. The ST edits a *draft* (a copy of the current version)
  and publishes it; readers only ever see published versions.
- Area ("POLÍTICAS Y GESTIÓN MIGRATORIA") -> Objective (lettered "A.", "B." ...) -> Activity.
  Activities are numbered as in the document: a top-level one ("1. Instar ...", the
  OBJETIVOS column of the Word table) is the parent of "1.1", "1.2" (the ACTIVIDADES column).
- HistoryRecord / HistoryAction: what left the plan, grouped as the document's second part
  groups it (area, objective), with what was done and when.
- Reference: "(Ref: pto. 8, Deci., CRM, mayo, 2004)", attached to an activity, a history
  record or a done entry, and linked to the meeting agreement it cites when it is known.

Codes are kept as written ("2.2", "6.10"): the plan's numbering is the network's shared
vocabulary in meetings, and has slips the product must not "fix" silently."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import ScheduleState, VersionSource, VersionStatus


class PlanVersion(models.Model):
    """One edition of the work plan, or the ST's draft of the next one.

    `number` is given at publication (1, 2, 3 ...); the current version is the published one
    with the highest number. `updated_on` is the date the plan states ("Actualizado por la ST
    el 26 de noviembre de 2009"). `version` is the optimistic lock of the draft as a whole:
    every edit of its content bumps it, so publishing a draft someone changed meanwhile is
    refused."""

    number = models.PositiveIntegerField(_("number"), null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    source = models.CharField(_("source"), max_length=12, choices=VersionSource.choices)
    updated_on = models.DateField(_("updated on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)
    source_name = models.CharField(_("imported file"), max_length=255, blank=True)
    legend = models.JSONField(_("legend"), default=list, blank=True)
    # What the importer placed by a guess (numbering slips ...), kept with their template so
    # they are shown in the reader's language: [{"line", "message", "template", "params"}].
    import_warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("work plan version")
        verbose_name_plural = _("work plan versions")
        constraints = [
            # One draft at a time: two would publish over each other.
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=VersionStatus.DRAFT),
                name="workplan_single_draft",
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT) | Q(number__isnull=False),
                name="workplan_published_has_number",
            ),
        ]

    def __str__(self) -> str:
        if self.is_draft:
            return str(_("Draft of the work plan"))
        return str(_("Work plan, version %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        if self.is_draft:
            return reverse("workplan:draft")
        return reverse("workplan:version_detail", args=[self.number])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Area(models.Model):
    """A thematic area of the plan ("POLÍTICAS Y GESTIÓN MIGRATORIA"), numbered I, II ..."""

    plan = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="areas", verbose_name=_("version")
    )
    code = models.CharField(_("code"), max_length=8)
    title = models.CharField(_("title"), max_length=400)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Objective(models.Model):
    """A lettered objective of an area ("A. Fortalecer el combate ...")."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("area")
    )
    code = models.CharField(_("code"), max_length=8)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["area", "position", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class Activity(models.Model):
    """A numbered entry of the plan. Top-level ones ("7. Fortalecer la cooperación ...") are
    the goals the network set itself; their sub-activities ("7.1 ...") carry who does what and
    when. A top-level entry without sub-activities carries its own responsible and schedule.

    `responsible_other` keeps a responsible party the plan names without one of our codes
    ("Países participantes"); `notes` the plan's own remarks ("NOTA: Si no se identifican
    actividades, este objetivo sería eliminado ...")."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("objective"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.CharField(_("number"), max_length=32)
    text = models.TextField(_("text"))
    schedule_state = models.CharField(
        _("schedule"), max_length=12, choices=ScheduleState.choices, blank=True
    )
    schedule_date = models.DateField(_("due date"), null=True, blank=True)
    responsible_other = models.CharField(
        _("other responsible parties"),
        max_length=300,
        blank=True,
        help_text=_("Parties the plan names that are not a member state or an organization."),
    )
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["objective", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=~Q(schedule_state=ScheduleState.DUE) | Q(schedule_date__isnull=False),
                name="workplan_due_activity_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def plan(self) -> PlanVersion:
        return self.objective.area.plan


class Responsibility(models.Model):
    """Who carries out an activity: `party` is an ISO2 code (a member state), an organization
    code (ST, IOM, UNHCR ...), ALL (every member state: the membership stays symbolic, so the
    plan does not change when it does) or HOST (the host country of the meeting)."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("activity"),
    )
    party = models.CharField(_("responsible party"), max_length=16, db_index=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["activity", "position", "id"]
        verbose_name = _("responsible party")
        verbose_name_plural = _("responsible parties")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "party"], name="workplan_responsibility_once"
            )
        ]

    def __str__(self) -> str:
        return self.party


class HistoryRecord(models.Model):
    """An activity that left the plan, in the group (area, objective) it had there. Records of
    top-level entries ("1. Analizar buenas prácticas ...") have no done entries: they head
    their sub-activities, as in the document. `done_on` is the latest date of its entries."""

    plan = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="history", verbose_name=_("version")
    )
    area_code = models.CharField(_("area"), max_length=8, blank=True)
    area_title = models.CharField(_("area title"), max_length=400, blank=True)
    objective_code = models.CharField(_("objective"), max_length=8, blank=True)
    objective_text = models.TextField(_("objective text"), blank=True)
    code = models.CharField(_("number"), max_length=32)
    text = models.TextField(_("text"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("history record")
        verbose_name_plural = _("history records")

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class HistoryAction(models.Model):
    """What was done for a history record ("Taller realizado en Manzanillo, México, enero de
    2008.") and when."""

    record = models.ForeignKey(
        HistoryRecord, on_delete=models.CASCADE, related_name="actions", verbose_name=_("record")
    )
    code = models.CharField(_("number"), max_length=32, blank=True)
    text = models.TextField(_("what was done"))
    date = models.DateField(_("date"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["record", "position", "id"]
        verbose_name = _("done entry")
        verbose_name_plural = _("done entries")

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()


class Reference(models.Model):
    """A decision an entry comes from, as the plan cites it ("pf. 5, Decla., CRM, marzo,
    2005"). Exactly one of activity, history record and done entry holds it."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="references",
        verbose_name=_("activity"),
    )
    history_record = models.ForeignKey(
        HistoryRecord,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="references",
        verbose_name=_("history record"),
    )
    history_action = models.ForeignKey(
        HistoryAction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="references",
        verbose_name=_("done entry"),
    )
    text = models.CharField(_("reference"), max_length=400)
    # The meeting agreement the reference cites, when the meetings app holds it (linked by
    # references.agreement_for: same body, month and point number).
    agreement = models.ForeignKey(
        "meetings.Agreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_references",
        verbose_name=_("agreement"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        activity__isnull=False,
                        history_record__isnull=True,
                        history_action__isnull=True,
                    )
                    | Q(
                        activity__isnull=True,
                        history_record__isnull=False,
                        history_action__isnull=True,
                    )
                    | Q(
                        activity__isnull=True,
                        history_record__isnull=True,
                        history_action__isnull=False,
                    )
                ),
                name="workplan_reference_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.text
