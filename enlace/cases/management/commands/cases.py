import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.actors import CountryActor
from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.cases.exporting import cases_export
from enlace.cases.importing import cases_import
from enlace.core.importing import ImportFileError, report_to_command
from enlace.core.models import Country


class Command(BaseCommand):
    help = (
        "Case exchange. `cases import FILE --country ISO2 [--format csv|xlsx|json] "
        "[--dry-run]`; `cases export --format json|csv|xlsx|htcds-csv --out PATH "
        "[--country ISO2]`."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["import", "export"])
        parser.add_argument("file", nargs="?", help="file to import")
        parser.add_argument("--country", help="member state acting (ISO2)")
        parser.add_argument("--user", help="act as this liaison officer instead of --country")
        parser.add_argument(
            "--format", dest="file_format", choices=["csv", "xlsx", "json", "htcds-csv"]
        )
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--out", help="export destination")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def _actor(self, country: str | None, username: str | None):
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(_("no active user named %(name)s") % {"name": username})
            return user
        if not country:
            raise CommandError(_("say which member state acts: --country ISO2 (or --user)"))
        country = country.upper()
        if not Country.objects.filter(iso2=country, member_state=True).exists():
            raise CommandError(_("%(country)s is not a CRM member state") % {"country": country})
        return CountryActor(country_id=country, role=Role.LIAISON)

    def handle(self, *args, verb, file, country, user, file_format, dry_run, out, **options):
        actor = self._actor(country, user)
        if verb == "import":
            if not file:
                raise CommandError(_("give the FILE to import"))
            if file_format == "htcds-csv":
                raise CommandError(_("import reads csv, xlsx or json"))
            try:
                report = cases_import(
                    actor=actor, path=Path(file), file_format=file_format, dry_run=dry_run
                )
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
            report_to_command(self, report, as_json=options["json"], dry_run=dry_run)
            if not options["json"]:
                message = (
                    _("%(rows)s rows are valid (dry run: nothing written)")
                    if dry_run
                    else _("%(rows)s rows imported; %(created)s cases created")
                )
                self.stdout.write(message % {"rows": report.rows, "created": report.created})
            return
        if not out or not file_format:
            raise CommandError(_("export needs --format and --out"))
        if file_format not in {"json", "csv", "xlsx", "htcds-csv"}:
            raise CommandError(_("export writes json, csv, xlsx or htcds-csv"))
        count = cases_export(
            actor=actor,
            path=Path(out),
            file_format=file_format,
            owner_country=(country or "").upper() if user else "",
        )
        self.stdout.write(
            json.dumps({"cases": count, "out": out})
            if options["json"]
            else _("%(count)s cases written to %(out)s") % {"count": count, "out": out}
        )
