"""`enlace mrz check` on a million machine-readable zones, as a user runs it (make bench).
Prints one figure per line as `name: value unit`.

The zones are written by a generator of this file (not the parser's code): TD3 passports,
TD1 and TD2 cards (some with long document numbers), MRV-A and MRV-B visas, random names,
numbers and dates, and 1 in 100 with one check digit changed. The command runs as a
process, `enlace mrz check FILE --json > out`, timed on the wall clock from its start to its
exit (Django's start-up included); the output is then counted (one object per zone, as many
invalid as were broken, exit status 1).

- mrz_check_documents_per_second: the whole run, on every core (issue 15: >= 200,000).
- mrz_check_cpu_seconds, mrz_check_documents_per_cpu_second: the CPU time of that run (the
  command and its workers), which does not depend on what else the machine runs; two idle
  cores give about twice the per-CPU-second rate on the wall clock.
- mrz_check_one_process_documents_per_second: the same with --workers 1.
- mrz_pypi_documents_per_second: the PyPI library `mrz` (the obvious alternative; bench
  extra) on a sample, in this process, checking only (no output); `mrz_speedup_vs_pypi` is
  the ratio; `mrz_pypi_disagreements` counts the sample's zones whose validity the library
  reads otherwise (the long document numbers of TD1 and TD2, which it does not know).
- mrz_load_average: the highest 1-minute load average seen, with the cores: the machine is
  shared, and the figures above depend on it.

Usage: python bench/mrz/run.py [--documents N] [--sample S] [--seed K]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENLACE = ROOT / ".venv" / "bin" / "enlace"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
VALUE = {char: index for index, char in enumerate("0123456789" + LETTERS)} | {"<": 0}
SURNAMES = [
    "GARCIA", "LOPEZ", "HERNANDEZ", "MARTINEZ", "GONZALEZ", "PEREZ", "RODRIGUEZ", "SANCHEZ",
    "RAMIREZ", "CRUZ", "FLORES", "GOMEZ", "MORALES", "REYES", "JIMENEZ", "DE<LA<CRUZ",
    "ERIKSSON", "SMITH", "NGUYEN", "MULLER", "OCONNOR", "DIAZ", "VARGAS", "CASTILLO",
]  # fmt: skip
GIVEN = [
    "MARIA", "JOSE", "ANA", "JUAN", "LUIS", "CARMEN", "ROSA", "CARLOS", "JORGE", "ELENA",
    "PEDRO", "SOFIA", "MIGUEL", "LUCIA", "ANNA", "PETER", "JOHN", "FATIMA", "WEI", "OMAR",
]  # fmt: skip
STATES = ["GTM", "MEX", "HND", "SLV", "NIC", "CRI", "PAN", "BLZ", "DOM", "USA", "CAN", "D<<"]
FORMATS = ["TD3"] * 12 + ["TD1"] * 4 + ["TD2"] * 2 + ["MRV-A", "MRV-B"]


def digit(text: str) -> str:
    return str(sum(VALUE[c] * w for c, w in zip(text, cycle((7, 3, 1)), strict=False)) % 10)


class Writer:
    """Random zones of every format, written from the layouts of Doc 9303 Parts 4-7."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        today = datetime.date.today()
        self.births = [
            (today - datetime.timedelta(days=days)).strftime("%y%m%d")
            for days in range(6000, 6000 + 365 * 70, 7)
        ]
        self.expiries = [
            (today + datetime.timedelta(days=days)).strftime("%y%m%d")
            for days in range(-3650, 3650, 3)
        ]

    def name(self, width: int) -> str:
        rng = self.rng
        text = rng.choice(SURNAMES) + "<<" + "<".join(rng.sample(GIVEN, rng.randint(1, 3)))
        return (text + "<" * width)[:width]

    def zone(self) -> str:
        rng = self.rng
        format_ = rng.choice(FORMATS)
        state, nationality = rng.choice(STATES), rng.choice(STATES)
        birth, expiry = rng.choice(self.births), rng.choice(self.expiries)
        sex = rng.choice("MF<")
        number = "".join(rng.choices(ALNUM, k=9))
        dates = birth + digit(birth) + sex + expiry + digit(expiry)
        if format_ == "TD1":
            if rng.random() < 0.1:
                extension = "".join(rng.choices(ALNUM, k=rng.randint(1, 5)))
                head = number + "<" + extension + digit(number + extension)
            else:
                head = number + digit(number)
            upper = ("I<" + state + head + "<" * 30)[:30]
            middle = dates + nationality + "<" * 11
            middle += digit(upper[5:30] + middle[0:7] + middle[8:15] + middle[18:29])
            return "\n".join([upper, middle, self.name(30)])
        if format_ in ("TD3", "MRV-A"):
            upper = ("V<" if format_ == "MRV-A" else "P<") + state + self.name(39)
            personal = "".join(rng.choices(ALNUM, k=rng.randint(0, 14))).ljust(14, "<")
            if format_ == "TD3":
                lower = number + digit(number) + nationality + dates + personal + digit(personal)
                lower += digit(lower[0:10] + lower[13:20] + lower[21:43])
            else:
                lower = number + digit(number) + nationality + dates + personal + "<<"
            return upper + "\n" + lower
        upper = ("V<" if format_ == "MRV-B" else "I<") + state + self.name(31)
        if format_ == "TD2" and rng.random() < 0.1:
            extension = "".join(rng.choices(ALNUM, k=rng.randint(1, 3)))
            head = (
                number
                + "<"
                + nationality
                + dates
                + (extension + digit(number + extension) + "<<<<<<<")[:7]
            )
        else:
            head = number + digit(number) + nationality + dates + "<" * 7
        if format_ == "TD2":
            return upper + "\n" + head + digit(head[0:10] + head[13:20] + head[21:35])
        return upper + "\n" + head + "<"

    def broken(self, zone: str) -> str:
        """The zone with its birth-date check digit changed."""
        lines = zone.split("\n")
        line, column = (1, 6) if len(lines) == 3 else (1, 19)
        old = lines[line][column]
        new = str((int(old) + self.rng.randint(1, 9)) % 10)
        lines[line] = lines[line][:column] + new + lines[line][column + 1 :]
        return "\n".join(lines)


