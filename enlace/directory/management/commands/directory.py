import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.directory.services import directory_send_confirmation_reminders


class Command(BaseCommand):
    help = (
        "The network's directory. `directory remind [--date YYYY-MM-DD]` e-mails the "
        "contacts not confirmed for ENLACE_CONTACT_CONFIRM_DAYS days and a digest to their "
        "national administrators."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["remind"])
        parser.add_argument("--date", dest="day", help="act as if today were this day (YYYY-MM-DD)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, verb: str, day: str | None, **options):
        try:
            today = date.fromisoformat(day) if day else None
        except ValueError as exc:
            raise CommandError(_("--date must be YYYY-MM-DD")) from exc
        sent = directory_send_confirmation_reminders(today=today)
        if options["json"]:
            self.stdout.write(json.dumps({"sent": sent}))
        else:
            self.stdout.write(_("%(count)s reminder messages sent") % {"count": sent})
