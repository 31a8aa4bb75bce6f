"""Rescues in several legs: the crew moved from vehicle to vehicle and place to place (docs/time.md).

Longer than 500 lines because the leg search, its bound and the shelters it
tries share one frontier and must be read together.

A lander takes a crew from low lunar orbit up to NRHO, where a capsule takes
it home; or it leaves the crew aboard a station there (a shelter), to wait
for the next capsule. Each leg is a rescue of its own, checked by the same
rules (the crew's holder is the "distressed" vehicle of the next leg) and
timed from the end of the one before. The search is bounded by construction:
at most ``max_legs`` legs and ``max_evaluations`` leg evaluations per crew,
and a result says when the second bound stopped it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from interop.engine.results import RescueResult, StageResult, Timing, joined_stages
from interop.engine.timing import HOURS_PER_DAY, LegStart, crew_supplies, shelter_supplies
from interop.engine.timings import timing_of
from interop.engine.world import HAVEN_TYPES
from interop.model.documents import RescueScenario, Vehicle
from interop.model.finding import Finding, Verdict
from interop.model.vocabulary import Regime
from interop.rules.base import STAGE_NAMES, STAGE_ORDER, Anchor, Domain, Stage, registry
from interop.rules.context import MatingMode
from interop.rules.timing import ZERO, Figure, LegTime, Source, Span

if TYPE_CHECKING:
    from interop.engine.rescue import Evaluator


class Rank(NamedTuple):
    """How good a rescue is, lower first: the order rows and scenario responders pick their best by.

    The verdict first (one that might make it beats one that cannot), then
    arriving in time (a margin of zero or more beats a short or unknown one),
    then fewer legs. Then the tie-break a planner would make: the rescuer
    that reaches the crew first (``arrival``: days from the call to the first
    leg's arrival, 0 for a vehicle stationed at the place or docked in the
    crew's stack; unknown last), so that a vehicle at or near the place wins
    over one that must launch. Then the one that gets furthest through the
    stages and has the fewest failures, unknowns and conditions: its findings
    explain the row best. The id comes last, only so that the order is total.
    """

    verdict: int
    late: int
    """0: a margin of zero or more; 1: short, or not known."""
    legs: int
    arrival: float
    """The first leg's latest arrival day, ``math.inf`` when it is not known."""
    stages_left: int
    """Minus how many stages pass in order before the first that does not."""
    failures: int
    unknowns: int
    conditions: int
    rescuer: str


def outranks(result: RescueResult, held: Rank | None) -> Rank | None:
    """``result``'s rank when it is better than ``held`` (always, when nothing is held); else None.

    A worse verdict loses whatever follows it in the rank, so such a result is not ranked at all
    (ranking counts its findings' facts).
    """
    if held is not None and result.verdict.rank > held.verdict:
        return None
    found = rank(result)
    return found if held is None or found < held else None


def rank(result: RescueResult) -> Rank:
    """The :class:`Rank` of one rescue (a direct one, a path, or a crew split)."""
    # Counted from the findings' facts: the findings of a rescue that loses its row are never stamped.
    failures, unknowns, conditions = result.tally()
    return Rank(*leading(result), failures, unknowns, conditions, result.rescuer)


def loses_on_leading(result: RescueResult, held: Rank | None) -> bool:
    """Whether ``result`` ranks below ``held`` on :func:`leading` alone: then it loses whatever its findings."""
    if held is None:
        return False
    first = leading(result)
    return first > held[: len(first)]


def leading(result: RescueResult) -> tuple[int, int, int, float, int]:
    """The fields of ``result``'s :class:`Rank` before its findings' counts: all that a rescue judged only
    until a stage failed tells (its verdict, timing and progress are those of the whole judgment)."""
    margin = result.margin_days
    first = result.leg_times[0] if result.leg_times else None
    arrival = first.arrival if first is not None else None
    return (
        result.verdict.rank,
        0 if margin is not None and margin >= 0 else 1,
        max(len(result.legs), 1),
        arrival.high if arrival is not None else math.inf,
        -result.progress,
    )


def deciding_field(better: Rank, worse: Rank) -> str | None:
    """The first field of two ranks that differs: what decided between them (None: equal)."""
    for name, a, b in zip(Rank._fields, better, worse, strict=True):
        if a != b:
            return name
    return None


MAX_EVALUATIONS = 120
"""Leg evaluations one crew's path search may spend (a count of work, not of time)."""


@dataclass(frozen=True)
class Carrier:
    """A vehicle that may fly a leg; in a scenario, the responder whose mission figures it flies with."""

    vehicle: Vehicle
    responder: int | None = None


@dataclass
class _Step:
    carrier: Vehicle
    result: RescueResult
    time: LegTime
    entry: int | None = None
    """The index of the carrier among the search's carriers (None: a shelter, not one of them)."""
    to_vehicle: str | None = None
    """What the crew is aboard at the end of the leg, when not the carrier (a station it docked at)."""
    moved: bool = False
    """True for the crew's move into a shelter where it is: no carrier flies, no rule judges it."""


@dataclass
class PathSearch:
    """A bounded search for paths of two or more legs to one crew.

    Three kinds of path: a carrier takes the crew on to another place, where
    the next carrier (or a station there) takes it over; a carrier, or a
    station where the crew is, shelters it at the same place until the next
    carrier comes (Apollo 13's lunar module); and, in a scenario, a shelter
    the scenario declares, from which the responders that name it take the
    crew home.
    """

    evaluator: Evaluator
    carriers: Sequence[Vehicle | Carrier]
    max_legs: int = 3
    max_evaluations: int = MAX_EVALUATIONS
    scenario: RescueScenario | None = None
    evaluations: int = 0
    bound_hit: bool = False
    found: list[RescueResult] = field(default_factory=list)
    owners: list[int | None] = field(default_factory=list)
    """For each path found, the index of the first of :attr:`carriers` that flies a leg of it."""

    def __post_init__(self) -> None:
        self._entries = [c if isinstance(c, Carrier) else Carrier(c) for c in self.carriers]
        self._crew_vehicle: str | None = None
        self._stopped: set[tuple] = set()

    def search(
        self, distressed: Vehicle, place: Regime, crew: int, stopped: Collection[int] = ()
    ) -> list[RescueResult]:
        """Every complete path of 2..max_legs legs found within the bound (unranked).

        ``stopped``: the indices of carriers whose direct rescue of this crew already failed before the
        carrying (:func:`stopped_before_carrying`): no first leg of theirs is evaluated again.
        """
        self._crew_vehicle = distressed.id
        for index in stopped:
            self._stopped.add((index, self._entries[index].vehicle.id, distressed.id, place, None, False))
        if self.max_legs >= 2:
            self._extend(distressed, place, crew, LegStart(), [], stayed=False)
            self._station_shelters(distressed, place, crew)
            self._declared_shelters(distressed, place, crew)
        return self.found

    def _evaluate(self, index: int | None, carrier: Vehicle, holder: Vehicle, place: Regime, crew: int, start):
        # Where the crew is and who comes for it: what a leg's reach, approach, mating and transfer depend on.
        # Once they fail, every leg of that carrier from there fails, wherever it would go next.
        meeting = (index, carrier.id, holder.id, place, start.shelter, start.later)
        if meeting in self._stopped:
            return None
        if self.evaluations >= self.max_evaluations:
            self.bound_hit = True
            return None
        self.evaluations += 1
        responder = self._entries[index].responder if index is not None else None
        # Every caller drops a leg that fails: its rules stop at the first stage that fails, which is
        # what stopped_before_carrying reads (the stages before the carrying come first).
        if self.scenario is not None:
            result = self.evaluator.evaluate(
                carrier,
                holder,
                place,
                crew,
                scenario=self.scenario,
                responder_index=responder,
                leg=start,
                until_failed=True,
            )
        else:
            result = self.evaluator.evaluate(carrier, holder, place, crew, leg=start, until_failed=True)
        if stopped_before_carrying(result):
            self._stopped.add(meeting)
        return result

    def _found(self, steps: list[_Step]) -> None:
        self.found.append(combine(steps))
        self.owners.append(next((step.entry for step in steps if step.entry is not None), None))

    def _extend(
        self, holder: Vehicle, place: Regime, crew: int, start: LegStart, steps: list[_Step], stayed: bool
    ) -> None:
        used = {step.entry for step in steps}
        for index, entry in enumerate(self._entries):
            carrier = entry.vehicle
            regimes = carrier.regimes or []
            if index in used or place not in regimes:
                continue
            if carrier.id == holder.id and (steps or self.scenario is None):
                continue  # in a scenario a responder may be another of the crew's kind (Shenzhou-22)
            if self.scenario is None and carrier.id == self._crew_vehicle:
                continue  # between systems an id is one vehicle: the one in distress carries no leg
            if steps and carrier.earth_return:
                final = self._evaluate(index, carrier, holder, place, crew, start)
                if final is not None and final.verdict is not Verdict.FAIL:
                    self._found([*steps, _Step(carrier, final, final_time(final), index)])
            if len(steps) + 2 > self.max_legs:
                continue
            # Somewhere else (the next place), or here, the carrier keeping the crew aboard: never two
            # shelters in a row at one place.
            onwards = [r for r in regimes if r is not place] + ([] if stayed else [place])
            if place in onwards and not self._fetched_from(place, used | {index}, holder):
                onwards.remove(place)  # a shelter helps only if another carrier can take the crew home from it
            for onward in onwards:
                leg_start = LegStart(start.crew_ready, start.supplies, start.shelter, onward, later=bool(steps))
                result = self._evaluate(index, carrier, holder, place, crew, leg_start)
                if result is None or result.verdict is Verdict.FAIL:
                    continue
                time = final_time(result)
                ready = time.end if time.end is not None else None
                chain = [*steps, _Step(carrier, result, time, index)]
                self._extend(carrier, onward, crew, self.next_start(time, ready, onward, None), chain, onward is place)
                if onward is place:
                    continue
                for shelter in self.shelters(carrier, onward):
                    self._extend(carrier, onward, crew, self.next_start(time, ready, onward, shelter), chain, True)

    def _fetched_from(self, place: Regime, used: set[int | None], holder: Vehicle) -> bool:
        """Whether a carrier not yet on the path can take a crew home from ``place``."""
        return any(
            index not in used
            and entry.vehicle.earth_return
            and place in (entry.vehicle.regimes or ())
            and entry.vehicle.id not in (holder.id, self._crew_vehicle if self.scenario is None else None)
            for index, entry in enumerate(self._entries)
        )

    def _station_shelters(self, distressed: Vehicle, place: Regime, crew: int) -> None:
        """A station at the crew's place that its own vehicle can dock at: the crew waits aboard on the
        station's supplies until a carrier comes (a crew sheltering at Gateway until the next Orion)."""
        evaluator = self.evaluator
        if self.max_legs < 2 or evaluator.docked_to(distressed, self.scenario) is not None:
            return  # a crew aboard a station already waits on its supplies: every rescue starts there
        if not self._fetched_from(place, set(), distressed):
            return  # no carrier could take the crew on from a station here: its move aboard is not judged
        own = crew_supplies(evaluator.world, distressed, crew, None, self.scenario)
        for station in self.stations_at(distressed, place):
            judged = self._judge_move(distressed, station, place, crew)
            if judged is None or any(f.verdict is Verdict.FAIL and f.counts for f in judged):
                continue  # the crew cannot get aboard: no path runs through this station
            supplies = crew_supplies(evaluator.world, station, crew, station, None)
            time = self._move(distressed, distressed, station, place, own)
            start = LegStart(ZERO, supplies, station.id, None, later=True)
            moved = _Step(distressed, _moved(time, judged), time, None, station.id, moved=True)
            self._extend(distressed, place, crew, start, [moved], True)

    def _judge_move(self, vehicle: Vehicle, station: Vehicle, place: Regime, crew: int) -> list[Finding] | None:
        """The rules' findings on the crew's own move into ``station`` (the module it docks at); None at the bound.

        Its vehicle flies the approach and docks as any rescuer would (the rules of :data:`MOVE_STAGES`, with
        the vehicle as the one that docks); the rules of the cabin air read which way the crew moves, so they
        are judged with the station's cabin taking the crew in from its vehicle.
        """
        docking = self._judged(vehicle, station, place, crew)
        if docking is None:
            return None
        evaluator = self.evaluator
        # The station's module nearest the docking that declares an air; the module itself when none does,
        # so that the air it waits for is named, not taken from the crew's own vehicle.
        cabin = evaluator.cabin_of(evaluator.plan(vehicle, station, place, None), station, station)
        boarding = self._judged(cabin, vehicle, place, crew)
        if boarding is None:
            return None
        rules = registry()
        found: list[Finding] = []
        for stage in STAGE_ORDER:
            if stage not in MOVE_STAGES:
                continue
            for source, directed in ((docking, False), (boarding, True)):
                for result_stage in source.stages:
                    if result_stage.stage != stage.value:
                        continue
                    found += [
                        f
                        for f in result_stage.findings
                        if f.code in rules and (rules[f.code].domain in DIRECTED_DOMAINS) is directed
                    ]
        return found

    def _judge_crossing(self, shelter: Vehicle, distressed: Vehicle, place: Regime, crew: int) -> list[Finding] | None:
        """The rules' findings on the crew crossing into a shelter docked where it is; None at the bound.

        The docking is there already: only the transfer stage is judged (the passage, the cabin air), with
        the shelter as the vehicle that takes the crew in from its vehicle or station.
        """
        taken = self._judged(shelter, distressed, place, crew)
        if taken is None:
            return None
        return [f for stage in taken.stages if stage.stage == Stage.TRANSFER.value for f in stage.findings]

    def _judged(self, carrier: Vehicle, holder: Vehicle, place: Regime, crew: int) -> RescueResult | None:
        """One evaluation counted against the bound, without stopping later legs of the carrier."""
        if self.evaluations >= self.max_evaluations:
            self.bound_hit = True
            return None
        self.evaluations += 1
        return self.evaluator.evaluate(carrier, holder, place, crew, scenario=self.scenario, leg=LegStart(onward=place))

    def stations_at(self, vehicle: Vehicle, place: Regime) -> list[Vehicle]:
        """One module of each station kept at ``place`` in the systems in play that ``vehicle`` can dock at."""
        evaluator, world = self.evaluator, self.evaluator.world
        found, seen = [], set()
        for vehicle_id, placements in sorted(world.placements.items()):
            station = evaluator.catalog.vehicles.get(vehicle_id)
            if station is None or station.vehicle_type not in HAVEN_TYPES or vehicle_id in seen:
                continue
            if not any(p.places and place in p.places for p in placements):
                continue
            plan = evaluator.plan(vehicle, station, place, None)
            if plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK):
                # The module it docks at, which the reports name (the first link that is not the station's own).
                docking = next((link.far.vehicle for link in plan.links if not link.permanent), station)
                found.append(docking)
                seen.update(world.assembly(vehicle_id))
        return found

    def _declared_shelters(self, distressed: Vehicle, place: Regime, crew: int) -> None:
        """A scenario's shelters: the crew moves in (it is docked where the crew is) or the shelter comes to
        it; then each responder that names it takes the crew home from it."""
        scenario = self.scenario
        if scenario is None:
            return
        evaluator = self.evaluator
        for number, shelter in enumerate(scenario.shelters):
            vehicle = evaluator.catalog.vehicles.get(shelter.vehicle)
            users = [
                index
                for index, entry in enumerate(self._entries)
                if entry.responder is not None and scenario.responders[entry.responder].shelter == shelter.vehicle
            ]
            if vehicle is None or not users:
                continue
            aboard = evaluator.docked_to(distressed, scenario)
            station = evaluator.catalog.vehicles.get(aboard) if aboard is not None else None
            if shelter.docked_to is not None or self._docked_with_crew(vehicle, distressed, station):
                crossing = self._judge_crossing(vehicle, distressed, place, crew)
                if crossing is None or any(f.verdict is Verdict.FAIL and f.counts for f in crossing):
                    continue  # the crew cannot cross into it: no path runs through this shelter
                own = crew_supplies(evaluator.world, distressed, crew, station, scenario)
                time = self._move(vehicle, distressed, vehicle, place, own)
                first = _Step(vehicle, _moved(time, crossing), time, moved=True)
                boarding = first.time.boarding or ZERO
                # Nobody flies it: the crew lives on the shelter's own life support from the move.
                kept = shelter_supplies(evaluator.world, vehicle, crew)
                supplies = Figure(
                    kept.days + boarding if kept.days is not None else None,
                    kept.source,
                    kept.anchor,
                    kept.missing,
                    f"{kept.note}, from the move",
                )
            else:
                result = self._evaluate(None, vehicle, distressed, place, crew, LegStart(onward=place))
                if result is None or result.verdict is Verdict.FAIL:
                    continue
                first = _Step(vehicle, result, final_time(result))
                boarding = first.time.boarding or ZERO
                onward = self.next_start(first.time, boarding, place, None).supplies
                assert onward is not None, "a leg's next start names the supplies the crew waits on"
                supplies = onward
            if shelter.life_support_hours is not None:
                stated = Span.of(shelter.life_support_hours).scaled(1 / HOURS_PER_DAY) + boarding
                anchor = Anchor(scenario, ("shelters", number, "life_support_hours"))
                supplies = Figure(stated, Source.STATED, anchor, note=f"the scenario's life support of {vehicle.id}")
            start = LegStart(boarding, supplies, None, None, later=True)
            for index in users:
                carrier = self._entries[index].vehicle
                final = self._evaluate(index, carrier, vehicle, place, crew, start)
                if final is not None and final.verdict is not Verdict.FAIL:
                    self._found([first, _Step(carrier, final, final_time(final), index)])

    def _docked_with_crew(self, shelter: Vehicle, distressed: Vehicle, station: Vehicle | None) -> bool:
        """Whether a docking of the systems or the scenario holds ``shelter`` at the crew's vehicle or the
        stack of the station it is aboard: the crew can move in at once, as through its own ``docked_to``."""
        world = self.evaluator.world
        reached = set(world.assembly(distressed.id))
        if station is not None:
            reached.update(world.assembly(station.id))
        return any(hold.vehicle in reached for hold in world.visits.get(shelter.id, ()))

    def _move(self, carrier: Vehicle, holder: Vehicle, into: Vehicle, place: Regime, supplies: Figure) -> LegTime:
        """The crew moving from ``holder`` into ``into`` where both are, aboard ``carrier``: no trip, no wait."""
        here = Figure(ZERO, Source.AT_PLACE, note=f"{holder.id} and {into.id} are at {place.value}")
        return LegTime(
            carrier=carrier.id,
            from_vehicle=holder.id,
            place=place.value,
            to_place=place.value,
            readiness=here,
            transit=here,
            supplies=supplies,
            onward=here,
            endurance=None,
            reserve=self.evaluator.options.time_reserve_days,
            launched=False,
            moved=True,
        )

    def next_start(self, time: LegTime, ready: Span | None, place: Regime, shelter: Vehicle | None) -> LegStart:
        """Where the next leg starts: when the crew gets there, and until when it can wait aboard what holds it."""
        if shelter is not None:
            world = self.evaluator.world
            own = crew_supplies(world, shelter, 0, shelter, None)
            days = own.days + ready if own.days is not None and ready is not None else None
            supplies = Figure(days, Source.STATION, own.anchor, own.missing, f"{shelter.id}'s supplies from arrival")
            return LegStart(ready or Span(0.0, 0.0), supplies, shelter.id, None, later=True)
        out = time.carrier_runs_out()
        endurance = time.endurance
        supplies = Figure(
            out,
            endurance.source if endurance is not None else Source.NONE,
            endurance.anchor if endurance is not None else None,
            endurance.missing if endurance is not None else f"{time.carrier}'s endurance",
            f"{time.carrier}'s supplies for everyone aboard",
        )
        return LegStart(ready or Span(0.0, 0.0), supplies, None, None, later=True)

    def shelters(self, carrier: Vehicle, place: Regime) -> list[Vehicle]:
        """Stations at ``place`` in the carrier's systems that it can dock with."""
        evaluator = self.evaluator
        found = []
        for station in evaluator.world.safe_havens(carrier, place):
            if station.vehicle_type not in HAVEN_TYPES:
                continue
            plan = evaluator.plan(carrier, station, place, None)
            if plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK):
                found.append(station)
        return found