def write_input(path: Path, count: int, seed: int) -> tuple[int, list[str]]:
    """Writes `count` zones; returns how many are broken and a sample of them."""
    writer = Writer(seed)
    broken = 0
    sample: list[str] = []
    with path.open("w", encoding="ascii") as handle:
        block: list[str] = []
        for index in range(count):
            zone = writer.zone()
            if index % 100 == 99:
                zone = writer.broken(zone)
                broken += 1
            block.append(zone)
            if len(sample) < 20_000 and index % 7 == 0:
                sample.append(zone)
            if len(block) == 10_000:
                handle.write("\n\n".join(block) + "\n\n")
                block = []
        if block:
            handle.write("\n\n".join(block) + "\n")
    return broken, sample


def run_command(source: Path, out: Path, *args: str) -> tuple[float, float, int, float]:
    """`enlace mrz check` as a user runs it: wall-clock seconds, CPU seconds (its processes),
    exit status, highest load."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with out.open("wb") as handle:
        status = subprocess.run(  # noqa: S603 - our own console script
            [str(ENLACE), "mrz", "check", str(source), "--json", *args],
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
        ).returncode
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, status, max(load, os.getloadavg()[0])


def count_output(out: Path) -> tuple[int, int]:
    lines = invalid = 0
    with out.open("rb") as handle:
        for line in handle:
            lines += 1
            invalid += line.endswith(b'"valid":false}\n')
    return lines, invalid


def pypi_library(sample: list[str]) -> tuple[float, int] | None:
    """(zones per second, disagreements with ours) of the PyPI `mrz` checker on `sample`."""
    try:
        from mrz.checker.mrva import MRVACodeChecker
        from mrz.checker.mrvb import MRVBCodeChecker
        from mrz.checker.td1 import TD1CodeChecker
        from mrz.checker.td2 import TD2CodeChecker
        from mrz.checker.td3 import TD3CodeChecker
    except ImportError:
        return None
    sys.path.insert(0, str(ROOT))
    from enlace.traveldocs.mrz import parse

    def checker(zone: str):
        if zone.count("\n") == 2:
            return TD1CodeChecker
        visa = zone[0] == "V"
        if len(zone) == 89:
            return MRVACodeChecker if visa else TD3CodeChecker
        return MRVBCodeChecker if visa else TD2CodeChecker

    started = time.perf_counter()
    verdicts = [bool(checker(zone)(zone)) for zone in sample]
    seconds = time.perf_counter() - started
    disagreements = sum(
        verdict != parse(zone).valid for verdict, zone in zip(verdicts, sample, strict=True)
    )
    return len(sample) / seconds, disagreements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="zones for the PyPI library")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enlace-mrz-bench-") as folder:
        source, out = Path(folder) / "zones.txt", Path(folder) / "out.jsonl"
        broken, sample = write_input(source, args.documents, args.seed)
        seconds, cpu, status, load = run_command(source, out)
        lines, invalid = count_output(out)
        if (lines, invalid, status) != (args.documents, broken, 1):
            sys.exit(f"mrz bench: {lines} lines, {invalid} invalid, exit {status}: expected "
                     f"{args.documents}, {broken}, 1")  # fmt: skip
        one_seconds, _cpu, one_status, one_load = run_command(source, out, "--workers", "1")
        if one_status != 1 or count_output(out) != (lines, invalid):
            sys.exit("mrz bench: --workers 1 wrote another output")
        load = max(load, one_load)
    rate = args.documents / seconds
    print(f"mrz_check_documents: {args.documents} documents")
    print(f"mrz_check_wall_seconds: {seconds:.2f} s")
    print(f"mrz_check_documents_per_second: {rate:.0f} documents/s")
    # CPU seconds of the command and its workers: what the run costs whatever else runs; on
    # two idle cores its wall clock would be about half of it (the work is split in two)
    print(f"mrz_check_cpu_seconds: {cpu:.2f} s")
    print(f"mrz_check_documents_per_cpu_second: {args.documents / cpu:.0f} documents/s")
    print(f"mrz_check_one_process_documents_per_second: {args.documents / one_seconds:.0f} "
          "documents/s")  # fmt: skip
    library = pypi_library(sample[: args.sample])
    if library is None:
        print("mrz_pypi_documents_per_second: n/a (pip install mrz, the bench extra)")
    else:
        pypi_rate, disagreements = library
        print(f"mrz_pypi_documents_per_second: {pypi_rate:.0f} documents/s")
        print(f"mrz_speedup_vs_pypi: {rate / pypi_rate:.0f} x")
        print(f"mrz_pypi_disagreements: {disagreements} of {len(sample[: args.sample])} documents")
    print(f"mrz_load_average: {load:.1f} processes on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
