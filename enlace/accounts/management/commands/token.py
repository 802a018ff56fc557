from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.models import User
from enlace.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print its key (or --revoke PREFIX)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="validity in days (default: REST_KNOX TOKEN_TTL, 90 days)",
        )
        parser.add_argument(
            "--revoke", metavar="PREFIX", help="revoke the token whose key starts with PREFIX"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, username, days, revoke, **options):
        import json

        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(_("no user named %(name)s") % {"name": username}) from exc
        if revoke:
            count = token_revoke(actor=None, user=user, token_key=revoke[:15])
            if not count:
                raise CommandError(
                    _("no token of %(name)s starts with %(prefix)s")
                    % {"name": username, "prefix": revoke}
                )
            self.stdout.write(
                json.dumps({"revoked": count}) if options["json"] else f"revoked {count} token(s)"
            )
            return
        if days is not None and not 1 <= days <= 3650:
            raise CommandError(_("--days must be between 1 and 3650"))
        try:
            token, key = token_create(actor=None, user=user, days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"token": key, "expires": token.expiry.isoformat()}))
        else:
            self.stdout.write(key)