LEG_FREE_STAGES = frozenset({Stage.REACH.value, Stage.APPROACH.value, Stage.MATE.value, Stage.TRANSFER.value})
"""The stages whose rules read nothing of where a leg goes next or when: the same for every leg of one
carrier to one crew where it is (interop.rules; the carry and return stages count the days on)."""


def stopped_before_carrying(result: RescueResult) -> bool:
    """Whether ``result`` fails in a stage before the carrying: no leg of its carrier from there can hold."""
    return any(stage.verdict is Verdict.FAIL for stage in result.stages if stage.stage in LEG_FREE_STAGES)


def holds_in_time(result: RescueResult) -> bool:
    """A rescue that holds and arrives with a margin of zero or more: no path of more legs ranks above it."""
    return result.verdict in (Verdict.PASS, Verdict.CONDITIONAL) and rank(result).late == 0


def scenario_paths(evaluator: Evaluator, scenario: RescueScenario, direct: list[RescueResult]) -> list[RescueResult]:
    """Each responder's best rescue: its direct one (``direct``, in responder order), or a path of several legs
    whose first carrier it is, or from a shelter it names, when that ranks above it (:class:`Rank`).

    One bounded search serves every responder; a row whose search stopped at the bound says so.
    """
    if all(holds_in_time(result) for result in direct) and not scenario.shelters:
        return direct
    vehicles = evaluator.catalog.vehicles
    carriers = [Carrier(vehicles[r.vehicle], i) for i, r in enumerate(scenario.responders)]
    search = PathSearch(evaluator, carriers, max_legs=evaluator.options.max_legs, scenario=scenario)
    stopped = [index for index, result in enumerate(direct) if stopped_before_carrying(result)]
    search.search(vehicles[scenario.distressed.vehicle], scenario.distressed.at, scenario.distressed.crew, stopped)
    best = list(direct)
    for path, owner in zip(search.found, search.owners, strict=True):
        if owner is None:
            continue
        responder = carriers[owner].responder
        assert responder is not None, "every carrier of a scenario is one of its responders"
        if rank(path) < rank(best[responder]):
            path.scenario, path.expected = scenario.id, scenario.responders[responder].expected
            best[responder] = path
    if search.bound_hit:
        for result in best:
            if not holds_in_time(result):
                result.search_bound = f"path search stopped after {search.evaluations} leg evaluations"
    return best


