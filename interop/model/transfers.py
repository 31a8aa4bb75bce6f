"""The transfer table: what it takes to go from one place to another.

Delta-v belongs to a transfer, not to a place: reaching low lunar orbit from
Earth and leaving it again costs a vehicle far more than reaching a
near-rectilinear halo orbit does, and the launcher's share (trans-lunar
injection by an upper stage) is not the vehicle's. A ``TransferTable``
document lists transfers (from, to, the delta-v the vehicle itself must
provide, the days it takes, the wait for a window) and the places that only
some kinds of vehicle can be at (a surface: a lander, or a vehicle declared
able to land there).

Unknown is not zero: a transfer nobody has published is left out of the
table, and a field left out of a transfer is unknown.

This module imports nothing of the package but the model's base and
vocabularies, so that the documents module can list the kind without a circle.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from interop.model.base import Document, StrictModel, Text, quantity_metadata
from interop.model.vocabulary import Regime, VehicleType, Waypoint

MetresPerSecond = Annotated[float, *quantity_metadata("mps", le=100_000)]
Days = Annotated[float, *quantity_metadata("days", le=100_000)]


class Transfer(StrictModel):
    """One way from one place to another, and what it asks of the vehicle."""

    origin: Waypoint
    """Where the transfer starts: earth (on the ground, before launch) or a regime."""
    destination: Waypoint
    """Where it ends: earth (landed) or a regime."""
    vehicle_delta_v_mps: MetresPerSecond | None = None
    """The velocity change the vehicle itself must provide; 0 when the launcher does it all. Unknown when absent."""
    provided_by_launcher: Text | None = None
    """What the launcher or its upper stage does on this transfer (trans-lunar injection), in words."""
    days: Days | None = None
    """How long the transfer takes. Unknown when absent."""
    window_wait_days: Days | None = None
    """The longest wait for a departure window or phasing (NRHO's period); 0 when there is none. Unknown when absent."""
    note: Text | None = None
    """What the figures include (reserves, the orbit's altitude), in words."""


class PlaceRule(StrictModel):
    """Which vehicles can be at a place at all, whatever their propellant."""

    place: Regime
    """The place (lunar-surface)."""
    vehicle_types: list[VehicleType]
    """The kinds of vehicle that can be there (lander); any other vehicle only where its regimes declare the place."""
    reason: Text | None = None
    """Why, in words (a capsule cannot land on the Moon)."""


class TransferTable(Document):
    """A table of transfers between places, with sources."""

    KIND: ClassVar[str] = "TransferTable"
    kind: Literal["TransferTable"]
    """The document's kind: TransferTable."""

    transfers: list[Transfer] = []
    """The transfers, one way each: a return is its own transfer."""
    places: list[PlaceRule] = []
    """Places only some kinds of vehicle can be at."""


@dataclass(frozen=True)
class Leg:
    """A transfer as the planner reads it, with the table that holds it."""

    table: str
    index: int
    transfer: Transfer

    @property
    def delta_v(self) -> float | None:
        return self.transfer.vehicle_delta_v_mps


@dataclass(frozen=True)
class Route:
    """The legs from one place to another, and what they add up to."""

    origin: Waypoint
    destination: Waypoint
    legs: tuple[Leg, ...]

    @property
    def delta_v(self) -> float | None:
        """The vehicle's delta-v over every leg; None when any leg's is unknown."""
        total = 0.0
        for leg in self.legs:
            if leg.delta_v is None:
                return None
            total += leg.delta_v
        return total

    @property
    def known_delta_v(self) -> float:
        """The delta-v of the legs whose delta-v is known (a lower bound when some is not)."""
        return sum(leg.delta_v or 0.0 for leg in self.legs)

    @property
    def unknown_legs(self) -> list[Leg]:
        return [leg for leg in self.legs if leg.delta_v is None]


def waypoint(place: Regime | Waypoint | str) -> Waypoint:
    return Waypoint(place.value if isinstance(place, Regime | Waypoint) else place)


def legs_of(tables: Iterable[TransferTable]) -> list[Leg]:
    """Every transfer of ``tables``, in id order of the tables then as written."""
    return [
        Leg(table.id, index, transfer)
        for table in sorted(tables, key=lambda t: t.id)
        for index, transfer in enumerate(table.transfers)
    ]


def find_transfer(tables: Iterable[TransferTable], origin, destination) -> Leg | None:
    """The first transfer of ``tables`` from ``origin`` straight to ``destination``, or None."""
    start, end = waypoint(origin), waypoint(destination)
    for leg in legs_of(tables):
        if leg.transfer.origin is start and leg.transfer.destination is end:
            return leg
    return None


def find_route(tables: Iterable[TransferTable], origin, destination, *, flown: bool = False) -> Route | None:
    """The route of least known delta-v from ``origin`` to ``destination``, or None when the table has none.

    Dijkstra over the table's transfers: bounded by construction (each of the
    nine waypoints is settled at most twice, on the launcher and off it). A
    leg of unknown delta-v counts as 0 for the ordering, and the route then
    says its delta-v is unknown.

    ``flown``: the route a vehicle flies on its own propellant, as the
    planner asks it: Earth is only ever its start or end (it does not land
    and launch again), and a transfer the launcher performs
    (``provided_by_launcher``) is taken only during the launch, straight
    after Earth (a vehicle waiting in LEO has no upper stage left).
    """
    start, end = waypoint(origin), waypoint(destination)
    if start is end:
        return Route(start, end, ())
    by_origin: dict[Waypoint, list[Leg]] = {}
    for leg in legs_of(tables):
        by_origin.setdefault(leg.transfer.origin, []).append(leg)
    points = list(Waypoint)
    launching = start is Waypoint.EARTH or not flown
    queue: list[tuple[float, int, int, int, bool, tuple[Leg, ...]]] = [(0.0, 0, 0, points.index(start), launching, ())]
    settled: set[tuple[Waypoint, bool]] = set()
    pushed = 0
    while queue:
        cost, unknown, _n, at_index, on_launcher, legs = heapq.heappop(queue)
        at = points[at_index]
        if (at, on_launcher) in settled:
            continue
        settled.add((at, on_launcher))
        if at is end:
            return Route(start, end, legs)
        if flown and at is Waypoint.EARTH and legs:
            continue  # landed: a route does not launch again
        for leg in by_origin.get(at, ()):
            by_launcher = leg.transfer.provided_by_launcher is not None
            if by_launcher and not on_launcher:
                continue
            nxt = leg.transfer.destination
            still = on_launcher and (by_launcher or not flown)
            if (nxt, still) in settled:
                continue
            pushed += 1
            heapq.heappush(
                queue,
                (
                    cost + (leg.delta_v or 0.0),
                    unknown + (leg.delta_v is None),
                    pushed,
                    points.index(nxt),
                    still,
                    (*legs, leg),
                ),
            )
    return None


def place_rule(tables: Iterable[TransferTable], place: Regime) -> PlaceRule | None:
    """The rule of ``place`` in ``tables`` (the first table by id that has one), or None."""
    for table in sorted(tables, key=lambda t: t.id):
        for rule in table.places:
            if rule.place is place:
                return rule
    return None


class Reach(str, enum.Enum):
    """Whether a vehicle's own delta-v takes it to a place and home again."""

    COVERS = "covers"
    """Its published delta-v covers the transfers there and back."""
    SHORT = "short"
    """Its published delta-v is less than the transfers there and back ask (the known ones alone)."""
    UNKNOWN = "unknown"
    """Its delta-v, or the delta-v of a transfer on the way, is not published."""
    NO_ROUTE = "no-route"
    """The table has no transfers that lead there and back."""
    NOT_ITS_TYPE = "not-its-type"
    """Its kind of vehicle cannot be at the place (a capsule on a surface), and its regimes do not declare it."""


@dataclass(frozen=True)
class ReachAssessment:
    """How a vehicle stands against the table for one place, with the figures that decide it."""

    vehicle: str
    place: Regime
    reach: Reach
    there: Route | None = None
    back: Route | None = None
    needed_mps: float | None = None
    """The vehicle's delta-v the transfers there and back ask (the known part, when some leg is unknown)."""
    has_mps: float | None = None
    """The vehicle's published delta-v; None when unpublished."""
    rule: PlaceRule | None = None

    @property
    def reason(self) -> str:
        """The physical reason, in words, for a report."""
        if self.reach is Reach.NOT_ITS_TYPE:
            kinds = " or ".join(t.value for t in self.rule.vehicle_types) if self.rule else ""
            why = f": {self.rule.reason}" if self.rule and self.rule.reason else ""
            return (
                f"{self.vehicle} cannot be at {self.place.value}: only a {kinds} can, "
                f"or a vehicle whose regimes declare it{why}"
            )
        if self.reach is Reach.NO_ROUTE:
            return f"no transfer to {self.place.value} and back is published"
        if self.reach is Reach.SHORT:
            return (
                f"{self.vehicle}'s {self.has_mps:.0f} m/s does not cover the {self.needed_mps:.0f} m/s "
                f"to {self.place.value} and back"
            )
        if self.reach is Reach.UNKNOWN:
            if self.has_mps is None:
                return (
                    f"{self.vehicle}'s delta-v is not published (the transfers ask {self.needed_mps:.0f} m/s or more)"
                )
            return f"the delta-v of a transfer to {self.place.value} or back is not published"
        return f"{self.vehicle}'s {self.has_mps:.0f} m/s covers the {self.needed_mps:.0f} m/s to {self.place.value} and back"


def assess_reach(
    tables: Iterable[TransferTable], vehicle, place: Regime, origin: Waypoint = Waypoint.EARTH
) -> ReachAssessment:
    """How ``vehicle`` (a Vehicle) stands for ``place``: its type, then its delta-v over the table
    from ``origin`` (where it starts: Earth, or the place it is stationed) there and back."""
    tables = list(tables)
    rule = place_rule(tables, place)
    declared = place in (vehicle.regimes or ())
    if rule is not None and vehicle.vehicle_type not in rule.vehicle_types and not declared:
        return ReachAssessment(vehicle.id, place, Reach.NOT_ITS_TYPE, rule=rule)
    there = find_route(tables, origin, place, flown=True)
    back = find_route(tables, place, origin, flown=True)
    has = vehicle.propulsion.delta_v_mps if vehicle.propulsion is not None else None
    if there is None or back is None:
        return ReachAssessment(vehicle.id, place, Reach.NO_ROUTE, there, back, None, has, rule)
    needed = there.known_delta_v + back.known_delta_v
    complete = there.delta_v is not None and back.delta_v is not None
    if has is not None and has < needed:
        reach = Reach.SHORT
    elif has is None or not complete:
        reach = Reach.UNKNOWN
    else:
        reach = Reach.COVERS
    return ReachAssessment(vehicle.id, place, reach, there, back, needed, has, rule)
