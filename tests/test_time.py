"""Time in rescues: the timeline's arithmetic, the record, and paths of several legs (docs/time.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interop.engine import EngineOptions, check_systems, run_scenario
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from interop.rules.timing import Figure, LegTime, Source, Span
from tests.spec_builders import interface, port, system, write
from tests.time_builders import full as _full
from tests.time_builders import lunar_catalog

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base"


@pytest.fixture(scope="module")
def library():
    loaded = load_catalog([ROOT / "specs"])
    assert loaded.findings == []
    return loaded.catalog


# ------------------------------------------------------------- the record


def _responder(catalog, scenario_id, index):
    return run_scenario(catalog, scenario_id).results[index]


@pytest.mark.parametrize(
    ("scenario", "index", "arrival", "margin"),
    [
        # Leak 14 Dec 2022 to MS-23 docked 26 Feb 2023: 74 days; MS-22 rated 200 days docked from 21 Sep 2022.
        ("soyuz-ms-22-coolant-leak", 0, 74, 42),
        # NASA's decision 24 Aug 2024 to Crew-9 docked 29 Sep: 36 days; the ISS's 80 days for visitors.
        ("starliner-crew-return", 0, 36, 44),
        # Emergency from 5 Nov 2025 to Shenzhou-22 docked 25 Nov: 20 days; supplies to about 1 April 2026.
        ("shenzhou-crew-at-tiangong", 1, 20, 127),
        # Shenzhou-21 was docked at the station: it was there at once.
        ("shenzhou-crew-at-tiangong", 0, 0, 147),
    ],
)
def test_real_events_carry_their_call_to_arrival_time_and_the_margin_the_record_implies(
    library, scenario, index, arrival, margin
):
    result = _responder(library, scenario, index)
    assert result.legs[0].depart_days == pytest.approx(arrival)
    assert result.margin_days == pytest.approx(margin)
    assert [f.verdict for f in result.findings if f.code == "TIME001"] == [Verdict.PASS]


def test_the_real_events_still_give_their_recorded_verdicts(library):
    for scenario in library.scenarios.values():
        if not scenario.hypothetical:
            assert run_scenario(library, scenario.id).mismatches == [], scenario.id


def test_the_reserve_is_taken_off_every_margin_and_printed(library):
    plain = _responder(library, "soyuz-ms-22-coolant-leak", 0)
    options = EngineOptions(time_reserve_days=50)
    reserved = run_scenario(library, "soyuz-ms-22-coolant-leak", options).results[0]
    assert plain.timing is not None and plain.timing.reserve_days == 0
    assert reserved.margin_days == pytest.approx(plain.margin_days - 50)
    assert reserved.verdict is Verdict.FAIL
    time001 = next(f for f in reserved.findings if f.code == "TIME001")
    assert time001.verdict is Verdict.FAIL and "reserve 50" in time001.message


# ------------------------------------------------------------- the laws


def _materialise(tmp_path: Path, life_support_hours: float, transit_hours: float) -> Path:
    import shutil

    folder = tmp_path / "case"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BASE, folder)
    scenario = folder / "scenarios" / "stranded.yaml"
    text = scenario.read_text()
    text = text.replace("life_support_hours: 100", f"life_support_hours: {life_support_hours}")
    text = text.replace("transit_hours: 10", f"transit_hours: {transit_hours}")
    scenario.write_text(text)
    return folder


@settings(max_examples=25, deadline=None)
@given(hours=st.integers(min_value=1, max_value=2000), late=st.integers(min_value=-500, max_value=500))
def test_a_margin_of_zero_passes_and_one_below_zero_fails(tmp_path_factory, hours, late):
    transit = max(hours + late, 0)
    folder = _materialise(tmp_path_factory.mktemp("law"), hours, transit)
    result = run_scenario(load_catalog([folder]).catalog, "stranded").results[0]
    (finding,) = [f for f in result.findings if f.code == "TIME001"]
    assert result.margin_days == pytest.approx((hours - transit) / 24)
    assert finding.verdict is (Verdict.PASS if transit <= hours else Verdict.FAIL)


def _figure(days: Span | None) -> Figure:
    return Figure(days, Source.VEHICLE if days is not None else Source.NONE, missing="" if days else "x")


spans = st.tuples(st.floats(0, 100), st.floats(0, 50)).map(lambda t: Span(t[0], t[0] + t[1]))


@settings(max_examples=200)
@given(
    first=st.tuples(spans, spans, spans, spans),
    second=st.tuples(spans, spans, spans),
)
def test_adding_a_leg_never_shortens_the_arrival(first, second):
    ready, transit, onward, endurance = first
    leg = LegTime(
        "a", "crew", "llo", "nrho", _figure(ready), _figure(transit), _figure(Span(0, 1000)), _figure(onward),
        _figure(endurance),
    )  # fmt: skip
    ready2, transit2, home = second
    assert leg.end is not None
    following = LegTime(
        "b", "a", "nrho", "earth", _figure(ready2), _figure(transit2), _figure(Span(0, 1000)), _figure(home),
        None, crew_ready=leg.end,
    )  # fmt: skip
    assert following.boarding is not None and following.end is not None
    assert following.boarding.low >= leg.end.low and following.boarding.high >= leg.end.high
    assert following.end.low >= leg.end.low and following.end.high >= leg.end.high


# ------------------------------------------------------------- paths of several legs


def _lunar_catalog(folder: Path, *, lander: bool, supplies: float, hop: float):
    return lunar_catalog(folder, lander=lander, supplies=supplies, hop=hop)


def _row(catalog):
    (row,) = check_systems(catalog, "rescuers", "crews").directions[0].rows
    return row


@settings(max_examples=5, deadline=None)
@given(supplies=st.integers(min_value=2, max_value=60), hop=st.sampled_from([0.5, 1, 3]))
def test_the_search_finds_the_two_leg_rescue_a_catalog_was_built_to_need(tmp_path_factory, supplies, hop):
    catalog = _lunar_catalog(tmp_path_factory.mktemp("two"), lander=True, supplies=supplies, hop=hop)
    row = _row(catalog)
    assert row.best is not None
    assert [(leg.carrier, leg.from_place, leg.to_place) for leg in row.best.legs] == [
        ("lander", "llo", "nrho"),
        ("capsule", "nrho", "earth"),
    ]
    assert row.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    assert row.best.legs[1].depart_days == pytest.approx(hop)  # the capsule waits at NRHO: the crew comes to it
    assert row.best.legs[1].arrive_days == pytest.approx(hop + 5)
    # The lander is at the crew's place at once; then the crew waits on the lander's supplies for the four
    # aboard (its 200 crew-days shared, no more than its 30 days' endurance) until the capsule takes it.
    assert row.best.margin_days == pytest.approx(min(supplies, 30 - hop))


def test_without_the_lander_no_path_exists(tmp_path):
    row = _row(_lunar_catalog(tmp_path / "one", lander=False, supplies=30, hop=0.5))
    assert row.verdict is Verdict.FAIL
    assert row.best is not None and len(row.best.legs) == 1


def test_the_search_stops_at_its_bound_and_says_so(tmp_path):
    catalog = _lunar_catalog(tmp_path / "bound", lander=True, supplies=30, hop=0.5)
    row = check_systems(catalog, "rescuers", "crews", EngineOptions(max_legs=1)).directions[0].rows[0]
    assert len(row.best.legs) == 1  # one leg allowed: the direct rescue only
    from interop.engine.paths import PathSearch
    from interop.engine.rescue import Evaluator
    from interop.engine.world import World

    evaluator = Evaluator(catalog, World.build(catalog, ["rescuers", "crews"]))
    carriers = [catalog.vehicles["lander"], catalog.vehicles["capsule"]]
    search = PathSearch(evaluator, carriers, max_legs=3, max_evaluations=1)
    assert search.search(catalog.vehicles["stranded"], Regime.LLO, 2) == []
    assert search.bound_hit and search.evaluations == 1


# ------------------------------------------------------------- the bundled lunar example (docs/time.md)

ADAPTER = {
    "interface.yaml": """
