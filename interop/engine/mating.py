"""Finding how a rescuer reaches the distressed crew's cabin.

Breadth-first over adapters, so the first chains found are the shortest.
Port-to-port compatibility depends only on (interface, role, gender) of each
side, so it is computed once per such pair and cached for the whole run, and
so is everything built from it alone: the steps through an adapter, per
exposed-port signature; which states may mate with a target, per target
signature. tests/test_mating_search.py holds the result to an exhaustive
search written separately; it shares with this module only what defines the
question, not how it is answered: check_mate, the world's station stacks and
free ports (free_ports, _stack_path, _reverse) and the adapters in play.

A rescuer already docked in the crew's stack needs no docking (STACK). Free
ports are searched first; only when they give no path are ports held by
visitors that can leave or move searched too, so a plan that needs a visitor
to leave is never chosen over one that does not (and one whose visitor may
or may not leave comes last).

Longer than 500 lines because the search, the caches it is fast with and the
stack paths it walks are one algorithm, read and tested as one
(tests/test_mating_search.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from interop.engine.world import World
from interop.load.limits import SEARCH_BOUNDS
from interop.model.documents import Vehicle
from interop.model.finding import Condition
from interop.model.vocabulary import Regime
from interop.rules.base import Anchor, condition
from interop.rules.context import Hold, Link, MatingMode, MatingPlan, NearMiss, PortEnd, missing_name
from interop.rules.port_compatibility import MateCause, MateCheck, MateStatus, check_mate

MAX_ADAPTERS = 3
# Bounds on the search, counted in work so a report is the same on every
# machine (interop.load.limits.SearchBounds; docs/errors.md lists them). Real
# catalogs stay far below them (a few hundred states).
MAX_SEARCH_STEPS = SEARCH_BOUNDS.max_adapter_steps
MAX_SEARCH_STATES = SEARCH_BOUNDS.max_adapter_states
MAX_SEARCH_PAIRS = SEARCH_BOUNDS.max_port_pairs
MAX_NEAR_MISS_PAIRS = SEARCH_BOUNDS.max_near_miss_pairs
_STATUS_RANK = {MateStatus.MATES: 0, MateStatus.SLOW: 1, MateStatus.UNKNOWN: 2, MateStatus.NO: 3}


class MateCache:
    """check_mate memoised on what it depends on."""

    def __init__(self, world: World):
        self.interfaces = world.catalog.interfaces
        self._cache: dict[tuple, MateCheck] = {}
        # rescuer id -> adapter ids -> the search frontier at each depth: it
        # does not depend on the distressed vehicle, so it is grown once per
        # rescuer and set of adapters, not once per pair. The engine releases a
        # rescuer's frontiers when it is done with it (they are most of a large
        # matrix's memory).
        self.frontiers: dict[str, dict[tuple, list[_Layer]]] = {}
        # adapter ids -> exposed port signature -> the steps through one
        # adapter a port with that signature can take. Shared by all rescuers.
        self._steps: dict[tuple, dict[tuple, list[_Step]]] = {}
        # (systems, place) -> the adapters those systems could bring there.
        self.within_reach: dict[tuple, list[Vehicle]] = {}
        # rescuer id -> the bound its adapter-chain search stopped at, if any.
        self.bounds_hit: dict[str, str] = {}
        self.work = 0
        """Steps the adapter-chain search has tried: what its bounds count (tests read it)."""

    def release(self, rescuer_id: str) -> None:
        self.frontiers.pop(rescuer_id, None)

    def bound_hit(self, rescuer_id: str) -> str:
        """The bound the search for ``rescuer_id``'s paths stopped at, or ""."""
        return self.bounds_hit.get(rescuer_id, "")

    def __call__(self, a: PortEnd, b: PortEnd) -> MateCheck:
        pa, pb = a.port, b.port
        # _signature of each side, inlined: this runs about 30 times per pair.
        key = (pa.interface, pa.role, pa.gender, pb.interface, pb.role, pb.gender)
        found = self._cache.get(key)
        if found is None:
            found = check_mate(pa, self.interfaces.get(pa.interface), pb, self.interfaces.get(pb.interface))
            self._cache[key] = found
        return found

    def steps(self, adapter_ids: tuple[str, ...], adapters: list[Vehicle], exposed: PortEnd) -> list[_Step]:
        """Every way through one of ``adapters`` for a port like ``exposed``, in search order."""
        by_signature = self._steps.setdefault(adapter_ids, {})
        signature = _signature(exposed)
        found = by_signature.get(signature)
        if found is None:
            found = by_signature[signature] = []
            for adapter in adapters:
                ends = [PortEnd(adapter, i) for i in range(len(adapter.ports or ()))]
                for inbound in ends:
                    check = self(exposed, inbound)
                    if check.status not in (MateStatus.MATES, MateStatus.SLOW):
                        continue
                    for outbound in ends:
                        if outbound.index != inbound.index:
                            found.append(
                                _Step(adapter.id, inbound, inbound.label(), outbound, check, _STATUS_RANK[check.status])
                            )
        return found


