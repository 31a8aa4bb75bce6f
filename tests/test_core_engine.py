"""Engine behaviour on small hand-built catalogs: the real cases in miniature."""

from __future__ import annotations

from pathlib import Path

from interop.engine import check_systems, check_vehicles
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from tests.spec_builders import element, interface, port, system, vehicle, write


def _catalog(tmp_path, *documents):
    result = load_catalog([write(tmp_path / "specs", *documents)])
    assert result.findings == []
    return result.catalog


def _codes(result, verdict):
    return sorted({f.code for f in result.findings if f.verdict is verdict})


def test_two_active_only_ports_do_not_mate(tmp_path):
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("dragon", [port("nose", "idss", "active")], regimes=["leo"]),
        vehicle("starliner", [port("nose", "idss", "active")], regimes=["leo"]),
    )
    result = check_vehicles(catalog, "dragon", "starliner", Regime.LEO, crew=2)
    assert result.verdict is Verdict.FAIL
    assert result.mating_mode == "none"
    assert "DOCK002" in _codes(result, Verdict.FAIL)
    dock002 = next(f for f in result.findings if f.code == "DOCK002")
    assert dock002.remedy
    assert dock002.position.path.endswith("vehicle-dragon.yaml")


def test_passive_only_ports_do_not_mate_but_active_with_passive_does(tmp_path):
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("ida-a", [port("top", "idss", "passive")], vehicle_type="adapter", crewed=False),
        vehicle("ida-b", [port("top", "idss", "passive")], vehicle_type="station", regimes=["leo"]),
        vehicle("dragon", [port("nose", "idss", "active")], regimes=["leo"]),
    )
    assert check_vehicles(catalog, "ida-a", "ida-b", Regime.LEO, crew=1).mating_mode == "none"
    assert check_vehicles(catalog, "dragon", "ida-b", Regime.LEO, crew=1).mating_mode == "direct"


def test_adapter_chain_is_found_and_reported_step_by_step(tmp_path):
    catalog = _catalog(
        tmp_path,
        interface("probe", style="gendered", gender="probe", mates_with=["drogue"], passage_diameter_mm=800),
        interface("drogue", style="gendered", gender="drogue", mates_with=["probe"], passage_diameter_mm=800),
        interface("apas-75", passage_diameter_mm=800),
        vehicle("apollo", [port("probe", "probe", "active")], regimes=["leo"]),
        vehicle("soyuz", [port("apas", "apas-75", "either")], regimes=["leo"]),
        vehicle(
            "dm",
            [port("drogue", "drogue", "passive"), port("apas", "apas-75", "either")],
            vehicle_type="docking-module",
            crewed=False,
            airlock=True,
        ),
        system("astp", [element("apollo"), element("soyuz"), element("dm", role="adapter", carried_by="apollo")]),
    )
    result = check_vehicles(catalog, "apollo", "soyuz", Regime.LEO, crew=2)
    assert result.mating_mode == "adapters"
    assert result.adapters == ["dm"]
    assert [(s.near, s.far) for s in result.path] == [("apollo/probe", "dm/drogue"), ("dm/apas", "soyuz/apas")]
    dock005 = next(f for f in result.findings if f.code == "DOCK005")
    assert dock005.verdict is Verdict.CONDITIONAL
    assert any("carried by apollo" in c for c in dock005.conditions)


def test_missing_facts_give_unknown_naming_the_field(tmp_path):
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("a", [port("p", "idss", "active")], regimes=["leo"]),
        vehicle("b", [port("p", "idss", "passive")], regimes=["leo"]),
    )
    result = check_vehicles(catalog, "a", "b", Regime.LEO, crew=1)
    atm001 = next(f for f in result.findings if f.code == "ATM001")
    assert atm001.verdict is Verdict.UNKNOWN
    assert atm001.missing == ["a.atmosphere.pressure_kpa", "b.atmosphere.pressure_kpa"]


