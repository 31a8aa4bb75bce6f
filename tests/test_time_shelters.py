"""Shelters where the crew is (Apollo 13), and scenarios searched for paths of several legs (docs/time.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.engine import check_systems, run_scenario
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from tests.time_builders import DOCKED_IN, apollo_catalog, apollo_scenario, lunar_catalog, station_catalog

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base"


def _row(catalog, rescuing="rescuers", crews="crews"):
    return next(r for r in check_systems(catalog, rescuing, crews).directions[0].rows if r.distressed == "stranded")


def _legs(result):
    return [(leg.carrier, leg.from_place, leg.to_place) for leg in result.legs]


@settings(max_examples=4, deadline=None)
@given(supplies=st.integers(min_value=1, max_value=4), ready=st.integers(min_value=5, max_value=20))
def test_a_lander_at_the_crews_place_shelters_it_until_the_capsule_comes(tmp_path_factory, supplies, ready):
    """Apollo 13: the crew's own vehicle runs out before the capsule can get there; the lander there keeps it alive."""
    catalog = apollo_catalog(tmp_path_factory.mktemp("lm"), lander=True, supplies=supplies, ready=ready)
    row = _row(catalog)
    assert row.best is not None and _legs(row.best) == [("lm", "llo", "llo"), ("capsule", "llo", "earth")]
    assert row.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    arrival = ready + 3
    assert row.best.legs[1].depart_days == pytest.approx(arrival)
    # The lander takes the crew aboard at once (its own supplies then bridge the wait: 200 crew-days shared
    # by four, no longer than its 30 days), and the capsule takes it from the lander.
    assert row.best.margin_days == pytest.approx(min(supplies, 30 - arrival))
    assert row.best.legs[1].from_vehicle == "lm"
    stays = [f for f in row.best.steps[0].findings if f.code == "RET001"]
    assert [f.verdict for f in stays] == [Verdict.PASS]


def test_without_the_lander_the_capsule_comes_too_late(tmp_path):
    row = _row(apollo_catalog(tmp_path / "nolm", lander=False, supplies=2, ready=5))
    assert row.verdict is Verdict.FAIL and row.best is not None and len(row.best.legs) == 1
    (time001,) = [f for f in row.best.findings if f.code == "TIME001"]
    assert time001.verdict is Verdict.FAIL and row.best.margin_days == pytest.approx(2 - 8)


def test_a_shelter_whose_supplies_do_not_bridge_the_wait_does_not_make_it_in_time(tmp_path):
    """The lander keeps four alive 30 days: a capsule arriving on day 40 is late through it too, and a path
    whose last leg fails is not kept: the row stays a direct rescue that fails."""
    row = _row(apollo_catalog(tmp_path / "late", lander=True, supplies=2, ready=37))
    assert row.verdict is Verdict.FAIL
    assert row.best is not None and len(row.best.legs) == 1


def test_a_station_where_the_crew_is_shelters_it_on_its_supplies(tmp_path):
    row = _row(station_catalog(tmp_path / "station", station_supplies=100))
    assert row.best is not None
    assert _legs(row.best) == [("stranded", "leo", "leo"), ("capsule", "leo", "earth")]
    assert row.best.legs[0].to_vehicle == "outpost"
    assert row.best.rescuer == "capsule"  # the row names the carrier that comes, not the crew's own vehicle
    assert row.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    # The capsule launches on day 5, one day's trip: the crew waits on the station's 100 days (its own
    # vehicle's two do not count: it moved in on day 0).
    assert row.best.margin_days == pytest.approx(100 - 6)


def test_a_station_whose_supplies_nobody_published_leaves_the_margin_unknown_naming_them(tmp_path):
    """No figure is made up for the station: the path through it is UNKNOWN (better than the direct rescue
    that is late, FAIL), waiting for the station's endurance."""
    row = _row(station_catalog(tmp_path / "unknown", station_supplies=None))
    assert row.best is not None and [leg.to_vehicle for leg in row.best.legs] == ["outpost", "capsule"]
    assert row.verdict is Verdict.UNKNOWN and row.best.margin_days is None
    (time001,) = [f for f in row.best.findings if f.code == "TIME001"]
    assert time001.verdict is Verdict.UNKNOWN and time001.missing == ["outpost.life_support.endurance_days"]


# ------------------------------------------------------------- scenarios search paths


def _lunar_scenario(folder: Path, *, lander: bool):
    return lunar_catalog(folder, lander=lander, supplies=20, hop=0.5, scenario=True)


