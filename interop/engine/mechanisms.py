"""The mechanism map: which docking interfaces mate, directly and through adapters.

A planner or a standards group asks "which mechanisms can join at all, with
which roles and genders, and which adapter in the catalog bridges two that
cannot?" before any particular rescue. The answer depends only on the
catalog: every (interface, role, gender) that some port declares is a *port
kind*; two kinds mate when the port-compatibility check of the rules says so
(the same function the mating search uses, so the map never disagrees with a
verdict); an adapter bridges the kinds its ports mate with; and a vehicle's
reachable partners are the vehicles one of whose port kinds it can reach,
directly or through up to ``MAX_ADAPTERS`` catalog adapters.

What people read is the vehicle map: per place (a regime), the vehicles that
operate there, a station's permanent stack drawn as one (its free ports are
what a visitor docks to), joined when they can dock directly, through a named
movable adapter of the catalog, or when it is not known (a partner list is
unpublished; pairs that style and gender decide are never unknown). Joins are
undirected. With a vehicle, only its neighbourhood: its partners where it
operates; partners elsewhere are listed apart.

Every search is bounded by counted work, never by time, and a bound that is
hit is named in ``bounds_hit``: the pairs of vehicles the map looks at
(:data:`MAX_PAIRS`), the partners search (:data:`MAX_PARTNER_WORK` port
checks; its states deduplicated by the port kind they expose, so it grows
linearly with the catalog), the unknown joins drawn (:data:`MAX_UNKNOWN_JOINS`,
the rest summarised per pair of interfaces, as every unknown is).

Longer than 500 lines because the map's port kinds, their mates and the
adapter bridges are one computation over the catalog, bounded as one search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interop.engine.mating import MAX_ADAPTERS
from interop.engine.world import ADAPTER_TYPES
from interop.load.catalog import Catalog
from interop.model.documents import Port, Vehicle
from interop.model.vocabulary import Gender, PortRole, Regime
from interop.rules.port_compatibility import MateStatus, check_mate

MAX_PAIRS = 20_000
"""Pairs of vehicles (or stacks) at one place the map looks at, over all places."""

MAX_PARTNER_WORK = 200_000
"""Port-kind checks the partners search of one vehicle may make."""

MAX_UNKNOWN_JOINS = 40
"""Unknown joins the map draws; every unknown is also summarised per pair of interfaces."""


@dataclass(frozen=True, order=True)
class PortKind:
    """All that whether a port mates depends on."""

    interface: str
    role: str
    gender: str | None = None

    def label(self) -> str:
        gender = f" {self.gender}" if self.gender else ""
        return f"{self.interface} ({self.role}{gender})"


@dataclass
class Mating:
    """Two port kinds and what the port check says of them."""

    a: PortKind
    b: PortKind
    status: MateStatus
    reason: str


@dataclass
class AdapterPlacement:
    system: str
    places: list[str]
    carried_by: str | None = None
    in_stack: bool = False


@dataclass
class Bridge:
    """An adapter of the catalog and the interfaces it joins."""

    adapter: str
    ports: list[PortKind]
    joins: list[tuple[str, str]]
    """Pairs of interfaces (sorted) that the adapter connects, one through each of two ports."""
    placements: list[AdapterPlacement] = field(default_factory=list)


@dataclass
class Partner:
    """A vehicle another can dock with, directly or through catalog adapters."""

    vehicle: str
    adapters: list[str]
    """The fewest adapters on the way, in order; empty for a direct docking."""
    status: MateStatus


@dataclass
class MapNode:
    """A vehicle, or a station's permanent stack, where it operates."""

    id: str
    label: str
    members: list[str]
    """The vehicles it stands for: itself, or the stack's modules and adapters."""
    kinds: list[PortKind]
    """The port kinds a visitor can dock to (a stack's free ports)."""
    ports_published: bool = True


@dataclass
class Join:
    """Two nodes at one place and what lets them dock (undirected: ``a`` < ``b``)."""

    a: str
    b: str
    how: str
    """``direct``, ``adapter`` or ``unknown``."""
    status: MateStatus
    adapters: list[str] = field(default_factory=list)
    """The adapters on the way, for ``adapter``."""
    interfaces: tuple[str, str] = ("", "")
    """The two interfaces that meet (for ``unknown``: whose partner lists are not published)."""


