"""What would it take: the smallest verified set of spec changes that makes rescue work.

A plan answers, for two systems (both directions, or one), or for a scenario:
which changes to the specs (hardware, a qualification, crew and procedure)
would turn every failing verdict into a pass, and on which unpublished values
the result then rests. The modules:

- :mod:`interop.engine.plan_changes`: the changes, the edits they apply and
  the patches that say them as data;
- :mod:`interop.engine.plan_candidates`: which changes could lift a blocking
  finding (physics, mating hardware, crew before seats);
- :mod:`interop.engine.plan_search`: the per-row search, the combination and
  the pruning;
- here: the public entry points and the verification.

The combined set is applied and the engine re-run on every row asked; the plan
is reported with the verdicts that re-run gives, never with the verdicts the
search expected. Its outcome is one of:

- ``reached``: every row passes (or passes on conditions) whatever the values
  nobody has published turn out to be;
- ``reached-if``: every row passes if the named values meet the named
  conditions (the plan's ``requirements``, each with who would publish it);
- ``not-reached``: some row stays out of reach, with the physical reason.

Publishing a value is not a change: ``changes`` never holds one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from interop.engine.plan_candidates import blocking, requirement_of, waits_for_values
from interop.engine.plan_changes import Change, ChangeKind, apply_changes, ordered, patch_of
from interop.engine.plan_search import DEFAULT_BOUNDS, Bounds, Budget, RowGoal, RowPlan, Rows, combine, prune, repair
from interop.engine.plan_search import row_plans as _row_plans
from interop.engine.rescue import EngineOptions
from interop.engine.results import RescueResult
from interop.engine.systems import collector_paused
from interop.load.catalog import Catalog
from interop.model.finding import Condition, ConditionField, ConditionOp, Position, Verdict


class Outcome(str, enum.Enum):
    REACHED = "reached"
    REACHED_IF = "reached-if"
    NOT_REACHED = "not-reached"


_PASSING = (Verdict.PASS, Verdict.CONDITIONAL)


@dataclass
class PlannedChange:
    change: Change
    position: Position | None
    unlocks: list[str]
    """The rows it is part of the plan for."""
    patch: list[dict] = field(default_factory=list)
    """The change as patch operations (interop.engine.plan_changes.patch_of)."""


@dataclass
class PlannedRequirement:
    condition: Condition
    rows: list[str]
    """The rows whose outcome rests on it."""


@dataclass
class RowOutcome:
    subject: str
    before: Verdict
    after: Verdict
    """The engine's verdict on the changed specs, nothing assumed (what ``interop check --specs`` gives)."""
    if_requirements: Verdict
    """The verdict with every requirement of the row met."""
    rescuer: str | None
    outcome: Outcome = Outcome.NOT_REACHED
    requirements: list[str] = field(default_factory=list)
    """Names of the values the row rests on."""
    conditions: list[Condition] = field(default_factory=list)
    """What those values must be (the condition records of the findings that wait for them)."""


@dataclass
class OutOfReach:
    subject: str
    reasons: list[str]
    """The blocking findings no nameable change lifts (code and why)."""
    needs: list[str] = field(default_factory=list)
    """What it would take that no spec change can declare: lander, propulsion-stage, different-vehicle."""


@dataclass
class PlanResult:
    asked: str
    """What was planned for: 'us-artemis <-> ru-lunar', 'us-artemis -> ru-lunar', 'scenario X'."""
    goal: str
    outcome: Outcome
    changes: list[PlannedChange]
    requirements: list[PlannedRequirement]
    rows: list[RowOutcome]
    out_of_reach: list[OutOfReach]
    bound_hit: list[str] = field(default_factory=list)
    systems: tuple[str, ...] = ()
    """The systems asked about (what ``interop check`` needs to give the same rows)."""

    @property
    def reached(self) -> bool:
        return self.outcome is Outcome.REACHED

    @property
    def hardware(self) -> int:
        return sum(1 for c in self.changes if c.change.kind is ChangeKind.HARDWARE)


# ------------------------------------------------------------------ systems


