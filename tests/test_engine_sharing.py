"""The evaluator's shortcuts change no answer (issue 28, docs/performance.md round 8).

Findings are stamped when first read, and within a path search the outcomes
of a rule that read nothing of a leg are reused for every leg repeating the
same rescue. These tests hold both to what they promise: the same reports as
without them, the stamping of only what is read, and a rule that reads a
leg's times judged again for every leg.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from interop.engine import check_matrix, check_systems
from interop.engine.rescue import EngineOptions, Evaluator, PendingStage
from interop.engine.systems import crews_of, rescuers_of
from interop.engine.timing import LegStart
from interop.engine.waivers import Waiver
from interop.engine.world import World
from interop.load import load_catalog
from interop.model.vocabulary import Regime
from interop.report import ReportOptions, renderer_for
from interop.rules.base import Outcome, passed
from interop.rules.timing import Span

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=[7, 31])
def generated(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"generated-{request.param}")
    systems = _generator().write_engine_catalog(folder, 8, seed=request.param)
    return load_catalog([folder]).catalog, systems


def _matrix_json(catalog, systems) -> str:
    return renderer_for("matrix", "json", ReportOptions())(check_matrix(catalog, systems))


def test_sharing_changes_no_matrix(generated, monkeypatch):
    catalog, systems = generated
    shared = _matrix_json(catalog, systems)
    with monkeypatch.context() as patch:
        patch.setattr(Evaluator, "share_legs", False)
        alone = _matrix_json(catalog, systems)
    assert shared == alone
    assert '"legs"' in shared


def test_sharing_changes_no_system_check_on_the_library(monkeypatch):
    catalog = load_catalog([ROOT / "specs"]).catalog
    render = renderer_for("systems", "json", ReportOptions())
    shared = render(check_systems(catalog, "us-artemis", "ru-lunar"))
    monkeypatch.setattr(Evaluator, "share_legs", False)
    assert render(check_systems(catalog, "us-artemis", "ru-lunar")) == shared


def _rescue(catalog):
    """A rescuer and a crew of the bundled library, one place, and an evaluator over them."""
    evaluator = Evaluator(catalog, World.build(catalog, ["us-artemis", "ru-lunar"]))
    return evaluator, catalog.vehicles["orion"], catalog.vehicles["orel"], Regime("llo")


def _stamps_counted(monkeypatch) -> list[str]:
    """The code of every finding the evaluator stamps from now on, in order."""
    stamped: list[str] = []
    stamp = Evaluator._stamp

    def counting(self, rule, outcome, subject):
        stamped.append(rule.code)
        return stamp(self, rule, outcome, subject)

    monkeypatch.setattr(Evaluator, "_stamp", counting)
    return stamped


def test_findings_are_stamped_when_read_and_only_then(monkeypatch):
    catalog = load_catalog([ROOT / "specs"]).catalog
    evaluator, rescuer, distressed, place = _rescue(catalog)
    stamped = _stamps_counted(monkeypatch)
    result = evaluator.evaluate(rescuer, distressed, place, 2)
    assert all(isinstance(stage, PendingStage) for stage in result.stages)
    failures, unknowns, conditions = result.tally()
    assert stamped == [], "ranking a rescue stamps nothing"
    findings = result.findings
    assert len(stamped) == len(findings) > 0
    assert [f.code for f in findings] == stamped
    assert result.findings == findings and len(stamped) == len(findings), "stamped once"
    assert (failures, unknowns, conditions) == (
        sum(1 for f in findings if f.counts and f.verdict.name == "FAIL"),
        sum(1 for f in findings if f.counts and f.verdict.name == "UNKNOWN"),
        len(result.conditions),
    )


def test_a_rescues_blockers_are_stamped_alone_and_kept_for_the_whole_list(monkeypatch):
    """blocking() (the planner's question of every rescue it weighs) stamps only the counted FAIL and
    UNKNOWN findings; the whole list, read later, holds those very findings and stamps the rest once."""
    from interop.engine.plan_candidates import blocking

    catalog = load_catalog([ROOT / "specs"]).catalog
    evaluator, rescuer, distressed, place = _rescue(catalog)
    stamped = _stamps_counted(monkeypatch)
    result = evaluator.evaluate(rescuer, distressed, place, 2)
    blockers = blocking(result)
    assert blockers and len(stamped) == len(blockers)
    assert all(f.counts and f.verdict.name in ("FAIL", "UNKNOWN") for f in blockers)
    findings = result.findings
    assert len(findings) > len(blockers), "some findings pass: the test would not tell otherwise"
    assert len(stamped) == len(findings), "each finding stamped once"
    assert all(any(f is b for f in findings) for b in blockers), "the whole list reuses the blockers"
    assert blockers == [f for f in findings if f.counts and f.verdict.name in ("FAIL", "UNKNOWN")]
    fresh = evaluator.evaluate(rescuer, distressed, place, 2)
    assert [f.code for f in fresh.findings] == [f.code for f in findings], "the same order as stamping all"
    assert fresh.findings == findings


def test_pending_findings_equal_findings_stamped_at_once():
    """Waivers make the engine stamp at once (a waiver matches a stamped finding); the findings are the same."""
    catalog = load_catalog([ROOT / "specs"]).catalog
    evaluator, rescuer, distressed, place = _rescue(catalog)
    nothing = Waiver("no finding has this code", "tests", date(2100, 1, 1), code="NONE999", subject="*")
    eager = Evaluator(catalog, evaluator.world, EngineOptions(waivers=(nothing,)))
    lazy_result = evaluator.evaluate(rescuer, distressed, place, 2)
    eager_result = eager.evaluate(rescuer, distressed, place, 2)
    assert not any(isinstance(stage, PendingStage) for stage in eager_result.stages)
    assert lazy_result.findings == eager_result.findings
    assert [s.verdict for s in lazy_result.stages] == [s.verdict for s in eager_result.stages]
    assert lazy_result.tally() == eager_result.tally()


def _probe(code: str, reads_leg: bool):
    """A rule that counts its runs and reads a leg's timeline or not."""
    runs: list[object] = []

    def check(ctx):
        runs.append(ctx.timeline if reads_leg else ctx.rescuer.id)
        yield passed(f"probe {code}")

    return runs, check


def _plain_rescue(catalog, systems):
    """A rescue of a generated catalog (it reads no range, so its outcomes may be kept)."""
    evaluator = Evaluator(catalog, World.build(catalog, systems))
    rescuer = rescuers_of(catalog, systems[0])[0]
    distressed, places, _crew = next(c for c in crews_of(catalog, systems[1]) if c[1] and c[0].id != rescuer.id)
    return evaluator, rescuer, distressed, places[0]


def test_a_rule_reading_the_leg_is_judged_again_for_every_leg(generated):
    evaluator, rescuer, distressed, place = _plain_rescue(*generated)
    template = evaluator.rules[0]
    timed_runs, timed = _probe("TIME900", True)
    plain_runs, plain = _probe("REACH900", False)
    evaluator.rules = [
        dataclasses.replace(template, code="TIME900", check=timed),
        dataclasses.replace(template, code="REACH900", check=plain),
    ]
    evaluator._rule_options = {"TIME900": {}, "REACH900": {}}
    evaluator._counts = {"TIME900": True, "REACH900": True}
    legs = [LegStart(Span(float(day), float(day)), None, None, None) for day in range(4)]
    results = [evaluator.evaluate(rescuer, distressed, place, 2, leg=leg) for leg in legs]
    assert len(timed_runs) == len(legs), "a rule that read the timeline runs for every leg"
    assert len(plain_runs) == 1, "a rule that read nothing of the leg runs once for the rescue"
    assert len({id(t) for t in timed_runs}) == len(legs), "each leg's own timeline"
    for result in results:
        assert [f.message for f in result.findings] == ["probe TIME900", "probe REACH900"]
    # A direct rescue keeps nothing and reuses nothing; release() forgets what the legs kept.
    evaluator.evaluate(rescuer, distressed, place, 2)
    assert len(plain_runs) == 2
    evaluator.release(rescuer)
    evaluator.evaluate(rescuer, distressed, place, 2, leg=legs[0])
    assert len(plain_runs) == 3


def test_outcomes_kept_are_shared_not_their_findings(generated):
    """Each result stamps its own findings (reports and _explained change them)."""
    evaluator, rescuer, distressed, place = _plain_rescue(*generated)
    leg = LegStart(Span(0.0, 0.0), None, None, None)
    one = evaluator.evaluate(rescuer, distressed, place, 2, leg=leg)
    two = evaluator.evaluate(rescuer, distressed, place, 2, leg=leg)
    kept = [item[1] for stage in one.stages for item in stage._pending or ()]
    again = [item[1] for stage in two.stages for item in stage._pending or ()]
    assert kept and all(isinstance(outcome, Outcome) for outcome in kept)
    assert any(a is b for a, b in zip(kept, again, strict=True)), "the outcomes are the rule's, judged once"
    assert one.findings == two.findings
    assert all(a is not b for a, b in zip(one.findings, two.findings, strict=True))


def _stage_findings(result) -> dict[str, list[tuple]]:
    return {s.stage: [(f.code, f.verdict, f.message) for f in s.findings] for s in result.stages}


def test_a_leg_judged_until_it_fails_stops_after_that_stage_and_never_stands_for_a_whole_one(tmp_path):
    """A path search drops a leg that fails: its rules stop after the first failed stage (issue 28)."""
    from interop.rules.base import STAGE_NAMES
    from tests.spec_builders import element, interface, port, system, vehicle, write

    folder = write(
        tmp_path,
        interface("idss"),
        vehicle("lunar", [port("nose", "idss", "active")], regimes=["llo"], seats={"total": 4, "nominal_crew": 2}),
        vehicle("orbital", [port("nose", "idss", "passive")], regimes=["leo"], seats={"total": 4, "nominal_crew": 2}),
        vehicle("outpost", [port("aft", "idss", "passive")], regimes=["llo"], seats={"total": 4, "nominal_crew": 2}),
        system(
            "north",
            [element("lunar", stationed_at=["llo"]), element("orbital"), element("outpost", stationed_at=["llo"])],
        ),
    )
    catalog = load_catalog([folder]).catalog
    evaluator = Evaluator(catalog, World.build(catalog, ["north"]))
    lunar, orbital = catalog.vehicles["lunar"], catalog.vehicles["orbital"]
    leg, leo = LegStart(onward=Regime("llo")), Regime("leo")
    cut = evaluator.evaluate(lunar, orbital, leo, 2, leg=leg, until_failed=True)  # it cannot be at leo
    assert cut.verdict.value == "fail"
    assert [s.stage for s in cut.stages] == ["reach"]
    # The same leg asked whole is judged whole, not served the cut one kept for legs that repeat it.
    whole = evaluator.evaluate(lunar, orbital, leo, 2, leg=leg)
    assert [s.stage for s in whole.stages] == STAGE_NAMES
    assert _stage_findings(whole)["reach"] == _stage_findings(cut)["reach"]
    assert len(whole.findings) > len(cut.findings)
    again = evaluator.evaluate(lunar, orbital, leo, 2, leg=leg, until_failed=True)
    assert [s.stage for s in again.stages] == STAGE_NAMES  # the whole one serves a cut one, never the reverse
    # A leg that does not fail at once is judged whole either way.
    llo, outpost = Regime("llo"), catalog.vehicles["outpost"]
    fresh = Evaluator(catalog, World.build(catalog, ["north"]))
    held = fresh.evaluate(lunar, outpost, llo, 2, leg=LegStart(), until_failed=True)
    plain = Evaluator(catalog, World.build(catalog, ["north"])).evaluate(lunar, outpost, llo, 2, leg=LegStart())
    assert plain.verdict.value != "fail", [(s.stage, s.verdict.value) for s in plain.stages]
    assert _stage_findings(held) == _stage_findings(plain)
    assert [s.stage for s in held.stages] == STAGE_NAMES


def test_legs_judged_until_they_fail_change_no_matrix(generated, monkeypatch):
    catalog, systems = generated
    cut = _matrix_json(catalog, systems)
    evaluate = Evaluator.evaluate

    def whole(self, *args, until_failed=False, **options):
        return evaluate(self, *args, **options)

    monkeypatch.setattr(Evaluator, "evaluate", whole)
    assert _matrix_json(catalog, systems) == cut


def test_a_rescuer_that_loses_its_row_on_its_failed_stage_is_never_judged_whole(tmp_path, monkeypatch):
    """Rescuers judged until a stage fails that rank below the row's best on what that tells (the verdict, the
    timing, the stages passed) are not judged further; the best one is judged whole (issue 28)."""
    from interop.rules.base import STAGE_NAMES
    from tests.spec_builders import element, interface, port, system, vehicle, write

    seats = {"total": 4, "nominal_crew": 2}
    # Rescuers are tried in id order: "near" first, holding the row when the remote ones are tried.
    remote = [vehicle(f"remote{i}", [port("nose", "idss", "active")], regimes=["llo"], seats=seats) for i in range(5)]
    folder = write(
        tmp_path,
        interface("idss"),
        vehicle("near", [port("nose", "idss", "active")], regimes=["leo"], seats=seats),
        *remote,
        vehicle("orbital", [port("nose", "idss", "passive")], regimes=["leo"], seats=seats),
        system("north", [element("near"), *(element(f"remote{i}", stationed_at=["llo"]) for i in range(5))]),
        system("south", [element("orbital")]),
    )
    catalog = load_catalog([folder]).catalog
    judged: list[tuple[str, int]] = []
    judge = Evaluator._judge

    def recording(self, context, *args, **options):
        stages = judge(self, context, *args, **options)
        judged.append((context.rescuer.id, len(stages)))
        return stages

    monkeypatch.setattr(Evaluator, "_judge", recording)
    result = check_systems(catalog, "north", "south")
    row = next(r for d in result.directions if d.rescuer_system == "north" for r in d.rows)
    assert row.best is not None and row.best.rescuer == "near"
    assert [s.stage for s in row.best.stages] == STAGE_NAMES
    lengths = {length for rescuer, length in judged if rescuer.startswith("remote")}
    assert lengths == {1}, judged  # each remote one failed its reach, and ranked below "near" on that
    monkeypatch.setattr(Evaluator, "_judge", judge)
    render = renderer_for("systems", "json", ReportOptions())
    evaluate = Evaluator.evaluate
    monkeypatch.setattr(Evaluator, "evaluate", lambda self, *a, until_failed=False, **o: evaluate(self, *a, **o))
    assert render(check_systems(catalog, "north", "south")) == render(result)