@dataclass
class PlaceGroup:
    place: str
    nodes: list[MapNode]
    joins: list[Join]


@dataclass
class UnknownPair:
    """Two interfaces whose mating is not known, and how many vehicle pairs wait on it."""

    a: str
    b: str
    pairs: int


@dataclass
class MechanismMap:
    interfaces: list[str]
    kinds: dict[str, list[PortKind]]
    """Interface id -> the port kinds vehicles declare with it."""
    users: dict[str, list[str]]
    """Interface id -> ids of the vehicles with a port of it."""
    matings: list[Mating]
    """Every pair of port kinds that mates, berths, or whose answer is unknown."""
    bridges: list[Bridge]
    vehicle: str | None = None
    partners: list[Partner] = field(default_factory=list)
    places: list[PlaceGroup] = field(default_factory=list)
    """The vehicle map: per place, its nodes and joins (with a vehicle: its neighbourhood)."""
    elsewhere: list[Partner] = field(default_factory=list)
    """With a vehicle: partners that operate only where it does not."""
    unknown_pairs: list[UnknownPair] = field(default_factory=list)
    bounds_hit: list[str] = field(default_factory=list)
    work: int = 0
    """Port-kind checks and vehicle pairs looked at: the counted cost of the map."""


def port_kind(port: Port, catalog: Catalog) -> PortKind:
    interface = catalog.interfaces.get(port.interface)
    gender = port.gender or (interface.gender if interface else None)
    return PortKind(port.interface, port.role.value, gender.value if gender else None)


def _check(a: PortKind, b: PortKind, catalog: Catalog):
    port_a = Port(id="a", interface=a.interface, role=PortRole(a.role), gender=Gender(a.gender) if a.gender else None)
    port_b = Port(id="b", interface=b.interface, role=PortRole(b.role), gender=Gender(b.gender) if b.gender else None)
    return check_mate(port_a, catalog.interfaces.get(a.interface), port_b, catalog.interfaces.get(b.interface))


class _Matcher:
    """check_mate over port kinds, memoised (the map asks every pair once or more)."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._known: dict[tuple[PortKind, PortKind], tuple[MateStatus, str]] = {}
        self.calls = 0
        """Checks asked for, memoised or not: the counted work."""

    def __call__(self, a: PortKind, b: PortKind) -> tuple[MateStatus, str]:
        self.calls += 1
        key = (a, b) if a <= b else (b, a)
        found = self._known.get(key)
        if found is None:
            check = _check(key[0], key[1], self.catalog)
            found = self._known[key] = (check.status, check.reason)
        return found


def mechanism_map(catalog: Catalog, vehicle: str | None = None) -> MechanismMap:
    """The map of the whole catalog; with ``vehicle``, also that vehicle's reachable partners."""
    matcher = _Matcher(catalog)
    kinds: dict[str, set[PortKind]] = {}
    users: dict[str, set[str]] = {}
    for vehicle_doc in catalog.vehicles.values():
        for port in vehicle_doc.ports or ():
            kinds.setdefault(port.interface, set()).add(port_kind(port, catalog))
            users.setdefault(port.interface, set()).add(vehicle_doc.id)
    for interface_id in catalog.interfaces:
        kinds.setdefault(interface_id, set())
        users.setdefault(interface_id, set())
    every = sorted(kind for group in kinds.values() for kind in group)
    matings = []
    for index, a in enumerate(every):
        for b in every[index:]:
            status, reason = matcher(a, b)
            if status is not MateStatus.NO:
                matings.append(Mating(a, b, status, reason))
    result = MechanismMap(
        interfaces=sorted(kinds),
        kinds={k: sorted(v) for k, v in sorted(kinds.items())},
        users={k: sorted(v) for k, v in sorted(users.items())},
        matings=matings,
        bridges=_bridges(catalog, every, matcher),
    )
    nodes = _nodes(catalog)
    if vehicle is not None:
        result.vehicle = vehicle
        result.partners = _partners(catalog, catalog.vehicles[vehicle], matcher, result.bounds_hit)
        _neighbourhood(catalog, result, nodes, vehicle)
    else:
        _vehicle_map(catalog, result, nodes, matcher)
    result.work = matcher.calls + result.work
    return result


def _adapters(catalog: Catalog) -> list[Vehicle]:
    return [
        v for _id, v in sorted(catalog.vehicles.items()) if v.vehicle_type in ADAPTER_TYPES and len(v.ports or ()) >= 2
    ]


