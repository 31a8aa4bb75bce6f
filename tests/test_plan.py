"""Plans an engineer would sign (issue 24): physics, hardware that mates, crew before seats,
an honest outcome, patches a machine can apply, and --write-specs."""

from __future__ import annotations

import json
import os
import shutil
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import write_engine_catalog
from interop.engine import SystemVerdict, check_systems, run_scenario
from interop.engine.plan import Outcome, PlanResult, plan_scenario, plan_systems
from interop.engine.plan_changes import ChangeKind, apply_changes, patched_files
from interop.engine.plan_search import Bounds
from interop.engine.world import World
from interop.load import load_catalog
from interop.load.edits import document_edits
from interop.model.finding import Severity, Verdict
from interop.model.transfers import Reach
from interop.model.vocabulary import Regime
from interop.rules.context import MateStatus
from interop.rules.port_compatibility import check_mate
from tests import bundled as shared
from tests import cli_process
from tests import spec_builders as b

ROOT = Path(__file__).resolve().parent.parent


# The bundled library, and its us-artemis/ru-lunar plan for the tests that only read it: each
# computed once per worker and shared with the other modules that read them (tests/bundled.py).
bundled = shared.catalog
artemis_plan = shared.artemis_plan


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


def _two_systems(tmp_path, a_ports, b_ports, interfaces=None, **b_extra):
    interfaces = interfaces or [
        b.interface("alpha-dock", passage_diameter_mm=800, status="operational"),
        b.interface("bravo-dock", passage_diameter_mm=800, status="operational"),
    ]
    return _catalog(
        tmp_path,
        *interfaces,
        _rescuer("alpha-ship", a_ports),
        _rescuer("bravo-ship", b_ports, **b_extra),
        b.system("alpha", [b.element("alpha-ship")]),
        b.system("bravo", [b.element("bravo-ship")]),
    )


def _metric(result) -> dict[str, tuple[int, int]]:
    """Per row: how bad its verdict is, then how many condition records its best rescue rests on."""
    from interop.engine.plan_candidates import blocking, requirement_of

    found = {}
    for d in result.directions:
        for r in d.rows:
            rests = 0
            if r.best is not None and all(f.missing for f in blocking(r.best)):
                rests = len({c for f in blocking(r.best) for c in requirement_of(f)})
            solved = r.best is not None and all(f.missing for f in blocking(r.best))
            found[f"{r.distressed} @ {r.place}, rescued by {d.rescuer_system}"] = (0 if solved else 1, rests)
    return found


def _rows(result) -> dict[str, Verdict]:
    return {
        f"{r.distressed} @ {r.place}, rescued by {d.rescuer_system}": r.verdict
        for d in result.directions
        for r in d.rows
    }


# ------------------------------------------------------------- the basics


def test_plan_joins_two_mechanisms_and_the_engine_confirms_it(tmp_path):
    catalog = _two_systems(tmp_path, [b.port("p", "alpha-dock", "active")], [b.port("p", "bravo-dock", "active")])
    assert check_systems(catalog, "alpha", "bravo").verdict is SystemVerdict.NONE
    plan = plan_systems(catalog, "alpha", "bravo")
    assert plan.outcome is Outcome.REACHED
    assert plan.hardware >= 1
    assert all(c.change.kind is ChangeKind.HARDWARE for c in plan.changes)
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    assert check_systems(changed, "alpha", "bravo").verdict is SystemVerdict.MUTUAL
    assert all(c.position is not None and c.position.path.endswith(".yaml") for c in plan.changes)
    assert all(c.patch for c in plan.changes)


def test_publishing_a_value_is_not_a_change(tmp_path):
    catalog = _two_systems(
        tmp_path,
        [b.port("p", "alpha-dock", "either")],
        [b.port("p", "alpha-dock", "either")],
        radios=None,
        operators=["Agency B"],
    )
    plan = plan_systems(catalog, "alpha", "bravo")
    assert plan.changes == []
    assert plan.outcome is Outcome.REACHED_IF
    names = {n for r in plan.requirements for n in r.condition.names}
    assert "bravo-ship.radios" in names
    requirement = next(r for r in plan.requirements if "bravo-ship.radios" in r.condition.names)
    assert requirement.condition.publishers == ("Agency B",)  # who would publish it
    waiting = [r for r in plan.rows if r.before is Verdict.UNKNOWN]
    assert waiting and all(r.after is Verdict.UNKNOWN and r.if_requirements is Verdict.PASS for r in waiting)
    assert all(r.outcome is Outcome.REACHED_IF for r in waiting)