kind: DockingInterface
schema_version: 1
id: ssvp-orel-drogue
name: A drogue for Orel's probe (hypothetical)
style: gendered
gender: drogue
family: ssvp
mates_with: [ssvp-orel]
passage_diameter_mm: 800
status: planned
sources: [{title: hypothetical, url: "https://example.org"}]
""",
    "adapter.yaml": """
kind: Vehicle
schema_version: 1
id: hls-orel-adapter
name: IDSS to Orel adapter carried by Starship HLS (hypothetical)
vehicle_type: adapter
status: planned
crewed: false
ports:
  - {id: idss, interface: idss, role: passive, hatch_diameter_mm: 800}
  - {id: orel, interface: ssvp-orel-drogue, role: passive, hatch_diameter_mm: 800}
sources: [{title: hypothetical, url: "https://example.org"}]
""",
    "system.yaml": """
kind: TransportSystem
schema_version: 1
id: us-with-adapter
name: The US fleet with an Orel adapter on Starship HLS (hypothetical)
nations: [United States]
includes: [us]
elements:
  - {vehicle: hls-orel-adapter, role: adapter, carried_by: starship-hls}
sources: [{title: hypothetical, url: "https://example.org"}]
""",
}


def _orel_in_llo(catalog, rescuing):
    direction = check_systems(catalog, rescuing, "russia").directions[0]
    return next(row for row in direction.rows if (row.distressed, row.place) == ("orel", "llo"))


def test_the_lunar_example_today_no_path_reaches_an_orel_crew_in_llo(library):
    row = _orel_in_llo(library, "us")
    assert row.verdict is Verdict.FAIL
    assert row.best is not None and row.best.rescuer == "starship-hls" and len(row.best.legs) == 1
    assert {"DOCK001", "RET001"} <= {f.code for f in row.best.deciding()}
    text = (ROOT / "docs" / "time.md").read_text()
    assert "DOCK001" in text and "RET001" in text


def test_the_lunar_example_an_adapter_on_the_lander_opens_the_two_leg_path(library, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    for name, text in ADAPTER.items():
        (extra / name).write_text(text)
    loaded = load_catalog([ROOT / "specs", extra])
    assert loaded.findings == []
    row = _orel_in_llo(loaded.catalog, "us-with-adapter")
    assert row.best is not None
    assert [(leg.carrier, leg.from_place, leg.to_place) for leg in row.best.legs] == [
        ("starship-hls", "llo", "nrho"),
        ("orion", "nrho", "earth"),
    ]
    assert row.verdict is Verdict.UNKNOWN  # no longer FAIL: what is left is values nobody has published
    # The crew waits on the lander: 6.5 days for its 2 shared by 6, from the boarding, less the half-day hop.
    assert row.best.margin_days == pytest.approx(6.5 * 2 / 6 - 0.5)
    assert "hls-orel-adapter" in row.best.adapters
    text = (ROOT / "docs" / "time.md").read_text()
    assert "hls-orel-adapter" in text and "1.67" in text
    # The shelter at Gateway is tried and fails at the cabin pressures, as the docs say.
    from interop.engine.paths import PathSearch
    from interop.engine.rescue import Evaluator
    from interop.engine.systems import rescuers_of
    from interop.engine.world import World

    catalog = loaded.catalog
    evaluator = Evaluator(catalog, World.build(catalog, ["us-with-adapter", "russia"]))
    search = PathSearch(evaluator, rescuers_of(catalog, "us-with-adapter"))
    hls = catalog.vehicles["starship-hls"]
    shelters = search.shelters(hls, Regime.NRHO)
    assert "gateway-halo" in [s.id for s in shelters]
    start = search.next_start(row.best.leg_times[0], Span(0.5, 0.5), Regime.NRHO, catalog.vehicles["gateway-halo"])
    sheltered = evaluator.evaluate(catalog.vehicles["orion"], hls, Regime.NRHO, 4, leg=start)
    assert sheltered.verdict is Verdict.FAIL
    assert [f.code for f in sheltered.findings if f.verdict is Verdict.FAIL] == ["ATM001"]
    assert "62.1 kPa" in text and "ATM001" in text


# ------------------------------------------------------------- fleets and stations


def test_the_nations_whole_fleets():
    from interop.engine import nation_fleets

    catalog = load_catalog([ROOT / "specs"]).catalog
    assert nation_fleets(catalog) == ["china", "india", "russia", "us"]


def test_an_orel_crew_in_leo_is_answered_by_the_fleet_that_flies_there(library):
    direction = check_systems(library, "us", "russia").directions[0]
    row = next(r for r in direction.rows if (r.distressed, r.place) == ("orel", "leo"))
    assert row.best is not None and row.best.rescuer in {"crew-dragon", "starliner"}
    assert row.candidates >= 4  # the lunar vehicles are candidates too, and rank below
    assert not any(f.code == "REACH001" and f.verdict is Verdict.FAIL for f in row.best.findings)


def test_a_station_visitor_is_reached_through_the_station_not_its_own_port(library):
    direction = check_systems(library, "ru-lunar", "ru-iss").directions[0]
    (row,) = [r for r in direction.rows if r.distressed == "soyuz-ms"]
    assert row.best is not None
    # Orel's probe meets the station's drogues, not Soyuz's own probe: the mating waits only for what
    # Orel's mechanism mates with, and no docking rule fails or asks for an adapter.
    assert row.best.mating_mode == "unknown"
    assert "ssvp-orel.mates_with" in row.best.missing
    docking = [f for f in row.best.findings if f.code.startswith("DOCK")]
    assert docking and not any(f.verdict is Verdict.FAIL for f in docking)


def test_a_crew_no_one_vehicle_can_seat_is_split_between_two(tmp_path):
    seats = {"total": 4, "nominal_crew": 2, "min_crew": 2, "addable": 0}
    documents = [
        interface("idss", passage_diameter_mm=800, utilities=["power", "data", "air"]),
        _full("stranded", [port("nose", "idss", "passive")], seats={"total": 4, "nominal_crew": 4, "min_crew": 0}),
        _full("first", [port("nose", "idss", "active")], seats=seats),
        _full("second", [port("nose", "idss", "active")], seats=seats),
        system("crews", [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["leo"]}]),
        system(
            "rescuers",
            [
                {"vehicle": "first", "role": "crew-transport", "stationed_at": ["leo"]},
                {"vehicle": "second", "role": "crew-transport", "stationed_at": ["leo"]},
            ],
        ),
    ]
    catalog = load_catalog([write(tmp_path / "split", *documents)]).catalog
    row = _row(catalog)
    assert row.best is not None and row.verdict is not Verdict.FAIL
    shares = row.best.rescues
    assert sorted(s.rescuer for s in shares) == ["first", "second"]
    assert sum(s.crew for s in shares) == 4 and all(s.crew == 2 for s in shares)
    assert row.verdict is Verdict.worst(s.verdict for s in shares)
    import json

    from interop.report.records import row_record

    record = json.loads(json.dumps(row_record(row)))
    assert [share["crew"] for share in record["rescue"]["rescues"]] == [2, 2]
    assert all("margin_days" in share and share["legs"] for share in record["rescue"]["rescues"])


def test_time_in_every_format_of_a_check(tmp_path):
    import json

    import jsonschema

    from interop.report import ReportOptions, reporter
    from interop.report.report_schema import SCHEMA

    catalog = _lunar_catalog(tmp_path / "formats", lander=True, supplies=30, hop=0.5)
    result = check_systems(catalog, "rescuers", "crews")
    report = json.loads(reporter("json", ReportOptions()).systems(result))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    row = report["directions"][0]["rows"][0]
    assert [leg["carrier"] for leg in row["legs"]] == ["lander", "capsule"] and row["margin_days"] == 29.5
    text = reporter("text", ReportOptions(verbose=True)).systems(result)
    markdown = reporter("markdown", ReportOptions()).systems(result)
    html = reporter("html", ReportOptions()).systems(result)
    for rendered in (text.replace("\n      ", " "), markdown):
        assert "via lander llo->nrho, capsule nrho->earth" in rendered and "margin 29.5 days" in rendered
    assert 'aria-label="timeline"' in html and "supplies run out" in html


def test_a_published_range_gives_the_margin_a_worst_and_a_best_case(library):
    """Orel's free-flight endurance is published as 5..30 days: the crew may wait 5 days, or 30."""
    hls = run_scenario(library, "orel-stranded-llo").results[0]
    assert hls.rescuer == "starship-hls"
    assert (hls.margin_days, hls.margin_days_best) == (pytest.approx(5), pytest.approx(30))
    assert hls.timing is not None and hls.timing.ranged


