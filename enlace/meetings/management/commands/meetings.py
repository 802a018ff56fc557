import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.accounts.choices import Role
from enlace.accounts.models import User
from enlace.core.documents import DocumentError
from enlace.core.documents.reading import DOCX_SUFFIXES, TEXT_SUFFIXES
from enlace.meetings.notifications import send_digests
from enlace.meetings.services import MeetingImportError, meeting_import

MEETING_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES


class Command(BaseCommand):
    help = (
        "Meetings. `meetings import FILE [--dry-run] [--json] [--user USERNAME]` reads a "
        "meeting report (.txt or .docx) and, unless --dry-run, creates a draft meeting for "
        "the ST to review; --json prints what was read as one JSON object. With a folder, every "
        "report in it, one JSON line per file. `meetings digest "
        "[--date YYYY-MM-DD]` e-mails each officer the tasks due soon and overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["import", "digest"])
        parser.add_argument(
            "file", nargs="?", help="meeting report (.txt or .docx), or a folder of them"
        )
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
        if Path(file).is_dir():
            self.import_folder(actor, Path(file), dry_run=dry_run, as_json=options["json"])
            return
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

    def import_folder(self, actor, folder: Path, *, dry_run: bool, as_json: bool) -> None:
        """Every .txt/.docx of `folder` (sorted by name), each on its own: one JSON line per
        file with --json (its reading, `file`, `problems`, `warnings`, and `meeting` or
        `error`), a line of text per file otherwise. Exits non-zero when a file failed."""
        paths = sorted(
            path
            for path in folder.iterdir()
            if path.is_file() and path.suffix.lower() in MEETING_SUFFIXES
        )
        failed = 0
        for path in paths:
            line: dict = {"file": path.name}
            try:
                report, meeting = meeting_import(actor=actor, path=path, dry_run=dry_run)
            except DocumentError as exc:
                failed += 1
                line["error"] = str(exc)
            except MeetingImportError as exc:
                failed += 1
                line["error"] = "; ".join(exc.messages)
            else:
                line.update(report.as_json())
                line["problems"] = [str(found) for found in report.problems]
                line["warnings"] = [str(found) for found in report.warnings]
                line["meeting"] = meeting.pk if meeting is not None else None
            if as_json:
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            elif "error" in line:
                self.stdout.write(f"{path.name}: {line['error']}")
            else:
                self.stdout.write(
                    _("%(file)s: %(items)s agreements read, %(problems)s problem(s)")
                    % {
                        "file": path.name,
                        "items": len(report.items),
                        "problems": len(report.problems),
                    }
                )
        if failed:
            raise CommandError(
                _("%(failed)s of %(count)s files could not be imported")
                % {"failed": failed, "count": len(paths)}
            )
