"""What would it take: the smallest verified set of spec changes that makes rescue work.

A plan answers, for two systems (both directions, or one), or for a scenario:
which changes to the specs would turn every failing or unknown verdict into a
pass or a conditional pass? The changes searched are the ones the rules can
name (:class:`Change`): an adapter carried by the rescuer, a port added or
its role changed, a regime qualified, suits, liners or seats carried, a radio
or a rendezvous target fitted, and values published.

How it is found:

1. Each verdict to fix (a row: a crew of the distressed system at one place;
   or a scenario's responders) is searched on its own, breadth-first by
   rounds: the rescuers' blocking findings each propose changes; one change
   per blocking finding is applied to a copy of the catalog in memory and the
   row is evaluated again, since a change can uncover a further blocker (an
   adapter makes a path whose passage is too narrow). A finding that proposes
   no change puts that rescuer out of reach, with the finding as the reason.
2. The rows' cheapest plans are combined into one set of changes, sharing
   what rows have in common (one adapter for two rows), by an exact search
   over the per-row alternatives, bounded (``Bounds``).
3. The combined set is applied and the engine re-run on every row of the
   directions asked; the plan is reported with the verdicts that re-run gives,
   never with the verdicts the search expected.

A published value is never guessed. "Publish orel.radios" is a step to
obtain a value; the re-run counts each UNKNOWN finding that waits only for
values the plan publishes as passing, and once more as failing, and the plan
shows the verdicts under both outcomes.

Ranking: fewest hardware changes, then fewest changes in all, then the
changes' keys (deterministic).
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field, replace

from interop.engine.rescue import EngineOptions, Evaluator
from interop.engine.results import RescueResult
from interop.engine.systems import _rank, crews_of, rescuers_of
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.base import Source
from interop.model.documents import Element, Port, Radio, Seats, Vehicle
from interop.model.finding import Position, Verdict
from interop.model.vocabulary import (
    ElementRole,
    Gender,
    PortRole,
    ProgramStatus,
    RadioPurpose,
    Regime,
    VehicleType,
)


class ChangeKind(str, enum.Enum):
    HARDWARE = "hardware"
    QUALIFICATION = "qualification"
    PROCEDURE = "procedure"
    DATA = "data"


@dataclass(frozen=True, order=True)
class Change:
    """One change to the specs, as a planner would order it."""

    kind: ChangeKind
    action: str
    """A stable verb: add-adapter, add-port, port-role, qualify-regime, carry-suits, carry-liners, add-seats, add-radio, fit-target, publish."""
    document: tuple[str, str]
    """(kind, id) of the document it edits."""
    path: tuple
    """Where in that document (for the spec line it would touch)."""
    params: tuple = ()
    summary: str = field(default="", compare=False)


@dataclass(frozen=True)
class Bounds:
    """What keeps the search finite on large catalogs; a plan says when one was hit."""

    rounds: int = 3
    """Rounds of change-and-re-evaluate per row."""
    rescuers: int = 4
    """Best rescuers of a row whose blockers propose changes, per round."""
    states: int = 64
    """Candidate change sets kept per row and round."""
    alternatives: int = 6
    """Cheapest plans kept per row for combining."""
    combinations: int = 4096
    """Combinations of per-row plans tried when combining; beyond it, the cheapest first."""


DEFAULT_BOUNDS = Bounds()


@dataclass
class RowGoal:
    """A verdict to fix: a crew of the distressed system at one place, rescued by the other."""

    rescuer_system: str
    distressed_system: str
    distressed: str
    place: str
    crew: int | None
    verdict: Verdict

    @property
    def subject(self) -> str:
        return f"{self.distressed} @ {self.place}, rescued by {self.rescuer_system}"


@dataclass
class PlannedChange:
    change: Change
    position: Position | None
    unlocks: list[str]
    """The rows it is part of the plan for."""


@dataclass
class RowOutcome:
    subject: str
    before: Verdict
    after: Verdict
    """With every published value counted as passing (the outcome the plan works for)."""
    after_unfavourable: Verdict
    """With every published value counted as failing."""
    rescuer: str | None


@dataclass
class OutOfReach:
    subject: str
    reasons: list[str]
    """The blocking findings no nameable change lifts (code and message)."""


@dataclass
class PlanResult:
    asked: str
    """What was planned for: 'us-artemis <-> ru-lunar', 'us-artemis -> ru-lunar', 'scenario X'."""
    goal: str
    changes: list[PlannedChange]
    rows: list[RowOutcome]
    out_of_reach: list[OutOfReach]
    reached: bool
    """Whether the engine's re-run, with the changes applied, meets the goal."""
    reached_unfavourable: bool
    bound_hit: list[str] = field(default_factory=list)

    @property
    def hardware(self) -> int:
        return sum(1 for c in self.changes if c.change.kind is ChangeKind.HARDWARE)


