"""Which rescuer a row picks, and why; and whether its times say where they come from (docs/time.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.engine import check_matrix, check_systems
from interop.engine.paths import deciding_field, rank
from interop.engine.world import World
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from interop.rules.timing import Source
from tests.spec_builders import interface, port, system, write
from tests.time_builders import full as _full

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base"
FLEETS = ["us", "russia", "china", "india"]


@pytest.fixture(scope="module")
def library():
    loaded = load_catalog([ROOT / "specs"])
    assert loaded.findings == []
    return loaded.catalog


def _row(direction, distressed, place):
    return next(r for r in direction.rows if (r.distressed, r.place) == (distressed, place))


# ------------------------------------------------------------- the fleets' rows


def test_an_orel_crew_in_leo_gets_the_rescuer_at_the_place_for_a_reason_not_a_name(library):
    from interop.engine.rescue import Evaluator
    from interop.engine.systems import rescuers_of

    direction = check_systems(library, "us", "russia").directions[0]
    row = _row(direction, "orel", "leo")
    assert row.best is not None and row.best.rescuer == "crew-dragon"
    # It is there: stationed in low Earth orbit (docked at the ISS), so it leaves at once.
    world = World.build(library, ["us", "russia"])
    (first,) = row.best.leg_times
    assert first.readiness.source is Source.AT_PLACE and first.arrival is not None and first.arrival.high == 0
    assert Regime.LEO in world.places_of(library.vehicles["crew-dragon"])
    # Every other rescuer loses on something other than its name.
    evaluator = Evaluator(library, world)
    best = rank(row.best)
    decided = {}
    for rescuer in rescuers_of(library, "us"):
        if rescuer.id != "crew-dragon":
            other = rank(evaluator.evaluate(rescuer, library.vehicles["orel"], Regime.LEO, row.crew or 1))
            assert best < other
            decided[rescuer.id] = deciding_field(best, other)
    # Orion and the landers cannot reach low Earth orbit in time: no arrival to time (REACH001).
    assert decided["orion"] == "late" and decided["starship-hls"] == "late" and decided["blue-moon-mk2"] == "late"
    # Starliner is at the place too and gets as far: the one whose published figures leave less unknown wins.
    assert decided["starliner"] not in ("rescuer", None)


def _two_rescuers(folder: Path, near: str, far: str, launch_ready_days: float | None = 2):
    """One rescuer stationed where the crew is, one on standby that must launch: alike in every other value."""
    launching = {"vehicle": far, "role": "crew-transport", "standby": True}
    if launch_ready_days is not None:
        launching["launch_ready_days"] = launch_ready_days
    documents = [
        interface("idss", passage_diameter_mm=800, utilities=["power", "data", "air"]),
        _full("stranded", [port("nose", "idss", "passive")]),
        _full(near, [port("nose", "idss", "active")]),
        _full(far, [port("nose", "idss", "active")], transit_days={"leo": 0.5}),
        system("crews", [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["leo"]}]),
        system("rescuers", [{"vehicle": near, "role": "crew-transport", "stationed_at": ["leo"]}, launching]),
    ]
    loaded = load_catalog([write(folder, *documents)])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    return loaded.catalog


@pytest.mark.parametrize(("near", "far"), [("zz-near", "aa-far"), ("aa-near", "zz-far")])
def test_of_two_rescuers_alike_the_one_at_the_place_wins_whatever_the_names(tmp_path, near, far):
    from interop.engine.rescue import Evaluator

    catalog = _two_rescuers(tmp_path / "two", near, far)
    (row,) = check_systems(catalog, "rescuers", "crews").directions[0].rows
    assert row.best is not None and row.best.rescuer == near
    assert row.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    other = evaluator.evaluate(catalog.vehicles[far], catalog.vehicles["stranded"], Regime.LEO, 2)
    assert other.verdict is row.verdict and other.margin_days is not None and other.margin_days >= 0
    assert deciding_field(rank(row.best), rank(other)) == "arrival"


def test_a_rescuer_that_must_launch_is_timed_from_its_launch_ready_days(tmp_path):
    from interop.engine.rescue import Evaluator

    catalog = _two_rescuers(tmp_path / "launch", "near", "far", launch_ready_days=2)
    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    far = evaluator.evaluate(catalog.vehicles["far"], catalog.vehicles["stranded"], Regime.LEO, 2)
    (leg,) = far.legs
    assert leg.launch_days == 2 and leg.depart_days == pytest.approx(2.5)
    assert far.margin_days == pytest.approx(30 - 2.5)
    assert far.leg_times[0].readiness.source is Source.ELEMENT
    assert "arrival (far) day 2.5" in " ".join(f"{name} day {high:g}" for name, _low, high in far.timing.events)


def test_a_rescuer_whose_readiness_nobody_published_leaves_the_margin_unknown_naming_it(tmp_path):
    from interop.engine.rescue import Evaluator

    catalog = _two_rescuers(tmp_path / "unknown", "near", "far", launch_ready_days=None)
    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    far = evaluator.evaluate(catalog.vehicles["far"], catalog.vehicles["stranded"], Regime.LEO, 2)
    assert far.margin_days is None and far.legs[0].depart_days is None
    (time001,) = [f for f in far.findings if f.code == "TIME001"]
    assert time001.verdict is Verdict.UNKNOWN
    assert time001.missing == ["rescuers.elements.1.launch_ready_days"]


def test_a_rescuer_said_to_be_at_the_place_on_day_zero_is_really_there(library):
    """Over every row of the nations' fleets: an arrival on day 0 is a vehicle stationed at the place or
    docked in the crew's stack; a launch is timed by a published launch_ready_days, else the margin is unknown."""
    matrix = check_matrix(library, FLEETS)
    world = World.build(library, FLEETS)
    seen = {Source.AT_PLACE: 0, Source.ELEMENT: 0, Source.NONE: 0}
    for cell in matrix.cells.values():
        for row in cell.rows:
            if row.best is None:
                continue
            for share in row.best.rescues or [row.best]:
                for leg in share.leg_times:
                    readiness = leg.readiness
                    if readiness.source in seen:
                        seen[readiness.source] += 1
                    carrier = library.vehicles[leg.carrier]
                    if readiness.source is Source.AT_PLACE:
                        stationed = Regime(leg.place) in (world.places_of(carrier) or ())
                        assert stationed or share.mating_mode == "stack", (leg.carrier, leg.place)
                    elif readiness.source is Source.ELEMENT:
                        assert readiness.days is not None and readiness.anchor is not None
                        assert readiness.anchor.path[-1] == "launch_ready_days"
                    elif readiness.source is Source.NONE:
                        assert readiness.days is None and share.margin_days is None
    assert seen[Source.AT_PLACE] and seen[Source.ELEMENT] + seen[Source.NONE]