@dataclass(frozen=True, slots=True)
class _Step:
    """In through one port of an adapter and out through another."""

    adapter_id: str
    inbound: PortEnd
    inbound_label: str
    outbound: PortEnd
    check: MateCheck
    rank: int


@dataclass(slots=True)
class _State:
    links: list[Link]
    exposed: PortEnd
    used: tuple[str, ...]
    # Carried along rather than recomputed from links: paths compare by these.
    labels: tuple[str, ...]
    worst: int

    @classmethod
    def start(cls, links: list[Link], exposed: PortEnd) -> _State:
        return cls(links, exposed, (), _labels(links), _worst(links))


def free_ports(world: World, vehicle: Vehicle) -> list[PortEnd]:
    """Ports neither a permanent module nor a visitor holds."""
    return [
        PortEnd(vehicle, index)
        for index, port in enumerate(vehicle.ports or ())
        if (vehicle.id, port.id) not in world.occupied and (vehicle.id, port.id) not in world.holds
    ]


def held_ports(world: World, vehicle: Vehicle) -> list[tuple[PortEnd, Hold]]:
    """Ports held by a visitor that can (or may) leave or move; one that can do neither is as a module."""
    held = []
    for index, port in enumerate(vehicle.ports or ()):
        hold = world.holds.get((vehicle.id, port.id))
        if hold is not None and hold.movable is not False:
            held.append((PortEnd(vehicle, index), hold))
    return held


def _stack_path(world: World, start: str, goal: str) -> list[Link] | None:
    """Permanent links from ``start`` to ``goal`` inside one station stack.

    Found once per World (its connections do not change) and copied: a plan
    asks for the same stack's paths for every rescuer that docks at it.
    """
    key = ("stack_path", start, goal)
    cache = world._cache
    if key not in cache:
        cache[key] = _stack_search(world, start, goal)
    found = cache[key]
    return list(found) if found is not None else None


def _stack_search(world: World, start: str, goal: str) -> list[Link] | None:
    if start == goal:
        return []
    previous: dict[str, tuple[str, str, str]] = {}
    queue, seen = [start], {start}
    while queue:
        current = queue.pop(0)
        for port, other, other_port in sorted(world.neighbours.get(current, ())):
            if other in seen:
                continue
            seen.add(other)
            previous[other] = (current, port, other_port)
            if other == goal:
                return _links_back(world, previous, start, goal)
            queue.append(other)
    return None


def _links_back(world: World, previous, start: str, goal: str) -> list[Link]:
    links, node = [], goal
    while node != start:
        parent, port, other_port = previous[node]
        near_vehicle, far_vehicle = world.vehicle(parent), world.vehicle(node)
        near = PortEnd(near_vehicle, _port_index(near_vehicle, port))
        far = PortEnd(far_vehicle, _port_index(far_vehicle, other_port))
        links.append(
            Link(
                near,
                far,
                MateCheck(MateStatus.MATES, "permanently mated in the station stack", cause=MateCause.STACK),
                permanent=True,
            )
        )
        node = parent
    return list(reversed(links))


def _port_index(vehicle: Vehicle, port_id: str) -> int:
    for index, port in enumerate(vehicle.ports or ()):
        if port.id == port_id:
            return index
    raise KeyError(port_id)


def _reverse(links: list[Link]) -> list[Link]:
    return [Link(link.far, link.near, link.check, link.permanent) for link in reversed(links)]