# ------------------------------------------------------------ applying changes


class _Edited:
    """A catalog copy that copies a document the first time a change edits it."""

    def __init__(self, catalog: Catalog):
        self.catalog = Catalog(
            dict(catalog.interfaces),
            dict(catalog.vehicles),
            dict(catalog.systems),
            dict(catalog.scenarios),
            dict(catalog.sources),
            transfers=catalog.transfers,
        )
        self._copied: set[tuple[str, str]] = set()

    def edit(self, kind: str, ident: str):
        table = self.catalog.table(kind)
        if (kind, ident) not in self._copied:
            table[ident] = table[ident].model_copy(deep=True)
            self._copied.add((kind, ident))
        return table[ident]


def apply_changes(catalog: Catalog, changes) -> Catalog:
    """A copy of ``catalog`` with ``changes`` made (data changes edit nothing: they are assumptions)."""
    edited = _Edited(catalog)
    for change in sorted(changes):
        _APPLY[change.action](edited, change)
    return edited.catalog


def _apply_add_adapter(edited: _Edited, change: Change) -> None:
    system_id = change.document[1]
    carrier, adapter_id, (port_a, port_b) = change.params
    ports = [
        Port(id=f"end-{i}", interface=i_id, role=PortRole(role), gender=Gender(g) if g else None)
        for i, (i_id, role, g) in enumerate((port_a, port_b))
    ]
    adapter = Vehicle(
        kind="Vehicle",
        schema_version=1,
        id=adapter_id,
        name=f"Adapter proposed by interop plan ({port_a[0]} to {port_b[0]})",
        sources=[Source(title="interop plan: a proposed change, not a real vehicle")],
        vehicle_type=VehicleType.ADAPTER,
        status=ProgramStatus.PLANNED,
        crewed=False,
        ports=ports,
    )
    edited.catalog.vehicles[adapter_id] = adapter
    system = edited.edit("TransportSystem", system_id)
    system.elements = [*system.elements, Element(vehicle=adapter_id, role=ElementRole.ADAPTER, carried_by=carrier)]


def _apply_add_port(edited: _Edited, change: Change) -> None:
    (interface, role, gender), port_id = change.params
    vehicle = edited.edit(*change.document)
    vehicle.ports = [
        *(vehicle.ports or ()),
        Port(id=port_id, interface=interface, role=PortRole(role), gender=Gender(gender) if gender else None),
    ]


def _apply_port_role(edited: _Edited, change: Change) -> None:
    index, role = change.params
    vehicle = edited.edit(*change.document)
    vehicle.ports[index].role = PortRole(role)


def _apply_qualify(edited: _Edited, change: Change) -> None:
    (regime,) = change.params
    vehicle = edited.edit(*change.document)
    vehicle.regimes = [*(vehicle.regimes or ()), Regime(regime)]


def _equipment(vehicle: Vehicle):
    from interop.model.documents import CrewEquipment

    if vehicle.crew_equipment is None:
        vehicle.crew_equipment = CrewEquipment()
    return vehicle.crew_equipment


def _apply_suits(edited: _Edited, change: Change) -> None:
    (count,) = change.params
    equipment = _equipment(edited.edit(*change.document))
    equipment.spare_suits = max(equipment.spare_suits or 0, count)


