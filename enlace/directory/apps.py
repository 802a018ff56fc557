from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "enlace.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from enlace.web.navigation import NavItem, register

        register(
            NavItem(
                "directory:contact_list",
                _("Directory"),
                icon="person-lines-fill",
                order=40,
                section="network",
            )
        )
        register(
            NavItem(
                "directory:service_list",
                _("Services for victims"),
                icon="house-heart",
                order=41,
                section="network",
            )
        )
        register(
            NavItem(
                "directory:competency_matrix",
                _("Competencies"),
                icon="grid-3x3",
                order=42,
                section="network",
            )
        )
