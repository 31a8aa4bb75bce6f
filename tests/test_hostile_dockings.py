"""Dockings that cannot all be true are findings at the docking (SPEC028), never dropped.

Generated systems and scenarios, through the real command line under the
hostile limits (tests/hostile_harness.py): each contradiction is exit 1 with
a SPEC028 finding at the line and column of the docking that breaks it; a
scenario's docking that takes a port a system's docking holds is no finding.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile_harness
from tests.hostile_harness import run
from tests.spec_builders import element, interface, port, system, vehicle, write

outside = hostile_harness.outside
tmpdir_clean = hostile_harness.tmpdir_clean

SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEATS = {"total": 4, "nominal_crew": 2}


def base_documents():
    return [
        interface("idss", passage_diameter_mm=800),
        vehicle("capsule", [port("nose", "idss", "active")], regimes=["leo"], seats=SEATS),
        vehicle("tug", [port("nose", "idss", "active")], regimes=["leo"], seats=SEATS),
        vehicle(
            "station",
            [port(name, "idss", "passive") for name in ("fwd", "aft", "zenith")],
            vehicle_type="station",
            regimes=["leo"],
            seats=SEATS,
        ),
        vehicle("module", [port("a", "idss", "active")], vehicle_type="station-module", regimes=["leo"]),
    ]


def docking(visitor, at_port, at_vehicle="station", **extra):
    return {"vehicle": visitor, "at": {"vehicle": at_vehicle, "port": at_port}, **extra}


def stack(dockings):
    return system(
        "orbit",
        [element("station", role="station"), element("module", role="station"), element("capsule"), element("tug")],
        connections=[{"a": {"vehicle": "station", "port": "aft"}, "b": {"vehicle": "module", "port": "a"}}],
        dockings=dockings,
    )


def scenario(dockings=(), distressed=None, responders=None):
    return {
        "kind": "RescueScenario",
        "schema_version": 1,
        "id": "event",
        "name": "event",
        "distressed": distressed or {"vehicle": "capsule", "system": "orbit", "at": "leo", "crew": 2},
        "responders": responders or [{"vehicle": "tug", "system": "orbit"}],
        "dockings": list(dockings),
        "sources": [{"title": "test fixture"}],
    }


# Each case: the system's dockings, the scenario (or None), and the path of the contradicting claim.
CASES = {
    "at a permanently connected port": ([docking("capsule", "aft")], None, ("dockings", 0)),
    "two vehicles at one port": ([docking("capsule", "fwd"), docking("tug", "fwd")], None, ("dockings", 1)),
    "docked to itself": ([docking("station", "fwd")], None, ("dockings", 0)),
    "a one-port vehicle at two ports": (
        [docking("capsule", "fwd"), docking("capsule", "zenith")],
        None,
        ("dockings", 1),
    ),
    "one own port at two places": (
        [docking("capsule", "fwd", port="nose"), docking("capsule", "zenith", port="nose")],
        None,
        ("dockings", 1),
    ),
    "scenario: two vehicles at one port": (
        [],
        scenario([docking("capsule", "fwd"), docking("tug", "fwd")]),
        ("dockings", 1),
    ),
    "scenario: at a permanently connected port": ([], scenario([docking("tug", "aft")]), ("dockings", 0)),
    "scenario: distressed docked_to itself": (
        [],
        scenario(distressed={"vehicle": "capsule", "docked_to": "capsule", "at": "leo", "crew": 2}),
        ("distressed", "docked_to"),
    ),
    "scenario: distressed at a port a docking holds": (
        [],
        scenario(
            [docking("tug", "fwd")],
            distressed={
                "vehicle": "capsule",
                "system": "orbit",
                "docked_to": "station",
                "port": "fwd",
                "at": "leo",
                "crew": 2,
            },
        ),
        ("distressed", "port"),
    ),
    "scenario: responder docked_to a connected port": (
        [],
        scenario(
            responders=[{"vehicle": "tug", "system": "orbit", "docked_to": {"vehicle": "station", "port": "aft"}}]
        ),
        ("responders", 0, "docked_to"),
    ),
    "scenario: responder docked twice": (
        [],
        scenario(
            [docking("tug", "zenith")],
            responders=[{"vehicle": "tug", "system": "orbit", "docked_to": {"vehicle": "station", "port": "fwd"}}],
        ),
        ("responders", 0, "docked_to"),
    ),
    "scenario: moved in orbit from itself": (
        [],
        scenario(responders=[{"vehicle": "tug", "system": "orbit", "moved_in_orbit_from": "tug", "seats_added": 1}]),
        ("responders", 0, "moved_in_orbit_from"),
    ),
}


def position_of(text: str, path: tuple) -> str:
    """line:column of the value at ``path`` in the YAML ``text`` (as the loader places it)."""
    from interop.load.tree import parse_tree

    _tree, source_map = parse_tree(text, "x.yaml")
    where = source_map.value(path)
    return f"{where.line}:{where.column}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_contradiction_is_a_finding_at_the_docking(tmp_path, tmpdir_clean, outside, case):
    dockings, event, path = CASES[case]
    specs = write(tmp_path / "specs", *base_documents(), stack(dockings))
    if event is not None:
        write(specs, event)
    file = specs / ("rescuescenario-event.yaml" if event is not None else "transportsystem-orbit.yaml")
    where = position_of(file.read_text(), path)
    result = run("--no-config", "validate", "specs", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 1, result.stdout + result.stderr
    found = [line for line in result.stdout.splitlines() if line.endswith("[SPEC028]")]
    assert found and found[0].startswith(f"specs/{file.name}:{where}: "), result.stdout
    if event is not None:  # the engine never runs over them either
        ran = run("--no-config", "scenario", "event", "-s", "specs", cwd=tmp_path, tmpdir=tmpdir_clean)
        assert ran.returncode == 1 and "[SPEC028]" in ran.stderr


def test_a_scenario_docking_that_replaces_a_systems_docking_is_no_contradiction(tmp_path, tmpdir_clean, outside):
    specs = write(tmp_path / "specs", *base_documents(), stack([docking("capsule", "fwd")]))
    write(specs, scenario([docking("tug", "fwd")]))
    result = run("--no-config", "validate", "specs", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert "SPEC028" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


@SLOW
@given(
    ports=st.lists(st.sampled_from(["fwd", "aft", "zenith"]), min_size=1, max_size=5),
    visitors=st.lists(st.sampled_from(["capsule", "tug", "station"]), min_size=5, max_size=5),
)
def test_generated_dockings_are_consistent_or_each_contradiction_is_named(
    tmp_path, tmpdir_clean, outside, ports, visitors
):
    """A law: validate passes exactly when no port is claimed twice or connected, and no
    vehicle is docked to itself or at more places than it has ports."""
    folder = tmp_path / f"g{abs(hash((tuple(ports), tuple(visitors))))}"
    claims = [docking(visitor, at) for visitor, at in zip(visitors, ports, strict=False)]
    write(folder / "specs", *base_documents(), stack(claims))
    held, places, expected = set(), {}, 0
    for claim in claims:
        visitor, at = claim["vehicle"], claim["at"]["port"]
        if visitor == "station" or at == "aft" or at in held:
            expected += 1
            continue
        held.add(at)
        places[visitor] = places.get(visitor, 0) + 1
    expected += sum(1 for count in places.values() if count > 1)  # named once, at the first place too many
    result = run("--no-config", "validate", "specs", cwd=folder, tmpdir=tmpdir_clean)
    found = [line for line in result.stdout.splitlines() if line.endswith("[SPEC028]")]
    assert len(found) == expected, (claims, result.stdout)
    assert result.returncode == (1 if expected else 0)
    assert all(re.match(r"specs/transportsystem-orbit\.yaml:\d+:\d+: dockings\.\d", line) for line in found)