def _apply_liners(edited: _Edited, change: Change) -> None:
    (count,) = change.params
    equipment = _equipment(edited.edit(*change.document))
    equipment.spare_seat_liners = max(equipment.spare_seat_liners or 0, count)


def _apply_seats(edited: _Edited, change: Change) -> None:
    (count,) = change.params
    vehicle = edited.edit(*change.document)
    seats = vehicle.seats or Seats()
    seats.addable = max(seats.addable or 0, count)
    vehicle.seats = seats


def _apply_radio(edited: _Edited, change: Change) -> None:
    (band,) = change.params
    vehicle = edited.edit(*change.document)
    from interop.model.vocabulary import Band

    vehicle.radios = [
        *(vehicle.radios or ()),
        Radio(band=Band(band), purposes=[RadioPurpose.PROXIMITY, RadioPurpose.VOICE]),
    ]


def _apply_target(edited: _Edited, change: Change) -> None:
    from interop.model.documents import Rendezvous

    (target,) = change.params
    vehicle = edited.edit(*change.document)
    rendezvous = vehicle.rendezvous or Rendezvous()
    rendezvous.targets = [*(rendezvous.targets or ()), target]
    vehicle.rendezvous = rendezvous


_APPLY = {
    "add-adapter": _apply_add_adapter,
    "add-port": _apply_add_port,
    "port-role": _apply_port_role,
    "qualify-regime": _apply_qualify,
    "carry-suits": _apply_suits,
    "carry-liners": _apply_liners,
    "add-seats": _apply_seats,
    "add-radio": _apply_radio,
    "fit-target": _apply_target,
    "publish": lambda edited, change: None,
}


def _assumptions(changes, favourable: bool) -> dict[str, bool]:
    return {name: favourable for change in changes if change.action == "publish" for name in change.params}


# ----------------------------------------------------------- proposing changes


_COMPLEMENT_ROLE = {"active": "passive", "passive": "active", "either": "either"}
_COMPLEMENT_GENDER = {"probe": "drogue", "drogue": "probe", None: None}


def _kind_of(port: Port, catalog: Catalog) -> tuple[str, str, str | None]:
    interface = catalog.interfaces.get(port.interface)
    gender = port.gender or (interface.gender if interface else None)
    return (port.interface, port.role.value, gender.value if gender else None)


def _mating_end(kind: tuple[str, str, str | None]) -> tuple[str, str, str | None]:
    """The port kind that mates with ``kind``: same interface, the other role and gender."""
    interface, role, gender = kind
    return (interface, _COMPLEMENT_ROLE[role], _COMPLEMENT_GENDER[gender])


