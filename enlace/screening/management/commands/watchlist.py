import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.actors import CountryActor
from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.core.importing import ImportFileError, report_to_command
from enlace.core.models import Country
from enlace.screening.exporting import watchlist_export
from enlace.screening.importing import watchlist_import
from enlace.screening.reminders import watchlist_send_review_reminders
from enlace.screening.selectors import entry_list


class Command(BaseCommand):
    help = (
        "The regional watchlist. `watchlist remind [--date YYYY-MM-DD]` e-mails each owner "
        "country's liaison officers a digest of its entries due for review; "
        "`watchlist import FILE --country ISO2 [--dry-run]` imports a CSV or XLSX file (all "
        "rows or none); `watchlist export --format csv|xlsx --out PATH --country ISO2` writes "
        "the entries visible to that country, redacted as its officers see them."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["remind", "import", "export"])
        parser.add_argument("file", nargs="?", help="file to import")
        parser.add_argument("--country", help="member state acting (ISO2)")
        parser.add_argument("--user", help="act as this liaison officer instead of --country")
        parser.add_argument("--format", dest="file_format", choices=["csv", "xlsx"])
        parser.add_argument("--out", help="export destination")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--date", dest="day", help="act as if today were this day (YYYY-MM-DD)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def _actor(self, country: str | None, username: str | None):
        if username:
            user = User.objects.filter(username=username, is_active=True, role=Role.LIAISON).first()
            if user is None:
                raise CommandError(
                    _("no active liaison officer named %(name)s") % {"name": username}
                )
            return user
        if not country:
            raise CommandError(_("say which member state acts: --country ISO2 (or --user)"))
        country = country.upper()
        if not Country.objects.filter(iso2=country, member_state=True).exists():
            raise CommandError(_("%(country)s is not a CRM member state") % {"country": country})
        return CountryActor(country_id=country, role=Role.LIAISON)

    def handle(self, *args, verb, file, country, user, file_format, out, dry_run, day, **options):
        as_json = options["json"]
        if verb == "remind":
            try:
                today = date.fromisoformat(day) if day else None
            except ValueError as exc:
                raise CommandError(_("--date must be YYYY-MM-DD")) from exc
            outcome = watchlist_send_review_reminders(today=today)
            self.stdout.write(
                json.dumps(outcome)
                if as_json
                else _(
                    "%(sent)s review digests sent (%(entries)s entries of %(countries)s countries)"
                )
                % outcome
            )
            return
        actor = self._actor(country, user)
        if verb == "import":
            self._import(actor, file, file_format, dry_run, as_json)
            return
        if not out or not file_format:
            raise CommandError(_("export needs --format and --out"))
        content, count = watchlist_export(
            actor=actor,
            entries=entry_list(actor=actor).iterator(chunk_size=500),
            file_format=file_format,
        )
        Path(out).write_bytes(content)
        self.stdout.write(
            json.dumps({"entries": count, "out": out})
            if as_json
            else _("%(count)s entries written to %(out)s") % {"count": count, "out": out}
        )

    def _import(self, actor, file, file_format, dry_run, as_json):
        if not file:
            raise CommandError(_("give the FILE to import"))
        try:
            report = watchlist_import(
                actor=actor, path=Path(file), file_format=file_format, dry_run=dry_run
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report_to_command(self, report, as_json=as_json, dry_run=dry_run)
        if not as_json:
            message = (
                _("%(rows)s rows are valid (dry run: nothing written)")
                if dry_run
                else _("%(rows)s rows imported; %(created)s entries created")
            )
            self.stdout.write(message % {"rows": report.rows, "created": report.created})