MOVE_STAGES = frozenset({Stage.APPROACH, Stage.MATE, Stage.TRANSFER})
"""What the crew's own move into a station where it is must pass: its vehicle approaches and docks, the crew
crosses. The carrying and the return are the next leg's (the crew stays aboard the station)."""

DIRECTED_DOMAINS = frozenset({Domain.ATMOSPHERE})
"""Rules that read which way the crew moves (from the crew's cabin into the rescuer's): for the crew's own
move they are judged with the station's cabin as the one that takes the crew in."""


def _moved(time: LegTime, judged: Sequence[Finding] = ()) -> RescueResult:
    """The result of a crew's move into a shelter where it is: ``judged``, the findings on getting aboard (a
    station it docks at), by stage; none for a shelter docked to it already. The next leg's rules do the rest."""
    stages = []
    for stage in STAGE_ORDER:
        findings = [f for f in judged if _stage_of(f) == stage.value]
        stages.append(StageResult(stage.value, Verdict.worst(f.verdict for f in findings if f.counts), findings))
    timing, legs = timing_of([time], [time.carrier], time.reserve)
    verdict = Verdict.worst(s.verdict for s in stages)
    result = RescueResult(time.carrier, time.from_vehicle, time.place, 0, verdict, stages, "none", legs=legs)
    result.timing = timing
    result.leg_times = [time]
    return result