def plan_mating(
    world: World,
    mate: MateCache,
    rescuer: Vehicle,
    distressed: Vehicle,
    place: Regime,
    docked_to: str | None = None,
    rescuer_docking: Hold | None = None,
) -> MatingPlan:
    """The best way in: already docked, direct, through the fewest adapters, by EVA, or none.

    ``docked_to``: the station vehicle the crew is aboard. ``rescuer_docking``:
    where the rescuer is docked now, if anywhere.
    """
    anchor_id = docked_to or distressed.id
    target_stack = world.assembly(anchor_id)
    if docked_to is None and distressed.id not in target_stack:
        target_stack = [distressed.id] + target_stack
    stack_plan = _already_in_stack(world, rescuer, anchor_id, target_stack, rescuer_docking)
    if stack_plan is not None:
        return stack_plan
    if rescuer.ports is None or (docked_to is None and distressed.ports is None):
        unpublished = [
            Anchor(v, ("ports",)) for v in (rescuer, distressed) if v.ports is None and (v is rescuer or not docked_to)
        ]
        return MatingPlan(
            MatingMode.UNKNOWN,
            missing=list(unpublished),
            requirements=_ports_wanted(world, rescuer, target_stack, unpublished),
        )

    stationed, carried = world.adapters_for(rescuer, place)
    carried_ids = {a.id for a in carried}
    unknown_checks: list[MateCheck] = []
    for with_held in (False, True):
        starts = _starts(world, rescuer, with_held)
        targets = _targets(world, target_stack, anchor_id, with_held)
        found, checks = _search(starts, targets, carried + stationed, mate, rescuer.id, with_held)
        unknown_checks.extend(checks)
        if found is not None:
            depth, links, used = found
            used_adapters = [world.vehicle(v) for v in used]
            return MatingPlan(
                MatingMode.DIRECT if depth == 0 else MatingMode.ADAPTERS,
                links=links,
                adapters=used_adapters,
                carried_adapters=[a for a in used_adapters if a.id in carried_ids],
                holds=_holds_on(world, links) if with_held else [],
            )
        if not world.holds:
            break  # nothing held: the second pass would search the same again
    if unknown_checks:
        unknown_missing = {m for check in unknown_checks for m in check.missing}
        requirements: dict[Condition, None] = {c: None for check in unknown_checks for c in check.requires}
        return MatingPlan(
            MatingMode.UNKNOWN,
            missing=sorted(unknown_missing, key=missing_name),
            requirements=sorted(requirements, key=lambda c: (c.names, c.text)),
        )
    # No path with what is there: would an adapter the two vehicles' systems
    # could bring to the place make one? Only those are named in the remedy:
    # a chain of other programs' historical adapters is no answer.
    suggested = []
    available = carried + stationed
    # By id: `in` on a list of models compares them field by field (pydantic's __eq__).
    available_ids = {adapter.id for adapter in available}
    reach = [a for a in _adapters_within_reach(world, mate, rescuer, distressed, place) if a.id not in available_ids]
    if reach:
        pool = sorted(available + reach, key=lambda a: a.id)
        suggestion, _ = _search(starts, targets, pool, mate, rescuer.id, with_held)
        suggested = [world.vehicle(v) for v in suggestion[2]] if suggestion else []
    near_misses = _near_misses(starts, targets, mate, rescuer.id)
    crew_stack = [world.vehicle(v) for v in target_stack]
    if _eva_possible(rescuer, crew_stack):
        return MatingPlan(MatingMode.EVA, near_misses=near_misses, suggested_adapters=suggested, crew_stack=crew_stack)
    return MatingPlan(MatingMode.NONE, near_misses=near_misses, suggested_adapters=suggested)


def _ports_wanted(
    world: World, rescuer: Vehicle, target_stack: list[str], unpublished: list[Anchor]
) -> list[Condition]:
    """What unpublished port lists must hold: a port that mates with one of the other side's mechanisms."""
    if len(unpublished) > 1:
        return [
            condition(
                unpublished,
                "mates",
                None,
                clause=f"{' and '.join(a.describe() for a in unpublished)} must include two ports that mate",
            )
        ]
    [field] = unpublished
    sides = [rescuer] if field.document is not rescuer else [world.vehicle(v) for v in target_stack]
    interfaces = sorted({p.interface for v in sides for p in v.ports or ()})
    if not interfaces:
        return [condition([field], "mates", None, clause=f"{field.describe()} must include a port that mates")]
    return [
        condition(
            [field],
            "mates",
            tuple(interfaces),
            clause=f"{field.describe()} must include a port that mates with one of {', '.join(interfaces)}",
        )
    ]


