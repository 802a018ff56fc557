from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "enlace.statistics"
    label = "statistics"
    verbose_name = _("Regional statistics")

    def ready(self) -> None:
        from enlace.accounts.choices import Role
        from enlace.cases.signals import cases_changed
        from enlace.web.navigation import NavItem, register

        from . import tasks  # registers the background job handlers

        cases_changed.connect(tasks.facts_refresh_soon, dispatch_uid="statistics-facts")

        register(
            NavItem(
                "statistics:dashboard",
                _("Statistics"),
                roles=frozenset({Role.LIAISON, Role.SECRETARIAT, Role.OBSERVER}),
                icon="bar-chart-line",
                order=30,
                section="statistics",
            )
        )
        register(
            NavItem(
                "statistics:data_call_list",
                _("Data calls"),
                roles=frozenset({Role.LIAISON, Role.SECRETARIAT}),
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
                roles=frozenset(
                    {Role.CIVIL_SOCIETY, Role.NATIONAL_ADMIN, Role.AUDITOR, Role.SYSADMIN}
                ),
                icon="graph-up",
                order=32,
                section="statistics",
            )
        )