def _proposals(
    result: RescueResult, goal: RowGoal, catalog: Catalog, world: World
) -> list[list[frozenset[Change]]] | str:
    """For each blocking finding of ``result``, the alternative change sets that could lift it; or why none can."""
    rescuer = catalog.vehicles[result.rescuer]
    distressed = catalog.vehicles[result.distressed]
    place = result.place
    per_finding: list[list[frozenset[Change]]] = []
    seen_docking = False
    for finding in result.findings:
        if not finding.counts or finding.verdict not in (Verdict.FAIL, Verdict.UNKNOWN):
            continue
        if finding.missing:  # UNKNOWN, or counted as a failure under --strict: values to publish, all of them
            per_finding.append([frozenset(_publish(finding))])
            continue
        code = finding.code
        changes: list[Change] = []
        if code in ("DOCK001", "DOCK002", "DOCK003", "DOCK005", "DOCK006", "DOCK007"):
            if seen_docking:
                continue  # one mating problem, reported by several rules: one set of proposals
            seen_docking = True
            changes = _docking_changes(rescuer, distressed, goal, catalog, world)
        elif code == "REACH001":
            changes = [
                Change(
                    ChangeKind.QUALIFICATION,
                    "qualify-regime",
                    ("Vehicle", rescuer.id),
                    ("regimes",),
                    (place,),
                    f"qualify {rescuer.id} for {place}",
                )
            ]
        elif code == "CREW004":
            changes = [
                Change(
                    ChangeKind.PROCEDURE,
                    "carry-suits",
                    ("Vehicle", rescuer.id),
                    ("crew_equipment",),
                    (result.crew,),
                    f"{rescuer.id} carries {result.crew} spare suits sized for the distressed crew",
                )
            ]
        elif code == "CREW005":
            changes = [
                Change(
                    ChangeKind.PROCEDURE,
                    "carry-liners",
                    ("Vehicle", rescuer.id),
                    ("crew_equipment",),
                    (result.crew,),
                    f"{rescuer.id} carries {result.crew} seat liners moulded for the distressed crew",
                )
            ]
        elif code == "CREW002":
            changes = [
                Change(
                    ChangeKind.PROCEDURE,
                    "add-seats",
                    ("Vehicle", rescuer.id),
                    ("seats",),
                    (result.crew,),
                    f"{rescuer.id} can be fitted with {result.crew} extra seats, as the Skylab rescue kit",
                )
            ]
        elif code == "COMM001":
            bands = sorted(
                b.band.value
                for b in distressed.radios or ()
                if b.purposes is None or RadioPurpose.PROXIMITY in b.purposes
            )
            changes = [
                Change(
                    ChangeKind.HARDWARE,
                    "add-radio",
                    ("Vehicle", rescuer.id),
                    ("radios",),
                    (band,),
                    f"fit {rescuer.id} with a {band} proximity radio",
                )
                for band in bands[:2]
            ]
        elif code == "RDV001":
            sensors = (rescuer.rendezvous.sensors if rescuer.rendezvous else None) or []
            tracks = sorted({t for s in sensors for t in (s.tracks or ())})
            changes = [
                Change(
                    ChangeKind.HARDWARE,
                    "fit-target",
                    ("Vehicle", distressed.id),
                    ("rendezvous",),
                    (t,),
                    f"fit {distressed.id} with a {t} target",
                )
                for t in tracks[:2]
            ]
        if not changes:
            return f"{code} {finding.message}"
        per_finding.append([frozenset({change}) for change in changes])
    return per_finding


def _publish(finding) -> list[Change]:
    """One data change per value the finding waits for, each at the document that would hold it."""
    changes = []
    for name, wanted in zip(finding.missing, finding.wanted or [None] * len(finding.missing), strict=True):
        kind, ident, path = wanted or ("", "", ())
        changes.append(Change(ChangeKind.DATA, "publish", (kind, ident), tuple(path), (name,), f"publish {name}"))
    return changes


def _docking_changes(
    rescuer: Vehicle, distressed: Vehicle, goal: RowGoal, catalog: Catalog, world: World
) -> list[Change]:
    """An adapter the rescuer carries, a port of the rescuer's standard on the target, or a port's role."""
    from interop.engine.mating import free_ports

    ours = sorted({_kind_of(end.port, catalog) for end in free_ports(world, rescuer)})
    target_vehicles = [distressed]
    theirs = sorted({_kind_of(end.port, catalog) for v in target_vehicles for end in free_ports(world, v)})
    changes: list[Change] = []
    for own in ours:
        for other in theirs:
            adapter_id = f"plan-adapter-{own[0]}-{other[0]}"
            changes.append(
                Change(
                    ChangeKind.HARDWARE,
                    "add-adapter",
                    ("TransportSystem", goal.rescuer_system),
                    ("elements",),
                    (rescuer.id, adapter_id, (_mating_end(own), _mating_end(other))),
                    f"an adapter carried by {rescuer.id}: a {_describe(_mating_end(own))} port for it and a {_describe(_mating_end(other))} port for {distressed.id}",
                )
            )
        changes.append(
            Change(
                ChangeKind.HARDWARE,
                "add-port",
                ("Vehicle", distressed.id),
                ("ports",),
                (_mating_end(own), f"plan-{own[0]}"),
                f"give {distressed.id} a {_describe(_mating_end(own))} port, so {rescuer.id}'s {own[0]} port mates",
            )
        )
    for index, port in enumerate(distressed.ports or ()):
        # Same interface, same one-sided role on both ports: one of them must act the other way.
        if any(port.interface == own[0] and port.role.value == own[1] != "either" for own in ours):
            changes.append(
                Change(
                    ChangeKind.HARDWARE,
                    "port-role",
                    ("Vehicle", distressed.id),
                    ("ports", index, "role"),
                    (index, "either"),
                    f"make {distressed.id}'s port {port.id} able to act either way (active or passive)",
                )
            )
    return changes