def test_a_row_no_change_can_lift_is_out_of_reach(tmp_path):
    catalog = _two_systems(
        tmp_path,
        [b.port("p", "alpha-dock", "either")],
        [b.port("p", "alpha-dock", "either")],
        earth_return=False,
        return_transit_days=None,
    )
    plan = plan_systems(catalog, "bravo", "alpha", one_way=True)
    assert plan.outcome is Outcome.NOT_REACHED
    assert [o.subject for o in plan.out_of_reach] == ["alpha-ship @ leo, rescued by bravo"]
    assert any("RET001" in reason for reason in plan.out_of_reach[0].reasons)


def test_plans_are_deterministic():
    first = artemis_plan()  # computed once per worker, before or now: a plan of its own
    second = plan_systems(bundled(), "us-artemis", "ru-lunar")
    assert second is not first
    assert [c.change for c in first.changes] == [c.change for c in second.changes]
    assert [(r.subject, r.after) for r in first.rows] == [(r.subject, r.after) for r in second.rows]


# ---------------------------------------------------- hardware that mates


def test_a_gendered_rescuer_gets_a_port_that_mates_not_the_other_gender(tmp_path):
    """The mating end comes from what mates: an androgynous standard the target has, on the rescuer."""
    interfaces = [
        b.interface(
            "probe-dock",
            style="gendered",
            gender="probe",
            mates_with=["drogue-dock"],
            passage_diameter_mm=800,
            status="operational",
        ),
        b.interface(
            "drogue-dock",
            style="gendered",
            gender="drogue",
            mates_with=["probe-dock"],
            passage_diameter_mm=800,
            status="operational",
        ),
        b.interface("ring", passage_diameter_mm=800, status="operational", mates_with=["ring"]),
    ]
    catalog = _two_systems(
        tmp_path, [b.port("nose", "probe-dock", "active")], [b.port("nose", "ring", "either")], interfaces
    )
    plan = plan_systems(catalog, "alpha", "bravo", one_way=True)
    assert plan.outcome is Outcome.REACHED
    ports = [c.change for c in plan.changes if c.change.action == "add-port"]
    assert ports and ports[0].document == ("Vehicle", "alpha-ship")
    (interface, role, gender), _id = ports[0].params
    assert interface == "ring" and gender is None


def test_bundled_us_artemis_ru_lunar_gives_orel_a_docking_system_that_mates_with_idss():
    catalog = bundled()
    plan = artemis_plan()
    hardware = [c.change for c in plan.changes if c.change.kind is ChangeKind.HARDWARE]
    orel = [c for c in hardware if c.document == ("Vehicle", "orel") and c.action == "add-port"]
    gateway_side = [c for c in hardware if c.document[1].startswith("gateway")]
    assert orel or gateway_side
    for change in orel:
        (interface, role, gender), port_id = change.params
        proposed = b_port(port_id, interface, role, gender)
        for partner in ("idss", "nds"):
            target = b_port("t", partner, "either", None)
            checked = check_mate(proposed, catalog.interfaces[interface], target, catalog.interfaces[partner])
            assert checked.status is MateStatus.MATES
    # No entry of the plan is a request for data.
    assert all(not c.change.summary.startswith("publish") for c in plan.changes)


def b_port(port_id, interface, role, gender):
    from interop.model.documents import Port

    return Port(id=port_id, interface=interface, role=role, gender=gender)


# ------------------------------------------------------------ the physics


