"""Real cases, run from the bundled spec library (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.engine import check_systems, check_vehicles
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import MatingStyle, Regime
from interop.rules.port_compatibility import MateCause, MateStatus, check_mate

SPECS = Path(__file__).resolve().parent.parent / "specs"


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog([SPECS])
    assert result.findings == [], [f.format() for f in result.findings]
    return result.catalog


def _finding(result, code):
    return [f for f in result.findings if f.code == code]


def _port(catalog, vehicle_id, port_id):
    vehicle = catalog.vehicles[vehicle_id]
    port = vehicle.port(port_id)
    return port, catalog.interfaces[port.interface]


def test_apollo_and_soyuz_mate_only_through_the_1975_docking_module(catalog):
    apollo, apollo_interface = _port(catalog, "apollo-csm", "probe")
    soyuz, soyuz_interface = _port(catalog, "soyuz-7k-tm", "apas")
    assert check_mate(apollo, apollo_interface, soyuz, soyuz_interface).status is MateStatus.NO

    result = check_vehicles(catalog, "apollo-csm", "soyuz-7k-tm", Regime.LEO, crew=2)
    assert result.mating_mode == "adapters"
    assert result.adapters == ["astp-docking-module"]
    assert [(s.interface_near, s.interface_far) for s in result.path] == [
        ("apollo-probe", "apollo-drogue"),
        ("apas-75", "apas-75"),
    ]
    [atmosphere] = _finding(result, "ATM001")
    assert atmosphere.verdict is Verdict.CONDITIONAL
    assert "airlock" in atmosphere.message and "astp-docking-module" in atmosphere.message


def test_the_shuttle_docks_to_mirs_apas_89(catalog):
    result = check_vehicles(catalog, "space-shuttle", "mir", Regime.LEO, crew=3)
    assert result.mating_mode == "direct"
    docking = [s for s in result.path if not s.permanent]
    assert [(s.interface_near, s.interface_far) for s in docking] == [("apas-89", "apas-89")]
    assert docking[0].near == "space-shuttle/ods"
    # Through the STS-74 docking module, permanently attached to Kristall.
    assert docking[0].far == "mir-docking-module/upper"
    assert any(s.permanent and s.far == "mir/kristall-axial" for s in result.path)


def test_crew_dragon_docks_to_the_iss_through_an_ida(catalog):
    """us-iss keeps a Dragon docked at an IDA: it is in Harmony's stack already, through the IDA and its PMA."""
    result = check_vehicles(catalog, "crew-dragon", "harmony", Regime.LEO, crew=3)
    assert result.mating_mode == "stack"
    first = result.path[0]
    assert first.near == "crew-dragon/nose"
    assert first.far in {"ida-2/idss", "ida-3/idss"}
    assert first.note == "crew-dragon is docked here already"
    assert [s.far.split("/")[0] for s in result.path[1:]] == [
        "pma-3" if first.far == "ida-3/idss" else "pma-2",
        "harmony",
    ]
    [passage] = _finding(result, "XFER001")
    assert passage.verdict is Verdict.PASS


def test_soyuz_cannot_dock_directly_to_crew_dragon(catalog):
    soyuz, soyuz_interface = _port(catalog, "soyuz-ms", "probe")
    dragon, dragon_interface = _port(catalog, "crew-dragon", "nose")
    check = check_mate(soyuz, soyuz_interface, dragon, dragon_interface)
    assert check.status is MateStatus.NO
    # A gendered probe against an androgynous ring: the styles decide, not the partner lists.
    assert check.cause is MateCause.STYLES
    assert "ssvp-probe is gendered (probe and drogue) and idss is androgynous" in check.reason


def test_soyuz_reaches_a_dragon_crew_through_the_iss_where_both_are_docked(catalog):
    """us-iss and ru-iss each keep their vehicle docked at the station: the crews meet inside it."""
    result = check_vehicles(catalog, "soyuz-ms", "crew-dragon", Regime.LEO, crew=1)
    assert result.mating_mode == "stack"
    assert result.path[0].note == "soyuz-ms is docked here already"
    assert [f.verdict for f in _finding(result, "DOCK001")] == [Verdict.PASS]


def test_crew_dragon_cannot_dock_to_starliner_both_active_only(catalog):
    result = check_vehicles(catalog, "crew-dragon", "starliner", Regime.LEO, crew=2)
    assert result.mating_mode in {"none", "eva"}
    [roles] = _finding(result, "DOCK002")
    assert roles.verdict is Verdict.FAIL
    assert "active-only" in roles.message