def test_system_verdicts_each_direction(tmp_path):
    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2})
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("active-ship", [port("p", "idss", "active")], **common),
        vehicle("passive-ship", [port("p", "idss", "passive")], **common),
        system("sys-a", [element("active-ship")]),
        system("sys-b", [element("passive-ship")]),
    )
    result = check_systems(catalog, "sys-a", "sys-b")
    forward, backward = result.directions
    assert forward.rows[0].best.mating_mode == "direct"
    assert backward.rows[0].best.mating_mode == "direct"  # passive rescuer, active target: still one of each
    assert result.verdict.value in {"undetermined", "mutual"}


def test_strict_turns_unknown_into_fail(tmp_path):
    from interop.engine import EngineOptions

    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("a", [port("p", "idss", "active")], regimes=["leo"]),
        vehicle("b", [port("p", "idss", "passive")], regimes=["leo"]),
    )
    lenient = check_vehicles(catalog, "a", "b", Regime.LEO, crew=1)
    strict = check_vehicles(catalog, "a", "b", Regime.LEO, crew=1, options=EngineOptions(strict=True))
    assert lenient.verdict is Verdict.UNKNOWN
    assert strict.verdict is Verdict.FAIL
    assert all(f.verdict is not Verdict.UNKNOWN for f in strict.findings)


def test_every_reference_of_the_rescue_situations_must_resolve(tmp_path):
    """A visitor, its port, the port it holds, the crew's port, a lifeboat's port, where seats came from."""
    import shutil

    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    scenario = folder / "scenarios" / "stranded.yaml"
    text = scenario.read_text()
    text = text.replace("system: home, at: leo,", "system: home, docked_to: station, port: c, at: leo,")
    text = text.replace(
        "responders:",
        "dockings:\n  - {vehicle: visitr, at: {vehicle: station, port: z}}\n"
        "  - {vehicle: visitor, port: tail, at: {vehicle: station, port: b}}\nresponders:",
    )
    text = text.replace(
        "delta_v_required_mps: 500}",
        "delta_v_required_mps: 500, docked_to: {vehicle: station, port: q}, moved_in_orbit_from: nobody}",
    )
    scenario.write_text(text)
    rescuer = folder / "vehicles" / "rescuer.yaml"
    rescuer.write_text(
        rescuer.read_text()
        + "estimates:\n  - {field: return_transit_days.leo, note: set}\n  - {field: return_transit_days.nrho, note: not set}\n"
    )
    findings = load_catalog([folder]).findings
    messages = sorted(f.message for f in findings)
    assert messages == [
        "distressed.port: vehicle 'station' has no port 'c'",
        "dockings.0.at.port: vehicle 'station' has no port 'z'",
        "dockings.0.vehicle: no Vehicle with id 'visitr' (did you mean visitor?)",
        "dockings.1.port: vehicle 'visitor' has no port 'tail'",
        "estimates.1.field: 'return_transit_days.nrho' names no value set in this document",
        "responders.0.docked_to.port: vehicle 'station' has no port 'q'",
        "responders.0.moved_in_orbit_from: no Vehicle with id 'nobody'",
    ]
    assert all(f.position is not None and f.position.line > 0 for f in findings)


def test_a_held_port_on_the_rescuers_own_stack_is_a_condition_too(tmp_path):
    """A station rescuing a free flyer: the only matching port of its stack is held by a visitor that can leave."""
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("outpost", [port("a", "idss", "passive")], vehicle_type="station", regimes=["leo"]),
        vehicle("capsule", [port("nose", "idss", "active")], regimes=["leo"]),
        vehicle("freighter", [port("nose", "idss", "active")], vehicle_type="cargo-vehicle", crewed=False),
        system(
            "orbit",
            [element("outpost", role="station"), element("capsule")],
            dockings=[{"vehicle": "freighter", "at": {"vehicle": "outpost", "port": "a"}, "can_undock": True}],
        ),
    )
    result = check_vehicles(catalog, "outpost", "capsule", Regime.LEO, crew=1)
    [port_rule] = [f for f in result.findings if f.code == "DOCK006"]
    assert port_rule.verdict is Verdict.CONDITIONAL
    assert "outpost/a is held by freighter" in port_rule.message
    # The same visitor declared unable to leave or move holds the port like a module: no path.
    system_file = tmp_path / "specs" / "transportsystem-orbit.yaml"
    system_file.write_text(
        system_file.read_text().replace("can_undock: true", "can_undock: false\n  can_relocate: false")
    )
    loaded = load_catalog([tmp_path / "specs"])
    assert loaded.findings == []
    assert check_vehicles(loaded.catalog, "outpost", "capsule", Regime.LEO, crew=1).mating_mode in ("none", "eva")