def test_no_bundled_plan_puts_a_capsule_on_the_surface_or_orion_in_llo():
    catalog = bundled()
    plan = artemis_plan()
    qualified = {
        (c.change.document[1], c.change.params[0]) for c in plan.changes if c.change.action == "qualify-regime"
    }
    assert ("orion", "llo") not in qualified
    for vehicle, place in qualified:
        assert not (place == "lunar-surface" and catalog.vehicles[vehicle].vehicle_type.value != "lander")
    assert any("lander" in o.needs for o in plan.out_of_reach)
    # Orion cannot reach LLO (1338 m/s against 1590), but the Orel crew there is not out of reach: Starship
    # HLS takes it to NRHO, where Orion takes it home, once Orel has a port HLS mates with (issue 25).
    assert "orel @ llo, rescued by us-artemis" not in [o.subject for o in plan.out_of_reach]
    row = next(r for r in plan.rows if r.subject == "orel @ llo, rescued by us-artemis")
    assert row.outcome is not Outcome.NOT_REACHED
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    (direction, _back) = check_systems(changed, "us-artemis", "ru-lunar").directions
    (after,) = [r for r in direction.rows if (r.distressed, r.place) == ("orel", "llo")]
    assert after.verdict is row.after
    assert [(leg.carrier, leg.from_place, leg.to_place) for leg in after.best.legs] == [
        ("starship-hls", "llo", "nrho"),
        ("orion", "nrho", "earth"),
    ]


def test_a_qualification_on_an_unpublished_delta_v_rests_on_it():
    plan = artemis_plan()
    orel = [c for c in plan.changes if c.change.action == "qualify-regime" and c.change.document[1] == "orel"]
    assert orel
    for change in orel:
        assert [n for c in change.change.requires for n in c.names] == ["orel.propulsion.delta_v_mps"]
    assert plan.outcome is not Outcome.REACHED


# ------------------------------------------------------------- patches


def test_patch_paths_are_the_paths_interop_diff_prints():
    catalog = bundled()
    plan = artemis_plan()
    for planned in plan.changes:
        changed = apply_changes(catalog, [planned.change])
        edits = document_edits(catalog, changed)
        printed = {(kind, ident, e.field) for (kind, ident), fields in edits.items() for e in fields}
        for op in planned.patch:
            key = (op["document"]["kind"], op["document"]["id"])
            if op["op"] == "create":
                assert key[1] in changed.table(key[0]) and key[1] not in catalog.table(key[0])
            else:
                assert (*key, op["path"]) in printed, (op, printed)


def test_scenario_plan_without_a_transport_system_works(tmp_path):
    catalog = _catalog(
        tmp_path,
        b.interface("alpha-dock", passage_diameter_mm=800, status="operational"),
        b.interface("bravo-dock", passage_diameter_mm=800, status="operational"),
        _rescuer("alpha-ship", [b.port("p", "alpha-dock", "active")]),
        _rescuer("bravo-ship", [b.port("p", "bravo-dock", "active")]),
        {
            "kind": "RescueScenario",
            "schema_version": 1,
            "id": "lonely",
            "name": "lonely",
            "sources": [{"title": "test"}],
            "distressed": {"vehicle": "bravo-ship", "at": "leo", "crew": 1},
            "responders": [{"vehicle": "alpha-ship"}],
            "hypothetical": True,
        },
    )
    plan = plan_scenario(catalog, "lonely")
    assert plan.outcome in (Outcome.REACHED, Outcome.REACHED_IF)
    assert {c.change.action for c in plan.changes} <= {"add-port", "port-role"}
    assert plan.changes
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    after = run_scenario(changed, "lonely")
    assert [r.verdict for r in after.results] == [r.after for r in plan.rows]
    assert not any(f.verdict is Verdict.FAIL and f.counts for r in after.results for f in r.findings)


def test_the_rows_bound_is_named_when_hit():
    plan = plan_systems(bundled(), "us-artemis", "ru-lunar", bounds=Bounds(rows=1))
    assert any(note.startswith("rows:") for note in plan.bound_hit)


# ------------------------------------------------ laws over generated catalogs


@lru_cache(maxsize=16)
def _generated(seed: int) -> Path:
    folder = Path(f"/tmp/interop-plan-physics-{seed}")
    if not folder.exists():
        write_engine_catalog(folder, size=3, seed=seed)
        shutil.copytree(ROOT / "specs" / "transfers", folder / "transfers")
    return folder


