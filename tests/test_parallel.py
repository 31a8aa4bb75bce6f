"""Work shared by processes (interop.engine.parallel): the same report whatever the number of jobs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interop.engine import check_matrix, check_systems, parallel
from interop.load import load_catalog
from interop.report import ReportOptions, renderer_for
from tests import bundled, cli_process

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def always_share(monkeypatch):
    """Share even the smallest work, so that the tests see the workers."""
    monkeypatch.setattr(parallel, "MIN_EVALUATIONS", 0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    systems = _generator().write_engine_catalog(folder, 8)
    return load_catalog([folder]).catalog, systems


@pytest.fixture(scope="module")
def generated_for_plans(tmp_path_factory):
    """Two systems of five vehicles: plans of several changes over ten rows, five crews to a direction.

    Enough for every number of jobs tried to cut the work into pieces; a plan
    on eight vehicles a system costs four times as much and shows no more.
    """
    folder = tmp_path_factory.mktemp("generated-for-plans")
    systems = _generator().write_engine_catalog(folder, 5)
    return load_catalog([folder]).catalog, systems


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="workers are forked")
@pytest.mark.parametrize("format", ["json", "text"])
def test_a_matrix_is_the_same_on_one_process_or_several(always_share, generated, format):
    catalog, systems = generated
    render = renderer_for("matrix", format, ReportOptions())
    alone = render(check_matrix(catalog, systems, jobs=1))
    assert render(check_matrix(catalog, systems, jobs=2)) == alone
    assert render(check_matrix(catalog, systems, jobs=3)) == alone, "more pieces than crews in a direction"


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="workers are forked")
def test_the_bundled_matrix_and_a_system_check_are_the_same_shared(always_share):
    """The bundled library's categorised matrix on two processes is the one on one process, byte for byte.

    The one-process matrix is the one computed once per worker for every
    test that reads it (tests/bundled.py); only the shared one is computed here.
    """
    catalog = bundled.catalog()
    render = renderer_for("matrix", "json", ReportOptions())
    assert render(check_matrix(catalog, jobs=2, categorise=True)) == bundled.matrix_json()
    systems = renderer_for("systems", "json", ReportOptions())
    assert systems(check_systems(catalog, "us-artemis", "ru-lunar", jobs=2)) == systems(
        check_systems(catalog, "us-artemis", "ru-lunar")
    )


def test_small_work_stays_in_one_process():
    assert parallel.jobs_for(8, parallel.MIN_EVALUATIONS - 1) == 1
    assert parallel.jobs_for(1, 10**9) == 1
    assert parallel.jobs_for(None, 0) == 1
    with pytest.raises(ValueError):
        parallel.jobs_for(0, 10**9)


@given(items=st.lists(st.integers(), max_size=60), parts=st.integers(1, 20))
def test_split_keeps_every_item_once_in_order_in_even_runs(items, parts):
    runs = parallel.split(items, parts)
    assert [item for run in runs for item in run] == items
    assert all(runs) and len(runs) <= parts
    if runs:
        assert max(map(len, runs)) - min(map(len, runs)) <= 1


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="workers are forked")
def test_a_plan_and_the_gaps_are_the_same_on_one_process_or_several(always_share, generated_for_plans):
    from interop.engine.gaps import find_gaps
    from interop.engine.plan import plan_systems

    catalog, systems = generated_for_plans
    plan = renderer_for("plan", "json", ReportOptions())
    first = plan_systems(catalog, systems[0], systems[1], jobs=1)
    assert len(first.changes) > 1 and len(first.rows) > 3, "a plan worth sharing"
    alone = plan(first)
    assert plan(plan_systems(catalog, systems[0], systems[1], jobs=2)) == alone
    one_way = plan(plan_systems(catalog, systems[1], systems[0], one_way=True, jobs=1))
    assert plan(plan_systems(catalog, systems[1], systems[0], one_way=True, jobs=3)) == one_way
    gaps = renderer_for("gaps", "json", ReportOptions())
    assert gaps(find_gaps(catalog, systems, jobs=2)) == gaps(find_gaps(catalog, systems, jobs=1))


def test_plan_and_gaps_take_jobs_on_the_command_line():
    import sys

    def run(*args: str) -> str:
        done = cli_process.run_argv(
            [sys.executable, "-m", "interop", "--no-config", *args, "--specs", str(ROOT / "specs"), "--no-library"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert done.returncode in (0, 1), done.stderr
        return done.stdout

    for command in (("plan", "--direction", "ru-lunar:us-artemis", "-f", "json"), ("gaps", "ru-lunar", "us-artemis")):
        assert run(*command, "--jobs", "2") == run(*command, "--jobs", "1")
