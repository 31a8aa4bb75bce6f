"""Declared dockings go through the one mate check at validation (SPEC029, issue 26).

A system's docking of a visitor (Crew Dragon at a station port) is a claim
that two ports are joined. Ports that cannot mate are a finding at the
docking; a check open only for want of a published partner list is settled
by the docking itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from interop.load import load_catalog
from tests import cli_process

SPECS = Path(__file__).resolve().parent.parent / "specs"

SYSTEM = """kind: TransportSystem
schema_version: 1
id: visits
name: Visits
includes: [iss]
elements:
  - {vehicle: crew-dragon, role: crew-transport, stationed_at: [leo]}
dockings:
  - vehicle: crew-dragon
    at: {vehicle: AT_VEHICLE, port: AT_PORT}
sources: [{title: fixture, url: "https://example.org"}]
"""


def _load(tmp_path: Path, at_vehicle: str, at_port: str, extra: dict[str, str] | None = None):
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "visits.yaml").write_text(SYSTEM.replace("AT_VEHICLE", at_vehicle).replace("AT_PORT", at_port))
    for name, text in (extra or {}).items():
        (folder / name).write_text(text)
    return load_catalog([SPECS, folder]), folder / "visits.yaml"


def _codes(result, code: str):
    return [f for f in result.findings if f.code == code]


def test_the_library_declares_no_docking_of_ports_that_cannot_mate():
    assert _codes(load_catalog([SPECS]), "SPEC029") == []


def test_a_dragon_declared_at_a_soyuz_drogue_is_a_finding_at_the_docking(tmp_path):
    result, path = _load(tmp_path, "zvezda", "aft")
    [finding] = _codes(result, "SPEC029")
    assert Path(finding.position.path) == path
    assert (finding.position.line, finding.position.column) == (9, 5)  # the docking entry
    assert "crew-dragon/nose (idss) cannot dock at zvezda/aft (ssvp-drogue)" in finding.message
    assert "different styles" in finding.message
    assert len(finding.evidence) == 2  # both ports


def test_a_dragon_declared_at_an_ida_mates_and_is_no_finding(tmp_path):
    result, _path = _load(tmp_path, "ida-2", "idss")
    assert _codes(result, "SPEC029") == []


def test_a_docking_open_only_for_want_of_a_partner_list_is_settled_by_the_docking(tmp_path):
    """An androgynous port whose interface publishes no mates_with: the docking shows the two mate."""
    module = """kind: Vehicle
schema_version: 1
id: odd-module
name: Odd module
vehicle_type: station-module
status: operational
crewed: true
ports:
  - {id: port, interface: odd-ring, role: passive}
regimes: [leo]
sources: [{title: fixture, url: "https://example.org"}]
"""
    ring = """kind: DockingInterface
schema_version: 1
id: odd-ring
name: An androgynous ring with no published partners
style: androgynous
sources: [{title: fixture, url: "https://example.org"}]
"""
    result, _path = _load(tmp_path, "odd-module", "port", {"odd-module.yaml": module, "odd-ring.yaml": ring})
    assert _codes(result, "SPEC029") == []
    assert result.findings == [], [f.format() for f in result.findings]


def test_validate_reports_it_with_file_line_column_and_exit_1(tmp_path):
    _result, path = _load(tmp_path, "zvezda", "aft")
    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", "validate", str(path), "--catalog", str(SPECS), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"{path}:9:5:" in done.stdout and "[SPEC029]" in done.stdout


def test_a_scenarios_visitor_is_checked_too_and_a_partys_docked_to_is_left_to_the_rescue(tmp_path):
    scenario = """kind: RescueScenario
schema_version: 1
id: odd-visit
name: A visitor at a port it cannot mate
hypothetical: true
distressed: {vehicle: soyuz-ms, system: ru-iss, docked_to: zvezda, port: aft, at: leo, crew: 3}
dockings:
  - {vehicle: progress-ms, at: {vehicle: ida-2, port: idss}}
responders:
  - {vehicle: crew-dragon, system: us-iss, docked_to: {vehicle: rassvet, port: nadir}}
sources: [{title: fixture, url: "https://example.org"}]
"""
    result, _path = _load(tmp_path, "ida-2", "idss", {"odd-visit.yaml": scenario})
    [finding] = _codes(result, "SPEC029")
    assert finding.position.path.endswith("odd-visit.yaml") and finding.position.line == 8
    assert "progress-ms/" in finding.message and "ida-2/idss" in finding.message
