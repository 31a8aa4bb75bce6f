"""The loader's promises: positions for every problem, nothing lost, nothing run."""

from __future__ import annotations

import textwrap

from interop.load import load_catalog
from interop.model import Measured


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


VALID_INTERFACE = """
    kind: DockingInterface
    schema_version: 1
    id: idss
    name: IDSS
    style: androgynous
    mates_with: [idss]
    passage_diameter_mm: "31.5 in"
    sources:
      - title: IDSS IDD Rev F
"""


def test_valid_file_loads_and_keeps_the_unit_string(tmp_path):
    write(tmp_path, "idss.yaml", VALID_INTERFACE)
    result = load_catalog([tmp_path])
    assert result.findings == []
    passage = result.catalog.interfaces["idss"].passage_diameter_mm
    assert isinstance(passage, Measured)
    assert abs(passage - 800.1) < 0.01
    assert passage.original == "31.5 in"


def test_every_error_in_a_file_is_reported_with_its_position(tmp_path):
    write(
        tmp_path,
        "bad.yaml",
        """
        kind: DockingInterface
        schema_version: 1
        id: idss
        name: IDSS
        style: androgynus
        passage_diameter_mm: "80 kPa"
        colour: blue
        sources:
          - title: x
    """,
    )
    findings = load_catalog([tmp_path]).findings
    got = {(f.code, f.position.line, f.position.column) for f in findings}
    assert got == {("SPEC013", 5, 8), ("SPEC014", 6, 22), ("SPEC011", 7, 1)}
    by_code = {f.code: f.message for f in findings}
    assert "androgynous" in by_code["SPEC013"]
    assert "pressure" in by_code["SPEC014"] and "length" in by_code["SPEC014"]
    assert "colour" in by_code["SPEC011"]


def test_duplicate_keys_are_refused_not_silently_overwritten(tmp_path):
    write(
        tmp_path,
        "dup.yaml",
        """
        kind: DockingInterface
        schema_version: 1
        id: idss
        id: apas
        name: x
        style: androgynous
        sources: [{title: x}]
    """,
    )
    [finding] = load_catalog([tmp_path]).findings
    assert (finding.code, finding.position.line, finding.position.column) == ("SPEC003", 4, 1)


def test_python_tags_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    write(
        tmp_path,
        "evil.yaml",
        f"""
        kind: !!python/object/apply:os.system ["touch {marker}"]
        schema_version: 1
    """,
    )
    [finding] = load_catalog([tmp_path]).findings
    assert finding.code == "SPEC004"
    assert not marker.exists()


def test_unresolved_reference_points_at_the_reference_and_suggests(tmp_path):
    write(tmp_path, "idss.yaml", VALID_INTERFACE)
    write(
        tmp_path,
        "v.yaml",
        """
        kind: Vehicle
        schema_version: 1
        id: capsule
        name: Capsule
        vehicle_type: crew-vehicle
        status: planned
        crewed: true
        ports:
          - {id: nose, interface: idsss, role: active}
        sources: [{title: x}]
    """,
    )
    [finding] = load_catalog([tmp_path]).findings
    assert finding.code == "SPEC020"
    assert (finding.position.line, finding.position.column) == (9, 27)
    assert "did you mean idss?" in finding.message


def test_unknown_is_not_zero(tmp_path):
    write(
        tmp_path,
        "v.yaml",
        """
        kind: Vehicle
        schema_version: 1
        id: capsule
        name: Capsule
        vehicle_type: crew-vehicle
        status: planned
        crewed: true
        seats: {total: 0}
        sources: [{title: x}]
    """,
    )
    vehicle = load_catalog([tmp_path]).catalog.vehicles["capsule"]
    assert vehicle.seats.total == 0
    assert vehicle.seats.nominal_crew is None
    assert vehicle.atmosphere is None
    assert vehicle.ports is None
