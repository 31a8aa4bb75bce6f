"""The planner judges rows as check and scenario do, paths of several legs included (issue 25).

A lander can take a crew from low lunar orbit up to NRHO, where a capsule
takes it home; the capsule cannot reach LLO, the lander cannot return to
Earth, and the lander cannot dock with the crew's vehicle. No direct rescue
can be fixed, but one piece of docking hardware opens the two-leg path: the plan must find it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interop.engine import check_systems, run_scenario
from interop.engine.plan import Outcome, apply_changes, plan_scenario, plan_systems
from interop.engine.plan_changes import ChangeKind
from interop.load import load_catalog
from interop.model.finding import Verdict
from tests.spec_builders import SOURCE, interface, load_yaml, port, system, write

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "rules" / "base"


def _full(id, ports, **changes):
    """A vehicle whose every rule-relevant value is published (the rule fixtures' rescuer), changed."""
    document = load_yaml((BASE / "vehicles" / "rescuer.yaml").read_text())
    document.update(id=id, name=id, ports=ports, sources=SOURCE, **changes)
    return document


def _catalog(folder: Path, *, lander: bool = True, scenario: bool = False):
    documents = [
        interface("idss", passage_diameter_mm=800, utilities=["power", "data", "air"]),
        # The crew's own mechanism mates only with itself: nobody else carries it.
        interface("own", passage_diameter_mm=800, utilities=["power", "data", "air"], mates_with=["own"]),
        {
            "kind": "TransferTable",
            "schema_version": 1,
            "id": "moon",
            "name": "moon",
            "transfers": [
                {"origin": "llo", "destination": "nrho", "vehicle_delta_v_mps": 850, "days": 0.5},
                {"origin": "nrho", "destination": "llo", "vehicle_delta_v_mps": 850, "days": 0.5},
                {"origin": "earth", "destination": "llo", "vehicle_delta_v_mps": 900, "days": 4},
                {"origin": "llo", "destination": "earth", "vehicle_delta_v_mps": 900, "days": 4},
                {"origin": "earth", "destination": "nrho", "vehicle_delta_v_mps": 450, "days": 5},
                {"origin": "nrho", "destination": "earth", "vehicle_delta_v_mps": 450, "days": 5},
            ],
            "sources": SOURCE,
        },
        _full(
            "stranded",
            [port("nose", "own", "passive")],
            regimes=["llo"],
            earth_return=False,
            life_support={"endurance_days": 30, "max_crew": 6},
            propulsion={"delta_v_mps": 2000},
        ),
        # 1,000 m/s: enough for NRHO (900 there and back), short of the 1,700 (from NRHO) or 1,800 m/s to LLO.
        _full(
            "capsule",
            [port("nose", "idss", "active")],
            regimes=["nrho"],
            return_transit_days={"nrho": 5},
        ),
        system("crews", [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["llo"]}]),
    ]
    elements = [{"vehicle": "capsule", "role": "crew-transport", "stationed_at": ["nrho"]}]
    if lander:
        documents.append(
            _full(
                "lander",
                [port("nose", "idss", "active"), port("aft", "idss", "passive")],
                vehicle_type="lander",
                regimes=["llo", "nrho"],
                earth_return=False,
                return_transit_days={},
                propulsion={"delta_v_mps": 2000},
            )
        )
        elements.append({"vehicle": "lander", "role": "lander", "stationed_at": ["llo"]})
    documents.append(system("rescuers", elements))
    if scenario:
        responders = [{"vehicle": "capsule", "system": "rescuers"}]
        if lander:
            responders.insert(0, {"vehicle": "lander", "system": "rescuers"})
        documents.append(
            {
                "kind": "RescueScenario",
                "schema_version": 1,
                "id": "stranded-in-llo",
                "name": "stranded in LLO",
                "distressed": {"vehicle": "stranded", "system": "crews", "at": "llo", "crew": 2},
                "responders": responders,
                "sources": SOURCE,
            }
        )
    loaded = load_catalog([write(folder, *documents)])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    return loaded.catalog


def _legs(result):
    return [(leg.carrier, leg.from_place, leg.to_place) for leg in result.legs]


TWO_LEGS = [("lander", "llo", "nrho"), ("capsule", "nrho", "earth")]


def test_no_direct_rescue_can_be_fixed_but_one_change_opens_the_two_leg_path(tmp_path):
    catalog = _catalog(tmp_path / "c")
    (row,) = check_systems(catalog, "rescuers", "crews").directions[0].rows
    assert row.verdict is Verdict.FAIL  # today: nobody docks with the crew's own mechanism
    plan = plan_systems(catalog, "rescuers", "crews", one_way=True)
    assert plan.outcome is not Outcome.NOT_REACHED, plan.out_of_reach
    assert plan.out_of_reach == []
    assert [c.change.kind for c in plan.changes] == [ChangeKind.HARDWARE]
    (change,) = plan.changes
    assert change.change.action in ("add-port", "add-adapter")  # a port, or an adapter the lander carries
    # The plan's rows are the engine's on the changed specs: the two-leg path, as check gives it.
    (outcome,) = plan.rows
    assert outcome.after in (Verdict.PASS, Verdict.CONDITIONAL, Verdict.UNKNOWN)
    (after,) = check_systems(apply_changes(catalog, [change.change]), "rescuers", "crews").directions[0].rows
    assert after.verdict is outcome.after and after.best is not None
    assert _legs(after.best) == TWO_LEGS
    # Physics stands: the capsule is not qualified for LLO (its delta-v is short), the lander not for Earth.
    assert not any(c.change.action == "qualify-regime" for c in plan.changes)


def test_without_the_lander_the_row_stays_out_of_reach(tmp_path):
    catalog = _catalog(tmp_path / "c", lander=False)
    plan = plan_systems(catalog, "rescuers", "crews", one_way=True)
    assert plan.outcome is Outcome.NOT_REACHED
    (out,) = plan.out_of_reach
    assert any(reason.startswith("REACH001 capsule") for reason in out.reasons)
    assert "propulsion-stage" in out.needs


def test_a_scenario_plan_finds_the_two_leg_path_as_the_scenario_command_does(tmp_path):
    catalog = _catalog(tmp_path / "c", scenario=True)
    assert all(r.verdict is Verdict.FAIL for r in run_scenario(catalog, "stranded-in-llo").results)
    plan = plan_scenario(catalog, "stranded-in-llo")
    assert plan.outcome is not Outcome.NOT_REACHED, plan.out_of_reach
    assert [c.change.kind for c in plan.changes] == [ChangeKind.HARDWARE]
    changed = apply_changes(catalog, [c.change for c in plan.changes])
    best = min(run_scenario(changed, "stranded-in-llo").results, key=lambda r: r.verdict.rank)
    assert best.verdict is not Verdict.FAIL
    assert _legs(best) == TWO_LEGS


@pytest.mark.parametrize("lander", [True, False])
def test_every_plan_change_is_one_physics_allows(tmp_path, lander):
    catalog = _catalog(tmp_path / "c", lander=lander)
    plan = plan_systems(catalog, "rescuers", "crews", one_way=True)
    for planned in plan.changes:
        if planned.change.action == "qualify-regime":
            assert planned.change.document[1] != "capsule"  # 1,000 m/s never covers the trip to LLO
