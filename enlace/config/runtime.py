"""Process tuning applied where Enlace serves requests (wsgi.py, `enlace serve`) and by the
benchmarks, so both measure the same thing.

Python's cyclic garbage collector rescans every long-lived object (the loaded Django project,
its models and URL patterns) on each full collection; with pages of decrypted records it ran
often enough to add 100+ ms to one request in ten (bench/cases: p95 199 ms vs median 70 ms).
Freezing what was loaded at start-up and collecting the youngest generation less often keeps
the tail close to the median."""

import gc


def tune_garbage_collector() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 50)