def _stage_of(finding: Finding) -> str:
    rule = registry().get(finding.code)
    return rule.stage.value if rule is not None else ""


def final_time(result: RescueResult) -> LegTime:
    time = result.leg_times[0] if result.leg_times else None
    assert time is not None, "every evaluated rescue carries its leg's timeline"
    return time


def combine(steps: list[_Step]) -> RescueResult:
    """One result for a whole path: every leg's findings stage by stage, the worst verdict, the legs timed."""
    first = next((step.result for step in steps if not step.moved), steps[0].result)
    # Joined lazily: most paths found lose their row, and their legs' findings are never stamped.
    stages = joined_stages([step.result for step in steps], STAGE_NAMES)
    times = [step.time for step in steps]
    reserve = times[0].reserve
    timing, legs = timing_of(times, [step.to_vehicle or step.carrier.id for step in steps], reserve)
    combined = RescueResult(
        rescuer=first.rescuer,
        distressed=times[0].from_vehicle,
        place=times[0].place,
        crew=first.crew,
        verdict=Verdict.worst(s.verdict for s in stages),
        stages=stages,
        mating_mode=first.mating_mode,
        path=list(first.path),
        adapters=list(dict.fromkeys(a for step in steps for a in step.result.adapters)),
        legs=legs,
        timing=timing,
        steps=[step.result for step in steps],
    )
    combined.leg_times = times
    return combined


