from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "enlace.cases"
    label = "cases"
    verbose_name = _("Case exchange")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  registers the background job handlers
