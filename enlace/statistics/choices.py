from django.db import models
from django.utils.translation import gettext_lazy as _


class Population(models.TextChoices):
    """Whom a person count counts: the person's role in the case, grouped."""

    VICTIM = "victim", _("Victims")
    SMUGGLED_MIGRANT = "smuggled_migrant", _("Smuggled migrants")
    SUSPECT = "suspect", _("Suspects and perpetrators")
    OTHER = "other", _("Other persons (witnesses)")


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    CASES = "cases", _("cases")
    LEGS = "legs", _("route legs")
    PERSON_LEGS = "person_legs", _("persons moved along a leg")
    STOPS = "stops", _("cases per country on the route")
    DOCUMENTS = "documents", _("documents")


class RouteStage(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class Scope(models.TextChoices):
    """What a dashboard counts: the officer's own country only, or the region."""

    OWN = "own", _("My country")
    REGION = "region", _("Region (contributing countries)")


class SubmissionChannel(models.TextChoices):
    FORM = "form", _("Form")
    XLSX = "xlsx", _("XLSX file")
    API = "api", _("API")


class SubmissionStatus(models.TextChoices):
    """A country's standing in a data call."""

    ON_TIME = "on_time", _("Submitted on time")
    LATE = "late", _("Submitted late")
    PENDING = "pending", _("Not yet submitted")
    MISSING = "missing", _("Missing")


class DataCallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Before the deadline")
    OVERDUE = "overdue", _("After the deadline")
