"""Background jobs of regional statistics: the semiannual report from the browser."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from enlace.audit.services import record_event
from enlace.core.jobs import Progress, job_handler
from enlace.core.models import Job

from .report import semiannual_report

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
