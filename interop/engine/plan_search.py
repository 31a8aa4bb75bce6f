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
   mates whatever an unpublished mechanism turns out to be). A rescuer that
   cannot bring the crew home may fly the first leg of a path; such states
   are judged by the whole row, paths of several legs included, as ``check``
   and ``scenario`` judge it (:meth:`interop.engine.plan_rows.Rows.row`).
2. The rows' cheapest solutions are combined into one set of changes sharing
   what rows have in common, by an exact search over the per-row
   alternatives when there are few enough, greedily otherwise (and the plan
   says so).
3. Rows that pass alone but fail together are planned again on top of the rest.

Ranking, everywhere: fewest requirements, then fewest hardware changes, then
fewest changes, then the changes themselves (deterministic).

Every evaluation of a change set reuses the world and evaluator built for
that set (a bounded cache, interop.engine.plan_rows), so that the many
candidates of a round that share a change set share their catalog copy,
world, mating caches and evaluator.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from interop.engine.plan_candidates import OutOfReachReason, blocking, requirement_of, waits_for_values
from interop.engine.plan_changes import Change, ChangeKind
from interop.engine.plan_rows import DEFAULT_BOUNDS, Bounds, Budget, Context, RowGoal, Rows
from interop.engine.results import RescueResult
from interop.model.finding import Condition, Verdict
from interop.model.vocabulary import Regime


@dataclass(frozen=True)
class RowPlan:
    """One way to fix a row: the changes and the values it then rests on."""

    changes: frozenset[Change]
    requirements: frozenset[Condition]
    rescuer: str | None = None
    """The rescuer the plan was found for (the one to ask first when checking it again)."""


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


State = tuple[frozenset[Change], str | None, Regime | None]
"""A search state: the changes so far, the rescuer they are for, and where that rescuer takes the crew on to
(None: home, a direct rescue; a place: the first leg of a path, which another carrier finishes)."""


def row_plans(rows: Rows, goal: RowGoal, notes: list[str]) -> tuple[list[RowPlan], list[OutOfReachReason]]:
    """The cheapest ways to fix ``goal``, and why not when there are none.

    A search state is a change set and the rescuer it is for: after the first
    round only that rescuer is evaluated again, since its changes were
    proposed by its own blocking findings. A rescuer whose direct rescue no
    change can fix (it cannot bring the crew home) may still fly the first leg
    of a path: its leg on to each place where another carrier that returns to
    Earth operates is evaluated, and its blockers propose changes too. Such a
    state is judged by the whole row as ``check`` (or ``scenario``) judges it,
    paths of several legs included; the legs after the first are taken as they
    are (their blockers propose nothing).
    """
    bounds = rows.bounds
    solutions: dict[frozenset[Change], RowPlan] = {}
    reasons: list[OutOfReachReason] = []
    frontier: list[State] = [(frozenset(), None, None)]
    seen: set[State] = set(frontier)
    extra_round = False

    judged = [0]

    def holds(changes: frozenset[Change]) -> bool:
        """Whether the whole row is solved with ``changes`` (within the ``paths`` bound)."""
        if judged[0] >= bounds.paths:
            notes.append(f"paths: {goal.subject}: {bounds.paths} states judged by the whole row, paths included")
            return False
        judged[0] += 1
        return solved(rows.row(goal, changes))

    def solution(changes: frozenset[Change], rescuer: str | None, whole: bool) -> None:
        kept = _minimised(rows, goal, changes, rescuer, whole)
        final = rows.row(goal, kept) if whole else rows.evaluate(goal, kept, rescuer)
        solutions.setdefault(kept, RowPlan(kept, requirements_of(final), final[0].rescuer))

    for _round in range(bounds.rounds):
        grown: list[State] = []

        for changes, rescuer, onward in frontier:
            if rows.budget.hit:
                break
            context = rows.context(changes)
            if onward is not None:
                assert rescuer is not None, "a path's first leg is flown by a named rescuer"
                leg = rows.leg(goal, changes, rescuer, onward)
                if leg.verdict is not Verdict.FAIL and holds(changes):
                    solution(changes, rescuer, True)
                _propose(rows, goal, context, leg, changes, onward, seen, grown, reasons)
                continue
            results = rows.evaluate(goal, changes, rescuer)
            if solved(results):
                solution(changes, results[0].rescuer, False)
            elif not changes and solved(rows.row(goal, changes)):
                solution(changes, None, True)  # a path, or a crew split, already holds
            for result in results[: bounds.rescuers]:
                if _propose(rows, goal, context, result, changes, None, seen, grown, reasons):
                    continue
                for place in rows.onward_places(goal, changes, result.rescuer):
                    leg = rows.leg(goal, changes, result.rescuer, place)
                    if leg.verdict is not Verdict.FAIL and changes and holds(changes):
                        solution(changes, result.rescuer, True)
                    _propose(rows, goal, context, leg, changes, place, seen, grown, reasons)
        if solutions:
            if extra_round:
                break
            extra_round = True  # one more round: hardware that lifts a requirement
        grown.sort(key=lambda state: (cost(state[0]), state[1] or "", state[2].value if state[2] else ""))
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


