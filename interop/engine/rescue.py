"""Running the rules over one rescue and stamping their outcomes.

Longer than 500 lines because judging, lazy stamping and the outcome cache
share the evaluator's state and are kept in one class.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from interop.engine import ranges as spans
from interop.engine.mating import MateCache, plan_mating
from interop.engine.results import PathStep, RangeUsed, RescueResult, Split, StageResult
from interop.engine.timing import LegStart, TransitLookup, direct_leg, transfer_table, transit_to
from interop.engine.timings import timing_of
from interop.engine.waivers import waiver_for
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.anchors import ruled
from interop.model.base import Document
from interop.model.documents import DockingInterface, RescueScenario, Vehicle
from interop.model.finding import Finding, Position, Severity, Verdict
from interop.model.values import is_span
from interop.model.vocabulary import Regime
from interop.rules.base import STAGE_NAMES, STAGE_ORDER, Anchor, Outcome, Piecewise, Rule, registry
from interop.rules.context import Hold, Link, MateCause, MatingPlan, NearMiss, PortEnd, RescueContext


@dataclass
class EngineOptions:
    """How findings are judged: strictness, rule selection and options."""

    strict: bool = False
    disabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict] = field(default_factory=dict)
    waivers: tuple = ()
    """Active ``interop.engine.waivers.Waiver``s; matching findings are marked, not dropped."""
    assumed: Mapping[str, bool] = field(default_factory=dict)
    """Missing values taken as published, by name: an UNKNOWN finding waiting only for
    these counts as passing when all are True, as failing otherwise. Plans use it
    to show the verdicts each outcome of a published value would give; no value is made up."""
    time_reserve_days: float = 0.0
    """Days a rescue must have to spare, at arrival and at home, for its margin to count as met."""
    max_legs: int = 3
    """The most legs a rescue path may have (a crew moved from vehicle to vehicle)."""
    assume: str | None = None
    """"worst" or "best": every range fixed at the end that gives that verdict (``--assume``);
    None: the honest pair, worst and best, with the splits between them."""


class Evaluator:
    """Evaluates rescues over one World, reusing what pairs have in common."""

    share_legs = True
    """Whether the legs of paths (evaluations given a ``leg``) share the outcomes of rules.

    The legs of a path search repeat the same rescues (the same carrier
    taking the same holder's crew at the same place) at other times and
    onward places. A rule that, judging one of them, read neither the leg's
    timeline nor where the crew goes on (:class:`_LegContext` notes it)
    depends on neither, rules being pure: its outcomes stand for every
    repetition. They are kept for at most ``SHARED_RESCUES`` rescues and
    forgotten, like the mating plans, by :meth:`release` (each direction's
    rescuers are released before its paths are searched).
    """

    def __init__(self, catalog: Catalog, world: World, options: EngineOptions | None = None):
        self.catalog = catalog
        self.world = world
        self.options = options or EngineOptions()
        self.mate = MateCache(world)
        self.rules: list[Rule] = [r for r in registry().values() if r.code not in self.options.disabled]
        # Each rule's options: the defaults it declares, overlaid with the project's [rules.CODE].
        self._rule_options: dict[str, Mapping[str, Any]] = {
            r.code: MappingProxyType({**r.options, **self.options.rule_options.get(r.code, {})}) for r in self.rules
        }
        self._plans: dict[str, dict[tuple, MatingPlan]] = {}  # rescuer id -> (distressed, place, docked to) -> plan
        # (kind, id, path) -> (position, locator). The same rule points at the
        # same spec value for every pair a vehicle is in; finding it in the
        # source map once per value rather than once per finding keeps stamping
        # findings from dominating a matrix (docs/performance.md, round 2).
        self._anchors: dict[tuple, tuple[Position | None, str]] = {}
        self.transits: TransitLookup = transfer_table(catalog.transfers.values())
        """Days between places from the transfer table (interop.engine.timing)."""
        # Ranges by document, found once per document (most have none).
        self._spans: dict[tuple[str, str], list[spans.RangeInput]] = {}
        # Per rescue (its key), each rule's outcomes that read nothing of a leg, reused by
        # every leg of every path that repeats the rescue (see share_legs); release() forgets them.
        self._shared: dict[tuple, dict[str, Kept]] = {}
        # Per leg of a path (its rescue's key and its start), what its result is made of: a leg that repeats
        # one exactly (another crew's search reaching the same carrier, holder and times) is not judged
        # again (see _again); release() forgets them.
        self._results: dict[tuple, tuple] = {}
        # id(vehicle) -> (vehicle, its documents, whether one holds a range): see _ranges_read.
        self._vehicle_read: dict[int, tuple] = {}
        self._piecewise = [(r, r.monotone) for r in self.rules if isinstance(r.monotone, Piecewise)]
        # Whether each rule's findings weigh on a verdict (not advisory; waivers stamp at once).
        self._counts = {
            r.code: self.options.severities.get(r.code, r.severity) is not Severity.INFO for r in self.rules
        }
        self._sampled = any(r.monotone is False for r in self.rules)
        self._judged: list[tuple[Rule, Mapping[str, Any], int, bool]] = []
        self._judged_for: list[Rule] | None = None

    def _rule_table(self) -> list[tuple[Rule, Mapping[str, Any], int, bool]]:
        """What _judge needs of each rule, looked up once: (rule, its options, its stage's index, whether it
        counts); made again when :attr:`rules` is replaced."""
        if self._judged_for is not self.rules:
            index = {stage: number for number, stage in enumerate(STAGE_ORDER)}
            table = [(r, self._rule_options[r.code], index[r.stage], self._counts[r.code]) for r in self.rules]
            # In stage order (stable: within a stage, the rules' own order), so that a judgment can stop
            # after a stage; each stage's findings are in the same order either way.
            self._judged = sorted(table, key=lambda row: row[2])
            self._judged_for = self.rules
        return self._judged

    def plan(
        self,
        rescuer: Vehicle,
        distressed: Vehicle,
        place: Regime,
        docked_to: str | None,
        rescuer_docking: Hold | None = None,
    ) -> MatingPlan:
        plans = self._plans.setdefault(rescuer.id, {})
        key = (distressed.id, place, docked_to, rescuer_docking.label() if rescuer_docking else None)
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = plan_mating(
                self.world, self.mate, rescuer, distressed, place, docked_to, rescuer_docking
            )
        return plan

    def _rescuer_docking(self, rescuer: Vehicle, distressed: Vehicle, scenario, responder_index) -> Hold | None:
        """Where the rescuer is docked now: the responder's docked_to, else a docking of the systems or scenario."""
        if scenario is not None and responder_index is not None:
            ref = scenario.responders[responder_index].docked_to
            if ref is not None:
                return Hold(
                    visitor=rescuer.id,
                    visitor_port=None,
                    vehicle=ref.vehicle,
                    port=ref.port,
                    can_undock=True,
                    can_relocate=None,
                    anchor=Anchor(scenario, ("responders", responder_index, "docked_to")),
                    undock_path=("responders", responder_index, "docked_to"),
                )
        if scenario is not None:
            # A scenario names where its responders are; a docking of the same
            # vehicle id is another of its kind (Crew-8 beside Crew-9).
            return None
        if rescuer.id == distressed.id:
            return None  # a docking under this id is the distressed vehicle's: the rescuer is another of its kind
        visits = self.world.visits.get(rescuer.id)
        return visits[0] if visits else None

    def docked_to(self, distressed: Vehicle, scenario: RescueScenario | None = None) -> str | None:
        """The station vehicle a crew in ``distressed`` is aboard at the call (None: in its own vehicle)."""
        return self._docked_to(distressed, scenario)

    def _docked_to(self, distressed: Vehicle, scenario) -> str | None:
        """The station vehicle the crew is aboard: the scenario's docked_to, else where a docking puts their vehicle."""
        if scenario is not None and scenario.distressed.docked_to is not None:
            return scenario.distressed.docked_to
        visits = self.world.visits.get(distressed.id)
        return visits[0].vehicle if visits else None

    def release(self, rescuer: Vehicle) -> None:
        """Forget what was kept to speed up ``rescuer``'s rescues (its search frontiers and plans).

        Results do not change; a later rescue by ``rescuer`` searches again.
        """
        self._plans.pop(rescuer.id, None)
        self.mate.release(rescuer.id)
        self._shared.clear()
        self._results.clear()

    def evaluate(
        self,
        rescuer: Vehicle,
        distressed: Vehicle,
        place: Regime,
        crew: int,
        *,
        scenario: RescueScenario | None = None,
        responder_index: int | None = None,
        leg: LegStart | None = None,
        until_failed: bool = False,
    ) -> RescueResult:
        """One rescue; with ``leg``, one leg of a path (interop.engine.paths): where the crew is, since when,
        for how long, and where this carrier takes it on to.

        ``until_failed``: the caller needs no more of a result that fails than that it fails and where (a
        path search drops such a leg; a row ranks a rescuer by its verdict, timing and progress first), so
        the rules stop after the first stage with a counted FAIL and the result holds the stages judged up to
        it (:func:`judged_whole` tells). A leg cut so is kept only for legs that repeat it with
        ``until_failed``. A result that does not fail is whole, as without it.
        """
        responder = (
            scenario.responders[responder_index] if scenario is not None and responder_index is not None else None
        )
        # A later leg of a path finds the crew where the last leg left it, not where the call found it.
        later = leg is not None and (leg.later or leg.shelter is not None)
        docked_to = leg.shelter if leg is not None and later else self._docked_to(distressed, scenario)
        rescuer_docking = self._rescuer_docking(rescuer, distressed, scenario, responder_index)
        stationed = self.world.places_of(rescuer)
        if responder is not None and responder.stationed_at is not None:
            stationed = {responder.stationed_at}
        plan = self.plan(rescuer, distressed, place, docked_to, rescuer_docking)
        station = self.world.vehicle(docked_to) if docked_to in self.catalog.vehicles else None
        memo = key = None
        if leg is not None and self.share_legs:
            key = (
                id(rescuer),
                id(distressed),
                place,
                type(crew),
                crew,
                docked_to,
                rescuer_docking.label() if rescuer_docking else None,
                scenario.id if scenario is not None else None,
                responder_index,
            )
            again = self._results.get((key, leg))
            if again is None and until_failed:
                again = self._results.get((key, leg, _UNTIL_FAILED))
            if again is not None:
                return self._again(again, rescuer, plan)
            memo = self._memos(key)
        context = (RescueContext if memo is None else _LegContext)(
            rescuer=rescuer,
            distressed=distressed,
            place=place,
            crew=crew,
            interfaces=self.catalog.interfaces,
            plan=plan,
            scenario=scenario,
            responder_index=responder_index,
            rescuer_crew_aboard=responder.crew_aboard if responder else None,
            rescuer_stationed_at=frozenset(stationed) if stationed is not None else None,
            rescuer_standby=self.world.is_standby(rescuer),
            transit_hours=responder.transit_hours if responder else None,
            delta_v_required_mps=responder.delta_v_required_mps if responder else None,
            life_support_hours=scenario.distressed.life_support_hours if scenario else None,
            return_days=responder.return_days if responder else None,
            safe_havens=tuple(self.world.safe_havens(rescuer, place)),
            responder=responder,
            docked_to=station,
            cabin=self._cabin(plan, station, distressed) if station is not None else distressed,
            approach_targets=_approach_targets(distressed, station, plan),
            same_design=same_design(rescuer, distressed),
            agreements=self.world.agreements(rescuer, distressed, scenario, responder),
        )
        if leg is not None and leg.onward is not None:
            context.onward_place = leg.onward
            trip = transit_to(rescuer, place, leg.onward, self.transits)
            context.onward_days = trip.days.high if trip.days is not None else None
            context.onward_anchor = trip.anchor or Anchor(rescuer, ("transit_days", leg.onward.value))
        timeline = direct_leg(
            self.world,
            context,
            set(stationed) if stationed is not None else None,
            self.options.time_reserve_days,
            self.transits,
            leg,
        )
        context.timeline = timeline
        subject = f"{rescuer.id} -> {distressed.id} @ {place.value}"
        read = self._ranges_read(context)
        over: dict[str, Any] = {}
        if read:

            def retime(fixed: RescueContext):
                return direct_leg(
                    self.world,
                    fixed,
                    set(stationed) if stationed is not None else None,
                    self.options.time_reserve_days,
                    self.transits,
                    leg,
                )

            ranged = timeline
            (stages, timeline), over = self._over_ranges(context, read, subject, retime, key)
            if self.options.assume is None:
                # The rules judged each range at its points; the timeline keeps both ends of every
                # range it reads, so that the margin has its worst and its best case.
                timeline = ranged
        else:
            stages = self._judge(context, subject, memo, until_failed and not self.options.waivers)
        plan = context.plan
        timing, legs = timing_of([timeline], [rescuer.id], self.options.time_reserve_days)
        fields: dict[str, Any] = {
            "rescuer": rescuer.id,
            "distressed": distressed.id,
            "place": place.value,
            "crew": crew,
            "verdict": Verdict.worst(s.verdict for s in stages),
            "mating_mode": plan.mode.value,
            "scenario": scenario.id if scenario else None,
            "expected": responder.expected if responder else None,
        }
        if key is not None and not read and not self.options.waivers:
            # What a leg that repeats this one (the same rescue from the same start) makes its result of;
            # one judged only until it failed serves only those that stop there too.
            if len(self._results) >= SHARED_RESCUES:
                self._results.clear()  # bounded by construction: start again rather than grow
            judged = [(s.stage, s.verdict, s._pending) for s in stages if isinstance(s, PendingStage)]
            kept = (key, leg) if judged_whole(stages) else (key, leg, _UNTIL_FAILED)
            self._results[kept] = (fields, judged, timeline, subject)
        return self._result(fields, stages, rescuer, plan, legs, timing, timeline, over)

    def _result(
        self, fields: dict, stages: list, rescuer: Vehicle, plan: MatingPlan, legs, timing, timeline, over=None
    ) -> RescueResult:
        """The result of one rescue (or leg) from its judged stages, path, timing and timeline."""
        result = RescueResult(
            **fields,
            stages=stages,
            path=_path_of(plan),
            adapters=[a.id for a in plan.adapters],
            legs=legs,
            timing=timing,
            **(over or {}),
            search_bound=self.mate.bound_hit(rescuer.id),
        )
        result.leg_times = [timeline]
        return result

    def _again(self, kept: tuple, rescuer: Vehicle, plan: MatingPlan) -> RescueResult:
        """A leg's result made again from what an evaluation of the same leg kept (see ``_results``).

        Everything a caller may change is made anew: the stages (stamping their own findings from the
        same outcomes), the path, the timing and its legs; the rules are pure, so the verdicts are the same.
        """
        fields, judged, timeline, subject = kept
        stamp = self._stamp
        timing, legs = timing_of([timeline], [rescuer.id], self.options.time_reserve_days)
        stages: list[StageResult] = [
            PendingStage(name, verdict, pending=pending, stamp=stamp, subject=subject)
            for name, verdict, pending in judged
        ]
        return self._result(fields, stages, rescuer, plan, legs, timing, timeline)

    def _judge(
        self, context: RescueContext, subject: str, memo: Memo | None = None, until_failed: bool = False
    ) -> list[StageResult]:
        """Every rule over one context, stage by stage (with ``until_failed``, up to the first stage that fails:
        the stages judged, a prefix of them all; see :meth:`evaluate`).

        Findings are stamped (severity, position, locator, waiver) only when
        first read (:class:`PendingStage`): a matrix keeps one rescue per row,
        and the stamping of the others was a fifth of its time
        (docs/performance.md, round 8). What ranks rescues (each outcome's
        verdict, whether it counts, its conditions) is known at once.
        """
        if self.options.waivers:
            return self._judge_stamped(context, subject, memo)
        by_stage: list[list] = [[] for _stage in STAGE_ORDER]
        worst = [0] * len(STAGE_ORDER)
        judge_rule = self._judge_rule
        judged, current = len(STAGE_ORDER), 0
        for row in self._rule_table():
            index = row[2]
            if until_failed and index != current:  # the table is in stage order: ``current`` is judged whole
                if worst[current] == _FAILED:
                    judged = current + 1
                    break
                current = index
            entries, rank = judge_rule(row, context, memo)
            if entries:
                by_stage[index] += entries
                if rank > worst[index]:
                    worst[index] = rank
        stamp = self._stamp
        return [
            PendingStage(name, _BY_RANK[worst[index]], pending=by_stage[index], stamp=stamp, subject=subject)
            for index, name in enumerate(STAGE_NAMES[:judged])
        ]

    def _judge_stamped(self, context: RescueContext, subject: str, memo: Memo | None) -> list[StageResult]:
        """:meth:`_judge` stamping every finding at once: a waiver is matched on the stamped finding."""
        by_stage: dict = {stage: [] for stage in STAGE_ORDER}
        for row in self._rule_table():
            rule = row[0]
            for _rule, outcome, _verdict, _counts in self._judge_rule(row, context, memo)[0]:
                by_stage[rule.stage].append(self._stamp(rule, outcome, subject))
        stages = []
        for stage in STAGE_ORDER:
            findings = by_stage[stage]
            counted = [f.verdict for f in findings if f.counts]
            stages.append(StageResult(stage.value, Verdict.worst(counted), findings))
        return stages

    def _judge_rule(
        self, row: tuple[Rule, Mapping[str, Any], int, bool], context: RescueContext, memo: Memo | None
    ) -> Kept:
        """One rule judged over ``context``: its entries (rule, outcome, verdict, counts) and the worst rank of
        those that count. With a ``memo`` (a leg of a path), taken from it when a leg of the same rescue was
        judged, and kept in it when the rule read nothing of the leg (for any crew when it did not read the
        crew either)."""
        rule, options, _index, counts = row
        if memo is not None:
            for_crew, any_crew = memo
            kept = any_crew.get(rule.code) or for_crew.get(rule.code)
            if kept is not None:
                return kept
            context.leg_read = context.crew_read = False  # type: ignore[attr-defined]
        context.options = options
        entries, worst, verdict_of, unknown = [], 0, self._verdict_of, Verdict.UNKNOWN
        for outcome in rule.check(context):
            verdict = outcome.verdict
            if verdict is unknown:
                verdict = verdict_of(outcome)
            entries.append((rule, outcome, verdict, counts))
            if counts and _RANK[verdict] > worst:
                worst = _RANK[verdict]
        kept = (tuple(entries), worst)
        if memo is not None and not context.leg_read:  # type: ignore[attr-defined]
            (for_crew if context.crew_read else any_crew)[rule.code] = kept  # type: ignore[attr-defined]
        return kept

    def _verdict_of(self, outcome: Outcome) -> Verdict:
        """The verdict :meth:`_stamp` gives ``outcome`` (assumed values, strictness), without stamping it."""
        verdict = outcome.verdict
        if verdict is Verdict.UNKNOWN:
            assumed = self.options.assumed
            if assumed and all(name in assumed for name in outcome.missing):
                return Verdict.PASS if all(assumed[name] for name in outcome.missing) else Verdict.FAIL
            if self.options.strict:
                return Verdict.FAIL
        return verdict

    # ------------------------------------------------------------ ranges

    def _spans_of(self, document: Document) -> list[spans.RangeInput]:
        key = (document.KIND, document.id)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = [spans.as_input(document, path, span) for path, span in spans.spans_of(document)]
        return found

    def _ranges_read(self, context: RescueContext) -> list[spans.RangeInput]:
        """The ranges in the documents a rescue reads: its vehicles, their interfaces, the scenario."""
        vehicles = [
            context.rescuer,
            context.distressed,
            *([context.cabin] if context.cabin is not None else ()),
            *([context.docked_to] if context.docked_to is not None else ()),
            *context.approach_targets,
            *context.safe_havens,
            *context.plan.vehicles(),
            *context.plan.adapters,
            *context.plan.carried_adapters,
        ]
        read = self._vehicle_read
        ranged = False
        for vehicle in vehicles:
            held = read.get(id(vehicle))
            if held is None or held[0] is not vehicle:
                held = read[id(vehicle)] = self._vehicle_documents(vehicle, context.interfaces)
            ranged = ranged or held[2]
        scenario = context.scenario
        if not ranged and (scenario is None or not self._spans_of(scenario)):
            return []  # most rescues read no range: nothing to gather
        documents: dict[tuple[str, str], Document] = {}
        for vehicle in vehicles:
            for key, document in read[id(vehicle)][1]:
                documents.setdefault(key, document)
        if scenario is not None:
            documents[("RescueScenario", scenario.id)] = scenario
        return [item for document in documents.values() for item in self._spans_of(document)]

    def _vehicle_documents(self, vehicle: Vehicle, interfaces: Mapping[str, DockingInterface]) -> tuple:
        """(vehicle, its documents in reading order with their keys, whether any holds a range), kept per vehicle."""
        documents: list[tuple[tuple[str, str], Document]] = [(("Vehicle", vehicle.id), vehicle)]
        for port in vehicle.ports or ():
            interface = interfaces.get(port.interface)
            if interface is not None:
                documents.append((("DockingInterface", interface.id), interface))
        return vehicle, tuple(documents), any(self._spans_of(document) for _key, document in documents)

    def _memos(self, key: tuple, values: tuple | None = None) -> Memo:
        """The rule outcomes kept for the rescue ``key`` (see :attr:`share_legs`), at ``values`` of its ranges:
        those of rules that read the crew, kept for this crew, and those of rules that did not, kept for the
        rescue with any crew (``key`` less its crew, ``key[3:5]``)."""
        return self._memo((key, values)), self._memo((key[:3] + key[5:], values))

    def _memo(self, key: tuple) -> dict[str, Kept]:
        memo = self._shared.get(key)
        if memo is None:
            # Two entries per rescue (for its crew, for any crew; their outcomes are those one entry held).
            if len(self._shared) >= 2 * SHARED_RESCUES:
                self._shared.clear()  # bounded by construction: start again rather than grow
            memo = self._shared[key] = {}
        return memo

    def _over_ranges(
        self, context: RescueContext, read: list[spans.RangeInput], subject: str, retime, key: tuple | None = None
    ) -> tuple[tuple[list[StageResult], Any], dict[str, Any]]:
        """The stages and the timeline of the worst case; the best case, the splits and the ranges read.

        ``key``: the rescue's, for a leg of a path (:attr:`share_legs`): the legs that repeat the rescue
        share the outcomes of rules that read nothing of the leg at each point of its ranges, too.
        """

        def evaluate(values: tuple) -> tuple[Verdict, tuple[list[StageResult], Any]]:
            fixed = _fixed(context, read, values)
            fixed.timeline = retime(fixed)
            stages = self._judge(fixed, subject, self._memos(key, values) if key is not None else None)
            return Verdict.worst(s.verdict for s in stages), (stages, fixed.timeline)

        def turning_points(values: tuple):
            fixed = _fixed(context, read, values)
            for rule, piecewise in self._piecewise:
                fixed.options = self._rule_options[rule.code]
                for anchor, value in piecewise.turns(fixed):
                    yield (anchor.document.KIND, anchor.document.id, tuple(spans.key_of(p) for p in anchor.path)), value

        analysis = spans.analyse(read, evaluate, turning_points, sampled=self._sampled, assume=self.options.assume)

        def split_search() -> list[Split]:
            return [
                Split(
                    c.range.document.id,
                    c.range.field,
                    c.at if c.range.count else spans.rounded(c.at),
                    c.range.unit_name,
                    c.below,
                    c.above,
                )
                for c in analysis.find_changes()
            ]

        used = [RangeUsed(r.document.id, r.field, r.low, r.high, r.unit_name, r.written) for r in read]
        return analysis.payload, {
            "best": analysis.best,
            "split_search": split_search if analysis.best is not analysis.verdict else None,
            "ranges": used,
            "assumed": self.options.assume,
            "range_bound": analysis.bounded,
        }

    def cabin_of(self, plan: MatingPlan, station: Vehicle, distressed: Vehicle) -> Vehicle:
        """The cabin a crew aboard ``station`` is in where ``plan`` docks (:meth:`_cabin`)."""
        return self._cabin(plan, station, distressed)

    def _cabin(self, plan: MatingPlan, station: Vehicle, distressed: Vehicle) -> Vehicle:
        """The cabin a crew aboard a station leaves from.

        The module at the port where the rescuer docks (or is docked), else
        the nearest module of the stack that declares an atmosphere; else
        their own vehicle if it declares one (docked with its hatches open,
        it holds the station's air); else the station vehicle they are aboard.
        """
        start = station.id
        for link in plan.links:
            if not link.permanent or link.check.cause is MateCause.DOCKED:
                start = link.far.vehicle.id
                break
        seen, queue = {start}, [start]
        while queue:
            current = queue.pop(0)
            vehicle = self.catalog.vehicles.get(current)
            if vehicle is not None and vehicle.atmosphere is not None:
                return vehicle
            for _port, other, _other_port in sorted(self.world.neighbours.get(current, ())):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return distressed if distressed.atmosphere is not None else station

    def _place(self, anchor: Anchor | None) -> tuple[Position | None, str]:
        """The anchor's position and locator."""
        if anchor is None:
            return None, ""
        document = anchor.document
        key = (document.KIND, document.id, anchor.path)
        found = self._anchors.get(key)
        if found is None:
            found = self._anchors[key] = (self.catalog.locate(document, *anchor.path), _locator(anchor))
        return found

    def _stamp(self, rule: Rule, outcome: Outcome, subject: str) -> Finding:
        severity = self.options.severities.get(rule.code, rule.severity)
        verdict, remedy, message = outcome.verdict, outcome.remedy, outcome.message
        assumed = self.options.assumed
        if verdict is Verdict.UNKNOWN and assumed and all(name in assumed for name in outcome.missing):
            favourable = all(assumed[name] for name in outcome.missing)
            verdict = Verdict.PASS if favourable else Verdict.FAIL
            outcome_word = "passes" if favourable else "fails"
            message = f"{message}; assumed: once {', '.join(outcome.missing)} is published, the rule {outcome_word}"
            if not favourable:
                remedy = "the published value does not satisfy the rule: see the rule's remedy once it is known"
        if self.options.strict and verdict is Verdict.UNKNOWN:
            verdict = Verdict.FAIL
            remedy = "publish " + ", ".join(outcome.missing)
        position, locator = self._place(outcome.anchor)
        finding = Finding(
            code=rule.code,
            message=message,
            position=position,
            severity=severity,
            verdict=verdict,
            subject=subject,
            remedy=remedy,
            conditions=list(outcome.conditions),
            missing=list(outcome.missing),
            wanted=[outcome.wanted.get(name) for name in outcome.missing],
            requirements=[ruled(c, rule.code) for c in outcome.requirements],
            evidence=[p for p in (self._place(a)[0] for a in outcome.evidence) if p is not None],
            locator=locator,
        )
        waiver = waiver_for(finding, self.options.waivers) if self.options.waivers else None
        if waiver is not None:
            finding.waived = waiver.describe()
        return finding


_RANK = {verdict: verdict.rank for verdict in Verdict}
""":attr:`Verdict.rank` looked up once per verdict: _judge reads it for every outcome of a matrix."""
_BY_RANK = sorted(Verdict, key=_RANK.__getitem__)
_FAILED = _RANK[Verdict.FAIL]
_UNTIL_FAILED = "until failed"
"""Marks a kept leg judged only up to its first failed stage (:meth:`Evaluator.evaluate`'s ``until_failed``)."""


def judged_whole(stages: Sequence[StageResult]) -> bool:
    """Whether every stage was judged: False for a result judged ``until_failed`` that failed before the last."""
    return len(stages) == len(STAGE_NAMES)


Kept = tuple[tuple[tuple[Rule, Outcome, Verdict, bool], ...], int]
"""One rule's judgement of a rescue: its entries (rule, outcome, verdict, counts), the worst rank that counts."""
Memo = tuple[dict[str, Kept], dict[str, Kept]]
"""The judgements kept for one rescue: of the rules that read its crew, and of those that did not."""

SHARED_RESCUES = 4096
"""Rescues whose rule outcomes the legs of paths share at once (:attr:`Evaluator.share_legs`; a count)."""

LEG_FIELDS = ("timeline", "onward_place", "onward_days", "onward_anchor")
"""What differs between the legs that repeat one rescue: its times and where the crew goes on."""


def _noted(name: str, flag: str = "leg_read") -> property:
    slot = "_" + name

    def read(self):
        setattr(self, flag, True)
        return self.__dict__[slot]

    def write(self, value) -> None:
        self.__dict__[slot] = value

    return property(read, write)


class _LegContext(RescueContext):
    """A rescue context that notes when a rule reads one of :data:`LEG_FIELDS` (``leg_read``), or the crew
    (``crew_read``): nothing else of a rescue depends on the crew's size."""

    leg_read = False
    crew_read = False


for _name in LEG_FIELDS:
    setattr(_LegContext, _name, _noted(_name))
_LegContext.crew = _noted("crew", "crew_read")  # type: ignore[assignment]


class PendingStage(StageResult):
    """A stage whose findings are stamped when first read; its verdict is known from the start."""

    def __init__(
        self,
        stage: str,
        verdict: Verdict,
        findings: list[Finding] | None = None,
        *,
        pending: list | None = None,
        stamp=None,
        subject: str = "",
    ):
        self.stage, self.verdict = stage, verdict
        self._findings = findings
        # (rule, outcome, verdict, counts) per finding to come, and what stamps them.
        self._pending, self._stamper, self._subject = pending, stamp, subject
        # Findings stamped before the rest (counted), by their place: the whole list reuses them.
        self._early: dict[int, Finding] = {}

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            stamp, subject, early = self._stamper, self._subject, self._early
            self._findings = [
                early[index] if index in early else stamp(rule, outcome, subject)
                for index, (rule, outcome, _v, _c) in enumerate(self._pending or ())
            ]
            self._pending = self._stamper = None
            self._early = {}
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings, self._pending, self._stamper, self._early = value, None, None, {}

    def counted(self, verdicts: frozenset[Verdict]) -> list[Finding]:
        """The counted findings with one of ``verdicts``, stamping only those: the planner asks every
        rescue it weighs for its blockers, and most of a rescue's findings pass."""
        if self._findings is not None:
            return super().counted(verdicts)
        stamp, subject, early = self._stamper, self._subject, self._early
        found = []
        for index, (rule, outcome, verdict, counts) in enumerate(self._pending or ()):
            if counts and verdict in verdicts:
                finding = early.get(index)
                if finding is None:
                    finding = early[index] = stamp(rule, outcome, subject)
                found.append(finding)
        return found

    def facts(self) -> list[tuple[Verdict, bool, list[str]]]:
        """(verdict, counts, conditions) of each finding, in order, stamped or not."""
        if self._findings is not None:
            return [(f.verdict, f.counts, f.conditions) for f in self._findings]
        return [(verdict, counts, outcome.conditions) for _r, outcome, verdict, counts in self._pending or ()]

    def __getstate__(self) -> dict:
        """Pickled (results travel back from worker processes) stamped, without the evaluator."""
        return {
            "stage": self.stage,
            "verdict": self.verdict,
            "_findings": self.findings,
            "_pending": None,
            "_stamper": None,
            "_subject": self._subject,
            "_early": {},
        }


def _fixed(context: RescueContext, read: list[spans.RangeInput], values: tuple) -> RescueContext:
    """``context`` with every range it reads fixed at ``values``: rules see plain numbers only."""
    fixed = spans.fixed_documents(read, values)

    def swap(document):
        return fixed.get((document.KIND, document.id), document) if document is not None else None

    def end(port_end: PortEnd) -> PortEnd:
        return PortEnd(swap(port_end.vehicle), port_end.index)

    plan = context.plan
    if any(kind == "Vehicle" for kind, _ in fixed):
        plan = dataclasses.replace(
            plan,
            links=[Link(end(k.near), end(k.far), k.check, k.permanent) for k in plan.links],
            adapters=[swap(v) for v in plan.adapters],
            carried_adapters=[swap(v) for v in plan.carried_adapters],
            near_misses=[NearMiss(end(n.near), end(n.far), n.check) for n in plan.near_misses],
            suggested_adapters=[swap(v) for v in plan.suggested_adapters],
            holds=[(end(p), h) for p, h in plan.holds],
        )
    interfaces = context.interfaces
    changed = {ident: doc for (kind, ident), doc in fixed.items() if isinstance(doc, DockingInterface)}
    if changed:
        interfaces = {**interfaces, **changed}
    scenario = swap(context.scenario)
    responder = (
        scenario.responders[context.responder_index]
        if scenario is not None and context.responder_index is not None
        else None
    )
    return dataclasses.replace(
        context,
        rescuer=swap(context.rescuer),
        distressed=swap(context.distressed),
        crew=_crew(context, swap(context.distressed), scenario),
        interfaces=interfaces,
        plan=plan,
        scenario=scenario,
        responder=responder,
        rescuer_crew_aboard=responder.crew_aboard if responder else None,
        transit_hours=responder.transit_hours if responder else None,
        delta_v_required_mps=responder.delta_v_required_mps if responder else None,
        life_support_hours=scenario.distressed.life_support_hours if scenario else None,
        return_days=scenario.return_days if scenario else None,
        safe_havens=tuple(swap(v) for v in context.safe_havens),
        docked_to=swap(context.docked_to),
        cabin=swap(context.cabin),
        approach_targets=tuple(swap(v) for v in context.approach_targets),
    )


def _path_of(plan: MatingPlan) -> list[PathStep]:
    """The mating path of ``plan`` as reports show it."""
    return [
        PathStep(
            near=link.near.label(),
            far=link.far.label(),
            interface_near=link.near.port.interface,
            interface_far=link.far.port.interface,
            permanent=link.permanent,
            note=link.check.reason,
            near_vehicle=link.near.vehicle.id,
            near_port=link.near.port.id,
            far_vehicle=link.far.vehicle.id,
            far_port=link.far.port.id,
        )
        for link in plan.links
    ]


def _crew(context: RescueContext, distressed: Vehicle, scenario: RescueScenario | None) -> int:
    """The crew to rescue once ranges are fixed: the scenario's, else the distressed vehicle's seat figure it came from."""
    if scenario is not None:
        return scenario.distressed.crew
    if not is_span(context.crew):
        return context.crew
    seats, fixed_seats = context.distressed.seats, distressed.seats
    if seats is not None and fixed_seats is not None:
        for name in ("nominal_crew", "total"):
            if getattr(seats, name) is context.crew:
                return getattr(fixed_seats, name)
    return context.crew


def same_design(a: Vehicle, b: Vehicle) -> str | None:
    """The design two vehicles share: one spec for both, or equal ``design`` (a spec's id names its own design)."""
    design_a, design_b = a.design or a.id, b.design or b.id
    return design_b if a.id == b.id or design_a == design_b else None


def _approach_targets(distressed: Vehicle, station: Vehicle | None, plan: MatingPlan) -> tuple[Vehicle, ...]:
    """What the rescuer approaches and talks to: the crew's vehicle, the station they are at, the modules it docks at."""
    seen: dict[str, Vehicle] = {}
    for vehicle in [distressed] + ([station] if station else []) + [link.far.vehicle for link in plan.links]:
        seen.setdefault(vehicle.id, vehicle)
    return tuple(seen.values())


def _locator(anchor: Anchor | None) -> str:
    if anchor is None:
        return ""
    return f"{anchor.document.KIND}:{anchor.document.id}:" + ".".join(str(p) for p in anchor.path)
