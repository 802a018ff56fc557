"""Background jobs of screening: passenger manifests and watchlist imports, with progress.

Jobs run in the worker process, in the language of the officer who started them (their
messages and row errors are shown to her)."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from enlace.core.importing import ImportFileError, ImportReport, RowError
from enlace.core.jobs import Progress, job_handler
from enlace.core.models import Job

from .checks import manifest_reject, manifest_screen
from .choices import ScreeningStatus
from .importing import manifest_read, watchlist_import
from .models import Screening

ERRORS_KEPT = 5000  # errors listed in a job's result; `error_count` counts them all


def _errors(errors: list[RowError]) -> list[dict]:
    return ImportReport(errors=errors).as_dict(dry_run=False, limit=ERRORS_KEPT)["errors"]


@job_handler("screening.batch")
def screen_manifest_job(job: Job, progress: Progress) -> dict:
    parameters = job.parameters
    path = Path(parameters["path"])
    screening = Screening.objects.get(pk=parameters["screening"])
    try:
        with translation.override(parameters.get("language") or None):
            try:
                travellers, report = manifest_read(
                    path, parameters.get("format") or None, progress=progress.update
                )
            except ImportFileError as exc:
                manifest_reject(actor=job.created_by, screening=screening, rows=0, errors=1)
                return {
                    "rows": 0,
                    "hits": 0,
                    "error_count": 1,
                    "errors": [{"row": "", "column": "", "message": str(exc)}],
                }
            if report.errors:
                manifest_reject(
                    actor=job.created_by,
                    screening=screening,
                    rows=report.rows,
                    errors=len(report.errors),
                )
                return {
                    "rows": report.rows,
                    "hits": 0,
                    "errors": _errors(report.errors),
                    "error_count": len(report.errors),
                }
            screening = manifest_screen(
                actor=job.created_by,
                screening=screening,
                travellers=travellers,
                progress=progress.update,
            )
    except Exception:
        Screening.objects.filter(pk=screening.pk).update(status=ScreeningStatus.FAILED)
        raise
    finally:
        path.unlink(missing_ok=True)
    return {
        "rows": report.rows,
        "travellers": screening.travellers,
        "hits": screening.hits_count,
        "suppressed": screening.suppressed,
        "errors": [],
    }


@job_handler("screening.watchlist_import")
def import_watchlist_job(job: Job, progress: Progress) -> dict:
    parameters = job.parameters
    path = Path(parameters["path"])
    try:
        with translation.override(parameters.get("language") or None):
            try:
                report = watchlist_import(
                    actor=job.created_by,
                    path=path,
                    file_format=parameters.get("format") or None,
                    dry_run=parameters.get("dry_run", False),
                    progress=progress.update,
                )
            except ImportFileError as exc:
                report = ImportReport.unreadable(exc)
    finally:
        path.unlink(missing_ok=True)
    return report.as_dict(dry_run=parameters.get("dry_run", False), limit=ERRORS_KEPT)