def _adapters_within_reach(
    world: World, mate: MateCache, rescuer: Vehicle, distressed: Vehicle, place: Regime
) -> list[Vehicle]:
    """Adapters of the two vehicles' systems that are or could be at ``place``: stationed there, or carried."""
    systems = frozenset(p.system.id for v in (rescuer.id, distressed.id) for p in world.placements.get(v, ()))
    key = (systems, place)
    if key not in mate.within_reach:
        mate.within_reach[key] = _within_reach(world, systems, place)
    return mate.within_reach[key]


def _within_reach(world: World, systems: frozenset[str], place: Regime) -> list[Vehicle]:
    found = []
    for adapter in world.spare_adapters():
        for placement in world.placements.get(adapter.id, ()):
            places = placement.places
            carried = placement.element.carried_by is not None
            if placement.system.id in systems and (carried or (places is not None and place in places)):
                found.append(adapter)
                break
    return found


def _already_in_stack(world: World, rescuer: Vehicle, anchor_id: str, target_stack: list[str], docking: Hold | None):
    """STACK when the rescuer is a module of the crew's stack or docked to one: no new docking."""
    if rescuer.id in target_stack:
        return MatingPlan(MatingMode.STACK, links=_stack_path(world, rescuer.id, anchor_id) or [])
    if docking is None or docking.vehicle not in target_stack or docking.vehicle not in world.catalog.vehicles:
        return None
    station = world.vehicle(docking.vehicle)
    links = []
    own = _own_port(rescuer, docking.visitor_port)
    at = _find_port(station, docking.port)
    if own is not None and at is not None:
        check = declared_docking_check(world, rescuer, own, station, at)
        links.append(Link(PortEnd(rescuer, own), PortEnd(station, at), check, permanent=True))
    links += _stack_path(world, docking.vehicle, anchor_id) or []
    return MatingPlan(MatingMode.STACK, links=links, stack_docking=docking)


def declared_docking_check(world: World, visitor: Vehicle, own: int, station: Vehicle, at: int) -> MateCheck:
    """A declared docking through the same mate check as any other (issue 26).

    Ports that cannot mate stay NO: a finding at the docking. An UNKNOWN only
    for want of a published partner list is settled by the docking itself (a
    real docking is evidence that the two mate); any other UNKNOWN stays.
    """
    ports_a, ports_b = visitor.ports or [], station.ports or []
    interfaces = world.catalog.interfaces
    raw = check_mate(
        ports_a[own], interfaces.get(ports_a[own].interface), ports_b[at], interfaces.get(ports_b[at].interface)
    )
    if raw.status is MateStatus.NO or (
        raw.status is MateStatus.UNKNOWN and raw.cause is not MateCause.PARTNERS_UNKNOWN
    ):
        return raw
    settled = "; the docking itself shows the two mate" if raw.status is MateStatus.UNKNOWN else ""
    return MateCheck(MateStatus.MATES, f"{visitor.id} is docked here already{settled}", cause=MateCause.DOCKED)


def _own_port(vehicle: Vehicle, port_id: str | None) -> int | None:
    """The visitor's port at its docking: the one named, else its only port."""
    ports = vehicle.ports or []
    if port_id is not None:
        return _find_port(vehicle, port_id)
    return 0 if len(ports) == 1 else None


def _find_port(vehicle: Vehicle, port_id: str) -> int | None:
    for index, port in enumerate(vehicle.ports or ()):
        if port.id == port_id:
            return index
    return None


def _starts(world: World, rescuer: Vehicle, with_held: bool) -> list[_State]:
    starts: list[_State] = []
    for vehicle_id in world.assembly(rescuer.id):
        vehicle = world.vehicle(vehicle_id)
        outward = _reverse(_stack_path(world, vehicle_id, rescuer.id) or [])
        for end in free_ports(world, vehicle):
            starts.append(_State.start(list(outward), end))
        if with_held:
            for end, hold in held_ports(world, vehicle):
                state = _State.start(list(outward), end)
                state.worst = max(state.worst, _hold_rank(hold))
                starts.append(state)
    return starts


def _targets(world: World, target_stack: list[str], anchor_id: str, with_held: bool) -> list[tuple]:
    """Each target port with the permanent links inward to the crew, their worst rank and labels."""
    targets: list[tuple[PortEnd, list[Link], int, tuple[str, ...]]] = []
    for vehicle_id in target_stack:
        vehicle = world.vehicle(vehicle_id)
        inward = _stack_path(world, vehicle_id, anchor_id) or []
        for end in free_ports(world, vehicle):
            targets.append((end, inward, _worst(inward), _labels(inward)))
        if with_held:
            for end, hold in held_ports(world, vehicle):
                targets.append((end, inward, max(_worst(inward), _hold_rank(hold)), _labels(inward)))
    return targets