def test_a_scenario_finds_the_two_leg_path_its_responders_make(tmp_path):
    results = run_scenario(_lunar_scenario(tmp_path / "two", lander=True), "moon-crew").results
    lander, capsule = results
    assert _legs(lander) == [("lander", "llo", "nrho"), ("capsule", "nrho", "earth")]
    assert lander.verdict in (Verdict.PASS, Verdict.CONDITIONAL) and lander.scenario == "moon-crew"
    assert lander.margin_days == pytest.approx(min(20, 30 - 0.5))
    # The capsule cannot reach the crew's orbit: its own row is the direct rescue, which fails.
    assert len(capsule.legs) == 1 and capsule.verdict is Verdict.FAIL


def test_a_scenario_without_the_lander_has_no_path(tmp_path):
    (capsule,) = run_scenario(_lunar_scenario(tmp_path / "one", lander=False), "moon-crew").results
    assert len(capsule.legs) == 1 and capsule.verdict is Verdict.FAIL


def test_a_scenario_row_says_when_its_path_search_stopped_at_the_bound(tmp_path):
    from interop.engine.paths import MAX_EVALUATIONS, PathSearch

    catalog = _lunar_scenario(tmp_path / "bound", lander=True)
    assert PathSearch.max_evaluations == MAX_EVALUATIONS
    from interop.engine import EngineOptions

    results = run_scenario(catalog, "moon-crew", EngineOptions(max_legs=1)).results
    assert all(len(r.legs) == 1 for r in results)  # one leg allowed: direct rescues only


@pytest.mark.parametrize("docked", [True, False])
def test_a_scenarios_shelter_keeps_the_crew_until_the_responder_that_names_it(tmp_path, docked):
    (capsule,) = run_scenario(apollo_scenario(tmp_path / "lm", docked=docked, hours=240), "aquarius").results
    assert _legs(capsule) == [("lm", "llo", "llo"), ("capsule", "llo", "earth")]
    assert capsule.legs[1].from_vehicle == "lm" and capsule.legs[1].depart_days == pytest.approx(8)
    # The scenario's 240 hours in the lander count from the crew's move into it, on day 0: the wait on them
    # for the capsule is a margin. Docked, the lander is moved into at once (no arrival that could be late:
    # the day of the crew's own vehicle limits nothing); else it comes to the crew, with that day to spare.
    assert capsule.margin_days == pytest.approx(10 - 8 if docked else min(1, 10 - 8))
    assert capsule.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    time001 = [f for f in capsule.findings if f.code == "TIME001"]
    assert time001 and all(f.verdict is Verdict.PASS for f in time001)


@pytest.mark.parametrize("docked", DOCKED_IN)
def test_a_docked_shelter_without_stated_hours_keeps_the_crew_on_its_own_endurance(tmp_path, docked):
    """No ``life_support_hours`` in the scenario: the crew waits on the shelter's life support as its spec
    declares it (the lander's 200 crew-days shared by the two who move in, no longer than its 30 days),
    counted from the move on day 0, not on an unknown."""
    (capsule,) = run_scenario(apollo_scenario(tmp_path / "own", docked=docked, hours=None), "aquarius").results
    assert _legs(capsule) == [("lm", "llo", "llo"), ("capsule", "llo", "earth")]
    assert capsule.legs[0].to_vehicle == "lm" and capsule.legs[1].from_vehicle == "lm"
    (wait,) = [f for f in capsule.timing.figures if f.name == "supplies" and f.leg == 2]
    assert (wait.low, wait.high) == (30, 30) and not wait.missing
    assert "lm" in wait.note
    time001 = [f for f in capsule.findings if f.code == "TIME001"]
    assert time001 and all(f.verdict is Verdict.PASS for f in time001)
    assert capsule.verdict in (Verdict.PASS, Verdict.CONDITIONAL) and capsule.margin_days is not None


def test_a_scenarios_shelter_too_short_for_the_wait_fails_in_time(tmp_path):
    (capsule,) = run_scenario(apollo_scenario(tmp_path / "short", docked=True, hours=72), "aquarius").results
    assert capsule.verdict is Verdict.FAIL
    assert capsule.margin_days == pytest.approx(min(1 - 8, 3 - 8))


