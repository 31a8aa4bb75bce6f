"""The part of the catalog in play for one check: systems, stations, adapters.

Built once per check (or per matrix), so the per-pair work only looks up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from interop.load.catalog import Catalog
from interop.model.documents import Docking, Element, RescueScenario, Responder, TransportSystem, Vehicle
from interop.model.vocabulary import Regime, VehicleType
from interop.rules.agreements import AgreementCover, agreement_between
from interop.rules.base import Anchor
from interop.rules.context import Hold

ADAPTER_TYPES = {VehicleType.ADAPTER, VehicleType.DOCKING_MODULE}
RESCUER_TYPES = {VehicleType.CREW_VEHICLE, VehicleType.LANDER, VehicleType.ORBITER}
HAVEN_TYPES = {VehicleType.STATION, VehicleType.STATION_MODULE}


@dataclass
class Placement:
    """A vehicle's element in a system: where it is kept and how."""

    system: TransportSystem
    element: Element
    index: int

    @property
    def places(self) -> set[Regime] | None:
        return set(self.element.stationed_at) if self.element.stationed_at is not None else None


@dataclass
class World:
    catalog: Catalog
    systems: list[TransportSystem]
    placements: dict[str, list[Placement]] = field(default_factory=lambda: defaultdict(list))
    neighbours: dict[str, list[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    occupied: set[tuple[str, str]] = field(default_factory=set)
    # Ports held for a while by visitors (``dockings``), by (vehicle, port);
    # never a port a permanent connection holds, which stays occupied.
    holds: dict[tuple[str, str], Hold] = field(default_factory=dict)
    # Visitor id -> the holds of its own dockings (not the distressed vehicle's).
    visits: dict[str, list[Hold]] = field(default_factory=lambda: defaultdict(list))
    # Answers that depend only on the world, computed on first use: per-pair
    # work must not scan every placement (docs/performance.md).
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, catalog: Catalog, system_ids, scenario: RescueScenario | None = None) -> World:
        """The systems in play; with ``scenario``, the dockings at the time of its event too."""
        systems = expand_systems(catalog, system_ids)
        world = cls(catalog, systems)
        for system in systems:
            for index, element in enumerate(system.elements):
                world.placements[element.vehicle].append(Placement(system, element, index))
            for connection in system.connections:
                a, b = connection.a, connection.b
                if a.vehicle in catalog.vehicles and b.vehicle in catalog.vehicles:
                    world.neighbours[a.vehicle].append((a.port, b.vehicle, b.port))
                    world.neighbours[b.vehicle].append((b.port, a.vehicle, a.port))
                    world.occupied.add((a.vehicle, a.port))
                    world.occupied.add((b.vehicle, b.port))
        for system in systems:
            for index, docking in enumerate(system.dockings):
                world._hold(system, ("dockings", index), docking)
        if scenario is not None:
            world._scenario_holds(scenario)
        return world

    def _hold(self, document, path: tuple, docking: Docking) -> None:
        at = docking.at
        if at.vehicle not in self.catalog.vehicles or (at.vehicle, at.port) in self.occupied:
            return  # a permanent module holds it: it stays occupied
        hold = Hold(
            visitor=docking.vehicle,
            visitor_port=docking.port,
            vehicle=at.vehicle,
            port=at.port,
            can_undock=docking.can_undock,
            can_relocate=docking.can_relocate,
            anchor=Anchor(document, path),
            undock_path=(*path, "can_undock"),
            relocate_path=(*path, "can_relocate"),
            note=docking.note,
        )
        previous = self.holds.get((at.vehicle, at.port))
        if previous is not None and previous in self.visits.get(previous.visitor, ()):
            self.visits[previous.visitor].remove(previous)
        self.holds[(at.vehicle, at.port)] = hold
        self.visits[docking.vehicle].append(hold)

    def _scenario_holds(self, scenario: RescueScenario) -> None:
        """The situation at the time of the event; a scenario's docking at a port replaces a system's."""
        for index, docking in enumerate(scenario.dockings):
            self._hold(scenario, ("dockings", index), docking)
        distressed = scenario.distressed
        if distressed.docked_to is not None and distressed.port is not None:
            at = (distressed.docked_to, distressed.port)
            if distressed.docked_to in self.catalog.vehicles and at not in self.occupied:
                self.holds[at] = Hold(
                    visitor=distressed.vehicle,
                    visitor_port=None,
                    vehicle=distressed.docked_to,
                    port=distressed.port,
                    can_undock=distressed.can_undock,
                    can_relocate=None,
                    anchor=Anchor(scenario, ("distressed", "port")),
                    undock_path=("distressed", "can_undock"),
                )
        for index, responder in enumerate(scenario.responders):
            ref = responder.docked_to
            if ref is None or ref.vehicle not in self.catalog.vehicles or (ref.vehicle, ref.port) in self.occupied:
                continue
            # Another responder's evaluation meets it as a visitor whose
            # departure nobody has stated.
            self.holds.setdefault(
                (ref.vehicle, ref.port),
                Hold(
                    visitor=responder.vehicle,
                    visitor_port=None,
                    vehicle=ref.vehicle,
                    port=ref.port,
                    can_undock=None,
                    can_relocate=None,
                    anchor=Anchor(scenario, ("responders", index, "docked_to")),
                    undock_path=("responders", index, "docked_to"),
                ),
            )

    def vehicle(self, vehicle_id: str) -> Vehicle:
        return self.catalog.vehicles[vehicle_id]

    def places_of(self, vehicle: Vehicle) -> set[Regime] | None:
        """Where a vehicle is stationed in the systems in play (None: unknown)."""
        places: set[Regime] = set()
        known = False
        for placement in self.placements.get(vehicle.id, ()):
            if placement.places is not None:
                known = True
                places |= placement.places
        return places if known else None

    def is_standby(self, vehicle: Vehicle) -> bool:
        return any(p.element.standby for p in self.placements.get(vehicle.id, ()))

    def assembly(self, vehicle_id: str) -> list[str]:
        """Vehicles permanently mated with ``vehicle_id`` (itself first)."""
        order, seen, queue = [], {vehicle_id}, [vehicle_id]
        while queue:
            current = queue.pop(0)
            order.append(current)
            for _port, other, _other_port in sorted(self.neighbours.get(current, ())):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return order

    def adapters_for(self, rescuer: Vehicle, place: Regime) -> tuple[list[Vehicle], list[Vehicle]]:
        """(stationed at ``place``, carried by ``rescuer``), sorted by id, outside any stack."""
        key = ("adapters", rescuer.id, place)
        if key not in self._cache:
            stationed_at, carried_by = self._adapter_index()
            carried = carried_by.get(rescuer.id, [])
            carried_ids = {a.id for a in carried}
            stationed = [a for a in stationed_at.get(place, ()) if a.id not in carried_ids]
            self._cache[key] = (stationed, carried)
        stationed, carried = self._cache[key]
        return list(stationed), list(carried)

    def _adapter_index(self) -> tuple[dict[Regime, list[Vehicle]], dict[str, list[Vehicle]]]:
        """Adapters outside any stack, sorted by id: by the place they are stationed, by their carrier."""
        if "adapter_index" not in self._cache:
            stationed_at: dict[Regime, list[Vehicle]] = defaultdict(list)
            carried_by: dict[str, list[Vehicle]] = defaultdict(list)
            for vehicle_id, placements in sorted(self.placements.items()):
                vehicle = self.catalog.vehicles.get(vehicle_id)
                if vehicle is None or vehicle.vehicle_type not in ADAPTER_TYPES or vehicle_id in self.neighbours:
                    continue
                for carrier in dict.fromkeys(
                    p.element.carried_by for p in placements if p.element.carried_by is not None
                ):
                    carried_by[carrier].append(vehicle)
                places: set[Regime] = set()
                for p in placements:
                    if p.element.carried_by is None and p.places:
                        places |= p.places
                for place in places:
                    stationed_at[place].append(vehicle)
            self._cache["adapter_index"] = (dict(stationed_at), dict(carried_by))
        return self._cache["adapter_index"]

    def spare_adapters(self) -> list[Vehicle]:
        """Every adapter in the catalog outside a station stack, sorted by id."""
        if "spare_adapters" not in self._cache:
            self._cache["spare_adapters"] = [
                v
                for _id, v in sorted(self.catalog.vehicles.items())
                if v.vehicle_type in ADAPTER_TYPES and v.id not in self.neighbours
            ]
        return list(self._cache["spare_adapters"])

    def safe_havens(self, rescuer: Vehicle, place: Regime) -> list[Vehicle]:
        """Stations kept at ``place`` in the rescuer's own systems."""
        rescuer_systems = frozenset(p.system.id for p in self.placements.get(rescuer.id, ()))
        key = ("havens", rescuer_systems, place)
        if key not in self._cache:
            self._cache[key] = self._safe_havens(rescuer_systems, place)
        return list(self._cache[key])

    def agreements(
        self,
        rescuer: Vehicle,
        distressed: Vehicle,
        scenario: RescueScenario | None = None,
        responder: Responder | None = None,
    ) -> tuple[AgreementCover, ...]:
        """The crew agreements both sides fly under that name ``rescuer`` (interop.rules.agreements).

        Each side's systems are the ones a scenario names for it, else the
        systems its vehicle is an element of, with what they include. None
        when the responder says its crew does not fly under one
        (``under_agreement: false``).
        """
        if responder is not None and responder.under_agreement is False:
            return ()
        rescuer_system = responder.system if responder is not None else None
        crew_system = scenario.distressed.system if scenario is not None else None
        key = ("agreements", rescuer.id, distressed.id, rescuer_system, crew_system)
        if key not in self._cache:
            self._cache[key] = tuple(
                agreement_between(
                    rescuer.id,
                    self._systems_of(rescuer.id, rescuer_system),
                    self._systems_of(distressed.id, crew_system),
                )
            )
        return self._cache[key]

    def _systems_of(self, vehicle_id: str, named: str | None) -> list[TransportSystem]:
        ids = [named] if named is not None else [p.system.id for p in self.placements.get(vehicle_id, ())]
        return expand_systems(self.catalog, dict.fromkeys(ids))

    def _safe_havens(self, rescuer_systems: frozenset[str], place: Regime) -> list[Vehicle]:
        havens = []
        for vehicle_id, placements in sorted(self.placements.items()):
            vehicle = self.catalog.vehicles.get(vehicle_id)
            if vehicle is None or vehicle.vehicle_type not in HAVEN_TYPES:
                continue
            if any(p.system.id in rescuer_systems and p.places and place in p.places for p in placements):
                havens.append(vehicle)
        return havens


def expand_systems(catalog: Catalog, system_ids) -> list[TransportSystem]:
    """The named systems and everything they include, each once, in order."""
    ordered: list[TransportSystem] = []
    seen: set[str] = set()
    stack = list(reversed(list(system_ids)))
    while stack:
        system_id = stack.pop()
        if system_id in seen or system_id not in catalog.systems:
            continue
        seen.add(system_id)
        system = catalog.systems[system_id]
        ordered.append(system)
        stack.extend(reversed(system.includes))
    return ordered


def system_vehicles(catalog: Catalog, system_id: str) -> list[tuple[Vehicle, Placement]]:
    """Every vehicle of a system (with its inclusions) and its placement."""
    found = []
    for system in expand_systems(catalog, [system_id]):  # the systems a World of it would hold, in order
        for index, element in enumerate(system.elements):
            vehicle = catalog.vehicles.get(element.vehicle)
            if vehicle is not None:
                found.append((vehicle, Placement(system, element, index)))
    return found