def _describe(kind: tuple[str, str, str | None]) -> str:
    interface, role, gender = kind
    return f"{interface} {role}" + (f" {gender}" if gender else "")


# ------------------------------------------------------------------- the search


def _cost(changes) -> tuple:
    hardware = sum(1 for c in changes if c.kind is ChangeKind.HARDWARE)
    return (hardware, len(changes), tuple(sorted(changes)))


class _Rows:
    """Evaluates one row on a changed catalog: every rescuer, or only the one a change set is for.

    Incremental by construction: a candidate is judged by re-running the rescues
    of its row (one rescuer's, once the search follows that rescuer), never the
    whole matrix.
    """

    def __init__(self, catalog: Catalog, options: EngineOptions, systems: list[str], base: frozenset = frozenset()):
        self.catalog, self.options, self.systems = catalog, options, systems
        self.base = base
        """Changes already chosen (for other rows) that every candidate here builds on."""
        self.runs = 0

    def on_top(self, base: frozenset) -> _Rows:
        return _Rows(self.catalog, self.options, self.systems, base)

    def world(self, catalog: Catalog) -> World:
        return World.build(catalog, self.systems)

    def changed(self, changes) -> Catalog:
        everything = self.base | changes
        return apply_changes(self.catalog, everything) if everything else self.catalog

    def evaluate(self, goal: RowGoal, changes, rescuer: str | None = None) -> list[RescueResult]:
        catalog = self.changed(changes)
        changes = self.base | changes
        options = (
            replace(self.options, assumed=_assumptions(changes, True))
            if any(c.action == "publish" for c in changes)
            else self.options
        )
        world = World.build(catalog, self.systems)
        evaluator = Evaluator(catalog, world, options)
        distressed = catalog.vehicles[goal.distressed]
        rescuers = [r for r in rescuers_of(catalog, goal.rescuer_system) if r.id != goal.distressed]
        if rescuer is not None:
            rescuers = [r for r in rescuers if r.id == rescuer]
        self.runs += len(rescuers)
        results = [evaluator.evaluate(r, distressed, Regime(goal.place), goal.crew or 1) for r in rescuers]
        return sorted(results, key=_rank)


def _row_plans(
    rows: _Rows, goal: RowGoal, bounds: Bounds, notes: list[str]
) -> tuple[list[frozenset[Change]], list[str]]:
    """The cheapest change sets that make ``goal`` pass or pass on conditions, and why not when none.

    A search state is a change set and the rescuer it is for: after the first
    round only that rescuer is evaluated again, since its changes were
    proposed by its own blocking findings.
    """
    solutions: list[frozenset[Change]] = []
    reasons: list[str] = []
    frontier: list[tuple[frozenset[Change], str | None]] = [(frozenset(), None)]
    seen: set[tuple[frozenset[Change], str | None]] = set()
    for _round in range(bounds.rounds):
        grown: list[tuple[frozenset[Change], str | None]] = []
        for changes, rescuer in frontier:
            results = rows.evaluate(goal, changes, rescuer)
            if _passes(results):
                solutions.append(_minimised(rows, goal, changes, results[0].rescuer))
                continue
            catalog = rows.changed(changes)
            world = rows.world(catalog)
            for result in results[: bounds.rescuers]:
                proposals = _proposals(result, goal, catalog, world)
                if isinstance(proposals, str):
                    reasons.append(f"{result.rescuer}: {proposals}")
                    continue
                for combo in itertools.islice(itertools.product(*proposals), bounds.states):
                    candidate = (changes.union(*combo), result.rescuer)
                    if candidate not in seen:
                        seen.add(candidate)
                        grown.append(candidate)
        if solutions:
            break
        grown.sort(key=lambda state: (_cost(state[0]), state[1] or ""))
        if len(grown) > bounds.states:
            notes.append(f"{goal.subject}: kept the {bounds.states} cheapest of {len(grown)} change sets in a round")
        frontier = grown[: bounds.states]
        if not frontier:
            break
    else:
        if not solutions and frontier:
            notes.append(f"{goal.subject}: no plan within {bounds.rounds} rounds of changes")
    unique = sorted(set(solutions), key=_cost)
    return unique[: bounds.alternatives], sorted(set(reasons))


