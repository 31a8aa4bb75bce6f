"""The bundled spec library: valid, sourced, honest about estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.load import load_catalog
from tests import cli_process

SPECS = Path(__file__).resolve().parent.parent / "specs"


@pytest.fixture(scope="module")
def loaded():
    return load_catalog([SPECS])


def _documents(catalog):
    for kind in ("DockingInterface", "Vehicle", "TransportSystem", "RescueScenario"):
        yield from catalog.table(kind).values()


def test_bundled_specs_load_without_findings(loaded):
    assert loaded.findings == [], [f.format() for f in loaded.findings]


def test_library_has_the_minimum_of_each_kind(loaded):
    catalog = loaded.catalog
    assert len(catalog.interfaces) >= 11
    assert len(catalog.vehicles) >= 22
    assert len(catalog.systems) >= 6
    assert len(catalog.scenarios) >= 8


@pytest.mark.parametrize(
    "required",
    [
        "idss",
        "nds",
        "apas-75",
        "apas-89",
        "apas-95",
        "ssvp-probe",
        "ssvp-drogue",
        "ssvp-hybrid",
        "cbm",
        "apollo-probe",
        "apollo-drogue",
        "chinese-docking-mechanism",
        "bharatiya-docking-system",
    ],
)
def test_required_interfaces_exist(loaded, required):
    assert required in loaded.catalog.interfaces


@pytest.mark.parametrize(
    "required",
    [
        "us-artemis",
        "ru-lunar",
        "cn-lunar",
        "in-human-spaceflight",
        "iss",
        "us-iss",
        "ru-iss",
        "us",
        "russia",
        "china",
        "india",
        "astp-1975",
        "shuttle-mir",
    ],
)
def test_required_systems_exist(loaded, required):
    assert required in loaded.catalog.systems


def test_every_document_names_a_source_with_an_address(loaded):
    for document in _documents(loaded.catalog):
        assert document.sources, document.id
        for source in document.sources:
            assert source.title.strip(), document.id
            assert source.url or source.document, (
                f"{document.id}: source {source.title!r} has no url or document number"
            )


def test_every_estimate_carries_a_note(loaded):
    estimates = [(d.id, e) for d in _documents(loaded.catalog) for e in d.estimates]
    assert estimates, "the library marks no estimate at all"
    for document_id, estimate in estimates:
        assert len(estimate.note.strip()) >= 10, f"{document_id}: estimate for {estimate.field} has no real note"


def test_every_spec_file_names_its_schema_for_editors():
    for path in sorted(SPECS.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../../interop/schemas/"), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), f"{path}: schema {schema} does not exist"


def test_a_hypothetical_scenario_claims_no_recorded_outcome(loaded):
    hypothetical = [s for s in loaded.catalog.scenarios.values() if s.hypothetical]
    assert hypothetical, "no scenario is marked hypothetical"
    for scenario in hypothetical:
        assert scenario.outcome is None, scenario.id
        assert all(r.expected is None for r in scenario.responders), scenario.id
        assert not (scenario.description or "").startswith("Hypothetical:"), "the flag says it; the text need not"


def test_a_real_event_states_the_recorded_outcome_for_every_responder(loaded):
    real = [s for s in loaded.catalog.scenarios.values() if not s.hypothetical]
    assert real
    for scenario in real:
        assert scenario.outcome, scenario.id
        assert all(r.expected is not None for r in scenario.responders), scenario.id


def test_interop_scenario_reproduces_every_recorded_outcome():
    """`interop scenario` fails the build (exit 1 and a mismatch) when a verdict differs from `expected:`."""
    import json
    import sys

    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", "scenario", "--specs", str(SPECS), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr
    reports = json.loads(done.stdout)
    mismatches = {r["scenario"]: r["mismatches"] for r in reports if r["mismatches"]}
    assert mismatches == {}


# The ISS by national segments (issue 26): the station alone in one system,
# each crew vehicle only in its operator's, nations' fleets on top.
NATIONAL_ISS = {"us-iss": {"crew-dragon", "starliner"}, "ru-iss": {"soyuz-ms", "progress-ms"}}
FLEETS = {
    "us": ["us-artemis", "us-iss"],
    "russia": ["ru-lunar", "ru-iss"],
    "china": ["cn-lunar", "cn-tiangong"],
    "india": ["in-human-spaceflight"],
}


def test_the_iss_system_holds_the_station_and_no_visiting_vehicle(loaded):
    catalog = loaded.catalog
    iss = catalog.systems["iss"]
    types = {catalog.vehicles[e.vehicle].vehicle_type.value for e in iss.elements}
    assert types <= {"station", "station-module", "adapter"}, types
    assert iss.connections and not iss.dockings


@pytest.mark.parametrize("system_id", sorted(NATIONAL_ISS))
def test_each_national_iss_system_includes_the_station_and_only_its_own_vehicles(loaded, system_id):
    system = loaded.catalog.systems[system_id]
    assert system.includes == ["iss"]
    assert {e.vehicle for e in system.elements} == NATIONAL_ISS[system_id]


def test_each_crew_vehicle_is_an_element_of_one_system_per_layer(loaded):
    """A crew vehicle is placed once among the systems that include nothing but the station."""
    catalog = loaded.catalog
    placed: dict[str, list[str]] = {}
    for system in catalog.systems.values():
        for element in system.elements:
            if catalog.vehicles[element.vehicle].vehicle_type.value == "crew-vehicle":
                placed.setdefault(element.vehicle, []).append(system.id)
    for vehicle in ("crew-dragon", "starliner", "soyuz-ms"):
        assert len(placed[vehicle]) == 1, (vehicle, placed[vehicle])


@pytest.mark.parametrize("fleet", sorted(FLEETS))
def test_a_nations_fleet_includes_its_systems(loaded, fleet):
    system = loaded.catalog.systems[fleet]
    assert system.includes == FLEETS[fleet]
    assert system.elements == []


def test_the_integrated_crew_agreement_is_on_both_sides_with_its_extensions(loaded):
    systems = loaded.catalog.systems
    for system_id in ("us-iss", "ru-iss"):
        (agreement,) = [a for a in systems[system_id].agreements if "integrated crew" in a.name]
        assert agreement.signed == "2022-07-14"
        assert {"NASA", "Roscosmos"} <= set(agreement.partners)
        assert {"crew-dragon", "soyuz-ms"} <= set(agreement.vehicles)
        assert [e.until for e in agreement.extensions] == ["2025", "2027"]


def test_the_2021_iss_is_not_compared_with_shuttle_mir(loaded):
    from interop.engine.eras import eras_overlap

    assert not eras_overlap(loaded.catalog, "iss", "shuttle-mir")
    assert eras_overlap(loaded.catalog, "us-iss", "ru-iss")


# The classes of real event the record decides (issue 26), each a scenario that is
# no hypothesis and states what the record shows for every responder.
REAL_EVENT_CLASSES = {
    "Apollo-Soyuz (1975)": ["astp-1975-rendezvous"],
    "Shuttle-Mir, STS-71 (1995)": ["sts-71-mir-18-crew-return"],
    "Soyuz MS-22 / MS-23 (2022-23)": ["soyuz-ms-22-coolant-leak"],
    "Starliner / Crew-9 (2024-25)": ["starliner-crew-return"],
    "Shenzhou-20 / Shenzhou-22 (2025)": ["shenzhou-crew-at-tiangong"],
    "integrated crews (2022 on)": [
        "crew-5-brings-kikina-home",
        "soyuz-ms-24-brings-ohara-home",
        "crew-5-lifeboat-for-rubio",
    ],
}


@pytest.mark.parametrize("event_class", list(REAL_EVENT_CLASSES))
def test_the_real_events_cover_every_class_of_the_record(loaded, event_class):
    for scenario_id in REAL_EVENT_CLASSES[event_class]:
        scenario = loaded.catalog.scenarios[scenario_id]
        assert not scenario.hypothetical and scenario.outcome, scenario_id
        assert scenario.responders and all(r.expected is not None for r in scenario.responders), scenario_id


def test_the_integrated_crew_flights_expect_what_the_record_shows(loaded):
    """Kikina home in Crew-5's Dragon and O'Hara in Soyuz MS-24: conditional on the agreement's
    suits, liners and training, which the record shows met."""
    for scenario_id in ("crew-5-brings-kikina-home", "soyuz-ms-24-brings-ohara-home"):
        [responder] = loaded.catalog.scenarios[scenario_id].responders
        assert responder.expected == "conditional", scenario_id


def test_interop_scenario_fails_the_build_when_a_real_event_is_missed(tmp_path):
    """A verdict that differs from `expected:` is exit 1 with the mismatch named: what CI reads."""
    import shutil
    import subprocess
    import sys

    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs)
    event = specs / "scenarios" / "crew-5-brings-kikina-home.yaml"
    text = event.read_text()
    assert text.count("expected: conditional") == 1
    event.write_text(text.replace("expected: conditional", "expected: pass"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interop",
            "--no-config",
            "scenario",
            "crew-5-brings-kikina-home",
            "--specs",
            str(specs),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "MISMATCH: crew-dragon expected pass, got conditional" in done.stdout
