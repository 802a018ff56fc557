"""Background jobs of regional statistics: the semiannual report from the browser, and the
refresh of the aggregate store that case writes queue (pages only read the store)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from enlace.audit.services import record_event
from enlace.core.choices import JobStatus
from enlace.core.jobs import Progress, job_handler, job_start
from enlace.core.models import Job

from .facts import facts_sync
from .report import semiannual_report

FACTS_JOB = "statistics.facts"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_path(job: Job) -> Path:
    """Where a report job writes its file (one per job, named by the job)."""
    extension = job.parameters.get("format", "pdf")
    return Path(settings.VAR_DIR) / "reports" / f"statistics-report-{job.pk}.{extension}"


@job_handler("statistics.report")
def report_job(job: Job, progress: Progress) -> dict:
    parameters = job.parameters
    content = semiannual_report(
        period=parameters["period"],
        language=parameters["language"],
        file_format=parameters["format"],
        progress=progress.update,
    )
    path = report_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    record_event(
        actor=job.created_by,
        action="statistics.report",
        obj=job,
        summary=f"{parameters['period']} {parameters['language']} {parameters['format']}",
    )
    return {
        "name": f"enlace-report-{parameters['period']}-{parameters['language']}."
        f"{parameters['format']}",
        "size": len(content),
    }


@job_handler(FACTS_JOB)
def facts_job(job: Job, progress: Progress) -> dict:
    """Bring the aggregate store up to date with the cases (`facts.facts_sync`)."""
    result = facts_sync(progress=progress.update)
    return {
        "changed_cases": result.changed_cases,
        "deleted_cases": result.deleted_cases,
        "slices": result.slices,
        "rows": result.rows,
    }


def facts_refresh_soon(**_signal) -> Job | None:
    """Queue a refresh of the aggregate store unless one is already waiting (a burst of case
    writes is counted once). Connected to `cases.signals.cases_changed`; with the database
    queue the job row commits with the write that queued it, so the worker sees that write."""
    if Job.objects.filter(kind=FACTS_JOB, status=JobStatus.QUEUED).exists():
        return None
    return job_start(actor=None, kind=FACTS_JOB)