def _goals(rows: Rows, changes: frozenset[Change] = frozenset()):
    """Each row of the directions asked, with the row itself (the engine's, as check gives it)."""
    from interop.engine.systems import crews_of

    goals = []
    catalog = rows.context(changes).catalog
    for (a, b), direction in rows.all_rows(changes).items():
        crews = {v.id: crew for v, _places, crew in crews_of(catalog, b)}
        for row in direction.rows:
            goal = RowGoal(a, b, row.distressed, row.place, crews.get(row.distressed), row.verdict)
            goals.append((goal, row))
    return goals


@collector_paused()
def plan_systems(
    catalog: Catalog,
    system_a: str,
    system_b: str,
    *,
    one_way: bool = False,
    options: EngineOptions | None = None,
    bounds: Bounds = DEFAULT_BOUNDS,
    jobs: int | None = 1,
) -> PlanResult:
    """The smallest verified change set that makes A and B mutual (or, ``one_way``, A rescue B).

    ``jobs``: processes for the rows of whole directions (before, and with the changes chosen; None: every
    core, interop.engine.systems.evaluate_directions); the plan is the same whatever it is.

    The cycle collector is paused while it runs, as for a matrix: a plan evaluates thousands of rescues
    whose results and kept outcomes stay alive while it searches, and each collection walked them all
    again (a third of the CPU time of the 66 bundled same-era plans, docs/performance.md, round 10).
    The engine and the planner make no reference cycles: reference counting frees their garbage at once.
    """
    from interop.engine.systems import _require

    _require(catalog.systems, "transport system", system_a)
    _require(catalog.systems, "transport system", system_b)
    options = options or EngineOptions()
    directions = [(system_a, system_b)] if one_way else [(system_a, system_b), (system_b, system_a)]
    budget = Budget(bounds.evaluations)
    rows = Rows(catalog, options, [system_a, system_b], bounds, budget, directions=tuple(directions), jobs=jobs)
    goals = [goal for goal, _row in _goals(rows)]
    notes: list[str] = []
    per_row: list[list[RowPlan]] = []
    planned_for: list[RowGoal] = []
    out_of_reach: list[OutOfReach] = []
    to_search = [g for g in goals if g.verdict not in _PASSING and g.place != "?"]
    if len(to_search) > bounds.rows:
        notes.append(
            f"rows: searched the first {bounds.rows} of {len(to_search)} rows to fix; the rest are as they were"
        )
    for index, goal in enumerate(to_search):
        if index >= bounds.rows or budget.hit:
            continue
        plans, reasons = _row_plans(rows, goal, notes)
        if plans:
            per_row.append(plans)
            planned_for.append(goal)
        elif reasons or not budget.hit:
            out_of_reach.append(_out_of_reach(goal.subject, reasons))
    unlocks = _chosen(rows, planned_for, per_row, bounds, notes)
    asked = f"{system_a} -> {system_b}" if one_way else f"{system_a} <-> {system_b}"
    goal_text = (
        f"{system_a} can rescue every crew of {system_b}"
        if one_way
        else f"{system_a} and {system_b} can rescue each other's crews"
    )
    if budget.hit:
        notes.append(
            f"evaluations: the search's {bounds.evaluations} rescue evaluations are spent; rows not yet searched are as they were"
        )
    changed = rows.context(frozenset(unlocks)).catalog
    before = {g.key: g for g in goals}
    after = _goals(rows, frozenset(unlocks))
    outcomes = []
    for goal, row in after:
        old = before.get(goal.key)
        outcomes.append(
            _row_outcome(
                changed, options, goal.subject, old.verdict if old else Verdict.FAIL, row.verdict, row.best, row
            )
        )
    # A row the re-run reaches (a path the changes for other rows opened) is not out of reach.
    reached = {o.subject for o in outcomes if o.outcome is not Outcome.NOT_REACHED}
    out_of_reach = [o for o in out_of_reach if o.subject not in reached]
    return _result(catalog, asked, goal_text, unlocks, outcomes, out_of_reach, notes, (system_a, system_b))