def test_the_starliner_crew_waits_at_the_station_for_the_dragon_docked_there():
    """docs/time.md: the record's shape (Crew Flight Test, Crew-9) found by the search, not declared."""
    catalog = load_catalog([ROOT / "specs"]).catalog
    direction = check_systems(catalog, "us", "us").directions[0]
    row = next(r for r in direction.rows if (r.distressed, r.place) == ("starliner", "leo"))
    assert row.best is not None and row.best.rescuer == "crew-dragon"
    assert [(leg.carrier, leg.to_vehicle) for leg in row.best.legs] == [
        ("starliner", "ida-2"),
        ("crew-dragon", "crew-dragon"),
    ]
    assert row.verdict is Verdict.UNKNOWN  # no longer FAIL (two active-only IDSS ports): suits and liners wait
    assert {"crew-dragon.crew_equipment.spare_suits", "crew-dragon.crew_equipment.spare_seat_liners"} <= set(
        row.best.missing
    )
    # Starliner's own docking at the station is judged too: its cabin air is not published.
    move = row.best.steps[0]
    assert {"DOCK001", "XFER001", "ATM001"} <= {f.code for f in move.findings}
    assert "starliner.atmosphere.pressure_kpa" in row.best.missing
    supplies = [event for event in row.best.timing.events if event[0] == "supplies run out (ida-2)"]
    assert supplies == [("supplies run out (ida-2)", 80.0, 80.0)]  # the ISS keeps a visiting crew 80 days
    text = (ROOT / "docs" / "time.md").read_text()
    assert "`check us us`" in text and "starliner > crew-dragon" in text and "ida-2" in text


def test_the_starliner_rows_margin_is_the_stations_supplies_not_the_capsules_own(tmp_path):
    """The crew leaves Starliner for the station on day 0: Starliner's 2.5 days of free flight limit nothing.
    The margin is the wait on the station's 80 days for the Dragon docked there, and it names that figure."""
    from interop.report import ReportOptions, reporter
    from interop.report.records import time_line

    catalog = load_catalog([ROOT / "specs"]).catalog
    result = check_systems(catalog, "us", "us")
    row = next(r for r in result.directions[0].rows if (r.distressed, r.place) == ("starliner", "leo"))
    assert row.best is not None and row.best.timing is not None
    assert row.best.margin_days == pytest.approx(80) and row.best.margin_days_best == pytest.approx(80)
    assert row.best.timing.margin_leg == 2 and "endurance for the crew aboard" in row.best.timing.margin_limit
    assert "margin 80 days (leg 2: " in time_line(row.best)
    import json

    report = json.loads(reporter("json", ReportOptions()).systems(result))
    (record,) = [r for r in report["directions"][0]["rows"] if (r["distressed"], r["place"]) == ("starliner", "leo")]
    assert record["margin_days"] == pytest.approx(80) and record["rescue"]["margin_leg"] == 2


@pytest.mark.parametrize("supplies", [0.5, 2, None])
def test_a_crews_move_into_a_shelter_where_it_is_is_no_arrival_the_margin_counts(tmp_path, supplies):
    """A margin is the time a carrier's arrival has to spare. The crew's own move into the station where it
    is has no carrier that could be late: whatever its vehicle's supplies (even unpublished), the margin
    is the wait on the station's 100 days for the capsule that lands on day 6."""
    catalog = station_catalog(tmp_path / "moved", station_supplies=100, own_supplies=supplies)
    row = _row(catalog)
    assert row.best is not None and [leg.to_vehicle for leg in row.best.legs] == ["outpost", "capsule"]
    assert row.best.margin_days == pytest.approx(100 - 6)
    assert row.best.timing is not None and row.best.timing.margin_leg == 2
    assert row.best.timing.margin_limit == "outpost's endurance for the crew aboard"


