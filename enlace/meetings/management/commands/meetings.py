import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.core.documents import DocumentError
from enlace.meetings.notifications import send_digests
from enlace.meetings.services import MeetingImportError, meeting_import


class Command(BaseCommand):
    help = (
        "Meetings. `meetings import FILE [--dry-run] [--json] [--user USERNAME]` reads a "
        "meeting report (.txt or .docx) and, unless --dry-run, creates a draft meeting for "
        "the ST to review; --json prints what was read as one JSON object. `meetings digest "
        "[--date YYYY-MM-DD]` e-mails each officer the tasks due soon and overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["import", "digest"])
        parser.add_argument("file", nargs="?", help="meeting report (.txt or .docx)")
        parser.add_argument("--dry-run", action="store_true", help="read only, write nothing")
        parser.add_argument("--json", action="store_true", help="print what was read as JSON")
        parser.add_argument("--user", help="the ST user the import is recorded for")
        parser.add_argument("--date", help="digest: the day to compute it for (YYYY-MM-DD)")

    def handle(self, *args, verb, file, dry_run, user, **options):
        if verb == "digest":
            today = date.fromisoformat(options["date"]) if options["date"] else None
            sent = send_digests(today=today)
            self.stdout.write(_("%(count)s digest(s) sent") % {"count": sent})
            return
        if not file:
            raise CommandError(_("give the FILE to import"))
        actor = None
        if user:
            actor = User.objects.filter(
                username=user, is_active=True, role=Role.SECRETARIAT
            ).first()
            if actor is None:
                raise CommandError(
                    _("no active Technical Secretariat user named %(name)s") % {"name": user}
                )
        try:
            report, meeting = meeting_import(actor=actor, path=Path(file), dry_run=dry_run)
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        except MeetingImportError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(_("the report could not be imported")) from exc
        for problem in report.problems:
            self.stderr.write(_("problem: %(problem)s") % {"problem": problem})
        for warning in report.warnings:
            self.stderr.write(_("check: %(warning)s") % {"warning": warning})
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
            return
        if meeting is None:
            self.stdout.write(
                _("%(items)s agreements read (dry run: nothing written)")
                % {"items": len(report.items)}
            )
        else:
            self.stdout.write(
                _("meeting %(id)s created with %(items)s agreements, to be reviewed")
                % {"id": meeting.pk, "items": len(report.items)}
            )
