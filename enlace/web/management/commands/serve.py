import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from enlace.core.supervisor import Supervisor


def worker_supervisor() -> Supervisor:
    """The background worker (`enlace jobs worker`), restarted with back-off if it exits."""
    return Supervisor(
        [sys.executable, "-m", "enlace.cli", "jobs", "worker", "--interval", "1"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "enlace.config.settings.dev"
            ),
        },
    )


class Command(BaseCommand):
    help = (
        "Serve Enlace on 127.0.0.1:PORT (default 8000) with the background worker "
        "running beside it. Stops both on Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start the background worker"
        )

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        from enlace.config.wsgi import application

        worker = None
        if not no_worker:
            worker = worker_supervisor().start()
            self.stdout.write("background worker started (restarted if it stops)")
        self.stdout.write(
            f"Enlace at http://{host}:{port}/ "
            f"(demo mode: {'on' if settings.ENLACE_DEMO else 'off'})"
        )
        try:
            serve(application, host=host, port=port, threads=threads, ident="enlace")
        finally:
            if worker is not None:
                worker.stop()
