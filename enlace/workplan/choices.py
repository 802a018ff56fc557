from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduleState(models.TextChoices):
    """The schedule states the plan itself uses (GLOSSARY: Continuo / Pendiente / Por definir,
    a date, or done). "done" only arrives through imports: a done activity leaves the plan for
    its history."""

    ONGOING = "ongoing", _("Ongoing")
    PENDING = "pending", _("Pending")
    TBD = "tbd", _("To be defined")
    DUE = "due", _("Due date")
    DONE = "done", _("Done")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class VersionSource(models.TextChoices):
    IMPORT = "import", _("Imported document")
    EDIT = "edit", _("Edited and published")
