"""Statistics benchmarks (make bench). Prints one figure per line as `name: value unit`.

- stats_release_20_tables_seconds: `protect` on a release of 20 linked tables (up to 40 x 12)
  of a synthetic population, with primary, secondary and cross-table suppression.
- stats_release_check_seconds: the independent joint recoverability check of that release.
- stats_dashboard_*: the aggregates of one dashboard view over 1,000,000 person records in a
  fresh SQLite database (bench/statistics/dashboard.py; --dashboard-persons N, 0 to skip).

Usage: python bench/statistics/run.py [--seed S] [--persons N] [--k K] [--dashboard-persons N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def print_figures(figures: dict[str, tuple[float, str]]) -> None:
    for name, (value, unit) in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name}: {shown} {unit}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--persons", type=int, default=3000)
    parser.add_argument("--k", type=int, default=11)
    parser.add_argument("--dashboard-persons", type=int, default=1_000_000)
    args, _unknown = parser.parse_known_args()  # make bench passes BENCH_ARGS to every script

    from bench.statistics.disclosure import bench_release

    print_figures(bench_release(args.seed, persons=args.persons, k=args.k))

    if args.dashboard_persons:
        from bench.statistics.dashboard import bench_dashboard

        print_figures(bench_dashboard(args.dashboard_persons, seed=args.seed))


if __name__ == "__main__":
    main()
