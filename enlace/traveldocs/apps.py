from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraveldocsConfig(AppConfig):
    name = "enlace.traveldocs"
    label = "traveldocs"
    verbose_name = _("Travel documents")
    # no pages yet, so no navigation entries: ready() registers them once there are
