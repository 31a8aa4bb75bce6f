"""Laws of rescues in time (docs/time.md): what shelters, direct rescues and removed legs may never do.

- Offering a shelter never makes a row's verdict or margin worse.
- A rescue that holds in time directly keeps its row: the path search never
  replaces it with a path (over every row of the bundled fleets' checks and
  every responder of the bundled scenarios).
- In the two-leg lunar catalog, removing either leg's carrier leaves no
  passing path.
"""

from __future__ import annotations

from itertools import combinations_with_replacement
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.engine import EngineOptions, check_systems, run_scenario
from interop.engine.paths import holds_in_time, rank
from interop.engine.results import RescueResult
from interop.engine.world import World
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from tests.time_builders import (
    CAPSULE,
    DOCKED_IN,
    LANDER,
    LUNAR_SCENARIO,
    STRANDED,
    apollo_catalog,
    apollo_scenario,
    lunar_catalog,
    station_catalog,
)

ROOT = Path(__file__).resolve().parent.parent
FLEETS = ["us", "russia", "china", "india"]
HOLDS = (Verdict.PASS, Verdict.CONDITIONAL)


def _stranded_row(catalog):
    rows = check_systems(catalog, "rescuers", "crews").directions[0].rows
    (row,) = [r for r in rows if r.distressed == STRANDED]
    assert row.best is not None
    return row.best


def _no_worse(offered: RescueResult, plain: RescueResult) -> None:
    """``offered`` is no worse than ``plain``: a verdict as good or better, and with the same verdict, a margin
    as large (an unknown margin counts below every known one)."""
    assert offered.verdict.rank <= plain.verdict.rank, (offered.verdict, plain.verdict)
    if offered.verdict is plain.verdict and plain.margin_days is not None:
        assert offered.margin_days is not None and offered.margin_days >= plain.margin_days - 1e-9, (
            offered.margin_days,
            plain.margin_days,
        )


# ------------------------------------------------------------- offering a shelter


@settings(max_examples=6, deadline=None)
@given(supplies=st.sampled_from([0.5, 1, 4, 20]), ready=st.integers(min_value=0, max_value=40))
def test_a_lander_offered_where_the_crew_is_never_makes_its_row_worse(tmp_path_factory, supplies, ready):
    folder = tmp_path_factory.mktemp("lander")
    offered = _stranded_row(apollo_catalog(folder / "with", lander=True, supplies=supplies, ready=ready))
    plain = _stranded_row(apollo_catalog(folder / "without", lander=False, supplies=supplies, ready=ready))
    _no_worse(offered, plain)


@settings(max_examples=6, deadline=None)
@given(
    own=st.sampled_from([None, 0.5, 2, 10]),
    station=st.sampled_from([None, 1, 6, 100]),
)
def test_a_station_offered_where_the_crew_is_never_makes_its_row_worse(tmp_path_factory, own, station):
    folder = tmp_path_factory.mktemp("station")
    offered = _stranded_row(station_catalog(folder / "with", station_supplies=station, own_supplies=own))
    plain = _stranded_row(
        station_catalog(folder / "without", station_supplies=station, own_supplies=own, station=False)
    )
    _no_worse(offered, plain)


@settings(max_examples=6, deadline=None)
@given(
    docked=st.sampled_from([*DOCKED_IN, False]),
    hours=st.sampled_from([None, 24, 240, 2400]),
    own=st.sampled_from([0.5, 1, 20]),
    ready=st.integers(min_value=0, max_value=30),
)
def test_a_shelter_a_scenario_offers_never_makes_its_responder_worse(tmp_path_factory, docked, hours, own, ready):
    folder = tmp_path_factory.mktemp("declared")
    common = {"docked": docked, "hours": hours, "own": own, "ready": ready}
    (offered,) = run_scenario(apollo_scenario(folder / "with", offered=True, **common), "aquarius").results
    (plain,) = run_scenario(apollo_scenario(folder / "without", offered=False, **common), "aquarius").results
    _no_worse(offered, plain)


