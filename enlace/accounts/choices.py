from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of docs/architecture.md §1. Each user has exactly one."""

    LIAISON = "liaison", _("Liaison officer")
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    SECRETARIAT = "secretariat", _("Technical Secretariat")
    OBSERVER = "observer", _("Observer organization")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    AUDITOR = "auditor", _("Auditor")
    SYSADMIN = "sysadmin", _("Platform administrator")


# Which organization kinds each role may belong to.
ROLE_ORGANIZATION_KINDS = {
    Role.LIAISON: {"national_office"},
    Role.NATIONAL_ADMIN: {"national_office"},
    Role.SECRETARIAT: {"secretariat"},
    Role.OBSERVER: {"observer"},
    Role.CIVIL_SOCIETY: {"civil_society"},
    Role.AUDITOR: {"national_office", "secretariat"},
    Role.SYSADMIN: {"secretariat", "national_office", "other"},
}
