"""Screening on independent populations, end to end (make bench). Prints `name: value unit`.

For each source of names (sources.py: `names_dataset`, `faker`), a labelled population
(population.py): a watchlist of --watchlist people, --travellers travellers of whom --members
are listed people written with one change each (13 kinds, equal shares). Both are written as
CSV files and screened with `enlace screen` exactly as a user runs it (a new process, default
options, wall-clock from process start to the last row written), name only and with birth
date (plus nationality and sex). Beside it in the same run, the obvious alternative:
rapidfuzz's `token_sort_ratio` of every traveller against every listed name (`process.cdist`
on both cores, score cut-off 85), on a sample, so the two speeds are a ratio on one machine
under one load.

Figures per set: recall overall and per kind, share of non-members flagged, the set's inherent
ambiguity (population.inherent_ambiguity), the share of false alerts a true member outranks
(name only), throughput and the load average during the run. The goals of issue #14 are
printed beside the figures on stderr ("met" / "NOT met"); nothing is tuned to this set: the
engine never reads these sources or these variant lists.

Usage: python bench/screening_independent/run.py [--watchlist N] [--travellers N]
       [--members N] [--sources names_dataset,faker] [--speed-travellers N] [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from population import KINDS, Population, generate, inherent_ambiguity, write_csv  # noqa: E402
from sources import OUT, SOURCES  # noqa: E402

ENLACE = ROOT / ".venv" / "bin" / "enlace"


def _enlace() -> list[str]:
    return [str(ENLACE)] if ENLACE.exists() else [sys.executable, str(ROOT / "manage.py")]


def run_screen(watchlist: Path, travellers: Path, out: Path) -> tuple[float, float]:
    """`enlace screen` as a user runs it: wall-clock seconds and the highest load seen."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    command = [
        *_enlace(),
        "screen",
        "--watchlist",
        str(watchlist),
        "--travellers",
        str(travellers),
        "--out",
        str(out),
    ]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # noqa: S603
    return time.perf_counter() - started, max(load, os.getloadavg()[0])


def read_hits(path: Path) -> dict[str, dict[str, float]]:
    hits: dict[str, dict[str, float]] = defaultdict(dict)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            hits[row["traveller_id"]][row["watchlist_id"]] = float(row["score"])
    return hits


def evaluate(
    label: str, population: Population, hits, seconds: float, load: float, name_only: bool
) -> None:
    found: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    flagged = nonmembers = 0
    true_scores, false_scores = [], []
    for traveller, source, kind in zip(
        population.travellers, population.sources, population.kinds, strict=True
    ):
        matches = hits.get(traveller.id, {})
        if source:
            total[kind] += 1
            if source in matches:
                found[kind] += 1
                true_scores.append(matches[source])
        else:
            nonmembers += 1
            if matches:
                flagged += 1
                false_scores.append(max(matches.values()))
    members = sum(total.values())
    recall = sum(found.values()) / members if members else 0.0
    share = flagged / nonmembers if nonmembers else 0.0
    print(f"{label}_recall: {recall:.4f} ratio")
    for kind in KINDS:
        if total[kind]:
            print(
                f"{label}_recall_{kind}: {found[kind] / total[kind]:.4f} ratio "
                f"({total[kind]} members)"
            )
    print(f"{label}_nonmembers_flagged: {share:.4f} ratio")
    outranked = None
    if name_only and true_scores and false_scores:
        false_scores.sort()
        from bisect import bisect_left

        # For each found member, the share of false alerts scored strictly below her match.
        outranked = sum(bisect_left(false_scores, score) for score in true_scores) / (
            len(true_scores) * len(false_scores)
        )
        print(f"{label}_false_alerts_outranked: {outranked:.4f} ratio")
    travellers = len(population.travellers)
    print(f"{label}_seconds_end_to_end: {seconds:.1f} s")
    print(f"{label}_throughput_end_to_end: {travellers / seconds:.0f} travellers/s")
    print(f"{label}_load_average: {load:.1f} processes")
    return recall, share, found, total, outranked


def brute_force(population: Population, sample: int, seed: int) -> float:
    """rapidfuzz token_sort_ratio of a sample of travellers against every listed name."""
    from rapidfuzz import fuzz, process, utils

    def name(row) -> str:
        return row.full_name or f"{row.given_names} {row.surnames}"

    choices = [name(row) for row in population.watchlist]
    rng = random.Random(seed)
    queries = [
        name(row)
        for row in rng.sample(population.travellers, min(sample, len(population.travellers)))
    ]
    started = time.perf_counter()
    process.cdist(
        queries,
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=85,
        workers=2,
        dtype="uint8",
    )
    return len(queries) / (time.perf_counter() - started)