def _chosen(rows: Rows, planned_for: list[RowGoal], per_row: list[list[RowPlan]], bounds: Bounds, notes) -> dict:
    choice = combine(per_row, bounds, notes)
    unlocks: dict[Change, list[str]] = {}
    for goal, plan in zip(planned_for, choice, strict=True):
        for change in plan.changes:
            unlocks.setdefault(change, []).append(goal.subject)
    repair(rows, planned_for, list(choice), unlocks, notes)
    return prune(rows, planned_for, unlocks)


def _out_of_reach(subject: str, reasons) -> OutOfReach:
    if not reasons:
        return OutOfReach(subject, ["no change the rules can name lifts its blocking findings"])
    needs = sorted({n for r in reasons for n in r.needs})
    return OutOfReach(subject, [f"{r.code} {r.text}" for r in reasons], needs)


def _row_outcome(catalog, options, subject, before, verdict, best: RescueResult | None, row=None) -> RowOutcome:
    """The row's outcome on the changed catalog: its verdict, and its verdict with its requirements met."""
    conditions = _conditions(best, row)
    names = sorted({n for c in conditions for n in c.names})
    rescuer = best.rescuer if best else None
    if verdict in _PASSING:
        return RowOutcome(subject, before, verdict, verdict, rescuer, Outcome.REACHED)
    if best is not None:
        solved = all(waits_for_values(f) for f in blocking(best))
        favourable = _assumed_verdict(best, names) if solved and names else verdict
    else:
        favourable = Verdict.PASS if names else verdict
    outcome = Outcome.REACHED_IF if favourable in _PASSING else Outcome.NOT_REACHED
    return RowOutcome(subject, before, verdict, favourable, rescuer, outcome, names, conditions)


def _assumed_verdict(best: RescueResult, names: list[str]) -> Verdict:
    """``best``'s verdict with the values ``names`` counted as meeting their rules (as ``--assume`` would)."""
    verdicts = []
    for finding in best.findings:
        if not finding.counts:
            continue
        if finding.missing and all(n in names for n in finding.missing):
            verdicts.append(Verdict.PASS)
        else:
            verdicts.append(finding.verdict)
    return Verdict.worst(verdicts)


def _conditions(best: RescueResult | None, row=None) -> list[Condition]:
    if best is None:
        wanted = getattr(row, "wanted", None) or []
        return [
            Condition(
                getattr(row, "note", "") or f"{w.name} is published",
                (ConditionField(w.kind, w.document, w.name),),
                ConditionOp.IS,
                None,
                rule="plan",
                publishers=tuple(w.publishers),
            )
            for w in wanted
        ]
    return [c for f in blocking(best) if waits_for_values(f) for c in requirement_of(f)]


def _result(catalog, asked, goal_text, unlocks, outcomes, out_of_reach, notes, systems=(), deciding=None) -> PlanResult:
    """The plan as reported. ``deciding``: the rows its outcome rests on (all rows, or a scenario's best responder)."""
    deciding = outcomes if deciding is None else deciding
    planned = [
        PlannedChange(change, _position_of(catalog, change), unlocks[change], patch_of(catalog, change))
        for change in ordered(unlocks)
    ]
    requirements: dict[tuple, PlannedRequirement] = {}
    for planned_change in planned:
        for condition in planned_change.change.requires:
            key = (condition.rule, condition.names, condition.text)
            requirements.setdefault(key, PlannedRequirement(condition, []))
            requirements[key].rows.extend(planned_change.unlocks)
    for row, condition in [(r, c) for r in deciding if r.outcome is Outcome.REACHED_IF for c in r.conditions]:
        key = (condition.rule, condition.names, condition.text)
        requirements.setdefault(key, PlannedRequirement(condition, []))
        if row.subject not in requirements[key].rows:
            requirements[key].rows.append(row.subject)
    for requirement in requirements.values():
        requirement.rows = list(dict.fromkeys(requirement.rows))
        if not requirement.condition.publishers:
            requirement.condition = _published(catalog, requirement.condition)
    if out_of_reach or not deciding or any(r.outcome is Outcome.NOT_REACHED for r in deciding):
        outcome = Outcome.NOT_REACHED
    elif requirements or any(r.outcome is Outcome.REACHED_IF for r in deciding):
        outcome = Outcome.REACHED_IF
    else:
        outcome = Outcome.REACHED
    ranked = sorted(requirements.values(), key=lambda r: (-len(r.rows), r.condition.rule, r.condition.names))
    return PlanResult(asked, goal_text, outcome, planned, ranked, outcomes, out_of_reach, sorted(set(notes)), systems)


