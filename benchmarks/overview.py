#!/usr/bin/env python3
"""What the matrix's categories cost over the plain matrix (issue 23: at most 3x), in one process.

    .venv/bin/python benchmarks/overview.py

Both are timed in the same process on the bundled library, the median of
seven runs each, after the catalog is loaded (loading is the same for both).
Not part of the test suite: timings are asserted nowhere.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0


def _median(run, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    from interop.engine.systems import check_matrix
    from interop.load import load_catalog

    catalog = load_catalog([ROOT / "specs"]).catalog
    worst = 0.0
    for label, options in (("default view", {}), ("--all-eras", {"all_eras": True})):
        plain = _median(lambda options=options: check_matrix(catalog, **options))
        categorised = _median(lambda options=options: check_matrix(catalog, categorise=True, **options))
        ratio = categorised / plain
        worst = max(worst, ratio)
        print(
            f"matrix, {label}: plain {plain * 1000:.0f} ms, with categories {categorised * 1000:.0f} ms, {ratio:.2f}x"
        )
    print(f"target: at most {TARGET:.0f}x: {'met' if worst <= TARGET else 'MISSED'}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