def test_a_system_docking_puts_a_crew_vehicle_in_the_stack_outside_scenarios(tmp_path):
    """In a system check, a crew vehicle docked at the distressed crew's station is already there."""
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle(
            "outpost",
            [port("a", "idss", "passive")],
            vehicle_type="station",
            regimes=["leo"],
            seats={"nominal_crew": 3},
        ),
        vehicle("lifeboat", [port("nose", "idss", "active")], regimes=["leo"]),
        system("crewed", [element("outpost", role="station")]),
        system(
            "boats",
            [element("lifeboat")],
            dockings=[{"vehicle": "lifeboat", "at": {"vehicle": "outpost", "port": "a"}}],
        ),
    )
    result = check_systems(catalog, "boats", "crewed")
    [row] = result.directions[0].rows
    assert row.best.mating_mode == "stack"


def test_a_scenario_that_cannot_seat_everyone_is_valid_and_its_answer_is_fail(tmp_path):
    """The "what if" question is the document: never SPEC025, always CREW002/CREW003 with the figures."""
    import shutil

    from interop.engine import run_scenario
    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    scenario = folder / "scenarios" / "stranded.yaml"
    base = scenario.read_text().replace("crew: 2,", "crew: 5,")
    scenario.write_text(base.replace("transit_hours: 10,", "crew_aboard: 2, transit_hours: 10,"))
    loaded = load_catalog([folder])
    assert loaded.findings == []
    [result] = run_scenario(loaded.catalog, "stranded").results
    assert result.verdict is Verdict.FAIL
    [seats] = [f for f in result.findings if f.code == "CREW002"]
    assert seats.verdict is Verdict.FAIL
    assert seats.message == "4 free seats with 2 aboard (as the scenario states), 0 addable; 5 needed"
    scenario.write_text(base.replace("transit_hours: 10,", "crew_aboard: 2, seats_added: 1, transit_hours: 10,"))
    loaded = load_catalog([folder])
    assert loaded.findings == []
    [result] = run_scenario(loaded.catalog, "stranded").results
    assert [f.verdict for f in result.findings if f.code == "CREW002"] == [Verdict.CONDITIONAL]


def test_a_seatless_lander_as_rescuer_is_valid_and_fails_on_seats(tmp_path):
    import shutil

    from interop.engine import run_scenario
    from tests.rules.harness import BASE

    folder = tmp_path / "specs"
    shutil.copytree(BASE, folder)
    rescuer = folder / "vehicles" / "rescuer.yaml"
    text = rescuer.read_text()
    rescuer.write_text(
        text.replace(
            "seats: {total: 6, nominal_crew: 2, min_crew: 2, addable: 0}",
            "seats: {total: 2, nominal_crew: 2, min_crew: 2, addable: 0}",
        )
    )
    loaded = load_catalog([folder])
    assert loaded.findings == []
    [result] = run_scenario(loaded.catalog, "stranded").results
    [seats] = [f for f in result.findings if f.code == "CREW002"]
    assert (seats.verdict, seats.message) == (
        Verdict.FAIL,
        "0 free seats with 2 aboard (its minimum crew), 0 addable; 2 needed",
    )