# ------------------------------------------------------------------ scenarios


@collector_paused()
def plan_scenario(
    catalog: Catalog, scenario_id: str, *, options: EngineOptions | None = None, bounds: Bounds = DEFAULT_BOUNDS
) -> PlanResult:
    """The smallest verified change set that gives the scenario a responder that passes (or passes on conditions).

    A scenario that names no transport system is planned with the systems that
    hold its vehicles (adapters join the system of the responder that carries
    them; with none, only ports are proposed). The cycle collector is paused
    while it runs (see :func:`plan_systems`).
    """
    from interop.engine.systems import _require, _systems_holding, run_scenario

    scenario = _require(catalog.scenarios, "rescue scenario", scenario_id, catalog)
    options = options or EngineOptions()
    systems = [s for s in [scenario.distressed.system] + [r.system for r in scenario.responders] if s]
    vehicles = [scenario.distressed.vehicle] + [r.vehicle for r in scenario.responders]
    systems = systems or _systems_holding(catalog, *vehicles)
    budget = Budget(bounds.evaluations)
    rows = Rows(catalog, options, systems, bounds, budget, scenario=scenario_id)
    before = run_scenario(catalog, scenario_id, options)
    goal = RowGoal(
        None,
        scenario.distressed.system,
        scenario.distressed.vehicle,
        scenario.distressed.at.value,
        scenario.distressed.crew,
        before.verdict,
        scenario=scenario_id,
    )
    notes: list[str] = []
    out_of_reach: list[OutOfReach] = []
    unlocks: dict[Change, list[str]] = {}
    if before.verdict not in _PASSING and scenario.responders:
        plans, reasons = _row_plans(rows, goal, notes)
        if plans:
            unlocks = _chosen(rows, [goal], [plans], bounds, notes)
        else:
            out_of_reach.append(_out_of_reach(goal.subject, reasons))
    elif not scenario.responders:
        out_of_reach.append(OutOfReach(goal.subject, ["the scenario names no responder"]))
    if budget.hit:
        notes.append(f"evaluations: the search's {bounds.evaluations} rescue evaluations are spent")
    changed = apply_changes(catalog, frozenset(unlocks))
    after = run_scenario(changed, scenario_id, options)
    outcomes = []
    for old, new in zip(before.results, after.results, strict=True):
        outcomes.append(_row_outcome(changed, options, f"{goal.subject}: {old.rescuer}", old.verdict, new.verdict, new))
    # The scenario is reached when its best responder is: the outcome rests on that one alone.
    ranked = sorted(outcomes, key=lambda r: (list(Outcome).index(r.outcome), len(r.requirements)))
    if ranked and ranked[0].outcome is not Outcome.NOT_REACHED:
        out_of_reach = []
    return _result(
        catalog,
        goal.subject,
        f"some responder of {scenario_id} can bring the crew home",
        unlocks,
        outcomes,
        out_of_reach,
        notes,
        deciding=ranked[:1],
    )


def _published(catalog: Catalog, condition: Condition) -> Condition:
    """``condition`` with who would publish its values (the documents' publishers or operators)."""
    from interop.engine.systems import _published_by

    return _published_by(catalog, condition, {})


def _position_of(catalog: Catalog, change: Change) -> Position | None:
    document = catalog.table(change.document[0]).get(change.document[1]) if change.document[0] else None
    return catalog.locate(document, *change.path) if document is not None else None


__all__ = [
    "Bounds",
    "Change",
    "ChangeKind",
    "Outcome",
    "PlanResult",
    "apply_changes",
    "plan_scenario",
    "plan_systems",
]