def _hold_rank(hold: Hold) -> int:
    # A visitor that can leave ranks as a mating that works; one that may or
    # may not ranks as an unknown mating, so any known way wins over it.
    return _STATUS_RANK[MateStatus.MATES] if hold.movable else _STATUS_RANK[MateStatus.UNKNOWN]


def _holds_on(world: World, links: list[Link]) -> list[tuple[PortEnd, Hold]]:
    held = []
    for link in links:
        if link.permanent:
            continue
        for end in (link.near, link.far):
            hold = world.holds.get((end.vehicle.id, end.port.id))
            if hold is not None:
                held.append((end, hold))
    return held


class _Layer:
    """The search states at one depth, grouped by what their exposed port mates with.

    Whether a state's exposed port mates with a target depends only on the
    port's (interface, role, gender), so each group is checked against a target
    once, and within a group the states are kept in the order that decides
    which path wins: a pair looks up instead of searching.
    """

    def __init__(self, states: list[_State]):
        self.states = states
        groups: dict[tuple, list[tuple]] = {}
        for state in states:
            # Paths compare by (worst, length, labels); the exposed port's label ends with ">" as in a link's.
            order = (len(state.links), state.labels, state.exposed.label() + ">")
            groups.setdefault(_signature(state.exposed), []).append((order, state.worst, state))
        self.groups = [
            (members[0][2].exposed, sorted(members, key=lambda member: member[0])) for members in groups.values()
        ]
        self._mating: dict[tuple, list[tuple]] = {}
        self.pairs = 0
        self.bound = ""
        """Set when the pairs checked reached MAX_SEARCH_PAIRS: later targets are not tried."""

    def mating(self, target: PortEnd, mate: MateCache) -> list[tuple]:
        """(exposed, members, check) for each group that may mate with ``target``.

        Depends on the target's signature only, so it is worked out once per
        layer and signature, not once per pair; at most MAX_SEARCH_PAIRS
        (group, target) pairs are checked per layer.
        """
        signature = _signature(target)
        found = self._mating.get(signature)
        if found is None:
            found = self._mating[signature] = []
            if self.pairs + len(self.groups) > MAX_SEARCH_PAIRS:
                self.bound = f"docking pairs: stopped after {MAX_SEARCH_PAIRS} port pairs"
                return found
            self.pairs += len(self.groups)
            for exposed, members in self.groups:
                check = mate(exposed, target)
                if check.status is not MateStatus.NO:
                    found.append((exposed, members, check))
        return found


def _search(
    starts: list[_State], targets, adapters: list[Vehicle], mate: MateCache, rescuer_id: str, with_held: bool = False
):
    """Breadth-first: the best path through the fewest adapters, or None."""
    by_adapters = mate.frontiers.setdefault(rescuer_id, {})
    adapter_ids = tuple(a.id for a in adapters)
    layers = by_adapters.get((adapter_ids, with_held))
    if layers is None:
        layers = by_adapters[(adapter_ids, with_held)] = [_Layer(starts)]
    unknown_checks: list[MateCheck] = []
    for depth in range(MAX_ADAPTERS + 1):
        layer = layers[depth]
        best = None
        for target, inward, inward_worst, inward_labels in targets:
            target_id = target.vehicle.id
            for _exposed, members, check in layer.mating(target, mate):
                floor = max(_STATUS_RANK[check.status], inward_worst)
                chosen = None
                for _order, worst, state in members:
                    if target_id in state.used or target_id == state.exposed.vehicle.id:
                        continue
                    if check.status is MateStatus.UNKNOWN:
                        unknown_checks.append(check)
                        break
                    rank = max(worst, floor)
                    if chosen is None or rank < chosen[0]:
                        chosen = (rank, state)
                    if rank == floor:
                        break  # the first in order at the lowest possible rank wins the group
                if chosen is None:
                    continue
                rank, state = chosen
                length = len(state.links) + 1 + len(inward)
                if best is not None and (rank, length) > best[0][:2]:
                    continue  # cannot win whatever its labels
                link = Link(state.exposed, target, check)
                key = (rank, length, state.labels + (_label(link),) + inward_labels)
                if best is None or key < best[0]:
                    best = (key, state.links + [link] + inward, state.used)
        if layer.bound:
            mate.bounds_hit.setdefault(rescuer_id, layer.bound)
        if best is not None:
            return (depth, best[1], best[2]), unknown_checks
        if depth == MAX_ADAPTERS:
            break
        if len(layers) == depth + 1:
            grown, bound = _expand(layer.states, adapter_ids, adapters, mate)
            layers.append(_Layer(grown))
            if bound:
                mate.bounds_hit.setdefault(rescuer_id, bound)
        if not layers[depth + 1].states:
            break
    return None, unknown_checks


