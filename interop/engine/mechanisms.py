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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interop.engine.mating import MAX_ADAPTERS
from interop.engine.world import ADAPTER_TYPES
from interop.load.catalog import Catalog
from interop.model.documents import Port, Vehicle
from interop.model.vocabulary import Gender, PortRole
from interop.rules.context import MateStatus
from interop.rules.port_compatibility import check_mate


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

    def __call__(self, a: PortKind, b: PortKind) -> tuple[MateStatus, str]:
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
    if vehicle is not None:
        result.vehicle = vehicle
        result.partners = _partners(catalog, catalog.vehicles[vehicle], matcher)
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


def _partners(catalog: Catalog, vehicle: Vehicle, matcher: _Matcher) -> list[Partner]:
    """Breadth-first over adapters from ``vehicle``'s port kinds: the fewest adapters to each partner."""
    # Chains use the adapters that can be moved (not part of a station stack);
    # a stack's adapter is a partner in its own right, as an IDA is for Dragon.
    stacked = {end.vehicle for system in catalog.systems.values() for c in system.connections for end in (c.a, c.b)}
    adapters = [a for a in _adapters(catalog) if a.id != vehicle.id and a.id not in stacked]
    spare = {a.id for a in adapters}
    targets = {
        other.id: [port_kind(p, catalog) for p in other.ports or ()]
        for other in catalog.vehicles.values()
        if other.id != vehicle.id and other.ports and other.id not in spare
    }
    best: dict[str, Partner] = {}
    # A state: the port kind exposed at the end of the chain, the adapters used, the worst link.
    own = sorted({port_kind(p, catalog) for p in vehicle.ports or ()})
    frontier: list[tuple[PortKind, tuple[str, ...], MateStatus]] = [(kind, (), MateStatus.MATES) for kind in own]
    for depth in range(MAX_ADAPTERS + 1):
        for exposed, used, worst in frontier:
            for other_id, other_kinds in targets.items():
                if other_id in best and len(best[other_id].adapters) < len(used):
                    continue
                for kind in other_kinds:
                    status = _worse(worst, matcher(exposed, kind)[0])
                    if status is MateStatus.NO:
                        continue
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
                ports = [port_kind(p, catalog) for p in adapter.ports or ()]
                for i, inbound in enumerate(ports):
                    status = matcher(exposed, inbound)[0]
                    if status not in (MateStatus.MATES, MateStatus.SLOW):
                        continue
                    for j, outbound in enumerate(ports):
                        if i != j:
                            grown.append((outbound, used + (adapter.id,), _worse(worst, status)))
        frontier = sorted(set(grown), key=lambda state: (state[1], state[0]))
    return sorted(best.values(), key=lambda p: (len(p.adapters), _RANK[p.status], p.vehicle))


_RANK = {MateStatus.MATES: 0, MateStatus.SLOW: 1, MateStatus.UNKNOWN: 2, MateStatus.NO: 3}


def _worse(a: MateStatus, b: MateStatus) -> MateStatus:
    return a if _RANK[a] >= _RANK[b] else b


def _better(candidate: Partner, held: Partner) -> bool:
    return (len(candidate.adapters), _RANK[candidate.status], candidate.adapters) < (
        len(held.adapters),
        _RANK[held.status],
        held.adapters,
    )
