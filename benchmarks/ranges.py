#!/usr/bin/env python3
"""What ranges cost: the matrix of the bundled library with its ranges, against the same
library with every range fixed at its low end (the single-value matrix).

    python3 benchmarks/ranges.py [--repeat 7]

Prints the best time of each, the ratio (the target is at most 2x), and how many rows
read a range. Issue 23; docs/performance.md records the figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from interop.engine import check_matrix
from interop.engine.ranges import fixed_documents, spans_of
from interop.load import load_catalog
from interop.load.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent


def single_valued(catalog: Catalog) -> Catalog:
    """The catalog with every range fixed at its low end."""
    plain = Catalog(
        **{name: dict(getattr(catalog, name)) for name in ("interfaces", "vehicles", "systems", "scenarios")}
    )
    plain.sources = dict(catalog.sources)
    for attribute in ("transfers",):
        if hasattr(catalog, attribute):
            setattr(plain, attribute, dict(getattr(catalog, attribute)))
    for kind in ("DockingInterface", "Vehicle", "RescueScenario"):
        for ident, document in list(catalog.table(kind).items()):
            found = spans_of(document)
            if found:
                from interop.engine.ranges import as_input

                inputs = [as_input(document, path, span) for path, span in found]
                plain.table(kind)[ident] = fixed_documents(inputs, [i.low for i in inputs])[(kind, ident)]
    return plain


def best_of(repeat: int, *runs) -> list[float]:
    """The best time of each run, taken in turn so that a busy moment of the machine hits both alike."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for index, run in enumerate(runs):
            start = time.perf_counter()
            run()
            times[index].append(time.perf_counter() - start)
    return [min(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    loaded = load_catalog([ROOT / "specs"])
    assert not loaded.findings, [f.format() for f in loaded.findings]
    ranged = loaded.catalog
    plain = single_valued(ranged)
    check_matrix(ranged)  # warm: validators built, modules imported
    single, over = best_of(args.repeat, lambda: check_matrix(plain), lambda: check_matrix(ranged))
    result = check_matrix(ranged)
    rows = [row for cell in result.cells.values() for row in cell.rows]
    reading = sum(1 for row in rows if row.best is not None and row.best.ranges)
    print(f"single-value matrix: {single * 1000:.1f} ms (best of {args.repeat})")
    print(f"matrix with ranges:  {over * 1000:.1f} ms (best of {args.repeat})")
    print(f"ratio: {over / single:.2f}x; {reading} of {len(rows)} rows read a range")


if __name__ == "__main__":
    main()
