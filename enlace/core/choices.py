from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    INTRA = "intra", _("Intra-regional")
    EXTRA = "extra", _("Extra-regional")


class OrganizationKind(models.TextChoices):
    NATIONAL_OFFICE = "national_office", _("National office of a member state")
    SECRETARIAT = "secretariat", _("Technical Secretariat")
    OBSERVER = "observer", _("Observer organization")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")