def _propose(
    rows: Rows,
    goal: RowGoal,
    context: Context,
    result: RescueResult,
    changes: frozenset[Change],
    onward: Regime | None,
    seen: set[State],
    grown: list[State],
    reasons: list[OutOfReachReason],
) -> bool:
    """Grow the states ``result``'s blockers propose; False (and the reason kept) when one proposes nothing."""
    scenario = None
    if rows.scenario is not None:
        index = rows.responder_index(context.catalog, result.rescuer)
        scenario = (rows.scenario, index) if index is not None else None
    system = rows.system_of(goal, context.catalog, result.rescuer)
    proposals = context.candidates.proposals(result, system, scenario)
    if proposals.blocked is not None:
        blocked = proposals.blocked
        where = f" (carrying the crew on to {onward.value})" if onward is not None else ""
        reasons.append(OutOfReachReason(blocked.code, f"{result.rescuer}{where}: {blocked.text}", blocked.needs))
        return False
    for combo in itertools.islice(itertools.product(*proposals.alternatives), rows.bounds.states):
        candidate = (changes.union(*combo), result.rescuer, onward)
        if candidate not in seen:
            seen.add(candidate)
            grown.append(candidate)
    return True


def _minimised(
    rows: Rows, goal: RowGoal, changes: frozenset[Change], rescuer: str | None, whole: bool = False
) -> frozenset[Change]:
    """``changes`` without those the row is as well off without: still solved, with no more requirements.

    A round applies one change per blocker at once, and lifting one blocker
    can make another's change needless (a docking path ends the spacewalk
    question). The most costly kinds are tried first. ``whole``: judged by the
    whole row (paths included, :meth:`Rows.row`), else by ``rescuer``'s direct rescue.
    """
    if not changes:
        return changes

    def judged(trial: frozenset[Change]) -> list[RescueResult]:
        return rows.row(goal, trial) if whole else rows.evaluate(goal, trial, rescuer)

    kept = set(changes)
    reference = requirements_of(judged(changes))
    for change in sorted(changes, key=Change.sort_key):
        trial = frozenset(kept - {change})
        results = judged(trial)
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
        return solved(rows.row(goal, chosen))

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
    # Each claimed row is judged on its own (Rows.row), not the whole matrix with every change first:
    # a removal makes the verification's change set another one, so that matrix was often thrown
    # away (docs/performance.md, round 11).
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
    results = rows.row(goal, changes)
    if not results:
        return (1, Verdict.FAIL.rank, 0)
    return (0 if solved(results) else 1, results[0].verdict.rank, len(requirements_of(results)))


__all__ = ["DEFAULT_BOUNDS", "Bounds", "Budget", "RowGoal", "RowPlan", "Rows", "combine", "cost", "row_plans"]
