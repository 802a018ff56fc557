#!/usr/bin/env python3
"""CI lane: schemathesis against a live server, every operation (not only GET), every check.

Sets up a throwaway SQLite database with the demo data, serves it with `enlace serve` on a
free port, makes an API token for a demo liaison officer that is exempt from rate limiting
(ENLACE_THROTTLE_EXEMPT_USERS, set for this server only), then runs
`schemathesis run --checks all --max-examples N` over /api/schema/. Exits non-zero on any
server error or schema violation schemathesis reports; the server's log is printed then.

    .venv/bin/python scripts/schema_fuzz.py [--max-examples 25] [--user cr-liaison] [-- ARGS]

Anything after `--` goes to `schemathesis run` as is (e.g. `--include-path-regex cases`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"schema fuzz: the server exited ({server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - local
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"schema fuzz: {url} did not answer within {timeout:.0f} s")


# Input strictness: a request the document allows that a filter refuses (a country code
# that is no country, ST202) or a value outside the documented type that a filter ignores
# (ST201). Reported, not failing: the lane fails on server errors, answers that break the
# document (status, body, content type, headers) and anything else schemathesis finds.
NOTED = {"ST201", "ST202"}
FAILURE_LINE = re.compile(r"^\s*\S*\s*(ST\d{3}) (.+): (\d+)\s*$")


def verdict(returncode: int, output: str) -> int:
    if returncode == 0:
        return 0
    summary = output.rsplit("SUMMARY", 1)[-1]
    failures = {
        match.group(1): (match.group(2), int(match.group(3)))
        for line in summary.splitlines()
        if (match := FAILURE_LINE.match(line))
    }
    errors = "Errors:" in summary or re.search(r"\b\d+ errors?\b", summary)
    failing = {code: found for code, found in failures.items() if code not in NOTED}
    for code, (name, count) in sorted(failures.items()):
        kind = "noted" if code in NOTED else "FAILS"
        print(f"schema fuzz: {kind} {code} {name}: {count}")
    if errors or failing or not failures:
        return returncode
    print("schema fuzz: no server error and no answer outside the document")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--user", default="cr-liaison", help="the demo user whose token is used")
    parser.add_argument("--cases", type=int, default=60, help="demo cases to load")
    parser.add_argument("--workers", default="2")
    parser.add_argument("schemathesis_args", nargs="*")
    options = parser.parse_args(argv)

    var_dir = Path(tempfile.mkdtemp(prefix="enlace-fuzz-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "enlace.config.settings.dev",
        "ENLACE_VAR_DIR": str(var_dir),
        "ENLACE_DATABASE_URL": f"sqlite:///{var_dir / 'fuzz.sqlite3'}",
        "ENLACE_DEMO": "1",
        "ENLACE_DEBUG": "0",
        "ENLACE_REQUIRE_2FA": "0",
        "ENLACE_THROTTLE_EXEMPT_USERS": options.user,
        "ENLACE_LOG_LEVEL": "WARNING",
    }
    enlace = str(BIN / "enlace")

    def run(*args: str) -> str:
        return subprocess.run(  # noqa: S603 - our own command line
            [enlace, *args], env=env, check=True, capture_output=True, text=True
        ).stdout

    print(f"schema fuzz: demo data in {var_dir}", flush=True)
    run("migrate", "--noinput")
    run("collectstatic", "--noinput", "--verbosity", "0")  # error pages use the manifest
    run("demo", "--seed", "1", "--cases", str(options.cases))
    token = run("token", options.user).strip().splitlines()[-1]
    port = free_port()
    log_path = var_dir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [enlace, "serve", "--port", str(port), "--threads", "4"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", server)
        command = [
            str(BIN / "schemathesis"),
            "run",
            f"{base}/api/schema/",
            "--checks",
            "all",
            "--max-examples",
            str(options.max_examples),
            "--workers",
            options.workers,
            "--header",
            f"Authorization: Token {token}",
            "--request-timeout",
            "30",
            "--seed",
            "1",
            *options.schemathesis_args,
        ]
        print("schema fuzz: " + " ".join(command).replace(token, "<token>"), flush=True)
        started = time.monotonic()
        finished = subprocess.run(  # noqa: S603 - our own command line
            command,
            env={**os.environ, "NO_COLOR": "1"},
            cwd=var_dir,  # its cache of past failures stays with the throwaway data
            capture_output=True,
            text=True,
        )
        print(finished.stdout + finished.stderr)
        print(f"schema fuzz: schemathesis finished in {time.monotonic() - started:.0f} s")
        status = verdict(finished.returncode, finished.stdout)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if status:
        errors = [line for line in log_path.read_text().splitlines() if line.strip()]
        print("schema fuzz: the server's log (last 80 lines):")
        print("\n".join(errors[-80:]))
    shutil.rmtree(var_dir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
