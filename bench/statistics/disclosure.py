"""Disclosure-control benchmark: protect one release of 20 linked tables in pure Python.

The tables are cross-tabulations of one synthetic population of victims (nationality,
reporting country, year, sex, age band, exploitation type), so they share margins the way a
real release does: nationality totals appear in five two-way tables and a one-way table, and so
on. Nationalities follow a long-tailed distribution, which gives the many small counts that
make secondary suppression work hard.
"""

from __future__ import annotations

import random
import time

from enlace.statistics.disclosure import Table, protect, release_recoverable_cells

MEMBER_STATES = ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"]
EXTRA_REGIONAL = [
    "CU",
    "HT",
    "VE",
    "CO",
    "EC",
    "PE",
    "BR",
    "CN",
    "IN",
    "BD",
    "NP",
    "PK",
    "CM",
    "GH",
    "NG",
    "SN",
    "ER",
    "ET",
    "SO",
    "AF",
    "UZ",
    "RU",
    "UA",
    "VN",
    "PH",
    "LK",
    "AO",
    "CD",
    "GN",
]
NATIONALITIES = MEMBER_STATES + EXTRA_REGIONAL  # 40
YEARS = [str(year) for year in range(2015, 2025)]  # 10
SEXES = ["F", "M", "X"]
AGE_BANDS = ["0-11", "12-17", "18-24", "25-34", "35-49", "50+"]
EXPLOITATION = [
    "sexual",
    "labour",
    "forced_begging",
    "forced_criminality",
    "servitude",
    "forced_marriage",
    "illegal_adoption",
    "organ_removal",
    "pornography",
    "sex_tourism",
    "recruitment_armed",
    "other",
]  # 12

# (name, row variable, column variable or None for a one-way table)
RELEASE = [
    ("nationality_sex", "nationality", "sex"),
    ("nationality_age", "nationality", "age_band"),
    ("nationality_exploitation", "nationality", "exploitation"),
    ("nationality_year", "nationality", "year"),
    ("nationality_country", "nationality", "country"),
    ("country_year", "country", "year"),
    ("country_sex", "country", "sex"),
    ("country_age", "country", "age_band"),
    ("country_exploitation", "country", "exploitation"),
    ("exploitation_sex", "exploitation", "sex"),
    ("exploitation_age", "exploitation", "age_band"),
    ("exploitation_year", "exploitation", "year"),
    ("year_sex", "year", "sex"),
    ("year_age", "year", "age_band"),
    ("age_sex", "age_band", "sex"),
    ("nationality", "nationality", None),
    ("country", "country", None),
    ("exploitation", "exploitation", None),
    ("year", "year", None),
    ("sex", "sex", None),
]
CATEGORIES = {
    "nationality": NATIONALITIES,
    "country": MEMBER_STATES,
    "year": YEARS,
    "sex": SEXES,
    "age_band": AGE_BANDS,
    "exploitation": EXPLOITATION,
}


def synthetic_persons(seed: int, persons: int) -> list[dict[str, str]]:
    """Victims with a long tail of nationalities; half are nationals of the reporting state."""
    rng = random.Random(seed)
    nationality_weights = [1 / (rank + 1) ** 1.2 for rank in range(len(NATIONALITIES))]
    exploitation_weights = [1 / (rank + 1) ** 1.5 for rank in range(len(EXPLOITATION))]
    year_weights = [1 + rank / 3 for rank in range(len(YEARS))]
    result = []
    for _person in range(persons):
        country = rng.choice(MEMBER_STATES)
        nationality = (
            country if rng.random() < 0.5 else rng.choices(NATIONALITIES, nationality_weights)[0]
        )
        result.append(
            {
                "nationality": nationality,
                "country": country,
                "year": rng.choices(YEARS, year_weights)[0],
                "sex": rng.choices(SEXES, [70, 28, 2])[0],
                "age_band": rng.choices(AGE_BANDS, [8, 17, 30, 25, 15, 5])[0],
                "exploitation": rng.choices(EXPLOITATION, exploitation_weights)[0],
            }
        )
    return result


def release_tables(persons: list[dict[str, str]]) -> list[Table]:
    tables = []
    for name, row_var, col_var in RELEASE:
        if col_var is None:
            counts: dict[str, int] = {}
            for person in persons:
                counts[person[row_var]] = counts.get(person[row_var], 0) + 1
            tables.append(Table.one_way(name, row_var, counts, categories=CATEGORIES[row_var]))
            continue
        cells: dict[tuple[str, str], int] = {}
        for person in persons:
            key = (person[row_var], person[col_var])
            cells[key] = cells.get(key, 0) + 1
        tables.append(
            Table(
                name=name,
                row_var=row_var,
                col_var=col_var,
                rows=CATEGORIES[row_var],
                cols=CATEGORIES[col_var],
                cells=cells,
            )
        )
    return tables


def bench_release(seed: int = 1, persons: int = 3000, k: int = 11) -> dict[str, tuple[float, str]]:
    """Protect the 20-table release of a synthetic population; figures as name -> (value, unit).

    `stats_release_20_tables_seconds` times `protect` (primary, secondary and cross-table
    suppression); `stats_release_check_seconds` times the independent joint exact check the
    release writer runs before publishing, whose finding must be zero recoverable cells.
    """
    tables = release_tables(synthetic_persons(seed, persons))
    started = time.perf_counter()
    protected = protect(tables, k=k)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    recoverable = release_recoverable_cells(protected)
    checked = time.perf_counter() - started
    counts = [table.counts for table in protected]
    return {
        "stats_release_20_tables_seconds": (elapsed, "s"),
        "stats_release_check_seconds": (checked, "s"),
        "stats_release_tables": (len(protected), "tables"),
        "stats_release_cells": (sum(count["cells"] for count in counts), "cells"),
        "stats_release_primary_suppressed": (sum(c["primary"] for c in counts), "cells"),
        "stats_release_secondary_suppressed": (sum(c["secondary"] for c in counts), "cells"),
        "stats_release_recoverable": (sum(len(cells) for cells in recoverable.values()), "cells"),
    }
