from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "enlace.screening"
    label = "screening"
    verbose_name = _("Watchlist and screening")

    def ready(self) -> None:
        from enlace.web.navigation import NavItem, register

        from . import tasks  # noqa: F401  registers the background job handlers

        # Liaison officers own the watchlist and screen; no other role reads entries
        # (permissions.py). Single checks and manifests start from the screenings page.
        register(
            NavItem(
                "screening:entry_list",
                _("Watchlist"),
                icon="person-vcard",
                order=20,
                section="screening",
            )
        )
        register(
            NavItem(
                "screening:batch_list",
                _("Screening"),
                icon="person-check",
                order=21,
                section="screening",
            )
        )
