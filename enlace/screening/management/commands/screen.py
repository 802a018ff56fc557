"""`enlace screen`: screen a CSV of travellers against a CSV watchlist, without the database.

Both files are read and checked whole before anything is screened, and the result is written
to a temporary file that replaces --out only when complete: a malformed input or a failure
half-way leaves no output file behind (and never half of one).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from enlace.core.exporting import csv_writer
from enlace.matching import DEFAULT_THRESHOLD, Identity, WatchlistIndex

COLUMNS = (
    "id",
    "given_names",
    "surnames",
    "full_name",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
)
NAME_COLUMNS = ("given_names", "surnames", "full_name")
OUTPUT_HEADER = ("traveller_id", "watchlist_id", "score", "reasons")
PROGRESS_EVERY = 100_000
# Below this many travellers forking the workers costs more than it saves.
PARALLEL_FROM = 5_000


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


MAX_ERRORS_SHOWN = 50
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")


@dataclass
class InputError:
    path: Path
    row: int  # as a person counts lines: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, column %(column)s: %(message)s") % {
            "file": self.path.name,
            "row": self.row,
            "column": self.column or "—",
            "message": self.message,
        }


def _country_codes() -> frozenset[str]:
    from enlace.core.reference_data import read_rows

    return frozenset(row["iso2"] for row in read_rows("countries.csv"))


class Command(BaseCommand):
    help = (
        "Screen travellers against a watchlist, both CSV files, and write one row per hit. "
        'Columns: id (required), given_names and surnames, or full_name ("SURNAMES, GIVEN" '
        "when written surnames first), birth_date (YYYY-MM-DD, or YYYY when only the year is "
        "known), nationality (ISO 3166-1 alpha-2, several separated by ';'), sex (M or F), "
        "document_number (several separated by ';'). UTF-8, with or without BOM. Output "
        "columns: traveller_id, watchlist_id, score (0 to 1, 3 decimals), reasons. "
        f"The default threshold is {DEFAULT_THRESHOLD}: see docs/screening.md."
    )
    requires_system_checks: list[str] = []  # no database, no models: nothing to check

    def add_arguments(self, parser) -> None:
        parser.add_argument("--watchlist", required=True, type=Path, help="watchlist CSV")
        parser.add_argument("--travellers", required=True, type=Path, help="travellers CSV")
        parser.add_argument("--out", required=True, type=Path, help="result CSV to write")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"lowest score reported, in (0, 1] (default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes screening in parallel (default: one per available core)",
        )
        parser.add_argument(
            "--limit", type=int, default=10, help="most hits reported per traveller (default 10)"
        )
        parser.add_argument("--json", action="store_true", help="machine-readable summary")

    def handle(
        self,
        *args,
        watchlist: Path,
        travellers: Path,
        out: Path,
        threshold: float,
        workers: int,
        limit: int,
        **options,
    ) -> None:
        # call_command passes options as given, without argparse's conversions
        watchlist, travellers, out = Path(watchlist), Path(travellers), Path(out)
        threshold, limit = float(threshold), int(limit)
        workers = available_cores() if workers is None else int(workers)
        if not 0.0 < threshold <= 1.0:
            raise CommandError(_("--threshold must be above 0 and at most 1"))
        if workers < 1:
            raise CommandError(_("--workers must be at least 1"))
        if limit < 1:
            raise CommandError(_("--limit must be at least 1"))
        if not out.parent.is_dir():
            raise CommandError(
                _("The folder of --out does not exist: %(path)s") % {"path": out.parent}
            )
        self.progress = options["verbosity"] >= 2 or sys.stderr.isatty()
        countries = _country_codes()
        errors: list[InputError] = []
        listed = self._read(watchlist, countries, errors)
        screened = self._read(travellers, countries, errors)
        if errors:
            for error in errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(str(error))
            if len(errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(
                    _("... and %(count)s more") % {"count": len(errors) - MAX_ERRORS_SHOWN}
                )
            raise CommandError(
                _("%(count)s error(s) in the input; nothing was written") % {"count": len(errors)}
            )

        index = WatchlistIndex.build(listed)
        hits = travellers_hit = 0
        handle, temporary = tempfile.mkstemp(prefix=".screen-", suffix=".csv", dir=out.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                writer = csv_writer(stream)
                writer.writerow(OUTPUT_HEADER)
                for done, (traveller_id, matches) in enumerate(
                    index.search_many(
                        screened,
                        threshold=threshold,
                        workers=workers if len(screened) >= PARALLEL_FROM else 1,
                        limit=limit,
                    ),
                    start=1,
                ):
                    for match in matches:
                        writer.writerow(
                            [
                                traveller_id,
                                match.watchlist_id,
                                f"{match.score:.3f}",
                                "; ".join(reason.text for reason in match.reasons),
                            ]
                        )
                    hits += len(matches)
                    travellers_hit += bool(matches)
                    if self.progress and done % PROGRESS_EVERY == 0:
                        self.stderr.write(
                            _("%(done)s of %(total)s travellers screened")
                            % {"done": done, "total": len(screened)}
                        )
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        summary = {
            "watchlist": len(listed),
            "travellers": len(screened),
            "hits": hits,
            "travellers_with_hits": travellers_hit,
            "threshold": threshold,
            "out": str(out),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(
                _(
                    "%(travellers)s travellers screened against %(watchlist)s watchlist "
                    "identities: %(hits)s hits for %(travellers_with_hits)s travellers written to "
                    "%(out)s"
                )
                % summary
            )

    # --- reading ------------------------------------------------------------------------

    def _read(
        self, path: Path, countries: frozenset[str], errors: list[InputError]
    ) -> list[Identity]:
        """Every row of one CSV file as an Identity; problems go to ``errors``."""

        def fail(row: int, column: str, message: str) -> None:
            errors.append(InputError(path, row, column, message))

        try:
            raw = path.read_bytes()
        except OSError as exc:
            fail(1, "", _("cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})
            return []
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            fail(
                raw[: exc.start].count(b"\n") + 1,
                "",
                _('the file is not UTF-8 text: save it as "CSV UTF-8"'),
            )
            return []
        if not text.strip():
            fail(1, "", _("the file is empty"))
            return []
        if "\x00" in text:
            fail(1, "", _("the file is not a CSV text file"))
            return []
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [name.strip().lower() for name in next(reader)]
        header_ok = True
        if "id" not in header:
            fail(1, "id", _("the header has no id column"))
            header_ok = False
        if not any(name in header for name in NAME_COLUMNS):
            fail(1, "full_name", _("the header needs given_names and surnames, or full_name"))
            header_ok = False
        if not header_ok:
            return []
        for name in header:
            if name not in COLUMNS:
                self.stderr.write(
                    _("%(file)s: column %(column)s is not read")
                    % {"file": path.name, "column": name or "—"}
                )
        position = {name: header.index(name) for name in COLUMNS if name in header}
        name_columns = "/".join(name for name in NAME_COLUMNS if name in header)
        identities: list[Identity] = []
        seen: dict[str, int] = {}
        rows = 0
        for row, fields in enumerate(reader, start=2):
            if not any(field.strip() for field in fields):
                continue  # blank line
            rows += 1
            if len(fields) > len(header):
                fail(
                    row,
                    "",
                    _("the row has %(fields)s fields, the header %(columns)s")
                    % {"fields": len(fields), "columns": len(header)},
                )
                continue

            def value(column: str, fields: list[str] = fields) -> str:
                index = position.get(column)
                return fields[index].strip() if index is not None and index < len(fields) else ""

            identity = self._identity(row, value, name_columns, countries, fail)
            if identity is None:
                continue
            if identity.id in seen:
                fail(
                    row,
                    "id",
                    _("the id %(id)s is already used on row %(row)s")
                    % {"id": identity.id, "row": seen[identity.id]},
                )
                continue
            seen[identity.id] = row
            identities.append(identity)
            if self.progress and len(identities) % PROGRESS_EVERY == 0:
                self.stderr.write(
                    _("%(file)s: %(rows)s rows read") % {"file": path.name, "rows": len(identities)}
                )
        if not rows:
            fail(2, "", _("the file has a header but no rows"))
        return identities

    def _identity(
        self, row: int, value, name_columns: str, countries: frozenset[str], fail
    ) -> Identity | None:
        ok = True
        identifier = value("id")
        if not identifier:
            fail(row, "id", _("the id is empty"))
            ok = False
        given, surnames, full_name = value("given_names"), value("surnames"), value("full_name")
        if not (given or surnames or full_name):
            fail(row, name_columns, _("there is no name"))
            ok = False
        birth_date: datetime.date | None = None
        birth_year: int | None = None
        written = value("birth_date")
        if written:
            try:
                if _DATE.fullmatch(written):
                    birth_date = datetime.date.fromisoformat(written)
                elif _YEAR.fullmatch(written):
                    birth_year = int(written)
                else:
                    raise ValueError(written)
                year = birth_date.year if birth_date else birth_year
                if not 1850 <= year <= datetime.date.today().year:  # type: ignore[operator]
                    raise ValueError(written)
            except ValueError:
                fail(
                    row,
                    "birth_date",
                    _("%(value)s is not a date written YYYY-MM-DD (or a year YYYY)")
                    % {"value": written},
                )
                ok = False
        nationalities: list[str] = []
        for code in filter(
            None, (part.strip().upper() for part in value("nationality").split(";"))
        ):
            if code not in countries:
                fail(
                    row,
                    "nationality",
                    _("%(value)s is not an ISO 3166-1 alpha-2 country code") % {"value": code},
                )
                ok = False
            nationalities.append(code)
        sex = value("sex").upper()
        if sex not in {"", "M", "F"}:
            fail(row, "sex", _("%(value)s is not M or F") % {"value": value("sex")})
            ok = False
        documents = tuple(
            filter(None, (part.strip() for part in value("document_number").split(";")))
        )
        if not ok:
            return None
        return Identity(
            identifier,
            given_names=given,
            surnames=surnames,
            full_name=full_name,
            birth_date=birth_date,
            birth_year=birth_year,
            nationalities=tuple(nationalities),
            sex=sex,
            document_numbers=documents,
        )