def _expand(
    frontier: list[_State], adapter_ids: tuple[str, ...], adapters: list[Vehicle], mate: MateCache
) -> tuple[list[_State], str]:
    """The next layer, and what bound stopped it ("" when none did).

    Two states that expose the same port through the same set of adapters,
    at the same worst rank, have the same futures: only the one that sorts
    first is kept (exact, so no path is lost). Work is bounded by counting:
    at most MAX_SEARCH_STEPS steps tried and MAX_SEARCH_STATES states kept
    per layer, so a catalog of thousands of adapters costs the same bounded
    work on every machine, and the result says so when a bound stopped it.
    """
    kept: dict[tuple, _State] = {}
    tried = 0
    for state in frontier:
        exposed = state.exposed
        exposed_id, exposed_label = exposed.vehicle.id, exposed.label()
        for step in mate.steps(adapter_ids, adapters, exposed):
            tried += 1
            if tried > MAX_SEARCH_STEPS:
                mate.work += tried
                return list(kept.values()), f"adapter chains: stopped after {MAX_SEARCH_STEPS} steps"
            if step.adapter_id in state.used or step.adapter_id == exposed_id:
                continue
            used = state.used + (step.adapter_id,)
            worst = max(state.worst, step.rank)
            key = (step.outbound.vehicle.id, step.outbound.index, frozenset(used), worst)
            labels = state.labels + (_joined(exposed_label, step.inbound_label),)
            other = kept.get(key)
            if other is not None and other.labels <= labels:
                continue
            if other is None and len(kept) >= MAX_SEARCH_STATES:
                mate.work += tried
                return list(kept.values()), f"adapter chains: stopped at {MAX_SEARCH_STATES} search states"
            kept[key] = _State(
                state.links + [Link(exposed, step.inbound, step.check)], step.outbound, used, labels, worst
            )
    mate.work += tried
    return list(kept.values()), ""


def _eva_possible(rescuer: Vehicle, stack: list[Vehicle]) -> bool:
    # suited_egress (once eva_capable) means a suited crew can leave or enter: through an
    # airlock or by depressurising its cabin, as Apollo and Soyuz did.
    # Either side counts its airlock as well as its own egress (issue 26).
    return bool(rescuer.lets_suited_crew_out() and any(v.lets_suited_crew_out() for v in stack))


def _near_misses(starts: list[_State], targets, mate: MateCache, rescuer_id: str = "") -> list[NearMiss]:
    """Why each pair of a free rescuer port and a free target port does not mate, each reason once.

    At most MAX_NEAR_MISS_PAIRS pairs are described (in the order of the
    ports), never all pairs of thousands of ports; the bound is noted when hit.
    """
    misses: dict[str, NearMiss] = {}
    pairs = 0
    for state in starts:
        for target, *_inward in targets:
            if target.vehicle.id == state.exposed.vehicle.id:
                continue  # a port is never its own partner, nor its vehicle's
            pairs += 1
            if pairs > MAX_NEAR_MISS_PAIRS:
                mate.bounds_hit.setdefault(
                    rescuer_id, f"near misses: the first {MAX_NEAR_MISS_PAIRS} port pairs described"
                )
                return [misses[key] for key in sorted(misses)]
            miss = NearMiss(state.exposed, target, mate(state.exposed, target))
            misses.setdefault(miss.describe(), miss)
    return [misses[key] for key in sorted(misses)]


def _worst(links: list[Link]) -> int:
    return max((_STATUS_RANK[link.check.status] for link in links), default=0)


def _labels(links: list[Link]) -> tuple[str, ...]:
    return tuple(_label(link) for link in links)


def _label(link: Link) -> str:
    return _joined(link.near.label(), link.far.label())


def _joined(near_label: str, far_label: str) -> str:
    return f"{near_label}>{far_label}"


def _signature(end: PortEnd) -> tuple:
    """All that whether a port mates depends on: what every memo here is keyed by."""
    port = end.port
    return (port.interface, port.role, port.gender)
