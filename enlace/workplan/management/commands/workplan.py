"""`enlace workplan import FILE [--dry-run] [--json] [--user USERNAME]` and
`enlace workplan export --format docx|xlsx|json --out PATH [--language es|en] [--number N]`.

Import reads a .txt or .docx work plan. With --json it prints the parser's own reading of the
document as one JSON object and nothing else on stdout; problems and warnings go to stderr.
Without --dry-run it writes the plan as the next version, acting as the Technical Secretariat
(or as --user, who must belong to it). A document with problems is not imported (exit 1)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.actors import SecretariatActor
from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.workplan.importing import WorkPlanFileError, read_plan_file
from enlace.workplan.models import PlanVersion
from enlace.workplan.selectors import latest_version
from enlace.workplan.services import plan_export, plan_import


def _describe(found) -> str:
    """A parser's problem in the command's language, with its line."""
    message = found.localized()
    if not found.line:
        return message
    return _("line %(line)s: %(message)s") % {"line": found.line, "message": message}


class Command(BaseCommand):
    help = (
        "The work plan. `workplan import FILE [--dry-run] [--json] [--user USERNAME]`; "
        "`workplan export --format docx|xlsx|json --out PATH [--language es|en] [--number N]`."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["import", "export"])
        parser.add_argument("file", nargs="?", help="the .txt or .docx document to import")
        parser.add_argument("--dry-run", action="store_true", help="read and check only")
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.add_argument("--user", help="act as this Technical Secretariat user")
        parser.add_argument("--format", dest="file_format", choices=["docx", "xlsx", "json"])
        parser.add_argument("--out", help="export destination")
        parser.add_argument("--language", choices=["es", "en"], default="es")
        parser.add_argument("--number", type=int, help="version to export (default: in force)")

    def _actor(self, username: str | None):
        if not username:
            return SecretariatActor()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("no active user named %(name)s") % {"name": username})
        if user.role != Role.SECRETARIAT:
            raise CommandError(_("only the Technical Secretariat keeps the work plan"))
        return user

    def handle(self, *args, verb, file, dry_run, user, **options):
        actor = self._actor(user)
        if verb == "export":
            self.export(actor, **options)
            return
        if not file:
            raise CommandError(_("give the FILE to import"))
        try:
            imported = read_plan_file(Path(file))
        except WorkPlanFileError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(imported.document_json, ensure_ascii=False))
        for found in imported.problems:
            self.stderr.write(_("problem: %(problem)s") % {"problem": _describe(found)})
        for found in imported.warnings:
            self.stderr.write(_("warning: %(warning)s") % {"warning": _describe(found)})
        if imported.problems:
            raise CommandError(
                _("%(count)s problem(s); nothing was imported") % {"count": len(imported.problems)}
            )
        try:
            version = plan_import(actor=actor, imported=imported, dry_run=dry_run)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            return
        counts = imported.counts()
        summary = _(
            "%(objectives)s objectives, %(activities)s activities, %(history)s history entries"
        ) % {
            "objectives": counts["top_level"],
            "activities": counts["sub_activities"],
            "history": counts["history_records"],
        }
        if version is None:
            self.stdout.write(_("%(summary)s (dry run: nothing written)") % {"summary": summary})
        else:
            self.stdout.write(
                _("version %(number)s created: %(summary)s")
                % {"number": version.number, "summary": summary}
            )

    def export(self, actor, *, file_format, out, language, number, **options):
        if not file_format or not out:
            raise CommandError(_("export needs --format and --out"))
        if number is None:
            version = latest_version()
        else:
            version = PlanVersion.objects.filter(status="published", number=number).first()
        if version is None:
            raise CommandError(_("no published version of the work plan"))
        content = plan_export(
            actor=actor, version=version, file_format=file_format, language=language
        )
        Path(out).write_bytes(content)
        if options["json"]:
            self.stdout.write(json.dumps({"version": version.number, "out": out}))
        else:
            self.stdout.write(
                _("version %(number)s written to %(out)s") % {"number": version.number, "out": out}
            )
