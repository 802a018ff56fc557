"""Codes of the directory. Records store the code; labels may be reworded."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkRole(models.TextChoices):
    """What a contact is for the network. One person may hold several roles."""

    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    ALTERNATE = "alternate", _("Alternate liaison officer")
    # Work plan 9.3: one liaison per country to coordinate repatriations of victims.
    REPATRIATION_LIAISON = "repatriation_liaison", _("Repatriation liaison")
    # Work plan 4.6: focal points who disseminate the products of the information campaign.
    CAMPAIGN_FOCAL_POINT = "campaign_focal_point", _("Campaign focal point")
    COALITION_CONTACT = "coalition_contact", _("Coalition contact")


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    REPATRIATION = "repatriation", _("Repatriation")
    REINTEGRATION = "reintegration", _("Reintegration")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HEALTH = "health", _("Health")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    OTHER = "other", _("Other")


class Population(models.TextChoices):
    """Who a service is for (HSDS `eligibility`, narrowed to what referrals ask)."""

    CHILDREN = "children", _("Children and adolescents")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    FAMILIES = "families", _("Families")
    LGBTI = "lgbti", _("LGBTI persons")


class CapacityUnit(models.TextChoices):
    BEDS = "beds", _("beds")
    PERSONS = "persons", _("persons")


class CompetencyArea(models.TextChoices):
    """The rows of the institutional competencies matrix (work plan B.1.4)."""

    INVESTIGATION = "investigation", _("Investigation")
    PROSECUTION = "prosecution", _("Prosecution")
    VICTIM_IDENTIFICATION = "victim_identification", _("Victim identification")
    VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
    REPATRIATION = "repatriation", _("Repatriation")
    BORDER_CONTROL = "border_control", _("Border control")
    MIGRATION_REGULARIZATION = "migration_regularization", _("Migration regularization")
    PREVENTION = "prevention", _("Prevention and campaigns")
    STATISTICS = "statistics", _("Statistics")
    OTHER = "other", _("Other")


# The languages offered in forms (ISO 639-1): those of the region and of the extra-regional
# migrants it receives most. Stored values may be any ISO 639-1 code (validators.py).
COMMON_LANGUAGES = ("es", "en", "fr", "pt", "ht", "zh", "ar", "hi", "bn", "ne", "ru")