def test_two_passive_only_idss_ports_do_not_mate(catalog):
    ida, ida_interface = _port(catalog, "ida-2", "idss")
    halo, halo_interface = _port(catalog, "gateway-halo", "radial-1")
    assert ida_interface.style is MatingStyle.ANDROGYNOUS
    check = check_mate(ida, ida_interface, halo, halo_interface)
    assert check.status is MateStatus.NO
    assert "passive-only" in check.reason


def _scenario(catalog, scenario_id):
    from interop.engine import run_scenario

    return run_scenario(catalog, scenario_id)


def _stage_verdicts(result, *codes):
    return {code: [f.verdict for f in _finding(result, code)] for code in codes}


def test_soyuz_ms_23_flown_up_uncrewed_brings_the_ms_22_crew_home(catalog):
    """2023: MS-23 docked at Poisk, the crew's liners moved across, they flew it home (PASS)."""
    scenario = _scenario(catalog, "soyuz-ms-22-coolant-leak")
    assert scenario.mismatches == []
    ms23, dragon = scenario.results
    assert ms23.verdict is Verdict.PASS
    # MS-22 holds Rassvet's nadir port and Progress MS-22 Zvezda's aft port: MS-23 docks at Poisk, as it did.
    docking = [s for s in ms23.path if not s.permanent]
    assert [(s.near_vehicle, s.far_vehicle, s.far_port) for s in docking] == [("soyuz-ms", "poisk", "zenith")]
    assert ms23.path[-1].far_vehicle == "rassvet"
    [liners] = _finding(ms23, "CREW005")
    assert liners.verdict is Verdict.PASS and "move across from soyuz-ms" in liners.message
    # The crew's cabin is the station's (Zvezda, the nearest module to Poisk that declares one).
    [pressure] = _finding(ms23, "ATM001")
    assert pressure.verdict is Verdict.PASS and pressure.evidence[0].path.endswith("zvezda.yaml")
    # Crew-5's Dragon had Rubio's seat moved into it, one seat for three: the record's contingency covered one.
    assert dragon.verdict is Verdict.FAIL
    [seats] = _finding(dragon, "CREW002")
    assert "1 free seats (with 1 seat(s) moved in orbit from soyuz-ms), 3 needed" in seats.message


def test_a_replacement_of_the_crews_own_design_is_inferred_without_being_stated(catalog):
    """Without liners_move_across and crew_trained, one design still means their liners fit and they can fly it."""
    scenario = catalog.scenarios["soyuz-ms-22-coolant-leak"].model_copy(deep=True)
    responder = scenario.responders[0]
    responder.liners_move_across = None
    responder.crew_trained = None
    changed = _with_scenario(catalog, scenario)
    ms23 = _scenario(changed, scenario.id).results[0]
    assert ms23.verdict is Verdict.PASS
    for code in ("CREW005", "CREW006"):
        [finding] = _finding(ms23, code)
        assert finding.verdict is Verdict.PASS and "same design as soyuz-ms" in finding.message, finding.message


def _with_scenario(catalog, scenario):
    from interop.load.catalog import Catalog

    fresh = Catalog()
    for (kind, ident), source_map in catalog.sources.items():
        document = scenario if (kind, ident) == ("RescueScenario", scenario.id) else catalog.table(kind)[ident]
        fresh.add(document, source_map)
    return fresh


def test_crew_9_brings_the_starliner_crew_home_once_starliner_frees_its_port(catalog):
    """2024: Crew-9 flew with two, carried suits up and docked where Starliner had been (CONDITIONAL)."""
    scenario = _scenario(catalog, "starliner-crew-return")
    assert scenario.mismatches == []
    flown, first_crewed = scenario.results
    assert flown.verdict is Verdict.CONDITIONAL
    [port] = _finding(flown, "DOCK006")
    assert port.verdict is Verdict.CONDITIONAL
    assert "ida-2/idss is held by starliner, which must undock first" in port.message
    [suits] = _finding(flown, "CREW004")
    assert suits.verdict is Verdict.CONDITIONAL and "(1 flown up, 1 already aboard)" in suits.message
    # The crew is aboard the station: atmosphere and radios are the station's (Harmony's), not Starliner's.
    assert all(f.verdict is Verdict.PASS for code in ("ATM001", "COMM001", "RDV001") for f in _finding(flown, code))
    # With four aboard and no suits or liners for the Starliner crew it fails on them; six aboard
    # is within the life support NASA accepted for Crew-8 in 2024 (audit 2, W1).
    assert first_crewed.verdict is Verdict.FAIL
    failing = {f.code for f in first_crewed.findings if f.verdict is Verdict.FAIL}
    assert {"CREW004", "CREW005"} <= failing and "CREW003" not in failing


