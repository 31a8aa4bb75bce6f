"""The transfer table: a document kind, its loader and schema, and the library's look-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import interop
from interop.load.library import bundled_specs
from interop.model.base import Source
from interop.model.documents import Propulsion, Vehicle
from interop.model.transfers import PlaceRule, Reach, Transfer, TransferTable, assess_reach, find_route
from interop.model.vocabulary import ProgramStatus, Regime, VehicleType, Waypoint
from tests import cli_process


@pytest.fixture(scope="module")
def catalog():
    result = interop.load_catalog(bundled_specs())
    assert not result.findings
    return result.catalog


def table(*transfers: Transfer, places=()) -> TransferTable:
    return TransferTable(
        kind="TransferTable",
        schema_version=1,
        id="t",
        name="t",
        sources=[Source(title="test")],
        transfers=list(transfers),
        places=list(places),
    )


def leg(origin: str, destination: str, dv: float | None) -> Transfer:
    return Transfer(origin=Waypoint(origin), destination=Waypoint(destination), vehicle_delta_v_mps=dv)


def vehicle(dv: float | None, vehicle_type=VehicleType.CREW_VEHICLE, regimes=None) -> Vehicle:
    return Vehicle(
        kind="Vehicle",
        schema_version=1,
        id="v",
        name="v",
        sources=[Source(title="test")],
        vehicle_type=vehicle_type,
        status=ProgramStatus.PLANNED,
        crewed=True,
        propulsion=Propulsion(delta_v_mps=dv) if dv is not None else None,
        regimes=regimes,
    )


def test_every_regime_is_a_waypoint():
    assert {r.value for r in Regime} <= {w.value for w in Waypoint}


def test_bundled_table_loads_and_the_launcher_does_trans_lunar_injection(catalog):
    assert "earth-moon" in catalog.transfers
    injection = interop.transfer(catalog, "leo", "cislunar-transit")
    assert injection is not None and injection.transfer.vehicle_delta_v_mps == 0
    assert injection.transfer.provided_by_launcher
    assert interop.transfer(catalog, "cislunar-transit", "nrho").transfer.vehicle_delta_v_mps == 450


def test_a_transfer_nobody_published_is_none(catalog):
    assert interop.transfer(catalog, "leo", "dro") is None
    assert interop.route(catalog, "earth", "dro") is None


def test_route_adds_the_vehicles_share_only(catalog):
    there = interop.route(catalog, "earth", "llo")
    assert [(leg.transfer.origin.value, leg.transfer.destination.value) for leg in there.legs] == [
        ("earth", "leo"),
        ("leo", "cislunar-transit"),
        ("cislunar-transit", "llo"),
    ]
    assert there.delta_v == 952


def test_orion_reaches_nrho_but_not_low_lunar_orbit(catalog):
    """Orion's published 1,338 m/s covers NRHO and back, not LLO and back (why Artemis uses NRHO)."""
    assert interop.reach(catalog, "orion", "nrho").reach is Reach.COVERS
    short = interop.reach(catalog, "orion", "llo")
    assert short.reach is Reach.SHORT
    assert short.needed_mps > short.has_mps


def test_a_capsule_cannot_be_on_the_surface_a_lander_can(catalog):
    assert interop.reach(catalog, "orion", "lunar-surface").reach is Reach.NOT_ITS_TYPE
    assert interop.reach(catalog, "apollo-lm", "lunar-surface", origin="llo").reach is not Reach.NOT_ITS_TYPE


def test_a_vehicle_declared_able_to_land_is_not_refused_by_its_type():
    rules = [PlaceRule(place=Regime.LUNAR_SURFACE, vehicle_types=[VehicleType.LANDER])]
    tables = [table(leg("llo", "lunar-surface", 2000), leg("lunar-surface", "llo", 2000), places=rules)]
    declared = vehicle(5000, regimes=[Regime.LUNAR_SURFACE])
    assert assess_reach(tables, declared, Regime.LUNAR_SURFACE, Waypoint.LLO).reach is Reach.COVERS
    assert assess_reach(tables, vehicle(5000), Regime.LUNAR_SURFACE, Waypoint.LLO).reach is Reach.NOT_ITS_TYPE