def test_the_best_rescuer_gets_furthest_through_the_stages(tmp_path):
    """Both fail; the one that cannot reach the place is not the best while the other gets to mate and on.

    The one stopped at reach is fully specified (one failure); the other
    leaves much unpublished and cannot return: counting failures alone
    would pick the first.
    """
    import yaml

    complete = yaml.safe_load((Path(__file__).parent / "rules" / "base" / "vehicles" / "rescuer.yaml").read_text())
    known = {k: v for k, v in complete.items() if k not in {"kind", "schema_version", "id", "name", "sources"}}
    known.update(
        regimes=["nrho"],
        return_transit_days={"nrho": 5, "leo": 1},
        vehicle_type="crew-vehicle",
        transit_days={"leo": 1},
    )
    moon_ship = {**vehicle("aaa-moon-ship", known.pop("ports")), **known}
    common = dict(seats={"total": 4, "nominal_crew": 2})
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        moon_ship,
        vehicle("leo-ship", [port("p", "idss", "active")], regimes=["leo"], earth_return=False, **common),
        vehicle(
            "capsule",
            [port("p", "idss", "passive")],
            regimes=["leo"],
            earth_return=True,
            life_support={"endurance_days": 10},
            **common,
        ),
        system("rescuers", [element("aaa-moon-ship", stationed_at=[], launch_ready_days=1), element("leo-ship")]),
        system("crews", [element("capsule")]),
    )
    moon = check_vehicles(catalog, "aaa-moon-ship", "capsule", Regime.LEO, crew=2)
    leo = check_vehicles(catalog, "leo-ship", "capsule", Regime.LEO, crew=2)
    assert moon.verdict is leo.verdict is Verdict.FAIL
    assert moon.progress == 0 < leo.progress
    blocking = [
        sum(1 for f in r.findings if f.counts and f.verdict in (Verdict.FAIL, Verdict.UNKNOWN)) for r in (moon, leo)
    ]
    assert blocking[0] < blocking[1]
    [row] = check_systems(catalog, "rescuers", "crews").directions[0].rows
    assert row.best.rescuer == "leo-ship"


def test_a_better_verdict_still_beats_getting_further(tmp_path):
    """A rescuer that might make it (UNKNOWN) is the best over one that gets further but fails."""
    common = dict(regimes=["leo"], seats={"total": 4, "nominal_crew": 2})
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("maybe-ship", [port("p", "idss", "active")], earth_return=True, **common),
        vehicle("aaa-no-return", [port("p", "idss", "active")], earth_return=False, **common),
        vehicle("capsule", [port("p", "idss", "passive")], earth_return=True, **common),
        system("rescuers", [element("maybe-ship"), element("aaa-no-return")]),
        system("crews", [element("capsule")]),
    )
    [row] = check_systems(catalog, "rescuers", "crews").directions[0].rows
    assert row.verdict is Verdict.UNKNOWN
    assert row.best.rescuer == "maybe-ship"


def test_an_unknown_rescue_names_each_missing_value_with_its_publishers(tmp_path):
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        vehicle("a", [port("p", "idss", "active")], regimes=["leo"], operators=["Agency A"]),
        vehicle("b", [port("p", "idss", "passive")], regimes=["leo"]),
    )
    result = check_vehicles(catalog, "a", "b", Regime.LEO, crew=1)
    by_name = {w.name: w for w in result.wanted}
    assert [w.name for w in result.wanted] == result.missing
    assert (by_name["a.atmosphere.pressure_kpa"].document, by_name["a.atmosphere.pressure_kpa"].publishers) == (
        "a",
        ["Agency A"],
    )
    assert by_name["b.atmosphere.pressure_kpa"].kind == "Vehicle"
    assert by_name["b.atmosphere.pressure_kpa"].publishers == []  # b names no operators: none is made up


def test_a_mating_that_waits_for_ports_names_the_vehicle_that_would_publish_them(tmp_path):
    portless = vehicle("c", [], regimes=["leo"], operators=["Agency C"])
    del portless["ports"]
    catalog = _catalog(
        tmp_path, interface("idss"), vehicle("a", [port("p", "idss", "active")], regimes=["leo"]), portless
    )
    result = check_vehicles(catalog, "a", "c", Regime.LEO, crew=1)
    assert result.mating_mode == "unknown"
    [ports] = [w for w in result.wanted if w.name == "c.ports"]
    assert (ports.kind, ports.document, ports.publishers) == ("Vehicle", "c", ["Agency C"])


