import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.statistics.disclosure import DisclosureError
from enlace.statistics.periods import Period
from enlace.statistics.report import CHARTS_AS_IMAGES, semiannual_report


class Command(BaseCommand):
    help = (
        "Reports. `report semiannual --period 2025-S2 --lang es|en --format pdf|docx "
        "--out PATH` writes the semiannual regional report (published figures only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["semiannual"])
        parser.add_argument("--period", required=True, help="a semester, e.g. 2025-S2")
        parser.add_argument("--lang", dest="language", choices=["es", "en"], default="es")
        parser.add_argument("--format", dest="file_format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(
        self, *args, verb: str, period: str, language: str, file_format: str, out: str, **options
    ):
        try:
            Period.parse(period)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        try:
            content = semiannual_report(period=period, language=language, file_format=file_format)
        except DisclosureError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(out)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "out": str(path),
                        "bytes": len(content),
                        "format": file_format,
                        "language": language,
                        "charts_as_images": CHARTS_AS_IMAGES or file_format == "pdf",
                    }
                )
            )
        else:
            self.stdout.write(
                _("report written to %(out)s (%(size)s bytes)") % {"out": out, "size": len(content)}
            )
