from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "enlace.meetings"
    label = "meetings"
    verbose_name = _("Meetings and agreements")

    def ready(self) -> None:
        from enlace.web.navigation import NavItem, register

        register(
            NavItem(
                "meetings:meeting_list",
                _("Meetings"),
                icon="people-fill",
                order=44,
                section="network",
            )
        )
        register(
            NavItem(
                "meetings:task_list", _("Follow-up"), icon="list-check", order=45, section="network"
            )
        )
        register(
            NavItem(
                "meetings:training_list",
                _("Trainings and campaigns"),
                icon="mortarboard",
                order=46,
                section="network",
            )
        )
        register(
            NavItem(
                "meetings:calendar",
                _("My calendar"),
                icon="calendar-event",
                order=47,
                section="network",
            )
        )