def test_eras_are_spans_of_years_open_to_the_future():
    from interop.engine.eras import era_span

    assert era_span("1975") == (1975, 1975)
    assert era_span("1998-") == (1998, float("inf"))
    assert era_span("2030-2040") == (2030, 2040)
    assert era_span(None) is None


def test_the_matrix_leaves_out_pairs_of_other_eras_unless_asked(tmp_path):
    from interop.engine import check_matrix

    common = dict(regimes=["leo"], earth_return=True, seats={"total": 4, "nominal_crew": 2})
    catalog = _catalog(
        tmp_path,
        interface("idss"),
        *[vehicle(f"ship-{name}", [port("p", "idss", "active")], **common) for name in ("old", "new", "later", "open")],
        system("old", [element("ship-old")], era="1975"),
        system("new", [element("ship-new")], era="2020-"),
        system("later", [element("ship-later")], era="2030-2040"),
        system("open", [element("ship-open")]),  # no era given: overlaps any
    )
    # By default the systems of the latest era only: "old" overlaps none of it.
    assert check_matrix(catalog).systems == ["later", "new", "open"]
    matrix = check_matrix(catalog, ["later", "new", "old", "open"])
    assert matrix.other_eras == [("later", "old"), ("new", "old")]
    assert ("old", "new") not in matrix.cells and ("new", "old") not in matrix.cells
    assert set(matrix.pairs) == {("later", "new"), ("later", "open"), ("new", "open"), ("old", "open")}
    everything = check_matrix(catalog, all_eras=True)
    assert everything.other_eras == []
    # Every ordered pair and the diagonal (each system rescuing its own crews).
    assert len(everything.cells) == 16 and len(everything.pairs) == 6
    assert all((s, s) in everything.cells for s in everything.systems)


def test_no_docking_with_a_spacewalk_crossing_passes_the_mate_stage_and_conditions_the_transfer(tmp_path):
    """Issue 26: holding station (or grappling) and crossing outside is no mate failure;
    the transfer stage carries the spacewalk condition, with suits made for spacewalks."""
    from interop.engine import run_scenario
    from tests.rules.harness import load_cases, materialise

    [case] = [c for c in load_cases() if c.id == "XFER002-no-docking-crossed-outside"]
    loaded = load_catalog([materialise(case, tmp_path / "case")])
    [result] = run_scenario(loaded.catalog, "stranded").results
    stages = {s.stage: s for s in result.stages}
    assert result.mating_mode == "eva"
    assert stages["mate"].verdict is Verdict.PASS, [(f.code, f.message) for f in stages["mate"].findings]
    assert stages["transfer"].verdict is Verdict.CONDITIONAL
    [crossing] = [f for f in stages["transfer"].findings if f.code == "XFER002"]
    assert "both vehicles hold station close enough for a tethered transfer" in crossing.conditions
    assert result.verdict is Verdict.CONDITIONAL


def test_a_docking_crossed_by_spacewalk_passes_the_mate_stage_and_conditions_the_transfer(tmp_path):
    """Issue 26: the vehicles join (mating is one question), the crew crosses outside (another):
    a joint with no internal passage leaves the mate stage PASS and puts the spacewalk in the transfer."""
    from interop.engine import run_scenario
    from tests.rules.harness import load_cases, materialise

    [case] = [c for c in load_cases() if c.id == "XFER002-closed-passage-crossed-outside"]
    loaded = load_catalog([materialise(case, tmp_path / "case")])
    assert loaded.findings == []
    [result] = run_scenario(loaded.catalog, "stranded").results
    stages = {s.stage: s for s in result.stages}
    assert result.mating_mode == "direct"
    assert stages["mate"].verdict is Verdict.PASS, [(f.code, f.message) for f in stages["mate"].findings]
    assert all("spacewalk" not in c for f in stages["mate"].findings for c in f.conditions)
    assert stages["transfer"].verdict is Verdict.CONDITIONAL
    [crossing] = [f for f in stages["transfer"].findings if f.code == "XFER002"]
    assert crossing.verdict is Verdict.CONDITIONAL and "crosses outside by spacewalk" in crossing.message
    assert result.verdict is Verdict.CONDITIONAL
