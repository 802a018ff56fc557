import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from enlace.core.demo import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Create demo users for every role and demo records (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="random seed of demo records")
        parser.add_argument(
            "--cases",
            type=int,
            default=None,
            help="how many synthetic cases to have (default 3,000)",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, seed: int, **options):
        demo_load(seed=seed, options={"cases": options["cases"]})
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "username": spec.username,
                            "password": DEMO_PASSWORD,
                            "role": spec.role.value,
                            "organization": spec.organization,
                        }
                        for spec in DEMO_USERS
                    ]
                )
            )
            return
        self.stdout.write(
            _("Demo logins (password for all: %(password)s)") % {"password": DEMO_PASSWORD}
        )
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec.username:<14} {spec.role.label!s:<28} {spec.organization}")
