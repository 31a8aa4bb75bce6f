"""Rescues in several legs: the crew moved from vehicle to vehicle and place to place (docs/time.md).

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
from dataclasses import dataclass, field
from typing import NamedTuple

from interop.engine.results import RescueResult, StageResult
from interop.engine.timing import LegStart, crew_supplies, timing_of
from interop.engine.world import HAVEN_TYPES
from interop.model.documents import Vehicle
from interop.model.finding import Verdict
from interop.model.vocabulary import Regime
from interop.rules.base import STAGE_ORDER
from interop.rules.context import MatingMode
from interop.rules.timing import Figure, LegTime, Source, Span


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


def rank(result: RescueResult) -> Rank:
    """The :class:`Rank` of one rescue (a direct one, a path, or a crew split)."""
    failures = unknowns = 0
    for finding in result.findings:
        if finding.counts:
            if finding.verdict is Verdict.FAIL:
                failures += 1
            elif finding.verdict is Verdict.UNKNOWN:
                unknowns += 1
    margin = result.margin_days
    first = result.leg_times[0] if result.leg_times else None
    arrival = first.arrival if first is not None else None
    return Rank(
        result.verdict.rank,
        0 if margin is not None and margin >= 0 else 1,
        max(len(result.legs), 1),
        arrival.high if arrival is not None else math.inf,
        -result.progress,
        failures,
        unknowns,
        len(result.conditions),
        result.rescuer,
    )


def deciding_field(better: Rank, worse: Rank) -> str | None:
    """The first field of two ranks that differs: what decided between them (None: equal)."""
    for name, a, b in zip(Rank._fields, better, worse, strict=True):
        if a != b:
            return name
    return None


MAX_EVALUATIONS = 120
"""Leg evaluations one crew's path search may spend (a count of work, not of time)."""


@dataclass
class _Step:
    carrier: Vehicle
    result: RescueResult
    time: LegTime


@dataclass
class PathSearch:
    """A bounded search for paths of two or more legs to one crew."""

    evaluator: object
    """The interop.engine.rescue.Evaluator the legs are evaluated with."""
    carriers: list[Vehicle]
    max_legs: int = 3
    max_evaluations: int = MAX_EVALUATIONS
    evaluations: int = 0
    bound_hit: bool = False
    found: list[RescueResult] = field(default_factory=list)

    def search(self, distressed: Vehicle, place: Regime, crew: int) -> list[RescueResult]:
        """Every complete path of 2..max_legs legs found within the bound (unranked)."""
        if self.max_legs >= 2:
            self._extend(distressed, place, crew, LegStart(), [])
        return self.found

    def _evaluate(self, carrier: Vehicle, holder: Vehicle, place: Regime, crew: int, start: LegStart):
        if self.evaluations >= self.max_evaluations:
            self.bound_hit = True
            return None
        self.evaluations += 1
        evaluator = self.evaluator
        result = evaluator.evaluate(carrier, holder, place, crew, leg=start)  # type: ignore[attr-defined]
        return result

    def _extend(self, holder: Vehicle, place: Regime, crew: int, start: LegStart, steps: list[_Step]) -> None:
        used = {step.carrier.id for step in steps} | {holder.id}
        for carrier in self.carriers:
            regimes = carrier.regimes or []
            if carrier.id in used or place not in regimes:
                continue
            if steps and carrier.earth_return:
                final = self._evaluate(carrier, holder, place, crew, start)
                if final is not None and final.verdict is not Verdict.FAIL:
                    self.found.append(combine([*steps, _Step(carrier, final, final_time(final))]))
            if len(steps) + 2 > self.max_legs:
                continue
            for onward in regimes:
                if onward is place:
                    continue
                leg_start = LegStart(start.crew_ready, start.supplies, start.shelter, onward)
                result = self._evaluate(carrier, holder, place, crew, leg_start)
                if result is None or result.verdict is Verdict.FAIL:
                    continue
                time = final_time(result)
                ready = time.end if time.end is not None else None
                chain = [*steps, _Step(carrier, result, time)]
                self._extend(carrier, onward, crew, self.next_start(time, ready, onward, None), chain)
                for shelter in self.shelters(carrier, onward):
                    self._extend(carrier, onward, crew, self.next_start(time, ready, onward, shelter), chain)

    def next_start(self, time: LegTime, ready: Span | None, place: Regime, shelter: Vehicle | None) -> LegStart:
        """Where the next leg starts: when the crew gets there, and until when it can wait aboard what holds it."""
        if shelter is not None:
            world = self.evaluator.world  # type: ignore[attr-defined]
            own = crew_supplies(world, shelter, 0, shelter, None)
            days = own.days + ready if own.days is not None and ready is not None else None
            supplies = Figure(days, Source.STATION, own.anchor, own.missing, f"{shelter.id}'s supplies from arrival")
            return LegStart(ready or Span(0.0, 0.0), supplies, shelter.id, None)
        out = time.carrier_runs_out()
        endurance = time.endurance
        supplies = Figure(
            out,
            endurance.source if endurance is not None else Source.NONE,
            endurance.anchor if endurance is not None else None,
            endurance.missing if endurance is not None else f"{time.carrier}'s endurance",
            f"{time.carrier}'s supplies for everyone aboard",
        )
        return LegStart(ready or Span(0.0, 0.0), supplies, None, None)

    def shelters(self, carrier: Vehicle, place: Regime) -> list[Vehicle]:
        """Stations at ``place`` in the carrier's systems that it can dock with."""
        evaluator = self.evaluator
        found = []
        for station in evaluator.world.safe_havens(carrier, place):  # type: ignore[attr-defined]
            if station.vehicle_type not in HAVEN_TYPES:
                continue
            plan = evaluator.plan(carrier, station, place, None)  # type: ignore[attr-defined]
            if plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK):
                found.append(station)
        return found


def final_time(result: RescueResult) -> LegTime:
    time = result.leg_times[0] if result.leg_times else None
    assert time is not None, "every evaluated rescue carries its leg's timeline"
    return time


def combine(steps: list[_Step]) -> RescueResult:
    """One result for a whole path: every leg's findings stage by stage, the worst verdict, the legs timed."""
    first = steps[0].result
    stages = []
    for stage in STAGE_ORDER:
        findings = [f for step in steps for s in step.result.stages if s.stage == stage.value for f in s.findings]
        stages.append(StageResult(stage.value, Verdict.worst(f.verdict for f in findings if f.counts), findings))
    times = [step.time for step in steps]
    reserve = times[0].reserve
    timing, legs = timing_of(times, [step.carrier.id for step in steps], reserve)
    combined = RescueResult(
        rescuer=first.rescuer,
        distressed=first.distressed,
        place=first.place,
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
    stages = []
    for stage in STAGE_ORDER:
        findings = [f for share in shares for s in share.stages if s.stage == stage.value for f in s.findings]
        stages.append(StageResult(stage.value, Verdict.worst(f.verdict for f in findings if f.counts), findings))
    margins = [share.margin_days for share in shares]
    timing = worst.timing
    if timing is not None:
        from dataclasses import replace

        known = [m for m in margins if m is not None]
        timing = replace(timing, margin_days=min(known) if len(known) == len(margins) else None)
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
