from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "enlace.workplan"
    label = "workplan"
    verbose_name = _("Work plan")

    def ready(self) -> None:
        from enlace.web.navigation import NavItem, register

        register(
            NavItem(
                "workplan:plan",
                _("Work plan"),
                icon="clipboard2-check",
                order=52,
                section="network",
            )
        )