def _loaded(seed: int):
    loaded = load_catalog([_generated(seed)])
    return loaded.catalog


def _laws(catalog, plan: PlanResult, tmp: Path) -> None:
    from interop.engine.plan_candidates import Candidates

    changes = [c.change for c in plan.changes]
    world = World.build(catalog, ["alpha", "bravo"])
    candidates = Candidates(catalog, world)
    # No plan qualifies a vehicle beyond its type or its delta-v.
    for change in changes:
        if change.action == "qualify-regime":
            reach = candidates.reach(catalog.vehicles[change.document[1]], Regime(change.params[0])).reach
            assert reach not in (Reach.SHORT, Reach.NOT_ITS_TYPE)
            if reach is not Reach.COVERS:
                assert change.requires
    # No plan adds seats beyond addable: no change touches seats at all.
    changed = apply_changes(catalog, changes)
    for vehicle_id, vehicle in catalog.vehicles.items():
        assert changed.vehicles[vehicle_id].seats == vehicle.seats
    # Removing any change loses a row it claims: a worse verdict, or more values to rest on.
    with_all = _metric(check_systems(changed, "alpha", "bravo"))
    for planned in plan.changes:
        without = _metric(
            check_systems(apply_changes(catalog, [c for c in changes if c != planned.change]), "alpha", "bravo")
        )
        assert any(without[s] > with_all[s] for s in planned.unlocks), (planned.change, planned.unlocks)
    # --write-specs output checks to the claimed verdicts, row by row.
    folder = tmp / "written"
    for name, text in patched_files(catalog, changes).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    loaded = load_catalog([folder])
    errors = [f for f in loaded.findings if f.severity is not Severity.WARNING]
    assert errors == [], [f.format() for f in errors]
    assert _rows(check_systems(loaded.catalog, "alpha", "bravo")) == {r.subject: r.after for r in plan.rows}


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=1, max_value=60))
def test_laws_over_generated_catalogs(tmp_path_factory, seed):
    catalog = _loaded(seed)
    plan = plan_systems(catalog, "alpha", "bravo")
    _laws(catalog, plan, tmp_path_factory.mktemp(f"seed{seed}"))
    # The outcome follows from the rows.
    if plan.outcome is Outcome.REACHED:
        assert all(r.after in (Verdict.PASS, Verdict.CONDITIONAL) for r in plan.rows)
    if plan.outcome is Outcome.REACHED_IF:
        assert all(r.if_requirements in (Verdict.PASS, Verdict.CONDITIONAL) for r in plan.rows)


_same_era_pairs = shared.same_era_pairs  # from the bundled matrix computed once per worker

SHARDS = 4  # the pairs in four tests, so that workers share them; together they are every pair


@pytest.mark.parametrize("shard", range(SHARDS))
def test_write_specs_checks_to_the_claimed_verdicts_for_every_bundled_same_era_pair(tmp_path, shard):
    catalog = bundled()
    pairs = _same_era_pairs()
    assert len(pairs) >= SHARDS
    for a, b_ in pairs[shard::SHARDS]:
        plan = plan_systems(catalog, a, b_)
        folder = tmp_path / f"{a}--{b_}"
        for name, text in patched_files(catalog, [c.change for c in plan.changes]).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        loaded = load_catalog([folder])
        assert loaded.findings == [], [f.format() for f in loaded.findings]
        assert _rows(check_systems(loaded.catalog, a, b_)) == {r.subject: r.after for r in plan.rows}, (a, b_)


# ------------------------------------------------------------- the CLI


