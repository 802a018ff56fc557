from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Migrant smuggling")
    BOTH = "both", _("Both trafficking and smuggling")
    UNDETERMINED = "undetermined", _("Undetermined")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class PersonRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    SMUGGLED_MIGRANT = "smuggled_migrant", _("Smuggled migrant")
    SUSPECT = "suspect", _("Suspect")
    CONVICTED = "convicted", _("Convicted")
    WITNESS = "witness", _("Witness")
    FACILITATOR = "facilitator", _("Facilitator")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "X", _("Not specified")


class AgeBand(models.TextChoices):
    CHILD = "0_11", _("0-11 years")
    ADOLESCENT = "12_17", _("12-17 years")
    YOUNG_ADULT = "18_29", _("18-29 years")
    ADULT = "30_49", _("30-49 years")
    OLDER = "50_plus", _("50 years or more")
    UNKNOWN = "unknown", _("Unknown")


def age_band_for(age: int | None) -> str:
    if age is None:
        return AgeBand.UNKNOWN
    for upper, band in (
        (11, AgeBand.CHILD),
        (17, AgeBand.ADOLESCENT),
        (29, AgeBand.YOUNG_ADULT),
        (49, AgeBand.ADULT),
    ):
        if age <= upper:
            return band
    return AgeBand.OLDER