def _passes(results: list[RescueResult]) -> bool:
    return bool(results) and results[0].verdict in (Verdict.PASS, Verdict.CONDITIONAL)


def _minimised(rows: _Rows, goal: RowGoal, changes: frozenset[Change], rescuer: str) -> frozenset[Change]:
    """``changes`` without those the rescue passes without (a round applies one change per blocker at
    once, and lifting one blocker can make another's change needless: a docking path ends the spacewalk
    question). The most costly kinds are tried first."""
    kept = set(changes)
    for change in sorted(changes, key=lambda c: (_ORDER.index(c.kind), c)):
        trial = frozenset(kept - {change})
        if _passes(rows.evaluate(goal, trial, rescuer)):
            kept.discard(change)
    return frozenset(kept)


_ORDER = [ChangeKind.HARDWARE, ChangeKind.QUALIFICATION, ChangeKind.PROCEDURE, ChangeKind.DATA]


def _combine(
    options_per_row: list[list[frozenset[Change]]], bounds: Bounds, notes: list[str]
) -> tuple[frozenset[Change], ...]:
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
    if count <= bounds.combinations:
        best: tuple[frozenset[Change], ...] = ()
        best_cost = None
        for choice in itertools.product(*options_per_row):
            cost = _cost(frozenset().union(*choice))
            if best_cost is None or cost < best_cost:
                best, best_cost = choice, cost
        return best
    notes.append(
        f"combining: more than {bounds.combinations} combinations of the rows' plans; chosen greedily, so the plan may not be the smallest"
    )
    chosen: dict[int, frozenset[Change]] = {}
    union: frozenset[Change] = frozenset()
    for index in sorted(range(len(options_per_row)), key=lambda i: (len(options_per_row[i]), i)):
        pick = min(options_per_row[index], key=lambda alternative: _cost(union | alternative))
        chosen[index] = pick
        union = union | pick
    return tuple(chosen[i] for i in range(len(options_per_row)))


def _repair(
    rows: _Rows, goals: list[RowGoal], unlocks: dict, bounds: Bounds, notes: list[str], passes: int = 2
) -> None:
    """Rows that pass alone can fail together (another row's adapter opens a shorter path through a
    narrower passage): plan such rows again on top of everything chosen, up to ``passes`` times."""
    for _pass in range(passes):
        chosen = frozenset(unlocks)
        failing = [goal for goal in goals if not _passes(rows.evaluate(goal, chosen))]
        if not failing:
            return
        on_top = rows.on_top(chosen)
        for goal in failing:
            plans, _reasons = _row_plans(on_top, goal, bounds, notes)
            if plans:
                for change in plans[0]:
                    unlocks.setdefault(change, []).append(goal.subject)
                notes.append(f"{goal.subject}: planned again on top of the other rows' changes")


def _goals(catalog: Catalog, options: EngineOptions, directions: list[tuple[str, str]]) -> list[RowGoal]:
    from interop.engine.systems import evaluate_direction

    world = World.build(catalog, sorted({s for d in directions for s in d}))
    evaluator = Evaluator(catalog, world, options)
    goals = []
    for a, b in directions:
        direction = evaluate_direction(evaluator, catalog, a, b)
        crews = {v.id: crew for v, _places, crew in crews_of(catalog, b)}
        for row in direction.rows:
            goals.append(RowGoal(a, b, row.distressed, row.place, crews.get(row.distressed), row.verdict))
    return goals


