"""Whole-library results, computed once per test process and shared by every module that reads them.

Loading the bundled library, its categorised matrix and its gaps each cost
seconds; many tests in several modules only read them. Each is computed at
most once per process (an xdist worker), here, the first time a test asks.
The results are read, never changed: a test that edits a catalog applies
its changes to a copy (``apply_changes``) or loads a folder of its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def catalog():
    """The bundled library (specs/), which loads without a finding."""
    from interop.load import load_catalog

    loaded = load_catalog([ROOT / "specs"])
    assert loaded.findings == []
    return loaded.catalog


@lru_cache(maxsize=1)
def matrix():
    """The bundled library's categorised matrix (``interop matrix``'s result), one process."""
    from interop.engine.systems import check_matrix

    return check_matrix(catalog(), categorise=True)


@lru_cache(maxsize=1)
def matrix_json() -> str:
    """:func:`matrix` as the JSON report ``interop matrix --format json`` writes."""
    from interop.report import ReportOptions, renderer_for

    return renderer_for("matrix", "json", ReportOptions())(matrix())


@lru_cache(maxsize=1)
def gaps():
    """The bundled library's gaps (``interop gaps``'s result: the present era)."""
    from interop.engine.gaps import find_gaps

    return find_gaps(catalog())


def same_era_pairs() -> list[tuple[str, str]]:
    """The pairs of systems the bundled matrix compares, sorted."""
    return sorted(matrix().pairs)


@lru_cache(maxsize=1)
def artemis_plan():
    """``interop plan us-artemis ru-lunar``'s result on the bundled library (the docs' and many tests' plan)."""
    from interop.engine.plan import plan_systems

    return plan_systems(catalog(), "us-artemis", "ru-lunar")