def _bridges(catalog: Catalog, every: list[PortKind], matcher: _Matcher) -> list[Bridge]:
    placements = _placements(catalog)
    bridges = []
    for adapter in _adapters(catalog):
        ports = [port_kind(p, catalog) for p in adapter.ports or ()]
        # Through port i in, port j out: the adapter joins every interface that
        # mates with port i to every interface that mates with port j.
        reach = [
            {k.interface for k in every if matcher(k, kind)[0] in (MateStatus.MATES, MateStatus.SLOW)} for kind in ports
        ]
        joins: set[tuple[str, str]] = set()
        for i in range(len(ports)):
            for j in range(len(ports)):
                if i != j:
                    for x in reach[i]:
                        for y in reach[j]:
                            joins.add((x, y) if x <= y else (y, x))
        bridges.append(Bridge(adapter.id, ports, sorted(joins), placements.get(adapter.id, [])))
    return bridges


def _placements(catalog: Catalog) -> dict[str, list[AdapterPlacement]]:
    found: dict[str, list[AdapterPlacement]] = {}
    for system_id, system in sorted(catalog.systems.items()):
        stacked = {end.vehicle for c in system.connections for end in (c.a, c.b)}
        for element in system.elements:
            places = sorted(r.value for r in element.stationed_at or ())
            found.setdefault(element.vehicle, []).append(
                AdapterPlacement(system_id, places, element.carried_by, element.vehicle in stacked)
            )
    return found


def _partners(catalog: Catalog, vehicle: Vehicle, matcher: _Matcher, bounds_hit: list[str]) -> list[Partner]:
    """Breadth-first over adapters from ``vehicle``'s port kinds: the fewest adapters to each partner.

    A state is the port kind exposed at the end of a chain; a kind reached
    once is not searched again (a longer chain to it adds nothing), so the
    states are at most the catalog's port kinds and the work grows with the
    vehicles linearly: each state checks each distinct target kind once, then
    hands the answer to the vehicles with that kind. At most
    :data:`MAX_PARTNER_WORK` checks and hand-overs; a search that stops there
    says so in ``bounds_hit``.
    """
    # Chains use the adapters that can be moved (not part of a station stack);
    # a stack's adapter is a partner in its own right, as an IDA is for Dragon.
    stacked = _stacked(catalog)
    adapters = [a for a in _adapters(catalog) if a.id != vehicle.id and a.id not in stacked]
    spare = {a.id for a in adapters}
    holders: dict[PortKind, list[str]] = {}
    for other in sorted(catalog.vehicles.values(), key=lambda v: v.id):
        if other.id != vehicle.id and other.ports and other.id not in spare:
            for kind in sorted({port_kind(p, catalog) for p in other.ports}):
                holders.setdefault(kind, []).append(other.id)
    adapter_ports = {a.id: [port_kind(p, catalog) for p in a.ports or ()] for a in adapters}
    best: dict[str, Partner] = {}
    work = 0
    own = sorted({port_kind(p, catalog) for p in vehicle.ports or ()})
    frontier: list[tuple[PortKind, tuple[str, ...], MateStatus]] = [(kind, (), MateStatus.MATES) for kind in own]
    reached = set(own)
    for depth in range(MAX_ADAPTERS + 1):
        for exposed, used, worst in frontier:
            for kind, vehicles in holders.items():
                work += 1 + len(vehicles)
                if work > MAX_PARTNER_WORK:
                    bounds_hit.append(
                        f"partners of {vehicle.id}: stopped after {MAX_PARTNER_WORK} port checks (MAX_PARTNER_WORK);"
                        " partners further away may be missing"
                    )
                    return _ordered(best)
                status = _worse(worst, matcher(exposed, kind)[0])
                if status is MateStatus.NO:
                    continue
                for other_id in vehicles:
                    candidate = Partner(other_id, list(used), status)
                    held = best.get(other_id)
                    if held is None or _better(candidate, held):
                        best[other_id] = candidate
        if depth == MAX_ADAPTERS:
            break
        grown: list[tuple[PortKind, tuple[str, ...], MateStatus]] = []
        for exposed, used, worst in frontier:
            for adapter in adapters:
                if adapter.id in used:
                    continue
                ports = adapter_ports[adapter.id]
                for i, inbound in enumerate(ports):
                    status = matcher(exposed, inbound)[0]
                    if status not in (MateStatus.MATES, MateStatus.SLOW):
                        continue
                    for j, outbound in enumerate(ports):
                        if i != j:
                            grown.append((outbound, used + (adapter.id,), _worse(worst, status)))
        frontier = []
        for state in sorted(set(grown), key=lambda state: (_RANK[state[2]], state[1], state[0])):
            if state[0] not in reached:
                reached.add(state[0])
                frontier.append(state)
        if not frontier:
            break
    return _ordered(best)