def plan_systems(
    catalog: Catalog,
    system_a: str,
    system_b: str,
    *,
    one_way: bool = False,
    options: EngineOptions | None = None,
    bounds: Bounds = DEFAULT_BOUNDS,
) -> PlanResult:
    """The smallest verified change set that makes A and B mutual (or, ``one_way``, A rescue B)."""
    from interop.engine.systems import _require

    _require(catalog.systems, "transport system", system_a)
    _require(catalog.systems, "transport system", system_b)
    options = options or EngineOptions()
    directions = [(system_a, system_b)] if one_way else [(system_a, system_b), (system_b, system_a)]
    rows = _Rows(catalog, options, [system_a, system_b])
    goals = _goals(catalog, options, directions)
    notes: list[str] = []
    per_row: list[list[frozenset[Change]]] = []
    planned_for: list[RowGoal] = []
    out_of_reach = []
    for goal in goals:
        if goal.verdict not in (Verdict.FAIL, Verdict.UNKNOWN):
            continue
        if goal.place == "?":
            names = (f"{goal.distressed}.regimes",)
            per_row.append(
                [
                    frozenset(
                        {
                            Change(
                                ChangeKind.DATA,
                                "publish",
                                ("Vehicle", goal.distressed),
                                ("regimes",),
                                names,
                                "publish " + names[0],
                            )
                        }
                    )
                ]
            )
            planned_for.append(goal)
            continue
        plans, reasons = _row_plans(rows, goal, bounds, notes)
        if plans:
            per_row.append(plans)
            planned_for.append(goal)
        else:
            out_of_reach.append(
                OutOfReach(goal.subject, reasons or ["no change the rules can name lifts its blocking findings"])
            )
    choice = _combine(per_row, bounds, notes)
    unlocks: dict[Change, list[str]] = {}
    for goal, changes in zip(planned_for, choice, strict=True):
        for change in changes:
            unlocks.setdefault(change, []).append(goal.subject)
    _repair(rows, planned_for, unlocks, bounds, notes)
    asked = f"{system_a} -> {system_b}" if one_way else f"{system_a} <-> {system_b}"
    goal_text = (
        f"{system_a} can rescue every crew of {system_b}"
        if one_way
        else f"{system_a} and {system_b} can rescue each other's crews"
    )
    return _verified(catalog, options, directions, goals, unlocks, out_of_reach, notes, asked, goal_text)


def _verified(catalog, options, directions, goals, unlocks, out_of_reach, notes, asked, goal_text) -> PlanResult:
    """Apply the changes and re-run the engine on every row asked: the plan reports what the re-run says."""
    chosen = frozenset(unlocks)
    changed = apply_changes(catalog, chosen)
    favourable = replace(options, assumed=_assumptions(chosen, True))
    unfavourable = replace(options, assumed=_assumptions(chosen, False))
    after = {(g.rescuer_system, g.distressed, g.place): g for g in _goals(changed, favourable, directions)}
    after_bad = {(g.rescuer_system, g.distressed, g.place): g for g in _goals(changed, unfavourable, directions)}
    rows = []
    for goal in goals:
        key = (goal.rescuer_system, goal.distressed, goal.place)
        new, bad = after.get(key), after_bad.get(key)
        rows.append(
            RowOutcome(
                goal.subject,
                goal.verdict,
                new.verdict if new else Verdict.FAIL,
                bad.verdict if bad else Verdict.FAIL,
                None,
            )
        )
    coverage_ok = all(r.after in (Verdict.PASS, Verdict.CONDITIONAL) for r in rows)
    coverage_bad = all(r.after_unfavourable in (Verdict.PASS, Verdict.CONDITIONAL) for r in rows)
    planned = []
    for change in sorted(chosen, key=lambda c: (c.kind is not ChangeKind.HARDWARE, c)):
        planned.append(PlannedChange(change, _position_of(catalog, change), unlocks[change]))
    return PlanResult(
        asked,
        goal_text,
        planned,
        rows,
        out_of_reach,
        coverage_ok and not out_of_reach,
        coverage_bad and not out_of_reach,
        sorted(set(notes)),
    )