SEATS_RULE = "CREW002"
"""The rule whose failure (too few free seats) a split of the crew among carriers answers."""


@dataclass
class CrewSplit:
    """A bounded search for two carriers that share a crew no one of them can seat (``rescues`` on a row)."""

    evaluator: object
    carriers: list[Vehicle]
    max_evaluations: int = MAX_EVALUATIONS
    evaluations: int = 0
    bound_hit: bool = False

    def search(self, distressed: Vehicle, place: Regime, crew: int) -> list[RescueResult]:
        """Every split of ``crew`` into two shares, each carried by a different carrier, whose shares all hold."""
        found = []
        shares: dict[tuple[str, int], RescueResult | None] = {}
        for first_index, first in enumerate(self.carriers):
            for second in self.carriers[first_index + 1 :]:
                for share in range(1, crew):
                    one = self._share(shares, first, distressed, place, share)
                    two = self._share(shares, second, distressed, place, crew - share)
                    if one is None or two is None:
                        continue
                    if Verdict.FAIL not in (one.verdict, two.verdict):
                        found.append(split_result([one, two], crew))
        return found

    def _share(self, shares, carrier: Vehicle, distressed: Vehicle, place: Regime, crew: int):
        key = (carrier.id, crew)
        if key not in shares:
            if place not in (carrier.regimes or ()) or self.evaluations >= self.max_evaluations:
                self.bound_hit = self.bound_hit or place in (carrier.regimes or ())
                return None
            self.evaluations += 1
            shares[key] = self.evaluator.evaluate(carrier, distressed, place, crew)  # type: ignore[attr-defined]
        return shares[key]