def _ordered(best: dict[str, Partner]) -> list[Partner]:
    return sorted(best.values(), key=lambda p: (len(p.adapters), _RANK[p.status], p.vehicle))


def _stacked(catalog: Catalog) -> set[str]:
    return {end.vehicle for system in catalog.systems.values() for c in system.connections for end in (c.a, c.b)}


def _stacks(catalog: Catalog) -> list[tuple[str, list[str], set[tuple[str, str]]]]:
    """Each permanent stack: (its name, its vehicles, the (vehicle, port) pairs its connections hold).

    A stack is a connected set of vehicles under the connections of the
    systems; it is named after the first system (by id) that declares it whole,
    as "iss stack".
    """
    parent: dict[str, str] = {}

    def root(v: str) -> str:
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    held: set[tuple[str, str]] = set()
    declared: dict[str, str] = {}
    for system_id, system in sorted(catalog.systems.items()):
        for c in system.connections:
            parent[root(c.a.vehicle)] = root(c.b.vehicle)
            held |= {(c.a.vehicle, c.a.port), (c.b.vehicle, c.b.port)}
            for end in (c.a, c.b):
                declared.setdefault(end.vehicle, system_id)
    groups: dict[str, list[str]] = {}
    for v in parent:
        groups.setdefault(root(v), []).append(v)
    stacks = []
    for members in groups.values():
        members.sort()
        name = min(declared[m] for m in members)
        stacks.append((f"{name} stack", members, held))
    return sorted(stacks)


def _nodes(catalog: Catalog) -> dict[str, list[MapNode]]:
    """Per place (in the order of :class:`Regime`), the nodes that operate there: vehicles and stacks."""
    stacked = _stacked(catalog)
    spare = {a.id for a in _adapters(catalog) if a.id not in stacked}
    found: dict[str, list[MapNode]] = {}
    for vehicle in sorted(catalog.vehicles.values(), key=lambda v: v.id):
        if vehicle.id in stacked or vehicle.id in spare:
            continue
        kinds = sorted({port_kind(p, catalog) for p in vehicle.ports or ()})
        node = MapNode(vehicle.id, vehicle.id, [vehicle.id], kinds, vehicle.ports is not None)
        for place in vehicle.regimes or ():
            found.setdefault(place.value, []).append(node)
    for name, members, held in _stacks(catalog):
        free = sorted(
            {port_kind(p, catalog) for m in members for p in catalog.vehicles[m].ports or () if (m, p.id) not in held}
        )
        node = MapNode(name, name, members, free)
        for where in sorted({r.value for m in members for r in catalog.vehicles[m].regimes or ()}):
            found.setdefault(where, []).append(node)
    order = {regime.value: index for index, regime in enumerate(Regime)}
    return {place: sorted(found[place], key=lambda n: n.id) for place in sorted(found, key=order.__getitem__)}


def _join(a: MapNode, b: MapNode, matcher: _Matcher, via: list[tuple[str, list[set[PortKind]]]]) -> Join | None:
    """What lets ``a`` and ``b`` dock: directly, through one movable adapter, not known; None when nothing does."""
    best: tuple[MateStatus, tuple[str, str]] | None = None
    for ka in a.kinds:
        for kb in b.kinds:
            status = matcher(ka, kb)[0]
            if status is not MateStatus.NO and (best is None or _RANK[status] < _RANK[best[0]]):
                best = (status, (ka.interface, kb.interface))
    if best is not None and best[0] is not MateStatus.UNKNOWN:
        return Join(a.id, b.id, "direct", best[0], [], best[1])
    for adapter, mating in via:
        for i, into in enumerate(mating):
            for j, out in enumerate(mating):
                if i != j and any(k in into for k in a.kinds) and any(k in out for k in b.kinds):
                    return Join(a.id, b.id, "adapter", MateStatus.MATES, [adapter])
    if best is not None:
        return Join(a.id, b.id, "unknown", MateStatus.UNKNOWN, [], tuple(sorted(best[1])))  # type: ignore[arg-type]
    return None


