import pytest
from django.core.exceptions import ValidationError

from enlace.core.choices import JobStatus
from enlace.core.jobs import job_handler, job_start


@job_handler("test.count")
def count_to(job, progress):
    total = job.parameters["n"]
    for i in range(total):
        progress.update(100 * (i + 1) // total, f"item {i + 1}")
    return {"counted": total}


@job_handler("test.fail")
def always_fail(job, progress):
    progress.update(40, "half way")
    raise ValidationError("row 3: the date 2025-13-01 does not exist")


@job_handler("test.bug")
def has_a_bug(job, progress):
    raise KeyError("internal-detail-4711")


@pytest.mark.django_db
def test_a_job_runs_to_completion_with_its_result(users):
    job = job_start(actor=users["cr_liaison"], kind="test.count", parameters={"n": 4})
    assert job.status == JobStatus.SUCCEEDED
    assert job.progress == 100
    assert job.result == {"counted": 4}
    assert job.message == "item 4"
    assert job.started_at and job.finished_at and job.task_id


@pytest.mark.django_db
def test_a_failing_job_records_its_error_and_progress(users):
    job = job_start(actor=users["cr_liaison"], kind="test.fail")
    assert job.status == JobStatus.FAILED
    assert "2025-13-01" in job.error
    assert job.progress == 40


@pytest.mark.django_db
def test_an_unexpected_error_gives_a_plain_translated_reason_not_the_exception(users):
    job = job_start(actor=users["cr_liaison"], kind="test.bug")
    assert job.status == JobStatus.FAILED
    assert "4711" not in job.error and "Traceback" not in job.error
    assert "KeyError" not in job.error and job.error.strip()


@pytest.mark.django_db
def test_unknown_job_kind_is_refused(users):
    with pytest.raises(KeyError):
        job_start(actor=users["cr_liaison"], kind="test.nope")


@pytest.mark.django_db
def test_progress_page_and_partial(users, login):
    job = job_start(actor=users["cr_liaison"], kind="test.count", parameters={"n": 2})
    client = login(users["cr_liaison"])
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200
    assert b'aria-valuenow="100"' in page.content
    partial = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"progressbar" in partial.content
    # another user cannot follow it: it does not exist for her
    assert login(users["mx_liaison"]).get(f"/jobs/{job.pk}/").status_code == 404


@pytest.mark.django_db
def test_job_api_shows_status_and_progress(users, login):
    job = job_start(actor=users["cr_liaison"], kind="test.fail")
    response = login(users["cr_liaison"]).get(f"/api/v1/jobs/{job.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["progress"]) == ("failed", 40)
    assert "2025-13-01" in body["error"]
