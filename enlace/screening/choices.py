"""Codes of the watchlist and of screening. Records store the code; labels may be reworded."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from enlace.access.choices import Audience


class Category(models.TextChoices):
    """Why a person is on the watchlist (2002 agreement #7, extended to other crimes)."""

    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", _("Child sexual exploitation")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Migrant smuggling")
    OTHER = "other", _("Other crime")


class Sex(models.TextChoices):
    """As travel documents write it (ICAO 9303): M, F, or X when not specified."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "X", _("Not specified")


class Decision(models.TextChoices):
    """An officer's decision on a hit."""

    PENDING = "pending", _("To decide")
    CONFIRMED = "confirmed", _("Confirmed")
    FALSE_POSITIVE = "false_positive", _("False positive")


class ScreeningKind(models.TextChoices):
    SINGLE = "single", _("Single check")
    BATCH = "batch", _("Passenger manifest")


class ScreeningStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", pgettext_lazy("status of a screening", "Screening")
    REJECTED = "rejected", _("Rejected: the manifest has errors")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


# A watchlist entry is a law-enforcement record used to refuse entry: it is shared between
# member states only. The `partners` audience (Technical Secretariat and observers) is not
# offered, so under the one access policy the ST and observers never see entries.
ENTRY_AUDIENCES = (Audience.NATIONAL, Audience.SELECTED, Audience.NETWORK)
ENTRY_AUDIENCE_CHOICES = [(audience.value, audience.label) for audience in ENTRY_AUDIENCES]