def _vehicle_map(catalog: Catalog, result: MechanismMap, nodes: dict[str, list[MapNode]], matcher: _Matcher) -> None:
    """Every place's nodes and joins, at most :data:`MAX_PAIRS` pairs looked at in all."""
    every = sorted({k for group in nodes.values() for n in group for k in n.kinds})
    stacked = _stacked(catalog)
    via = []
    for adapter in _adapters(catalog):
        if adapter.id in stacked:
            continue
        mating = []
        for p in adapter.ports or ():
            kind = port_kind(p, catalog)
            mating.append({k for k in every if matcher(kind, k)[0] in (MateStatus.MATES, MateStatus.SLOW)})
        via.append((adapter.id, mating))
    pairs = 0
    unknown: dict[tuple[str, str], int] = {}
    for place, members in nodes.items():
        joins = []
        for index, a in enumerate(members):
            for b in members[index + 1 :]:
                pairs += 1
                if pairs > MAX_PAIRS:
                    result.bounds_hit.append(
                        f"map: looked at {MAX_PAIRS} pairs of vehicles (MAX_PAIRS); the places after {place} are not joined"
                    )
                    break
                join = _join(a, b, matcher, via)
                if join is not None:
                    joins.append(join)
                    if join.how == "unknown":
                        unknown[join.interfaces] = unknown.get(join.interfaces, 0) + 1
            if pairs > MAX_PAIRS:
                break
        result.places.append(PlaceGroup(place, members, joins))
        if pairs > MAX_PAIRS:
            break
    result.work += pairs
    result.unknown_pairs = [UnknownPair(a, b, n) for (a, b), n in sorted(unknown.items())]
    drawn = sum(1 for g in result.places for j in g.joins if j.how == "unknown")
    if drawn > MAX_UNKNOWN_JOINS:
        result.bounds_hit.append(
            f"map: {drawn} unknown joins, the first {MAX_UNKNOWN_JOINS} drawn (MAX_UNKNOWN_JOINS); all are summarised per interface"
        )
        kept = 0
        for group in result.places:
            trimmed = []
            for join in group.joins:
                if join.how == "unknown":
                    kept += 1
                    if kept > MAX_UNKNOWN_JOINS:
                        continue
                trimmed.append(join)
            group.joins = trimmed


def _neighbourhood(catalog: Catalog, result: MechanismMap, nodes: dict[str, list[MapNode]], vehicle: str) -> None:
    """``vehicle``'s places, each with the vehicle, its partners there, and the joins between it and them."""
    node_of = {m: n for group in nodes.values() for n in group for m in n.members}
    own = catalog.vehicles[vehicle]
    places = [r.value for r in own.regimes or ()]
    where_partner: dict[str, Partner] = {}
    for partner in result.partners:
        node = node_of.get(partner.vehicle)
        if node is None:
            continue
        held = where_partner.get(node.id)
        if held is None or _better(partner, held):
            where_partner[node.id] = partner
    placed: set[str] = set()
    me = node_of.get(vehicle)
    for place in nodes:
        if place not in places:
            continue
        group = [n for n in nodes[place] if n.id in where_partner]
        joins = []
        for node in group:
            partner = where_partner[node.id]
            a, b = sorted((vehicle, node.id))
            if partner.status is MateStatus.UNKNOWN:
                how = "unknown"
            else:
                how = "adapter" if partner.adapters else "direct"
            joins.append(Join(a, b, how, partner.status, list(partner.adapters)))
            placed.add(node.id)
        centre = [me] if me is not None else []
        result.places.append(PlaceGroup(place, centre + group, joins))
    result.elsewhere = [p for node_id, p in sorted(where_partner.items()) if node_id not in placed]


_RANK = {MateStatus.MATES: 0, MateStatus.SLOW: 1, MateStatus.UNKNOWN: 2, MateStatus.NO: 3}


def _worse(a: MateStatus, b: MateStatus) -> MateStatus:
    return a if _RANK[a] >= _RANK[b] else b


def _better(candidate: Partner, held: Partner) -> bool:
    return (len(candidate.adapters), _RANK[candidate.status], candidate.adapters) < (
        len(held.adapters),
        _RANK[held.status],
        held.adapters,
    )
