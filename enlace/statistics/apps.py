from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "enlace.statistics"
    label = "statistics"
    verbose_name = _("Regional statistics")

    def ready(self) -> None:
        from enlace.cases.signals import cases_changed
        from enlace.web.navigation import NavItem, register

        from . import tasks  # registers the background job handlers

        cases_changed.connect(tasks.facts_refresh_soon, dispatch_uid="statistics-facts")

        register(
            NavItem(
                "statistics:dashboard",
                _("Statistics"),
                icon="bar-chart-line",
                order=30,
                section="statistics",
            )
        )
        register(
            NavItem(
                "statistics:data_call_list",
                _("Data calls"),
                icon="megaphone",
                order=31,
                section="statistics",
            )
        )
        # roles with a dashboard reach releases from it; the others need the menu entry
        register(
            NavItem(
                "statistics:release_list",
                _("Published statistics"),
                reached_from="statistics:dashboard",
                icon="graph-up",
                order=32,
                section="statistics",
            )
        )