def _cli(*args: str, env=None, cwd=ROOT):
    return cli_process.run_argv(
        [sys.executable, "-m", "interop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
    )


def test_write_specs_then_check_gives_the_plans_verdicts(tmp_path):
    out = tmp_path / "patched"
    done = _cli(
        "plan",
        "us-artemis",
        "ru-lunar",
        "--specs",
        "specs",
        "--no-library",
        "--write-specs",
        str(out),
        "--format",
        "json",
    )
    assert done.returncode in (0, 1), done.stderr
    plan = json.loads(done.stdout)
    checked = _cli("check", "us-artemis", "ru-lunar", "--specs", str(out), "--no-library", "--format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    report = json.loads(checked.stdout)
    rows = {
        f"{r['distressed']} @ {r['place']}, rescued by {d['rescuer_system']}": r["verdict"]
        for d in report["directions"]
        for r in d["rows"]
    }
    assert rows == {r["subject"]: r["after"] for r in plan["rows"]}
    assert all(c["patch"] for c in plan["changes"])
    assert all(c["kind"] != "data" for c in plan["changes"])


def test_write_specs_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x.yaml").write_text("keep me\n")
    done = _cli("plan", "us-artemis", "ru-lunar", "--specs", "specs", "--no-library", "--write-specs", str(tmp_path))
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert (tmp_path / "x.yaml").read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]


def test_plan_scenario_naming_no_system_exits_cleanly(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    scenario = tmp_path / "specs" / "scenarios" / "soyuz-ms-22-coolant-leak.yaml"
    text = "\n".join(line for line in scenario.read_text().splitlines() if not line.strip().startswith("system:"))
    text = text.replace(", system: iss", "").replace(", system: ru-lunar", "")
    scenario.write_text(text + "\n")
    done = _cli("plan", "--scenario", "soyuz-ms-22-coolant-leak", "--specs", str(tmp_path / "specs"), "--no-library")
    assert done.returncode in (0, 1, 2), done.stderr
    assert "Traceback" not in done.stderr and "KeyError" not in done.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_headline_and_hardware_come_first(fmt):
    done = _cli("plan", "us-artemis", "ru-lunar", "--specs", "specs", "--no-library", "--format", fmt)
    lines = done.stdout.splitlines()[:40]
    head = "\n".join(lines)
    assert "REACHED" in head
    assert "idss" in head  # the hardware
    hardware_at = next(i for i, line in enumerate(lines) if "orel" in line and "idss" in line)
    requirement_at = next(
        (i for i, line in enumerate(done.stdout.splitlines()) if line.startswith(("Requirements", "**Requirements"))),
        10**6,
    )
    assert hardware_at < requirement_at


def test_text_wraps_at_the_terminal_width():
    done = _cli("plan", "us-artemis", "ru-lunar", "--specs", "specs", "--no-library", env={"COLUMNS": "60"})
    long = [line for line in done.stdout.splitlines() if len(line) > 60 and " " in line.strip()]
    assert not long, long


def test_the_example_in_the_docs_is_what_plan_prints():
    text = (ROOT / "docs" / "planning.md").read_text()
    marker = "test_the_example_in_the_docs_is_what_plan_prints"
    block = text[text.index(marker) :].split("```text\n", 1)[1].split("```", 1)[0]
    printed = _cli("plan", "--direction", "ru-lunar:us-artemis", "--specs", "specs", "--no-library").stdout
    assert printed.startswith(block), "docs/planning.md's example drifted: rerun the command it names"


def test_html_puts_the_headline_and_the_hardware_before_everything_else():
    page = _cli("plan", "us-artemis", "ru-lunar", "--specs", "specs", "--no-library", "--format", "html").stdout
    body = page[page.index("<body>") :]
    first_table = body.index("<table>")
    assert body.index("<h1>") < body.index("REACHED") < first_table
    assert "<h2>" not in body[:first_table]
    hardware = body.index("<td>hardware</td>")
    assert hardware < body.index("<h2>")
    # No more than a headline paragraph above the changes: well within the first 900 px at 1280 px wide.
    assert body[:first_table].count("<p>") == 1


def test_every_change_of_the_bundled_artemis_plan_is_needed():
    """Remove each change in turn and re-run: some row it claims loses (a worse verdict, or more to rest on)."""
    catalog = bundled()
    plan = artemis_plan()
    changes = [c.change for c in plan.changes]
    assert changes
    with_all = _metric(check_systems(apply_changes(catalog, changes), "us-artemis", "ru-lunar"))
    for planned in plan.changes:
        rest = [c for c in changes if c != planned.change]
        without = _metric(check_systems(apply_changes(catalog, rest), "us-artemis", "ru-lunar"))
        assert any(without[s] > with_all[s] for s in planned.unlocks), planned.change.summary
