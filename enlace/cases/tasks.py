"""Background jobs of case exchange: imports from the browser, with progress."""

from __future__ import annotations

from pathlib import Path

from enlace.core.importing import ImportFileError, ImportReport
from enlace.core.jobs import Progress, job_handler
from enlace.core.models import Job

from .importing import cases_import


@job_handler("cases.import")
def import_cases_job(job: Job, progress: Progress) -> dict:
    parameters = job.parameters
    path = Path(parameters["path"])
    try:
        report = cases_import(
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
    return report.as_dict(dry_run=parameters.get("dry_run", False))
