"""The search: per row, the cheapest change sets that lift its blockers; then one plan for all rows.

1. Each row (a crew of the distressed system at one place, or a scenario's
   responders) is searched on its own, breadth-first by rounds: the
   rescuers' blocking findings each propose alternatives
   (interop.engine.plan_candidates); one alternative per finding is applied to
   a copy of the catalog in memory and the row evaluated again, since a change
   can uncover a further blocker. A state whose rescuer has no FAIL left is a
   solution: reached, or reached only if the values it waits for are right
   (its requirements). The search goes on one round past its first
   solutions, for hardware that removes a requirement (a docking port that
   mates whatever an unpublished mechanism turns out to be).
2. The rows' cheapest solutions are combined into one set of changes sharing
   what rows have in common, by an exact search over the per-row
   alternatives when there are few enough, greedily otherwise (and the plan
   says so).
3. Rows that pass alone but fail together are planned again on top of the rest.

Ranking, everywhere: fewest requirements, then fewest hardware changes, then
fewest changes, then the changes themselves (deterministic).

Every evaluation of a change set reuses the world and evaluator built for
that set (a bounded cache), so that the many candidates of a round that share
a change set share their catalog copy, world, mating caches and evaluator.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from interop.engine.plan_candidates import Candidates, OutOfReachReason, blocking, requirement_of, waits_for_values
from interop.engine.plan_changes import Change, ChangeKind, apply_changes
from interop.engine.rescue import EngineOptions, Evaluator
from interop.engine.results import RescueResult
from interop.engine.systems import _rank, rescuers_of
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.finding import Condition, Verdict
from interop.model.vocabulary import Regime


@dataclass(frozen=True)
class Bounds:
    """What keeps the search finite on large catalogs; a plan names each bound it hits (``bounds_hit``)."""

    rounds: int = 3
    """Rounds of change-and-re-evaluate per row."""
    rescuers: int = 4
    """Best rescuers of a row whose blockers propose changes, per round."""
    states: int = 64
    """Candidate change sets kept per row and round."""
    alternatives: int = 6
    """Cheapest plans kept per row for combining."""
    combinations: int = 4096
    """Combinations of per-row plans tried when combining; beyond it, greedy."""
    rows: int = 400
    """Rows searched in all; rows beyond it are left as they are, and the plan says how many."""
    evaluations: int = 20_000
    """Rescue evaluations in all; past it, rows still to search are left as they are."""
    cache: int = 96
    """Change sets whose catalog copy, world and evaluator are kept for reuse."""
    results: int = 128
    """Evaluations of a row on a change set kept for reuse (the search, pruning and repair ask again)."""


DEFAULT_BOUNDS = Bounds()


@dataclass
class RowGoal:
    """A verdict to fix: a crew of the distressed system at one place, rescued by the other."""

    rescuer_system: str | None
    distressed_system: str | None
    distressed: str
    place: str
    crew: int | None
    verdict: Verdict
    scenario: str | None = None

    @property
    def subject(self) -> str:
        if self.scenario is not None:
            return f"scenario {self.scenario}"
        return f"{self.distressed} @ {self.place}, rescued by {self.rescuer_system}"

    @property
    def key(self) -> tuple:
        return (self.rescuer_system, self.distressed, self.place, self.scenario)


@dataclass(frozen=True)
class RowPlan:
    """One way to fix a row: the changes and the values it then rests on."""

    changes: frozenset[Change]
    requirements: frozenset[Condition]
    rescuer: str | None = None
    """The rescuer the plan was found for (the one to ask first when checking it again)."""


@dataclass
class Budget:
    """The work left, counted in evaluations (never in seconds, so a report is the same everywhere)."""

    evaluations: int
    hit: bool = False

    def spend(self, count: int) -> bool:
        self.evaluations -= count
        if self.evaluations < 0:
            self.hit = True
        return not self.hit


def cost(changes, requirements=()) -> tuple:
    hardware = sum(1 for c in changes if c.kind is ChangeKind.HARDWARE)
    return (len(requirements), hardware, len(changes), tuple(sorted(c.sort_key() for c in changes)))


def requirements_of(results: list[RescueResult]) -> frozenset[Condition]:
    """The condition records the best result waits on."""
    best = results[0]
    return frozenset(c for f in blocking(best) if waits_for_values(f) for c in requirement_of(f))


def solved(results: list[RescueResult]) -> bool:
    """The best rescuer has no counted FAIL that no value could lift: reached, or reached if values are right."""
    return bool(results) and all(waits_for_values(f) for f in blocking(results[0]))


@dataclass
class _Context:
    catalog: Catalog
    world: World
    evaluator: Evaluator
    candidates: Candidates


class Rows:
    """Evaluates rows on changed catalogs, reusing one world and evaluator per change set."""

    def __init__(
        self,
        catalog: Catalog,
        options: EngineOptions,
        systems: list[str],
        bounds: Bounds,
        budget: Budget,
        scenario: str | None = None,
        base: frozenset[Change] = frozenset(),
    ):
        self.catalog, self.options, self.systems, self.bounds, self.budget = catalog, options, systems, bounds, budget
        self.scenario = scenario
        self.base = base
        """Changes already chosen (for other rows) that every candidate here builds on."""
        self.runs = 0
        self._cache: dict[frozenset[Change], _Context] = {}
        self._results: dict[tuple, list[RescueResult]] = {}

    def on_top(self, base: frozenset[Change]) -> Rows:
        return Rows(self.catalog, self.options, self.systems, self.bounds, self.budget, self.scenario, base)

    def context(self, changes: frozenset[Change]) -> _Context:
        everything = self.base | changes
        found = self._cache.get(everything)
        if found is not None:
            return found
        catalog = apply_changes(self.catalog, everything) if everything else self.catalog
        scenario = catalog.scenarios[self.scenario] if self.scenario else None
        world = World.build(catalog, self.systems, scenario)
        found = _Context(catalog, world, Evaluator(catalog, world, self.options), Candidates(catalog, world))
        if len(self._cache) >= self.bounds.cache:
            self._cache.pop(next(iter(self._cache)))
        self._cache[everything] = found
        return found

    def evaluate(self, goal: RowGoal, changes: frozenset[Change], rescuer: str | None = None) -> list[RescueResult]:
        key = (goal.key, goal.crew, self.base | changes, rescuer)
        found = self._results.get(key)
        if found is None:
            found = self._evaluate(goal, changes, rescuer)
            if len(self._results) >= self.bounds.results:
                self._results.pop(next(iter(self._results)))
            self._results[key] = found
        return found

    def _evaluate(self, goal: RowGoal, changes: frozenset[Change], rescuer: str | None) -> list[RescueResult]:
        context = self.context(changes)
        catalog = context.catalog
        distressed = catalog.vehicles[goal.distressed]
        if self.scenario is not None:
            scenario = catalog.scenarios[self.scenario]
            picked = [(i, r.vehicle) for i, r in enumerate(scenario.responders) if rescuer in (None, r.vehicle)]
            self.runs += len(picked)
            self.budget.spend(len(picked))
            results = [
                context.evaluator.evaluate(
                    catalog.vehicles[vehicle],
                    distressed,
                    scenario.distressed.at,
                    scenario.distressed.crew,
                    scenario=scenario,
                    responder_index=i,
                )
                for i, vehicle in picked
            ]
            return sorted(results, key=_rank)
        rescuers = [r for r in rescuers_of(catalog, goal.rescuer_system or "") if r.id != goal.distressed]
        if rescuer is not None:
            rescuers = [r for r in rescuers if r.id == rescuer]
        self.runs += len(rescuers)
        self.budget.spend(len(rescuers))
        results = [context.evaluator.evaluate(r, distressed, Regime(goal.place), goal.crew or 1) for r in rescuers]
        return sorted(results, key=_rank)

    def whole_row(self, goal: RowGoal, changes: frozenset[Change]) -> list[RescueResult]:
        """The row as ``check`` reports it with ``changes``: its best rescue, paths and crew splits included."""
        from interop.engine.systems import evaluate_direction

        if goal.rescuer_system is None or goal.distressed_system is None:
            return []
        context = self.context(changes)
        self.runs += 1
        self.budget.spend(1)
        direction = evaluate_direction(
            context.evaluator,
            context.catalog,
            goal.rescuer_system,
            goal.distressed_system,
            only=frozenset({goal.distressed}),
        )
        return [row.best for row in direction.rows if row.place == goal.place and row.best is not None]

    def responder_index(self, catalog: Catalog, rescuer: str) -> int | None:
        if self.scenario is None:
            return None
        responders = catalog.scenarios[self.scenario].responders
        return next((i for i, r in enumerate(responders) if r.vehicle == rescuer), None)

    def system_of(self, goal: RowGoal, catalog: Catalog, rescuer: str) -> str | None:
        """The system whose elements an adapter for ``rescuer`` joins (None: no adapter can be proposed)."""
        if self.scenario is None:
            return goal.rescuer_system
        scenario = catalog.scenarios[self.scenario]
        stated = next((r.system for r in scenario.responders if r.vehicle == rescuer and r.system), None)
        if stated:
            return stated
        holding = [s for s in sorted(catalog.systems) if any(e.vehicle == rescuer for e in catalog.systems[s].elements)]
        return holding[0] if holding else None


def row_plans(rows: Rows, goal: RowGoal, notes: list[str]) -> tuple[list[RowPlan], list[OutOfReachReason]]:
    """The cheapest ways to fix ``goal``, and why not when there are none.

    A search state is a change set and the rescuer it is for: after the first
    round only that rescuer is evaluated again, since its changes were
    proposed by its own blocking findings.
    """
    bounds = rows.bounds
    solutions: dict[frozenset[Change], RowPlan] = {}
    reasons: list[OutOfReachReason] = []
    frontier: list[tuple[frozenset[Change], str | None]] = [(frozenset(), None)]
    seen: set[tuple[frozenset[Change], str | None]] = set(frontier)
    extra_round = False
    for _round in range(bounds.rounds):
        grown: list[tuple[frozenset[Change], str | None]] = []
        for changes, rescuer in frontier:
            if rows.budget.hit:
                break
            results = rows.evaluate(goal, changes, rescuer)
            if solved(results):
                kept = _minimised(rows, goal, changes, results[0].rescuer)
                final = rows.evaluate(goal, kept, results[0].rescuer)
                solutions.setdefault(kept, RowPlan(kept, requirements_of(final), results[0].rescuer))
            context = rows.context(changes)
            for result in results[: bounds.rescuers]:
                scenario = None
                if rows.scenario is not None:
                    index = rows.responder_index(context.catalog, result.rescuer)
                    scenario = (rows.scenario, index) if index is not None else None
                system = rows.system_of(goal, context.catalog, result.rescuer)
                proposals = context.candidates.proposals(result, system, scenario)
                if proposals.blocked is not None:
                    reasons.append(
                        OutOfReachReason(
                            proposals.blocked.code,
                            f"{result.rescuer}: {proposals.blocked.text}",
                            proposals.blocked.needs,
                        )
                    )
                    continue
                for combo in itertools.islice(itertools.product(*proposals.alternatives), bounds.states):
                    candidate = (changes.union(*combo), result.rescuer)
                    if candidate not in seen:
                        seen.add(candidate)
                        grown.append(candidate)
        if solutions:
            if extra_round:
                break
            extra_round = True  # one more round: hardware that lifts a requirement
        grown.sort(key=lambda state: (cost(state[0]), state[1] or ""))
        if len(grown) > bounds.states:
            notes.append(
                f"states: {goal.subject}: kept the {bounds.states} cheapest of {len(grown)} change sets in a round"
            )
        frontier = grown[: bounds.states]
        if not frontier:
            break
    else:
        if not solutions and frontier:
            notes.append(f"rounds: {goal.subject}: no plan within {bounds.rounds} rounds of changes")
    ranked = sorted(solutions.values(), key=lambda p: cost(p.changes, p.requirements))
    unique_reasons = {(r.code, r.text): r for r in reasons}
    return ranked[: bounds.alternatives], [unique_reasons[k] for k in sorted(unique_reasons)]


def _minimised(rows: Rows, goal: RowGoal, changes: frozenset[Change], rescuer: str) -> frozenset[Change]:
    """``changes`` without those the row is as well off without: still solved, with no more requirements.

    A round applies one change per blocker at once, and lifting one blocker
    can make another's change needless (a docking path ends the spacewalk
    question). The most costly kinds are tried first.
    """
    if not changes:
        return changes
    kept = set(changes)
    reference = requirements_of(rows.evaluate(goal, changes, rescuer))
    for change in sorted(changes, key=Change.sort_key):
        trial = frozenset(kept - {change})
        results = rows.evaluate(goal, trial, rescuer)
        if solved(results) and len(requirements_of(results)) <= len(reference):
            kept.discard(change)
    return frozenset(kept)


def combine(options_per_row: list[list[RowPlan]], bounds: Bounds, notes: list[str]) -> tuple[RowPlan, ...]:
    """One plan per row, chosen so that their union is cheapest.

    Exact (every combination) when there are at most ``bounds.combinations``;
    otherwise greedy: rows with the fewest alternatives first, each taking the
    alternative that adds least to what is already chosen. The plan then says so.
    """
    count = 1
    for alternatives in options_per_row:
        count *= max(len(alternatives), 1)
        if count > bounds.combinations:
            break

    def union_cost(choice) -> tuple:
        changes = frozenset().union(*(p.changes for p in choice))
        requirements = frozenset().union(*(p.requirements for p in choice))
        return cost(changes, requirements)

    if count <= bounds.combinations:
        best: tuple[RowPlan, ...] = ()
        best_cost = None
        for choice in itertools.product(*options_per_row):
            value = union_cost(choice)
            if best_cost is None or value < best_cost:
                best, best_cost = choice, value
        return best
    notes.append(
        f"combinations: more than {bounds.combinations} combinations of the rows' plans; chosen greedily, so the plan may not be the smallest"
    )
    chosen: dict[int, RowPlan] = {}
    for index in sorted(range(len(options_per_row)), key=lambda i: (len(options_per_row[i]), i)):
        picked = list(chosen.values())
        chosen[index] = min(options_per_row[index], key=lambda alternative: union_cost([*picked, alternative]))
    return tuple(chosen[i] for i in range(len(options_per_row)))


def repair(
    rows: Rows, goals: list[RowGoal], plans: list[RowPlan], unlocks: dict, notes: list[str], passes: int = 2
) -> None:
    """Rows that pass alone can fail together (another row's adapter opens a shorter path through a
    narrower passage): plan such rows again on top of everything chosen, up to ``passes`` times.

    A row is asked first of the rescuer its plan was found for (one evaluation, not one per rescuer)."""

    def still_solved(goal: RowGoal, plan: RowPlan, chosen: frozenset[Change]) -> bool:
        if plan.rescuer is not None and solved(rows.evaluate(goal, chosen, plan.rescuer)):
            return True
        return solved(rows.evaluate(goal, chosen))

    for _pass in range(passes):
        chosen = frozenset(unlocks)
        failing = [goal for goal, plan in zip(goals, plans, strict=True) if not still_solved(goal, plan, chosen)]
        if not failing or rows.budget.hit:
            return
        on_top = rows.on_top(chosen)
        for goal in failing:
            again, _reasons = row_plans(on_top, goal, notes)
            if again:
                for change in again[0].changes:
                    unlocks.setdefault(change, []).append(goal.subject)
                notes.append(f"repair: {goal.subject}: planned again on top of the other rows' changes")


def prune(rows: Rows, goals: list[RowGoal], unlocks: dict[Change, list[str]]) -> dict[Change, list[str]]:
    """No change whose removal keeps every row it claims as well off (solved, no more requirements).

    Tried most costly first, on the rows each change claims, and again until
    a pass removes nothing (a change kept while another stood may be needless
    once that other is gone); at most one pass per change.
    """
    by_subject = {goal.subject: goal for goal in goals}
    kept = dict(unlocks)
    for _pass in range(len(unlocks)):
        removed = False
        for change in sorted(kept, key=Change.sort_key):
            if rows.budget.hit:
                return kept
            claimed = [by_subject[s] for s in dict.fromkeys(kept[change]) if s in by_subject]
            with_it = frozenset(kept)
            without = frozenset(kept) - {change}
            if all(_as_well(rows, goal, with_it, without) for goal in claimed):
                del kept[change]
                removed = True
        if not removed:
            break
    return kept


def _as_well(rows: Rows, goal: RowGoal, with_it: frozenset[Change], without: frozenset[Change]) -> bool:
    """Whether the row is as well off without the change: as solved, no worse a verdict, no more requirements."""
    return _standing(rows, goal, without) <= _standing(rows, goal, with_it)


def _standing(rows: Rows, goal: RowGoal, changes: frozenset[Change]) -> tuple[int, int, int]:
    """Lower is better: unsolved, the verdict's rank, how many condition records the row rests on.

    A system row is judged as ``check`` reports it: the engine's whole row,
    its best rescue among every rescuer, paths of several legs and crew splits
    included (a change the direct rescues need may be needless once a path
    reaches the row). A scenario row is its responders' rescues.
    """
    results = rows.whole_row(goal, changes) if goal.scenario is None else rows.evaluate(goal, changes)
    if not results:
        return (1, Verdict.FAIL.rank, 0)
    return (0 if solved(results) else 1, results[0].verdict.rank, len(requirements_of(results)))


__all__ = ["DEFAULT_BOUNDS", "Bounds", "Budget", "RowGoal", "RowPlan", "Rows", "combine", "cost", "row_plans"]