def _share(rescuer, verdict, margin, best, leg, limit):
    from interop.engine.results import RescueResult, Timing

    timing = Timing(
        reserve_days=0,
        figures=[],
        events=[],
        margin_days=margin,
        margin_days_best=best,
        margin_leg=leg,
        margin_limit=limit,
    )
    return RescueResult(rescuer, "stranded", "leo", 2, verdict, [], "direct", timing=timing)


@pytest.mark.parametrize("order", [1, -1])
def test_a_split_takes_every_margin_from_the_share_that_limits_it(order):
    from interop.engine.paths import split_result

    late = _share("first", Verdict.CONDITIONAL, 3.0, 5.0, 2, "first's supplies")
    failing = _share("second", Verdict.FAIL, 7.0, 8.0, 1, "second's supplies")
    combined = split_result([late, failing][::order], crew=4)
    assert combined.verdict is Verdict.FAIL
    assert combined.margin_days == 3.0  # every share must arrive: the smallest margin
    assert combined.margin_days_best == 5.0  # and the smallest best case
    # The row's legs are the failing share's, so the limiting figure is named as the other share's.
    assert combined.timing.margin_leg is None
    assert combined.timing.margin_limit == "first's share: first's supplies"


def test_a_split_with_one_share_unknown_in_time_has_no_margin():
    from interop.engine.paths import split_result

    known = _share("first", Verdict.PASS, 3.0, 4.0, 1, "first's supplies")
    unknown = _share("second", Verdict.UNKNOWN, None, None, None, "")
    combined = split_result([known, unknown], crew=4)
    assert combined.margin_days is None and combined.margin_days_best is None
    assert combined.timing.margin_limit == ""
