from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who beyond the owner country may see a record (docs/architecture.md §3.1)."""

    NATIONAL = "national", _("National (owner country only)")
    SELECTED = "selected", _("Selected member states")
    NETWORK = "network", _("Network (all member states)")
    PARTNERS = "partners", _("Partners (network, Technical Secretariat and observers)")


class HandlingCode(models.TextChoices):
    """Conditions that travel with every shared record and every export of it."""

    H0 = "H0", _("H0: law-enforcement use only")
    H1 = "H1", _("H1: not to be used in judicial proceedings without the owner's consent")
    H2 = "H2", _("H2: not to be passed to third parties without the owner's consent")


class FieldGroup(models.TextChoices):
    """Sensitive field groups a country's law profile lets leave the country, or not."""

    NAMES = "names", _("Names")
    BIRTH_DATES = "birth_dates", _("Birth dates")
    IDENTITY_NUMBERS = "identity_numbers", _("Identity numbers")
    PHONES = "phones", _("Phone numbers")
    ADDRESSES = "addresses", _("Addresses")
    PHOTOS = "photos", _("Photos")
