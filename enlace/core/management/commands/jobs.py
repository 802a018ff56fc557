"""`enlace jobs worker`: the background worker (django-tasks' database worker) with a
heartbeat and a daily prune; `enlace jobs prune --days N`: delete old finished job records."""

import json
import logging
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from enlace.core.jobs import jobs_prune, worker_heartbeat, worker_interrupted_jobs_fail

logger = logging.getLogger("enlace.jobs")

PRUNE_EVERY_SECONDS = 24 * 3600


def heartbeat_loop(worker_id: str, stop: threading.Event, *, every: float) -> None:
    """Beat every `every` seconds until `stop`; prune old jobs once a day. A failed beat (a
    locked or unreachable database) is logged and tried again: the thread never dies."""
    last_prune = 0.0
    try:
        while not stop.is_set():
            try:
                worker_heartbeat(worker_id)
                if time.monotonic() - last_prune >= PRUNE_EVERY_SECONDS:
                    last_prune = time.monotonic()
                    pruned = jobs_prune(days=settings.ENLACE_JOB_RETENTION_DAYS)
                    if pruned:
                        logger.info("pruned %s finished job records", pruned)
            except Exception:
                logger.exception("worker heartbeat failed")
                connection.close()
            stop.wait(every)
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Background jobs. `jobs worker` runs the worker (heartbeat for /healthz, old jobs "
        "pruned daily); `jobs prune --days N` deletes finished job records older than N days."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["worker", "prune"])
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument(
            "--batch", action="store_true", help="run the queued jobs, then exit (worker)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, verb, days, interval, batch, **options):
        if verb == "prune":
            days = settings.ENLACE_JOB_RETENTION_DAYS if days is None else days
            if days < 0:
                self.stderr.write(_("--days must be zero or more"))
                raise SystemExit(2)
            pruned = jobs_prune(days=days)
            if options["json"]:
                self.stdout.write(json.dumps({"pruned": pruned, "days": days}))
            else:
                self.stdout.write(
                    _("%(count)s finished jobs older than %(days)s days deleted")
                    % {"count": pruned, "days": days}
                )
            return
        self.run_worker(interval=interval, batch=batch, verbosity=options.get("verbosity", 1))

    def run_worker(self, *, interval: float, batch: bool, verbosity: int) -> None:
        from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
        from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
        from django_tasks_db.management.commands.db_worker import Worker

        DbWorkerCommand(stdout=self.stdout, stderr=self.stderr).configure_logging(verbosity)
        worker_id = get_random_string(32)
        interrupted = worker_interrupted_jobs_fail()
        if interrupted:
            logger.warning("%s jobs left running by a stopped worker marked failed", interrupted)
        worker_heartbeat(worker_id)  # alive from the start, before the first job
        stop = threading.Event()
        beat = threading.Thread(
            target=heartbeat_loop,
            args=(worker_id, stop),
            kwargs={"every": settings.ENLACE_WORKER_HEARTBEAT_SECONDS},
            name="enlace-heartbeat",
            daemon=True,
        )
        if not batch:
            beat.start()
        worker = Worker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
            stop.set()
            if beat.is_alive():
                beat.join(timeout=5)
