import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.audit.services import chain_verify


class Command(BaseCommand):
    help = "Audit trail tools. `audit verify` checks the SHA-256 chain of every event."

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, verb: str, **options):
        result = chain_verify()
        if options["json"]:
            self.stdout.write(json.dumps({"ok": result.ok, "checked": result.checked,
                                          "broken_sequence": result.broken_sequence,
                                          "reason": result.reason}))
        if not result.ok:
            raise CommandError(_("audit chain broken at event #%(sequence)s: %(reason)s") % {
                "sequence": result.broken_sequence, "reason": result.reason})
        if not options["json"]:
            self.stdout.write(_("audit chain intact: %(count)s events verified") % {
                "count": result.checked})