class _ScenarioRows(_Rows):
    """The responders of one scenario, each evaluated as the scenario states them."""

    def __init__(self, catalog: Catalog, options: EngineOptions, scenario_id: str, base: frozenset = frozenset()):
        scenario = catalog.scenarios[scenario_id]
        systems = [s for s in [scenario.distressed.system] + [r.system for r in scenario.responders] if s]
        super().__init__(catalog, options, systems, base)
        self.scenario_id = scenario_id

    def on_top(self, base: frozenset) -> _Rows:
        return _ScenarioRows(self.catalog, self.options, self.scenario_id, base)

    def world(self, catalog: Catalog) -> World:
        from interop.engine.systems import _systems_holding

        scenario = catalog.scenarios[self.scenario_id]
        vehicles = [scenario.distressed.vehicle] + [r.vehicle for r in scenario.responders]
        return World.build(catalog, self.systems or _systems_holding(catalog, *vehicles))

    def evaluate(self, goal: RowGoal, changes, rescuer: str | None = None) -> list[RescueResult]:
        from interop.engine.systems import run_scenario

        catalog = self.changed(changes)
        changes = self.base | changes
        options = replace(self.options, assumed=_assumptions(changes, True)) if changes else self.options
        results = run_scenario(catalog, self.scenario_id, options).results
        if rescuer is not None:
            results = [r for r in results if r.rescuer == rescuer]
        self.runs += len(results)
        return sorted(results, key=_rank)


def plan_scenario(
    catalog: Catalog, scenario_id: str, *, options: EngineOptions | None = None, bounds: Bounds = DEFAULT_BOUNDS
) -> PlanResult:
    """The smallest verified change set that gives the scenario a responder that passes (or passes on conditions)."""
    from interop.engine.systems import _require, run_scenario

    scenario = _require(catalog.scenarios, "rescue scenario", scenario_id)
    options = options or EngineOptions()
    rows = _ScenarioRows(catalog, options, scenario_id)
    before = run_scenario(catalog, scenario_id, options)
    adapter_system = scenario.distressed.system or next((r.system for r in scenario.responders if r.system), None)
    goal = RowGoal(
        adapter_system or "",
        adapter_system or "",
        scenario.distressed.vehicle,
        scenario.distressed.at.value,
        scenario.distressed.crew,
        before.verdict,
    )
    notes: list[str] = []
    unlocks: dict[Change, list[str]] = {}
    out_of_reach: list[OutOfReach] = []
    subject = f"scenario {scenario_id}"
    if before.verdict not in (Verdict.PASS, Verdict.CONDITIONAL):
        plans, reasons = _row_plans(rows, goal, bounds, notes)
        if plans:
            for change in plans[0]:
                unlocks.setdefault(change, []).append(subject)
        else:
            out_of_reach.append(
                OutOfReach(subject, reasons or ["no change the rules can name lifts its blocking findings"])
            )
    chosen = frozenset(unlocks)
    changed = apply_changes(catalog, chosen)
    good = run_scenario(changed, scenario_id, replace(options, assumed=_assumptions(chosen, True)))
    bad = run_scenario(changed, scenario_id, replace(options, assumed=_assumptions(chosen, False)))
    outcomes = []
    for old, new, worse in zip(before.results, good.results, bad.results, strict=True):
        outcomes.append(RowOutcome(f"{subject}: {old.rescuer}", old.verdict, new.verdict, worse.verdict, old.rescuer))
    reached = good.verdict in (Verdict.PASS, Verdict.CONDITIONAL)
    planned = [
        PlannedChange(change, _position_of(catalog, change), unlocks[change])
        for change in sorted(chosen, key=lambda c: (c.kind is not ChangeKind.HARDWARE, c))
    ]
    return PlanResult(
        subject,
        f"some responder of {scenario_id} can bring the crew home",
        planned,
        outcomes,
        out_of_reach,
        reached,
        reached and bad.verdict in (Verdict.PASS, Verdict.CONDITIONAL),
        sorted(set(notes)),
    )


def _position_of(catalog: Catalog, change: Change) -> Position | None:
    document = catalog.table(change.document[0]).get(change.document[1]) if change.document[0] else None
    return catalog.locate(document, *change.path) if document is not None else None


__all__ = ["Bounds", "Change", "ChangeKind", "PlanResult", "apply_changes", "plan_scenario", "plan_systems"]