@pytest.mark.parametrize(
    ("build", "scenario", "responder", "carriers"),
    [
        (lambda folder: lunar_catalog(folder, scenario=True), "moon-crew", "lander", ["lander", "capsule"]),
        (lambda folder: apollo_scenario(folder, docked=True, hours=None), "aquarius", "capsule", ["lm", "capsule"]),
    ],
    ids=["two-legs", "shelter-first"],
)
def test_a_scenario_report_of_a_path_names_every_legs_carrier_and_the_shelter(
    tmp_path, build, scenario, responder, carriers
):
    """Every format of a scenario names the responder's whole path, a shelter as its first leg; the JSON of a
    scenario with a path passes the report schema, each leg naming its carrier."""
    import json

    import jsonschema

    from interop.report import ReportOptions, reporter
    from interop.report.report_schema import SCHEMA

    result = run_scenario(build(tmp_path / "report"), scenario)
    report = json.loads(reporter("json", ReportOptions()).scenario(result))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    (record,) = [r for r in report["responders"] if r["rescuer"] == responder]
    assert [leg["carrier"] for leg in record["legs"]] == carriers
    assert record["legs"][0]["from_vehicle"] == "stranded" and record["legs"][-1]["to_place"] == "earth"
    path = " > ".join(carriers)
    legs = ", ".join(f"{leg['carrier']} {leg['from_place']}->{leg['to_place']}" for leg in record["legs"])
    text = reporter("text", ReportOptions(width=200)).scenario(result)
    (line,) = [line for line in text.splitlines() if line.startswith(responder + " ")]
    assert path in line
    assert f"via {legs};" in text.replace("\n      ", " ")
    markdown = reporter("markdown", ReportOptions()).scenario(result)
    assert f"| {responder} | {path} |" in markdown and f"via {legs};" in markdown
    html = reporter("html", ReportOptions()).scenario(result)
    assert f"via {path.replace('>', '&gt;')}" in html
    terminal = reporter("terminal", ReportOptions(width=200)).scenario(result)
    assert path in terminal


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"hatch_mm": 500}, "XFER001"), ({"pressure_kpa": 30}, "ATM001")],
    ids=["hatch-too-narrow", "cabins-too-far-apart"],
)
def test_the_crews_own_move_into_a_station_is_judged_by_the_rules(tmp_path, changes, code):
    """The crew's vehicle docks at the station and the crew crosses into it: the mating and the transfer
    (passage, cabin air) are judged as for any rescue. A hatch too narrow to pass, or cabins whose pressures
    cannot be equalised, stop the move: no path runs through that station."""
    plain = _row(station_catalog(tmp_path / "fits", station_supplies=100))
    assert plain.best is not None and len(plain.best.legs) == 2
    move = plain.best.steps[0]
    judged = {f.code for f in move.findings}
    assert {"DOCK001", "XFER001", "ATM001"} <= judged
    assert all(f.verdict is not Verdict.FAIL for f in move.findings)
    row = _row(station_catalog(tmp_path / "blocked", station_supplies=100, **changes))
    assert row.best is not None and len(row.best.legs) == 1 and row.verdict is Verdict.FAIL
    from interop.engine.paths import PathSearch
    from interop.engine.rescue import Evaluator
    from interop.engine.world import World

    catalog = station_catalog(tmp_path / "searched", station_supplies=100, **changes)
    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    found = PathSearch(evaluator, [catalog.vehicles["capsule"]]).search(catalog.vehicles["stranded"], Regime.LEO, 2)
    assert found == [] or all(
        any(f.code == code and f.verdict is Verdict.FAIL for f in path.steps[0].findings) for path in found
    )


@pytest.mark.parametrize("docked", DOCKED_IN)
def test_the_crews_crossing_into_a_docked_shelter_is_judged_by_the_rules(tmp_path, docked):
    """A shelter docked to the crew's vehicle needs no docking, but the crew must still cross into it: the
    transfer is judged (the passage, the cabin air). A hatch too narrow to pass leaves no path through it."""
    (fits,) = run_scenario(apollo_scenario(tmp_path / "fits", docked=docked, hours=240), "aquarius").results
    assert [leg.carrier for leg in fits.legs] == ["lm", "capsule"]
    assert {"XFER001", "ATM001"} <= {f.code for f in fits.steps[0].findings}
    narrow = apollo_scenario(tmp_path / "narrow", docked=docked, hours=240, shelter_hatch_mm=500)
    (capsule,) = run_scenario(narrow, "aquarius").results
    assert len(capsule.legs) == 1 and capsule.verdict is Verdict.FAIL


def test_a_station_whose_cabin_air_nobody_published_leaves_the_move_unknown_not_impossible(tmp_path):
    """No figure is made up for the station's air, and none is taken as a failure: the crew's move aboard waits
    for it, so the path through the station is UNKNOWN (above the direct rescue that is late), naming it."""
    row = _row(station_catalog(tmp_path / "air", station_supplies=100, pressure_kpa=None))
    assert row.best is not None and [leg.to_vehicle for leg in row.best.legs] == ["outpost", "capsule"]
    assert row.verdict is Verdict.UNKNOWN
    assert "outpost.atmosphere.pressure_kpa" in row.best.steps[0].missing
