import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.audit.services import chain_verify, checkpoint_write, checkpoints_stored


class Command(BaseCommand):
    help = (
        "Audit trail tools. `audit verify` checks the SHA-256 chain and the signature of "
        "every event, and every stored checkpoint; `audit checkpoint` writes the signed "
        "chain head to a file (and prints it, for an external notary)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["verify", "checkpoint"])
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="checkpoint folder (default ENLACE_AUDIT_CHECKPOINT_DIR)",
        )
        parser.add_argument(
            "--checkpoint",
            type=Path,
            action="append",
            default=[],
            help="verify: also check this checkpoint file (repeatable), e.g. one kept by a notary",
        )

    def handle(self, *args, verb: str, **options):
        if verb == "checkpoint":
            point, path = checkpoint_write(options["dir"])
            if options["json"]:
                self.stdout.write(json.dumps({**point, "file": str(path)}, sort_keys=True))
            else:
                self.stdout.write(
                    _("checkpoint of event #%(sequence)s written to %(file)s")
                    % {"sequence": point["sequence"], "file": path}
                )
                self.stdout.write(json.dumps(point, sort_keys=True))
            return
        points = checkpoints_stored(options["dir"])
        for path in options["checkpoint"]:
            try:
                points.append(json.loads(path.read_text()))
            except (OSError, ValueError) as exc:
                raise CommandError(
                    _("cannot read the checkpoint %(file)s") % {"file": path}
                ) from exc
        result = chain_verify(points)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": result.ok,
                        "checked": result.checked,
                        "checkpoints": len(points),
                        "broken_sequence": result.broken_sequence,
                        "reason": result.reason,
                    }
                )
            )
        if not result.ok:
            raise CommandError(
                _("audit chain broken at event #%(sequence)s: %(reason)s")
                % {"sequence": result.broken_sequence, "reason": result.reason}
            )
        if not options["json"]:
            self.stdout.write(
                _("audit chain intact: %(count)s events verified") % {"count": result.checked}
            )
            if points:
                self.stdout.write(_("%(count)s checkpoint(s) agree") % {"count": len(points)})