def goal(label: str, ok: bool, text: str) -> None:
    print(f"# {label}: {text}: {'met' if ok else 'NOT met'}", file=sys.stderr)


def one_set(source: str, args) -> None:
    started = time.perf_counter()
    pools = SOURCES[source]()
    population = generate(
        pools,
        watchlist=args.watchlist,
        travellers=args.travellers,
        members=args.members,
        seed=args.seed,
    )
    print(f"# {source}: generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    folder = OUT / source
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "watchlist.csv", population.watchlist)
    write_csv(folder / "travellers.csv", population.travellers)
    write_csv(folder / "travellers_name_only.csv", population.travellers, name_only=True)
    label = f"screening_{source}"
    ambiguity = inherent_ambiguity(population)
    single = sum(
        1 for person in population.listed if len(population.listed_surnames[person.id]) == 1
    ) / len(population.listed)
    print(f"{label}_watchlist: {len(population.watchlist)} identities")
    print(f"{label}_travellers: {len(population.travellers)} travellers")
    print(f"{label}_members: {sum(1 for s in population.sources if s)} travellers")
    print(f"{label}_listed_with_one_surname: {single:.4f} ratio")
    print(f"{label}_inherent_ambiguity: {ambiguity:.4f} ratio")

    seconds, load = run_screen(
        folder / "watchlist.csv", folder / "travellers_name_only.csv", folder / "hits_name_only.csv"
    )
    recall, flagged, found, total, outranked = evaluate(
        f"{label}_name_only",
        population,
        read_hits(folder / "hits_name_only.csv"),
        seconds,
        load,
        name_only=True,
    )
    goal(f"{source} name only", recall >= 0.98, "recall >= 0.98")
    goal(
        f"{source} name only",
        flagged <= ambiguity + 0.01,
        f"flagged <= inherent ambiguity {ambiguity:.4f} + 0.01",
    )
    goal(f"{source} name only", (outranked or 0) >= 0.95, "members outrank 95% of false alerts")
    engine_rate = len(population.travellers) / seconds

    seconds, load = run_screen(
        folder / "watchlist.csv", folder / "travellers.csv", folder / "hits.csv"
    )
    recall, flagged, found, total, _ = evaluate(
        f"{label}_with_birth_date",
        population,
        read_hits(folder / "hits.csv"),
        seconds,
        load,
        name_only=False,
    )
    worst = min((found[kind] / total[kind] for kind in total if total[kind]), default=0.0)
    goal(f"{source} with birth date", worst >= 0.99, "recall >= 0.99 for every kind")
    goal(f"{source} with birth date", flagged <= 0.001, "flagged <= 0.001")

    brute = brute_force(population, args.brute_sample, args.seed)
    print(f"{label}_brute_force_throughput: {brute:.0f} travellers/s")
    print(f"{label}_engine_over_brute_force: {engine_rate / brute:.1f} ratio")
    goal(f"{source}", engine_rate / brute >= 50, "end to end >= 50x brute force")


def speed(args) -> None:
    """1,000,000 travellers x the watchlist of the first source, end to end, with dates."""
    source = args.sources[0]
    pools = SOURCES[source]()
    population = generate(
        pools,
        watchlist=args.watchlist,
        travellers=args.speed_travellers,
        members=args.members,
        seed=args.seed + 1,
    )
    folder = OUT / f"{source}_speed"
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "watchlist.csv", population.watchlist)
    write_csv(folder / "travellers.csv", population.travellers)
    seconds, load = run_screen(
        folder / "watchlist.csv", folder / "travellers.csv", folder / "hits.csv"
    )
    rate = len(population.travellers) / seconds
    label = f"screening_{source}_speed"
    print(f"{label}_travellers: {len(population.travellers)} travellers")
    print(f"{label}_seconds_end_to_end: {seconds:.1f} s")
    print(f"{label}_throughput_end_to_end: {rate:.0f} travellers/s")
    print(f"{label}_load_average: {load:.1f} processes")
    goal(f"{source} speed", rate >= 50_000, ">= 50,000 travellers/s end to end")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watchlist", type=int, default=100_000)
    parser.add_argument("--travellers", type=int, default=200_000)
    parser.add_argument("--members", type=int, default=6_500)
    parser.add_argument(
        "--sources", default="names_dataset,faker", type=lambda text: text.split(",")
    )
    parser.add_argument(
        "--speed-travellers", type=int, default=1_000_000, help="0 to skip the end-to-end speed run"
    )
    parser.add_argument("--brute-sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args()
    print(f"screening_independent_cpus: {os.cpu_count()} cores")
    for source in args.sources:
        one_set(source, args)
    if args.speed_travellers:
        speed(args)


if __name__ == "__main__":
    main()