def test_unpublished_delta_v_is_unknown_not_a_pass():
    tables = [table(leg("earth", "leo", 0), leg("leo", "earth", 0))]
    assert assess_reach(tables, vehicle(None), Regime.LEO).reach is Reach.UNKNOWN
    tables = [table(leg("earth", "leo", 0), leg("leo", "earth", None))]
    assert assess_reach(tables, vehicle(100), Regime.LEO).reach is Reach.UNKNOWN
    assert assess_reach([table(leg("earth", "leo", 0))], vehicle(100), Regime.LEO).reach is Reach.NO_ROUTE


def test_known_legs_already_over_the_budget_are_short_even_with_an_unknown_one():
    tables = [table(leg("earth", "leo", 500), leg("leo", "earth", None))]
    assert assess_reach(tables, vehicle(100), Regime.LEO).reach is Reach.SHORT


points = st.sampled_from(list(Waypoint))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(points, points, st.one_of(st.none(), st.integers(0, 3000))), max_size=20), points, points)
def test_route_is_connected_and_no_dearer_than_any_direct_transfer(edges, start, end):
    tables = [table(*(leg(a.value, b.value, dv) for a, b, dv in edges))]
    found = find_route(tables, start, end)
    direct = [dv or 0 for a, b, dv in edges if a is start and b is end and start is not end]
    if found is None:
        assert not direct
        return
    at = start
    for step in found.legs:
        assert step.transfer.origin is at
        at = step.transfer.destination
    assert at is end
    if direct:
        assert found.known_delta_v <= min(direct)


def test_new_writes_a_transfer_table_that_validates(tmp_path: Path):
    from interop.load.scaffold import write_scaffold

    written = write_scaffold("TransferTable", "my-table", tmp_path / "specs")
    assert written.parent.name == "transfers"
    result = interop.load_catalog(tmp_path / "specs")
    assert not result.findings and "my-table" in result.catalog.transfers


def _with_table(tmp_path: Path, vehicle: dict) -> Path:
    import shutil

    from tests import spec_builders as b

    folder = tmp_path / "specs"
    b.write(folder, b.interface("ring", passage_diameter_mm=800), vehicle)
    shutil.copytree(bundled_specs() / "transfers", folder / "transfers")
    return folder


def _capsule(**extra) -> dict:
    from tests import spec_builders as b

    return b.vehicle("capsule", [b.port("nose", "ring", "either")], **extra)


def test_validate_warns_where_a_declared_regime_contradicts_the_type(tmp_path):
    folder = _with_table(tmp_path, _capsule(regimes=["leo", "lunar-surface"]))
    loaded = interop.load_catalog(folder)
    [warning] = [f for f in loaded.findings if f.code == "SPEC027"]
    assert warning.severity is interop.Severity.WARNING
    assert "lunar-surface" in warning.message and warning.position.line > 0
    # The declaration stands: the vehicle still lists the place.
    assert Regime.LUNAR_SURFACE in loaded.catalog.vehicles["capsule"].regimes


def test_validate_warns_where_published_delta_v_falls_short(tmp_path):
    folder = _with_table(tmp_path, _capsule(regimes=["llo"], propulsion={"delta_v_mps": 1000}))
    [warning] = [f for f in interop.load_catalog(folder).findings if f.code == "SPEC027"]
    assert "1000 m/s" in warning.message


def test_no_warning_where_the_delta_v_covers_or_is_unpublished(tmp_path):
    for extra in ({"propulsion": {"delta_v_mps": 3000}}, {}):
        folder = _with_table(tmp_path / str(len(extra)), _capsule(regimes=["llo"], **extra))
        assert [f for f in interop.load_catalog(folder).findings if f.code == "SPEC027"] == []


def test_a_warning_fails_neither_validate_nor_check(tmp_path):
    import sys

    folder = _with_table(tmp_path, _capsule(regimes=["leo", "lunar-surface"]))
    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "validate", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SPEC027" in done.stdout


def test_bundled_library_has_no_regime_warnings(catalog):
    result = interop.load_catalog(bundled_specs())
    assert [f for f in result.findings if f.code == "SPEC027"] == []