def test_a_shenzhou_docked_at_tiangong_is_its_crews_lifeboat(catalog):
    """2025: Shenzhou-21, already docked, brought the Shenzhou-20 crew home (PASS): no docking, no approach."""
    scenario = _scenario(catalog, "shenzhou-crew-at-tiangong")
    assert scenario.mismatches == []
    lifeboat = scenario.results[0]
    assert lifeboat.verdict is Verdict.PASS
    assert lifeboat.mating_mode == "stack"
    for code in ("RDV001", "COMM001", "COMM002", "DOCK001", "DOCK006"):
        [finding] = _finding(lifeboat, code)
        assert finding.verdict is Verdict.PASS and "already docked at tiangong/tianhe-forward" in finding.message


def test_us_and_russian_lunar_systems_have_no_mutual_rescue_today(catalog):
    result = check_systems(catalog, "us-artemis", "ru-lunar")
    assert result.verdict.value == "none"
    orel_rows = [r for r in result.directions[0].rows if r.distressed == "orel"]
    assert {r.place for r in orel_rows} == {"leo", "llo"}
    # Every failing row names a remedy for each failure that decides it.
    for direction in result.directions:
        for row in direction.rows:
            if row.verdict is Verdict.FAIL and row.best is not None:
                assert all(f.remedy for f in row.best.deciding())


# The integrated-crew agreement (issue 26): between the US and Russian systems at the ISS, the crew
# findings are CONDITIONAL on what it covers, at the agreement's entry; without one they stay as they are.
AGREEMENT_CODES = {"CREW004": "suits", "CREW005": "seat-liners"}


def _at_agreement(finding) -> bool:
    return finding.position is not None and Path(finding.position.path).parent.name == "systems"


def test_crew_dragon_takes_a_soyuz_crew_under_the_integrated_crew_agreement(catalog):
    result = check_vehicles(catalog, "crew-dragon", "soyuz-ms", Regime.LEO)
    assert result.verdict is Verdict.CONDITIONAL
    for code, term in AGREEMENT_CODES.items():
        [finding] = _finding(result, code)
        assert finding.verdict is Verdict.CONDITIONAL and _at_agreement(finding), finding.format()
        assert term in finding.message and "NASA-Roscosmos integrated crew agreement" in finding.conditions[0]
    [pilot] = _finding(result, "CREW006")
    assert pilot.verdict is Verdict.CONDITIONAL and _at_agreement(pilot)


def test_the_us_fleet_reaches_a_soyuz_crew_conditionally_under_the_agreement(catalog):
    result = check_systems(catalog, "us", "russia")
    [row] = [r for r in result.directions[0].rows if r.distressed == "soyuz-ms" and r.place == "leo"]
    assert row.verdict is Verdict.CONDITIONAL and row.best is not None and row.best.rescuer == "crew-dragon"


def test_without_an_agreement_the_crew_findings_stay_as_they_are(catalog):
    """Starliner's crew and Crew Dragon are both US: no agreement between partners applies."""
    result = check_vehicles(catalog, "crew-dragon", "starliner", Regime.LEO)
    for code in AGREEMENT_CODES:
        assert not any(_at_agreement(f) for f in _finding(result, code))


@pytest.mark.parametrize(
    ("scenario", "rescuer", "agreement_in"),
    [("crew-5-brings-kikina-home", "crew-dragon", "ru-iss"), ("soyuz-ms-24-brings-ohara-home", "soyuz-ms", "us-iss")],
)
def test_integrated_crew_flights_are_conditional_on_the_agreement(catalog, scenario, rescuer, agreement_in):
    from interop.engine import run_scenario

    run = run_scenario(catalog, scenario)
    assert run.mismatches == []
    [result] = run.results
    assert result.rescuer == rescuer and result.verdict is Verdict.CONDITIONAL
    for code in AGREEMENT_CODES:
        [finding] = _finding(result, code)
        assert finding.verdict is Verdict.CONDITIONAL
        assert Path(finding.position.path).stem == agreement_in


