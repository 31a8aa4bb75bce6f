"""The bundled spec library: valid, sourced, honest about estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.load import load_catalog

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
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "interop", "--no-config", "scenario", "--specs", str(SPECS), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stderr
    reports = json.loads(done.stdout)
    mismatches = {r["scenario"]: r["mismatches"] for r in reports if r["mismatches"]}
    assert mismatches == {}
