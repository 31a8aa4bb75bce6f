"""Plans, gaps and the mechanism map (issue 18): what it would take, what to ask for, what mates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import write_engine_catalog
from interop.engine import EngineOptions, SystemVerdict, check_systems
from interop.engine.gaps import find_gaps
from interop.engine.mechanisms import mechanism_map
from interop.engine.plan import ChangeKind, apply_changes, plan_systems
from interop.load import load_catalog
from interop.model.finding import Verdict
from interop.rules.context import MateStatus
from tests import spec_builders as b

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def bundled():
    loaded = load_catalog([ROOT / "specs"])
    assert loaded.findings == []
    return loaded.catalog


def _catalog(folder: Path, *documents):
    loaded = load_catalog([b.write(folder, *documents)])
    assert loaded.findings == [], loaded.findings
    return loaded.catalog


def _rescuer(id, ports, **extra):
    fields = {
        "seats": {"total": 4, "nominal_crew": 2, "min_crew": 1},
        "life_support": {"max_crew": 6, "crew_days": 200, "endurance_days": 20},
        "crew_equipment": {"suits": ["suit"], "seat_liners": "adjustable"},
        "atmosphere": {"pressure_kpa": 101, "o2_fraction": 0.21},
        "rendezvous": {"sensors": [{"name": "lidar", "tracks": ["reflector"]}], "targets": ["reflector"]},
        "radios": [{"band": "s-band", "purposes": ["proximity", "voice"]}],
        "regimes": ["leo"],
        "earth_return": True,
        "return_transit_days": {"leo": 1},
    }
    fields.update(extra)
    return b.vehicle(id, ports, **fields)


def _two_systems(tmp_path, a_ports, b_ports, **b_extra):
    return _catalog(
        tmp_path,
        b.interface("alpha-dock", passage_diameter_mm=800, status="operational"),
        b.interface("bravo-dock", passage_diameter_mm=800, status="operational"),
        _rescuer("alpha-ship", a_ports),
        _rescuer("bravo-ship", b_ports, **b_extra),
        b.system("alpha", [b.element("alpha-ship")]),
        b.system("bravo", [b.element("bravo-ship")]),
    )


def test_plan_joins_two_mechanisms_and_the_engine_confirms_it(tmp_path):
    catalog = _two_systems(tmp_path, [b.port("p", "alpha-dock", "active")], [b.port("p", "bravo-dock", "active")])
    assert check_systems(catalog, "alpha", "bravo").verdict is SystemVerdict.NONE
    plan = plan_systems(catalog, "alpha", "bravo")
    assert plan.reached
    assert plan.hardware >= 1
    assert all(c.change.kind is ChangeKind.HARDWARE for c in plan.changes)
    # Checked independently of the plan's own re-run: apply and ask the engine.
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    assert check_systems(changed, "alpha", "bravo").verdict is SystemVerdict.MUTUAL
    # Every change names the spec line it would touch.
    assert all(c.position is not None and c.position.path.endswith(".yaml") for c in plan.changes)


def test_a_published_value_is_never_guessed(tmp_path):
    catalog = _two_systems(
        tmp_path, [b.port("p", "alpha-dock", "either")], [b.port("p", "alpha-dock", "either")], radios=None
    )
    plan = plan_systems(catalog, "alpha", "bravo")
    data = [c for c in plan.changes if c.change.kind is ChangeKind.DATA]
    assert [c.change.summary for c in data] == ["publish bravo-ship.radios"]
    # The catalog the plan re-ran on has no radios made up for bravo-ship.
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    assert changed.vehicles["bravo-ship"].radios is None
    # Both outcomes of the published value are shown.
    outcomes = {(r.after, r.after_unfavourable) for r in plan.rows if r.before is Verdict.UNKNOWN}
    assert outcomes == {(Verdict.PASS, Verdict.FAIL)}
    assert plan.reached and not plan.reached_unfavourable


def test_a_row_no_change_can_lift_is_out_of_reach(tmp_path):
    catalog = _two_systems(
        tmp_path,
        [b.port("p", "alpha-dock", "either")],
        [b.port("p", "alpha-dock", "either")],
        earth_return=False,
        return_transit_days=None,
    )
    plan = plan_systems(catalog, "bravo", "alpha", one_way=True)
    assert not plan.reached
    assert [o.subject for o in plan.out_of_reach] == ["alpha-ship @ leo, rescued by bravo"]
    assert any("RET001" in reason for reason in plan.out_of_reach[0].reasons)


def test_plans_are_deterministic():
    first = plan_systems(bundled(), "us-artemis", "ru-lunar")
    second = plan_systems(bundled(), "us-artemis", "ru-lunar")
    assert [c.change for c in first.changes] == [c.change for c in second.changes]
    assert [(r.subject, r.after) for r in first.rows] == [(r.subject, r.after) for r in second.rows]


@lru_cache(maxsize=8)
def _generated(seed: int):
    folder = Path(f"/tmp/interop-plan-law-{seed}")
    if not folder.exists():
        write_engine_catalog(folder, size=3, seed=seed)
    return load_catalog([folder]).catalog


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=1, max_value=40))
def test_law_a_plan_that_says_reached_is_reached(seed):
    catalog = _generated(seed)
    plan = plan_systems(catalog, "alpha", "bravo")
    changes = [c.change for c in plan.changes]
    assumed = {name: True for c in changes if c.action == "publish" for name in c.params}
    result = check_systems(apply_changes(catalog, changes), "alpha", "bravo", EngineOptions(assumed=assumed))
    # The plan's rows are the engine's rows, verdict for verdict.
    rows = {
        f"{r.distressed} @ {r.place}, rescued by {d.rescuer_system}": r.verdict
        for d in result.directions
        for r in d.rows
    }
    assert {r.subject: r.after for r in plan.rows} == rows
    assert plan.reached == (result.verdict is SystemVerdict.MUTUAL and not plan.out_of_reach)


def test_gaps_rank_the_values_that_decide_verdicts():
    gaps = find_gaps(bundled())
    assert gaps.unknown > 0
    ranked = [(len(w.alone), len(w.together)) for w in gaps.fields]
    assert ranked == sorted(ranked, reverse=True)
    for document in gaps.documents:
        for wanted in document.fields:
            assert wanted.rules and wanted.position is not None and wanted.position.path == document.file


def test_mechanism_map_agrees_with_the_port_check():
    result = mechanism_map(bundled(), "crew-dragon")
    pairs = {(m.a.interface, m.a.role, m.b.interface, m.b.role): m.status for m in result.matings}
    assert pairs[("idss", "active", "idss", "passive")] is MateStatus.MATES
    assert ("idss", "passive", "idss", "passive") not in pairs
    assert pairs[("cbm", "active", "cbm", "passive")] is MateStatus.SLOW
    ida = next(bridge for bridge in result.bridges if bridge.adapter == "ida-2")
    assert ("apas-95", "idss") in ida.joins
    partners = {p.vehicle: p for p in result.partners}
    assert partners["orion"].adapters == []
    assert "soyuz-ms" not in partners


def _cli(*args: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "interop", *args, "--specs", str(ROOT / "specs"), "--no-library"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "us-artemis", "ru-lunar"),
        ("plan", "--direction", "ru-lunar:us-artemis"),
        ("plan", "--scenario", "soyuz-ms-22-coolant-leak"),
        ("gaps",),
        ("gaps", "--scenario", "all"),
        ("map", "--vehicle", "soyuz-ms"),
    ],
)
def test_planner_commands_write_json_their_schema_accepts(args):
    import json

    import jsonschema

    from interop.report.report_schema import SCHEMA

    done = _cli(*args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["kind"] == args[0]
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


@pytest.mark.parametrize("command", [("plan", "us-artemis", "ru-lunar"), ("gaps",), ("map",)])
@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_planner_commands_in_every_format_they_offer(command, format):
    done = _cli(*command, "--format", format)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.strip()
    if format == "html":
        assert done.stdout.startswith("<!DOCTYPE html>")


def test_planner_command_usage_errors():
    assert _cli("plan", "us-artemis").returncode == 2
    assert _cli("plan", "--direction", "us-artemis").returncode == 2
    assert _cli("plan", "us-artemis", "nowhere").returncode == 2
    assert _cli("plan", "us-artemis", "ru-lunar", "--format", "sarif").returncode == 2
    assert _cli("map", "--vehicle", "no-such-vehicle").returncode == 2


def test_map_picture_has_a_node_per_interface():
    from interop.report.mechanisms import render_markdown, svg

    result = mechanism_map(bundled())
    picture = svg(result)
    assert picture.count("<rect") == len(result.interfaces)
    assert "```mermaid" in render_markdown(result)
