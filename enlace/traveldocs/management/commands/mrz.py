"""`enlace mrz check FILE|- [--json]`: check machine-readable zones, one after another.

Documents are separated by a blank line. Every document is read and checked
(`enlace.traveldocs.mrz`); the output is one line per document, in input order: with --json
the object of `MRZ.as_dict()`, otherwise the line where the document starts, its format and
number, and the checks that fail. Exit status 0 when every document passes every check, 1
when any check fails (after all documents were written), 2 when the input cannot be read as
MRZ: the error names the line; documents before it have been written, none after it.

Large inputs are checked in forked processes (`core.parallel.map_in_processes`), slices of
documents each, and written in order.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enlace.core.parallel import map_in_processes, worker_count
from enlace.traveldocs.mrz import MRZ, MRZError, parse, to_json

SLICE = 20_000  # documents per task: large enough to amortize a task, small to keep order cheap
PARALLEL_FROM = 40_000  # below this, forking costs more than it saves
CHECK_NAMES = {
    "document_number": gettext_lazy("document number"),
    "birth_date": gettext_lazy("birth date"),
    "expiry_date": gettext_lazy("expiry date"),
    "personal_number": gettext_lazy("personal number"),
    "composite": gettext_lazy("composite"),
}


def error_message(code: str, params: dict) -> str:
    """The translated text of an `MRZError` code (the library's own text is English)."""
    messages = {
        "empty": _("no machine-readable zone"),
        "line_count": _("a zone has 2 or 3 lines, this one has %(count)s"),
        "line_length": _("line of %(length)s characters: a zone's lines have 30, 36 or 44"),
        "mixed_lengths": _("%(count)s lines of %(length)s characters do not make a zone"),
        "lower_case": _(
            "lower-case letter %(char)s: a machine-readable zone is written in upper case only"
        ),
        "character": _("character %(char)s is not one of A-Z, 0-9 and <"),
        "document_code": _("a zone starts with a letter (the document code), not %(char)s"),
    }
    values = {**params}
    if "char" in values:
        values["char"] = repr(values["char"])
    return messages[code] % values


def _documents(chunk: str) -> list[tuple[int, list[str]]]:
    """A piece between two "\\n\\n" that was not one clean zone: its documents (lines between
    blank or whitespace-only lines), each with the 0-based line where it starts."""
    documents: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(chunk.split("\n")):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            documents.append((start, current))
            current = []
    if current:
        documents.append((start, current))
    return documents


class _Checker:
    """Checks slices of the input's pieces (text split at "\\n\\n"); runs in the workers."""

    def __init__(self, pieces: list[str], as_json: bool, first_line: int = 1) -> None:
        self.pieces = pieces
        self.as_json = as_json
        self.first = first_line  # of pieces[0]: blank lines before it were stripped
        self.today = datetime.date.today()  # one century window for the whole input

    def first_line(self, index: int) -> int:
        """The 1-based line where piece `index` starts."""
        return sum(piece.count("\n") for piece in self.pieces[:index]) + 2 * index + self.first

    def _piece(self, index: int) -> tuple[list[tuple[int, MRZ]], tuple | None]:
        """The documents of a piece that is not one clean zone (offset of each), and the
        error of the first one that cannot be read, if any."""
        zones: list[tuple[int, MRZ]] = []
        for offset, lines in _documents(self.pieces[index]):
            try:
                zones.append((offset, parse(lines, today=self.today)))
            except MRZError as error:
                first = self.first_line(index) + offset
                return zones, (error.code, first + error.line - 1, error.column, error.params)
        return zones, None

    def __call__(self, bounds: tuple[int, int]) -> tuple[str, int, int, tuple | None]:
        """(output, documents, documents failing a check, error) for pieces[start:stop]: the
        error (code, line, column, params) of the first unreadable document, if any. The
        output is one string: a worker's answer is pickled, and one string is a copy."""
        out, documents, failed, error = self._check(*bounds)
        return "\n".join(out), documents, failed, error

    def _check(self, start: int, stop: int) -> tuple[list[str], int, int, tuple | None]:
        if self.as_json:
            return self._json(start, stop)
        out: list[str] = []
        documents = failed = 0
        line = self.first_line(start)
        for index in range(start, stop):
            try:
                zones, error = [(0, parse(self.pieces[index], today=self.today))], None
            except MRZError:
                zones, error = self._piece(index)
            documents += len(zones)
            for offset, zone in zones:
                failed += not zone.valid
                out.append(self._line(line + offset, zone))
            if error:
                return out, documents, failed, error
            line += self.pieces[index].count("\n") + 2
        return out, documents, failed, None

    def _json(self, start: int, stop: int) -> tuple[list[str], int, int, tuple | None]:
        # the hot loop of a million zones: one parse and one to_json each, nothing else
        out: list[str] = []
        append = out.append
        pieces, today = self.pieces, self.today
        documents = stop - start
        failed = 0
        for index in range(start, stop):
            try:
                text = to_json(parse(pieces[index], today=today))
            except MRZError:
                zones, error = self._piece(index)
                documents += len(zones) - 1
                for _offset, zone in zones:
                    failed += not zone.valid
                    append(to_json(zone))
                if error:
                    return out, documents - (stop - index - 1), failed, error
                continue
            append(text)
            failed += text.endswith('"valid":false}')
        return out, documents, failed, None

    def _line(self, line: int, zone: MRZ) -> str:
        values = {
            "line": line,
            "format": zone.format,
            "number": zone.document_number or "—",
            "checks": ", ".join(str(CHECK_NAMES[name]) for name in zone.failed),
        }
        if zone.valid:
            return _("line %(line)s: %(format)s %(number)s: valid") % values
        return _("line %(line)s: %(format)s %(number)s: fails %(checks)s") % values


class Command(BaseCommand):
    help = (
        "Check ICAO 9303 machine-readable zones (TD1, TD2, TD3, MRV-A, MRV-B): `mrz check "
        "FILE` or `-` for standard input, documents separated by a blank line. Prints one "
        "line per document (--json: one JSON object per line). Exit status 0 when all pass "
        "every check, 1 when any fails a check, 2 when the input cannot be read as MRZ."
    )
    requires_system_checks: list[str] = []  # no database, no models: nothing to check

    def add_arguments(self, parser) -> None:
        parser.add_argument("verb", choices=["check"])
        parser.add_argument("file", help="file of zones, or - for standard input")
        parser.add_argument("--json", action="store_true", help="one JSON object per document")
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="processes checking in parallel (default: the cores available, at most 4)",
        )

    def handle(self, *args, verb: str, file: str, **options) -> None:
        text = self._read(file)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        body = text.lstrip("\n")
        pieces = body.rstrip("\n").split("\n\n")
        checker = _Checker(pieces, bool(options["json"]), len(text) - len(body) + 1)
        slices = [
            (start, min(start + SLICE, len(pieces))) for start in range(0, len(pieces), SLICE)
        ]
        workers = int(options["workers"] or 0) or worker_count()
        if workers < 1:
            raise CommandError(_("--workers must be at least 1"), returncode=2)
        if len(pieces) < PARALLEL_FROM:
            workers = 1
        documents = failed = 0
        error = None
        results = map_in_processes(checker, slices, processes=workers)
        for out, count, failing, error in results:
            if out:
                self.stdout.write(out)
            documents += count
            failed += failing
            if error:
                break
        if hasattr(results, "close"):
            results.close()  # an error stops the workers still running
        if not error and not documents:
            error = ("empty", 1, 0, {})
        if error:
            code, line, _column, params = error
            raise CommandError(
                _("line %(line)s: %(message)s")
                % {"line": line, "message": error_message(code, params)},
                returncode=2,
            )
        if failed:
            raise CommandError(
                _("%(failed)s of %(count)s documents fail a check")
                % {"failed": failed, "count": documents},
                returncode=1,
            )

    def _read(self, file: str) -> str:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("cannot read %(file)s: %(reason)s") % {"file": file, "reason": exc.strerror},
                returncode=2,
            ) from exc
        # undecodable bytes stay as characters no zone holds, so they are reported by line
        return data.decode("utf-8", errors="surrogateescape")
