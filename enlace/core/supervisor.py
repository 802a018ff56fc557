"""Keep a child process running: `enlace serve` supervises the background worker with it.

The worker can die (a crash, the out-of-memory killer, a database that went away at start);
without a supervisor every later job would stay "queued". `Supervisor` restarts the command
when it exits, waiting `backoff` seconds first, doubling up to `backoff_max` while it keeps
failing quickly (a run longer than `healthy_after` resets the wait), and logs every exit.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence

logger = logging.getLogger("enlace.supervisor")


class Supervisor:
    def __init__(
        self,
        command: Sequence[str],
        *,
        name: str = "background worker",
        env: Mapping[str, str] | None = None,
        backoff: float = 1.0,
        backoff_max: float = 60.0,
        healthy_after: float = 60.0,
        max_starts: int | None = None,
        stop_timeout: float = 10.0,
        log: logging.Logger = logger,
    ) -> None:
        self.command = list(command)
        self.name = name
        self.env = dict(env) if env is not None else None
        self.backoff = backoff
        self.backoff_max = backoff_max
        self.healthy_after = healthy_after
        self.max_starts = max_starts
        self.stop_timeout = stop_timeout
        self.log = log
        self.starts = 0
        self.exit_codes: list[int] = []
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Start the command and restart it whenever it exits, until `stop()` (or
        `max_starts` starts). Blocks; `start()` runs it in a thread."""
        delay = self.backoff
        while not self._stopping.is_set():
            with self._lock:
                if self._stopping.is_set():
                    break
                started = time.monotonic()
                self.starts += 1
                try:
                    self.process = subprocess.Popen(self.command, env=self.env)  # noqa: S603
                except OSError as exc:  # cannot even start: wait and try again like an exit
                    self.log.error("%s could not start: %s", self.name, exc)
                    self.process = None
            if self.process is None:
                code = -1
            else:
                self.log.info("%s started (pid %s)", self.name, self.process.pid)
                code = self.process.wait()
            self.exit_codes.append(code)
            if self._stopping.is_set():
                break
            ran = time.monotonic() - started
            if ran >= self.healthy_after:
                delay = self.backoff
            if self.max_starts is not None and self.starts >= self.max_starts:
                self.log.error(
                    "%s exited with code %s after %.1f s; not restarted (%s starts)",
                    self.name,
                    code,
                    ran,
                    self.starts,
                )
                break
            self.log.error(
                "%s exited with code %s after %.1f s; restarting in %.1f s",
                self.name,
                code,
                ran,
                delay,
            )
            if self._stopping.wait(delay):
                break
            delay = min(delay * 2, self.backoff_max)

    def start(self) -> Supervisor:
        self._thread = threading.Thread(target=self.run, name=f"supervise {self.name}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop supervising and end the command: SIGTERM (the worker finishes or abandons its
        task), SIGKILL after `stop_timeout`."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._thread is not None:
            self._thread.join(timeout=self.stop_timeout)
