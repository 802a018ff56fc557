"""A database that is busy is never a 500.

SQLite has one write lock. Every write waits for it up to the busy timeout (`timeout` in
`settings.base.database_config`); large imports hold it only for their short final insert
(`cases.importing`). Should a write still give up ("database is locked"), the view is run
again a bounded number of times when that is safe: a GET, HEAD or OPTIONS request, or on
SQLite any request that had not written anything yet; otherwise, or when the retries give up
too, the answer is a translated 503 with `Retry-After`, which clients and browsers retry. On
PostgreSQL the same holds for a lock wait cut off by `lock_timeout`.
"""

from __future__ import annotations

import re
import sys
import time

from django.db import OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

BUSY_MESSAGES = ("database is locked", "database table is locked", "database is busy")
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: lock_timeout expired
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRIES = 2
RETRY_PAUSE_SECONDS = 0.5  # doubled after each try
RETRY_AFTER_SECONDS = 5
WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def is_busy(error: BaseException | None) -> bool:
    """Whether `error` is the database refusing a lock it could not get in time."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return True
    text = str(error).lower()
    return any(message in text for message in BUSY_MESSAGES)


def busy_response(request) -> HttpResponse:
    """503 "busy, try again" with Retry-After: JSON in the API's error format, else a page."""
    message = _("The database is busy; try again in a few seconds.")
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": "busy", "message": message, "fields": {}}}, status=503
        )
    else:
        try:
            content = render_to_string("503.html", {"message": message}, request=request)
        except Exception:  # the page's own queries may be what is busy
            content = message
        response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Runs the view itself (the last middleware, so every other `process_view` ran first),
    retrying a safe request whose database was busy, and answering 503 when it stays busy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        pause = RETRY_PAUSE_SECONDS
        for attempt in range(1 + RETRIES):
            wrote: list[str] = []
            try:
                with connection.execute_wrapper(_WriteWatch(wrote)):
                    return view_func(request, *view_args, **view_kwargs)
            except OperationalError as error:
                if not is_busy(error):
                    raise
                # A request that wrote nothing yet (the usual case: the lock is taken by the
                # first write, BEGIN IMMEDIATE) is safe to run again, as is a safe method
                # (what it wrote was rolled back with the error, or is its own audit event).
                if attempt == RETRIES or (
                    request.method not in SAFE_METHODS and (wrote or not _sees_every_write())
                ):
                    return busy_response(request)
                time.sleep(pause)
                pause *= 2
        return None  # not reached: the loop returns


def _sees_every_write() -> bool:
    """Whether `_WriteWatch` sees every write: on PostgreSQL large inserts go by COPY, past
    the execute wrappers (and there a busy error is only a `lock_timeout`, not set by us)."""
    return connection.vendor == "sqlite"


class _WriteWatch:
    """An execute wrapper noting every write statement that succeeded."""

    def __init__(self, wrote: list[str]) -> None:
        self.wrote = wrote

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if WRITE_STATEMENT.match(sql):
            self.wrote.append(sql[:40])
        return result


def _busy_cause(error: BaseException | None) -> bool:
    """Whether `error`, or what it was raised from or while handling, is a busy database."""
    seen = 0
    while error is not None and seen < 10:
        if is_busy(error):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request, *args, **kwargs):
    """handler500: a busy database outside any view (a middleware's write) is a 503 too;
    every other error the usual 500 page."""
    if _busy_cause(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request, *args, **kwargs)


def bad_request(request, exception, *args, **kwargs):
    """handler400: the session middleware reports a session it could not save as
    SessionInterrupted (400); when the database was only busy it is a 503."""
    if _busy_cause(exception):
        return busy_response(request)
    return defaults.bad_request(request, exception, *args, **kwargs)
