"""Rows evaluated on changed catalogs, for the planner's search (interop.engine.plan_search).

One catalog copy, world and evaluator per change set, kept for reuse by
every candidate evaluated on it; each row's direct rescues, a rescuer's
first leg of a path, and the whole row as ``check`` or ``scenario`` judges
it (paths of several legs and crew splits included), each kept for the
search, the pruning and the repair, which ask again.
"""

from __future__ import annotations

from dataclasses import dataclass

from interop.engine.paths import rank as _rank
from interop.engine.plan_candidates import Candidates
from interop.engine.plan_changes import Change, apply_changes
from interop.engine.rescue import EngineOptions, Evaluator
from interop.engine.results import RescueResult
from interop.engine.systems import rescuers_of
from interop.engine.timing import LegStart
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.finding import Verdict
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
    paths: int = 8
    """States of a row judged by the whole row, paths included (each a whole row's work), beyond the
    row before any change; past it, a path's first leg still proposes changes but opens no solution."""


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


@dataclass
class Context:
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
        directions: tuple[tuple[str, str], ...] = (),
        jobs: int | None = 1,
    ):
        self.catalog, self.options, self.systems, self.bounds, self.budget = catalog, options, systems, bounds, budget
        self.scenario = scenario
        self.base = base
        """Changes already chosen (for other rows) that every candidate here builds on."""
        self.directions = directions
        """The directions (rescuer system, distressed system) whose rows are planned."""
        self.jobs = jobs
        """Processes for a whole direction's rows (interop.engine.systems.evaluate_directions)."""
        self.runs = 0
        self._directions: dict[frozenset[Change], dict] = {}
        self._cache: dict[frozenset[Change], Context] = {}
        self._results: dict[tuple, list[RescueResult]] = {}
        self._rows: dict[tuple, list[RescueResult]] = {}

    def on_top(self, base: frozenset[Change]) -> Rows:
        rows = Rows(
            self.catalog,
            self.options,
            self.systems,
            self.bounds,
            self.budget,
            self.scenario,
            base,
            self.directions,
            self.jobs,
        )
        rows._cache, rows._results, rows._rows = self._cache, self._results, self._rows  # keyed by every change
        rows._directions = self._directions
        return rows

    def all_rows(self, changes: frozenset[Change]) -> dict:
        """Every row of :attr:`directions` as ``check`` gives it with ``changes``: (a, b) -> DirectionResult.

        Kept for the last two change sets asked (the plan's rows before any change, and with the changes
        chosen, which the verification reads); each row's best rescue is also kept for :meth:`whole_row`,
        which gives the same row (a row is worked out on its own).
        """
        from interop.engine.systems import evaluate_directions

        everything = self.base | changes
        found = self._directions.get(everything)
        if found is not None:
            return found
        context = self.context(changes)
        found = evaluate_directions(context.evaluator, context.catalog, list(self.directions), self.jobs)
        _remember(self._directions, everything, found, 2)
        return found

    def context(self, changes: frozenset[Change]) -> Context:
        everything = self.base | changes
        found = self._cache.get(everything)
        if found is not None:
            return found
        catalog = apply_changes(self.catalog, everything) if everything else self.catalog
        scenario = catalog.scenarios[self.scenario] if self.scenario else None
        world = World.build(catalog, self.systems, scenario)
        found = Context(catalog, world, Evaluator(catalog, world, self.options), Candidates(catalog, world))
        _remember(self._cache, everything, found, self.bounds.cache)
        return found

    def evaluate(self, goal: RowGoal, changes: frozenset[Change], rescuer: str | None = None) -> list[RescueResult]:
        key = (goal.key, goal.crew, self.base | changes, rescuer)
        found = self._results.get(key)
        if found is None:
            found = self._evaluate(goal, changes, rescuer)
            _remember(self._results, key, found, self.bounds.results)
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
        everything = self.base | changes
        whole = self._directions.get(everything)
        direction = whole.get((goal.rescuer_system, goal.distressed_system)) if whole is not None else None
        if direction is not None:
            return [
                row.best
                for row in direction.rows
                if row.distressed == goal.distressed and row.place == goal.place and row.best is not None
            ]
        key = (goal.key, goal.crew, everything)
        found = self._rows.get(key)
        if found is not None:
            return found
        context = self.context(changes)
        self.runs += 1
        self.budget.spend(1)
        direction = evaluate_direction(
            context.evaluator,
            context.catalog,
            goal.rescuer_system,
            goal.distressed_system,
            only=frozenset({goal.distressed}),
            at=Regime(goal.place),
        )
        found = [row.best for row in direction.rows if row.place == goal.place and row.best is not None]
        _remember(self._rows, key, found, self.bounds.results)
        return found

    def row(self, goal: RowGoal, changes: frozenset[Change]) -> list[RescueResult]:
        """The row as ``check`` (a system row) or ``scenario`` (a scenario's responders) judges it with
        ``changes``: best first, paths of several legs and crew splits included."""
        if self.scenario is None:
            return self.whole_row(goal, changes)
        key = (goal.key, goal.crew, self.base | changes, ("paths",))  # never a rescuer's id (a str)
        found = self._results.get(key)
        if found is None:
            from interop.engine.paths import scenario_paths

            context = self.context(changes)
            direct = self.evaluate(goal, changes)
            by_index = {r.rescuer: r for r in direct}
            scenario = context.catalog.scenarios[self.scenario]
            ordered_direct = [by_index[r.vehicle] for r in scenario.responders if r.vehicle in by_index]
            if len(ordered_direct) != len(scenario.responders):
                found = direct  # a responder named twice: its direct rescues, as evaluated
            else:
                self.runs += 1
                self.budget.spend(1)
                found = sorted(scenario_paths(context.evaluator, scenario, ordered_direct), key=_rank)
            _remember(self._results, key, found, self.bounds.results)
        return found

    def leg(self, goal: RowGoal, changes: frozenset[Change], carrier: str, onward: Regime) -> RescueResult:
        """``carrier``'s first leg of a path: it takes the crew from where it waits on to ``onward``, where
        another carrier takes it over (interop.engine.paths evaluates the same leg)."""
        key = (goal.key, goal.crew, self.base | changes, carrier, onward)
        found = self._results.get(key)
        if found is None:
            context = self.context(changes)
            catalog = context.catalog
            self.runs += 1
            self.budget.spend(1)
            start = LegStart(onward=onward)
            vehicle, distressed = catalog.vehicles[carrier], catalog.vehicles[goal.distressed]
            if self.scenario is not None:
                scenario = catalog.scenarios[self.scenario]
                result = context.evaluator.evaluate(
                    vehicle,
                    distressed,
                    scenario.distressed.at,
                    scenario.distressed.crew,
                    scenario=scenario,
                    responder_index=self.responder_index(catalog, carrier),
                    leg=start,
                )
            else:
                result = context.evaluator.evaluate(vehicle, distressed, Regime(goal.place), goal.crew or 1, leg=start)
            found = [result]
            _remember(self._results, key, found, self.bounds.results)
        return found[0]

    def onward_places(self, goal: RowGoal, changes: frozenset[Change], carrier: str) -> list[Regime]:
        """Where ``carrier`` could take the crew on to be taken home by another carrier of the row: the
        places it operates at, other than the crew's, where a carrier that returns to Earth operates too."""
        catalog = self.context(changes).catalog
        place = Regime(goal.place)
        if self.scenario is not None:
            others = [catalog.vehicles[r.vehicle] for r in catalog.scenarios[self.scenario].responders]
        else:
            others = rescuers_of(catalog, goal.rescuer_system or "")
        homeward = {
            regime
            for other in others
            if other.id not in (carrier, goal.distressed) and other.earth_return
            for regime in other.regimes or ()
        }
        return [r for r in catalog.vehicles[carrier].regimes or () if r is not place and r in homeward]

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


def _remember(cache: dict, key: object, value: object, bound: int) -> None:
    """Keep ``value`` under ``key``, dropping the oldest entry first when ``cache`` holds ``bound``."""
    if len(cache) >= bound:
        cache.pop(next(iter(cache)))
    cache[key] = value