def needs_seats(result: RescueResult) -> bool:
    """Whether too few free seats is among what fails ``result``."""
    return any(f.code == SEATS_RULE and f.verdict is Verdict.FAIL and f.counts for f in result.findings)


def split_result(shares: list[RescueResult], crew: int) -> RescueResult:
    """One result for a crew split among carriers: the worst share decides; each share keeps its own."""
    worst = max(shares, key=lambda r: (r.verdict.rank, -(r.margin_days if r.margin_days is not None else -1e9)))
    stages = joined_stages(shares, STAGE_NAMES)
    timing = _split_timing(shares, worst)
    combined = RescueResult(
        rescuer=shares[0].rescuer,
        distressed=shares[0].distressed,
        place=shares[0].place,
        crew=crew,
        verdict=Verdict.worst(s.verdict for s in shares),
        stages=stages,
        mating_mode=shares[0].mating_mode,
        path=list(shares[0].path),
        adapters=list(dict.fromkeys(a for share in shares for a in share.adapters)),
        legs=list(worst.legs),
        timing=timing,
        rescues=list(shares),
    )
    combined.leg_times = list(worst.leg_times)
    return combined


def _split_timing(shares: list[RescueResult], worst: RescueResult) -> Timing | None:
    """The split's time: every share must arrive, so each margin is the smallest of the shares'.

    The figures and events are the deciding share's (the one the row's legs
    show); the margin, its best case and the limiting figure are the share
    whose margin is smallest, named as that share's when it is another one.
    Any share's margin unknown leaves the split's unknown.
    """
    timing = worst.timing
    if timing is None:
        return None
    from dataclasses import replace

    timings = [share.timing for share in shares]
    if any(t is None or t.margin_days is None for t in timings):
        return replace(timing, margin_days=None, margin_days_best=None, margin_leg=None, margin_limit="")
    known = [t for t in timings if t is not None]
    limiting_share, limiting = min(
        zip(shares, known, strict=True), key=lambda pair: (pair[1].margin_days, pair[0] is not worst)
    )
    bests = [t.margin_days_best for t in known]
    returns = [t.return_margin_days for t in known]
    same = limiting_share is worst
    return replace(
        timing,
        margin_days=limiting.margin_days,
        margin_days_best=None if any(b is None for b in bests) else min(b for b in bests if b is not None),
        ranged=any(t.ranged for t in known),
        return_margin_days=None if any(r is None for r in returns) else min(r for r in returns if r is not None),
        margin_leg=limiting.margin_leg if same else None,
        margin_limit=limiting.margin_limit
        if same or not limiting.margin_limit
        else (f"{limiting_share.rescuer}'s share: {limiting.margin_limit}"),
    )
