"""The benchmark code keeps running: tiny sizes, no timing asserted.

benchmarks/run.py measures performance by hand (docs/performance.md); this
only makes sure its generator still writes valid catalogs and its benchmark
functions still run end to end against the current CLI and library.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from interop.engine import check_matrix
from interop.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run():
    module = _module("run")
    # Measure the tools of the environment running the tests.
    module.VENV_BIN = BIN
    return module


def test_generated_validation_corpus_is_valid_and_repeatable(tmp_path):
    generate = _module("generate")
    first = generate.write_validation_corpus(tmp_path / "one", 12)
    second = generate.write_validation_corpus(tmp_path / "two", 12)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    result = load_catalog([tmp_path / "one"])
    assert result.findings == []
    assert len(result.catalog.vehicles) == 12


def test_generated_engine_catalog_is_valid_and_has_every_kind_of_element(tmp_path):
    generate = _module("generate")
    systems = generate.write_engine_catalog(tmp_path, 20)
    result = load_catalog([tmp_path])
    assert result.findings == []
    catalog = result.catalog
    for system_id in systems:
        elements = catalog.systems[system_id].elements
        assert len(elements) == 20
        assert catalog.systems[system_id].connections, "station stacks"
        types = {catalog.vehicles[e.vehicle].vehicle_type.value for e in elements}
        assert {"crew-vehicle", "lander", "station", "cargo-vehicle"} <= types
        assert types & {"adapter", "docking-module"}
    matrix = check_matrix(catalog, systems)
    # Both directions, and each system rescuing its own crews.
    assert set(matrix.cells) == {(a, b) for a in systems for b in systems}


@pytest.mark.skipif(
    shutil.which("check-jsonschema", path=str(BIN)) is None, reason="check-jsonschema (test extra) not installed"
)
def test_benchmark_functions_run_on_tiny_sizes(run, tmp_path):
    results = {"machine": run.machine()}
    results["validation"] = run.bench_validation(tmp_path, files=5, runs=1)
    results["cold_start"] = run.bench_cold_start(tmp_path, runs=1, importtime_top=5)
    # The in-process matrix runs three times, not for a second: its time is not asserted.
    results["engine"] = run.bench_engine(tmp_path, sizes=(2, 4), min_seconds=0)
    results["parallel"] = run.bench_parallel(tmp_path, size=4)
    # plan and gaps on a tiny catalog in place of the bundled specs (python3 tasks.py bench keeps those).
    tiny = tmp_path / "tiny"
    systems = _module("generate").write_engine_catalog(tiny, 3, systems=("north", "south"))
    results["planner"] = run.bench_planner(tmp_path, runs=1, size=4, specs=tiny, systems=tuple(systems))
    results["targets"] = run.verdicts(results)

    assert results["validation"]["files"] == 5
    assert results["cold_start"]["importtime_top"], "import times parsed"
    assert [row["size"] for row in results["engine"]["sizes"]] == [2, 4]
    assert all(row["evaluations"] > 0 for row in results["engine"]["sizes"])
    assert set(results["planner"]["bundled"]) == {"plan", "gaps"}
    assert all(row["runs"] == 1 for row in results["planner"]["bundled"].values())
    assert results["planner"]["synthetic"]["rows"] > 0
    # Every part's targets: validation 3, cold start 2, engine 1 (no 200 a side here), parallel 1, planner 2.
    assert len(results["targets"]) == 9
    table = run.render_table(results)
    for heading in ("validation:", "cold start:", "engine:", "parallel:", "planner:", "targets:"):
        assert heading in table
