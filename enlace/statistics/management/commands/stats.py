import json
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.statistics.disclosure import DisclosureError
from enlace.statistics.exports import release_write
from enlace.statistics.facts import facts_sync
from enlace.statistics.periods import Period
from enlace.statistics.services import release_publish, reminders_send


class Command(BaseCommand):
    help = (
        "Regional statistics. `stats publish --period P [--k 11] [--rounding N] --out DIR "
        "[--user USERNAME]` publishes a release and writes one CSV per table and "
        "manifest.json; `stats remind [--date YYYY-MM-DD]` e-mails data-call reminders; "
        "`stats refresh [--full]` brings the aggregate store up to date with the cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["publish", "remind", "refresh"])
        parser.add_argument("--period", help="2025, 2025-S2, 2025-Q3 or 2025-07")
        parser.add_argument("--k", type=int, default=None, help="threshold (default 11)")
        parser.add_argument("--rounding", type=int, default=None, help="round to this base")
        parser.add_argument("--out", help="folder for the release files")
        parser.add_argument("--user", help="the Secretariat user who approves the release")
        parser.add_argument("--note", default="", help="note published with the release")
        parser.add_argument("--date", dest="day", help="act as if today were this day")
        parser.add_argument("--full", action="store_true", help="recount everything")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, verb: str, **options):
        getattr(self, f"_{verb}")(options)

    def _emit(self, options, data: dict, text: str) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False) if options["json"] else text)

    def _refresh(self, options):
        result = facts_sync(full=options["full"])
        self._emit(
            options,
            {
                "changed_cases": result.changed_cases,
                "deleted_cases": result.deleted_cases,
                "slices": result.slices,
                "rows": result.rows,
            },
            _("%(cases)s changed and %(deleted)s deleted cases recounted in %(slices)s slices")
            % {
                "cases": result.changed_cases,
                "deleted": result.deleted_cases,
                "slices": result.slices,
            },
        )

    def _remind(self, options):
        try:
            today = date.fromisoformat(options["day"]) if options["day"] else None
        except ValueError as exc:
            raise CommandError(_("--date must be YYYY-MM-DD")) from exc
        sent = reminders_send(today=today)
        self._emit(options, {"sent": sent}, _("%(count)s reminder messages sent") % {"count": sent})

    def _publish(self, options):
        if not options["period"] or not options["out"]:
            raise CommandError(_("publish needs --period and --out"))
        try:
            Period.parse(options["period"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        actor = None
        if options["user"]:
            actor = User.objects.filter(
                username=options["user"], is_active=True, role=Role.SECRETARIAT
            ).first()
            if actor is None:
                raise CommandError(
                    _("no active Technical Secretariat user named %(name)s")
                    % {"name": options["user"]}
                )
        facts_sync()
        try:
            release = release_publish(
                actor=actor,
                period=options["period"],
                k=options["k"],
                rounding=options["rounding"],
                note=options["note"],
                approved_by_name="" if actor else _("command line"),
            )
        except (ValidationError, PermissionDenied, DisclosureError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        files = release_write(release, Path(options["out"]))
        self._emit(
            options,
            {
                "release": release.slug,
                "period": release.period,
                "version": release.version,
                "k": release.k,
                "suppressed_cells": release.suppressed_cells,
                "files": [str(path) for path in files],
            },
            _(
                "release %(release)s published: %(count)s files in %(out)s; "
                "%(suppressed)s cells suppressed"
            )
            % {
                "release": release.slug,
                "count": len(files),
                "out": options["out"],
                "suppressed": release.suppressed_cells,
            },
        )