# ------------------------------------------------------------- a direct rescue that holds keeps its row


@pytest.fixture(scope="module")
def library():
    loaded = load_catalog([ROOT / "specs"])
    assert loaded.findings == []
    return loaded.catalog


def _key(row) -> tuple[str, str]:
    return row.distressed, row.place


@pytest.mark.parametrize(("a", "b"), list(combinations_with_replacement(FLEETS, 2)))
def test_every_bundled_row_whose_direct_rescue_holds_in_time_keeps_it(library, a, b):
    """The same check with paths (the default) and with one leg only: where the best direct rescue holds in
    time, the row is that rescue, not a path; and paths never give a row that ranks below its direct best."""
    searched = check_systems(library, a, b).directions
    alone = check_systems(library, a, b, EngineOptions(max_legs=1)).directions
    for with_paths, one_leg in zip(searched, alone, strict=True):
        direct = {_key(r): r for r in one_leg.rows}
        for row in with_paths.rows:
            single = direct[_key(row)]
            where = (with_paths.rescuer_system, *_key(row))
            if row.best is None or single.best is None:
                assert row.best is None and single.best is None, where
                continue
            assert rank(row.best) <= rank(single.best), where
            if holds_in_time(single.best):
                assert len(row.best.legs) == 1 and row.best.rescuer == single.best.rescuer, where
                assert (row.verdict, row.best.margin_days) == (single.verdict, single.best.margin_days), where


def test_every_bundled_scenario_responder_whose_direct_rescue_holds_in_time_keeps_it(library):
    for scenario in sorted(library.scenarios):
        searched = run_scenario(library, scenario).results
        direct = run_scenario(library, scenario, EngineOptions(max_legs=1)).results
        for path, alone in zip(searched, direct, strict=True):
            assert rank(path) <= rank(alone), (scenario, alone.rescuer)
            if holds_in_time(alone):
                assert len(path.legs) == 1, (scenario, alone.rescuer)
                assert (path.verdict, path.margin_days) == (alone.verdict, alone.margin_days), (scenario, alone.rescuer)


# ------------------------------------------------------------- either leg removed


@settings(max_examples=6, deadline=None)
@given(
    removed=st.sampled_from([LANDER, CAPSULE]),
    supplies=st.integers(min_value=2, max_value=60),
    hop=st.sampled_from([0.5, 1, 3]),
)
def test_the_two_leg_catalog_without_either_carrier_has_no_passing_path(tmp_path_factory, removed, supplies, hop):
    """The lander alone cannot take the crew home, the capsule alone cannot reach its orbit: with either gone,
    no row, no scenario responder and no path the search finds holds."""
    catalog = lunar_catalog(
        tmp_path_factory.mktemp("removed"),
        lander=removed != LANDER,
        capsule=removed != CAPSULE,
        supplies=supplies,
        hop=hop,
        scenario=True,
    )
    assert _stranded_row(catalog).verdict is Verdict.FAIL
    assert all(r.verdict is Verdict.FAIL for r in run_scenario(catalog, LUNAR_SCENARIO).results)
    from interop.engine.paths import PathSearch
    from interop.engine.rescue import Evaluator

    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    carriers = [catalog.vehicles[v] for v in (LANDER, CAPSULE) if v != removed]
    paths = PathSearch(evaluator, carriers).search(catalog.vehicles[STRANDED], Regime.LLO, 2)
    assert not [p for p in paths if p.verdict in HOLDS]


def test_the_two_leg_catalog_with_both_carriers_holds(tmp_path):
    """The law's other side: with both carriers the path holds, so removing one is what breaks it."""
    catalog = lunar_catalog(tmp_path / "both", supplies=20, hop=0.5, scenario=True)
    assert _stranded_row(catalog).verdict in HOLDS