# Spacewalk suits (issue 26): the ISS's Orlan-MKS (Poisk) and EMU (Quest), Tiangong's Feitian.
def test_a_spacewalk_crossing_at_the_iss_is_judged_on_the_stations_own_spacewalk_suits(catalog):
    result = check_vehicles(catalog, "space-shuttle", "soyuz-ms", Regime.LEO)
    assert result.mating_mode == "eva"
    [crossing] = _finding(result, "XFER002")
    assert crossing.verdict is Verdict.CONDITIONAL
    # Counted where the station keeps them, the crew's Sokol suits never among them.
    assert "aboard poisk, quest" in crossing.message and "orlan-mks, emu" in crossing.message
    assert "sokol" not in crossing.message


def test_launch_and_entry_suits_are_never_spacewalk_suits(catalog):
    launch = {s for v in catalog.vehicles.values() if v.crew_equipment for s in v.crew_equipment.suits or ()}
    eva = {s for v in catalog.vehicles.values() if v.crew_equipment for s in v.crew_equipment.eva_suits or ()}
    assert {"orlan-mks", "emu", "feitian"} <= eva
    assert not launch & eva, launch & eva


def test_the_russia_india_gaganyaan_contracts_are_entered_and_give_no_crew_a_seat(catalog):
    """Training, Zvezda suits and moulded liners for Indian crews in their own vehicle: declared on
    India's side only, so neither nation's rescue of the other's crew rests on it."""
    (agreement,) = catalog.systems["in-human-spaceflight"].agreements
    assert {t.value for t in agreement.covers} == {"crew-training", "suits", "seat-liners"}
    assert agreement.vehicles == ["gaganyaan"]
    for rescuer, distressed in (("gaganyaan", "soyuz-ms"), ("soyuz-ms", "gaganyaan")):
        result = check_vehicles(catalog, rescuer, distressed, Regime.LEO)
        assert not any(_at_agreement(f) for f in result.findings), (rescuer, distressed)


def test_the_rescue_orbiter_at_mir_docks_only_once_the_stranded_orbiter_leaves(catalog):
    """Audit round 2, W2: from STS-74 the docking module's upper APAS-89 was Mir's one orbiter port,
    held by the stranded orbiter; the rescue orbiter docks there once it has undocked, never beside it."""
    from interop.engine import run_scenario

    [result] = run_scenario(catalog, "shuttle-crew-at-mir").results
    [docking] = [s for s in result.path if not s.permanent]
    assert (docking.near, docking.far) == ("space-shuttle/ods", "mir-docking-module/upper")
    [port] = _finding(result, "DOCK006")
    assert port.verdict is Verdict.CONDITIONAL
    assert port.conditions == ["space-shuttle undocks from mir-docking-module/upper before space-shuttle arrives"]
    # The STS-3xx rescue crew of four and the orbiter's disputed 10..11: FAIL at ten, with the figures.
    [seats] = _finding(result, "CREW002")
    assert seats.verdict is Verdict.FAIL and "4 aboard" in seats.message and "7 needed" in seats.message


def test_sts_71_waits_only_on_the_suits_the_mir_18_crew_wore_home(catalog):
    """STS-71 (1995): with Mir's cabin air (NASA, about 750 mm Hg), the VHF link on Mir's
    channels (both sides, MIRNEWS) and Thagard's own Soyuz couch flown home (National Air and
    Space Museum) entered, the record's rescue is UNKNOWN on one value only: the suits for the
    Mir-18 crew aboard the orbiter, which no source read gives. A FAIL here is a data defect."""
    from interop.engine import run_scenario

    [result] = run_scenario(catalog, "sts-71-mir-18-crew-return").results
    assert result.verdict is Verdict.UNKNOWN
    # June 1995: Atlantis docked at Kristall itself; the Docking Module came with STS-74.
    assert [(s.near, s.far) for s in result.path] == [("space-shuttle/ods", "mir/kristall-axial")]
    assert result.missing == ["space-shuttle.crew_equipment.spare_suits"]
    for code in ("COMM001", "COMM002", "ATM001", "ATM002", "ATM003", "CREW005", "TIME001"):
        [finding] = _finding(result, code)
        assert finding.verdict is Verdict.PASS, (code, finding.message)
