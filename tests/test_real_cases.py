"""Real cases, run from the bundled spec library (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.engine import check_systems, check_vehicles
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.model.vocabulary import MatingStyle, Regime
from interop.rules.context import MateStatus
from interop.rules.port_compatibility import check_mate

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
    result = check_vehicles(catalog, "crew-dragon", "harmony", Regime.LEO, crew=3)
    assert result.mating_mode == "direct"
    first = result.path[0]
    assert first.near == "crew-dragon/nose"
    assert first.far in {"ida-2/idss", "ida-3/idss"}
    assert [s.permanent for s in result.path] == [False, True, True]
    [passage] = _finding(result, "XFER001")
    assert passage.verdict is Verdict.PASS


def test_soyuz_cannot_dock_directly_to_crew_dragon(catalog):
    result = check_vehicles(catalog, "soyuz-ms", "crew-dragon", Regime.LEO, crew=1)
    assert result.mating_mode in {"none", "eva"}
    [mechanisms] = _finding(result, "DOCK001")
    assert mechanisms.verdict is Verdict.FAIL
    assert "ssvp-probe and idss are not declared to mate" in mechanisms.message
    assert mechanisms.remedy


def test_crew_dragon_cannot_dock_to_starliner_both_active_only(catalog):
    result = check_vehicles(catalog, "crew-dragon", "starliner", Regime.LEO, crew=2)
    assert result.mating_mode in {"none", "eva"}
    [roles] = _finding(result, "DOCK002")
    assert roles.verdict is Verdict.FAIL
    assert "active-only" in roles.message


def test_two_passive_only_idss_ports_do_not_mate(catalog):
    ida, ida_interface = _port(catalog, "ida-2", "idss")
    halo, halo_interface = _port(catalog, "gateway-halo", "forward")
    assert ida_interface.style is MatingStyle.ANDROGYNOUS
    check = check_mate(ida, ida_interface, halo, halo_interface)
    assert check.status is MateStatus.NO
    assert "passive-only" in check.reason


def test_starliner_crew_comes_home_on_crew_dragon_through_the_station(catalog):
    """Crew-9 (2024): Dragon flew with two so the two Starliner pilots had seats."""
    from interop.engine import run_scenario

    [result] = run_scenario(catalog, "starliner-crew-return").results
    assert result.mating_mode == "direct"
    [seats] = _finding(result, "CREW002")
    assert seats.verdict is Verdict.PASS
    assert result.verdict is not Verdict.FAIL


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
