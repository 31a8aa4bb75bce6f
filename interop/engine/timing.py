"""Picking each figure of a rescue's timeline from the specs (docs/time.md).

Every figure is a number of days (or a range) with the spec value it comes
from; a figure nobody published stays unknown and names the value that would
hold it. No default is made up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from interop.engine.world import HAVEN_TYPES, World
from interop.model.documents import RescueScenario, Vehicle
from interop.model.transfers import TransferTable, find_route
from interop.model.vocabulary import Regime
from interop.rules.base import Anchor
from interop.rules.context import MatingMode, RescueContext
from interop.rules.timing import ZERO, Figure, LegTime, Source, Span

HOURS_PER_DAY = 24.0
EARTH = "earth"

TransitLookup = Callable[[Regime | None, Regime], Figure | None]
"""The transfer table: days from a place (None: from launch) to a place, or None when it has no entry."""


@dataclass(frozen=True)
class LegStart:
    """Where a leg of a path starts: when the crew is at the place, until when it can wait, aboard what.

    The first leg of every rescue starts with the call, with the crew's own
    supplies; a later one when the previous carrier gets there, with that
    carrier's supplies (or the shelter's).
    """

    crew_ready: Span = ZERO
    supplies: Figure | None = None
    """Days from the call until the crew's supplies where it waits run out; None: the distressed crew's own."""
    shelter: str | None = None
    """The station the crew waits aboard (its holder docked there)."""
    onward: Regime | None = None
    """Where this leg's carrier takes the crew (the place itself: it keeps the crew aboard there); None: home."""
    later: bool = False
    """True for every leg after the first: the crew is aboard what the last leg left it in, docked where
    ``shelter`` says (nowhere when None), not where the crew's own vehicle was at the call."""


def no_transfer_table(_origin: Regime | None, _place: Regime) -> Figure | None:
    return None


def transfer_table(tables: Iterable[TransferTable]) -> TransitLookup:
    """Days between places from the transfer tables: each transfer's days plus up to its wait for a window.

    A route with a transfer whose days nobody published is unknown, naming that transfer.
    """
    tables = list(tables)
    if not tables:
        return no_transfer_table
    found: dict[tuple[Regime | None, Regime], Figure | None] = {}

    def look(origin: Regime | None, place: Regime) -> Figure | None:
        key = (origin, place)
        if key not in found:
            found[key] = _route_days(tables, origin, place)
        return found[key]

    return look


def _route_days(tables: list[TransferTable], origin: Regime | None, place: Regime) -> Figure | None:
    start = origin.value if origin is not None else "earth"
    route = find_route(tables, start, place.value)
    by_id = {table.id: table for table in tables}
    if route is None and origin is not None:
        table = by_id[sorted(by_id)[0]]
        return Figure(
            None, Source.NONE, Anchor(table, ("transfers",)), note=f"a transfer from {start} to {place.value}"
        )
    if route is None or not route.legs:
        return None
    total = ZERO
    for leg in route.legs:
        transfer = leg.transfer
        anchor = Anchor(by_id[leg.table], ("transfers", leg.index, "days"))
        if transfer.days is None:
            return Figure(
                None,
                Source.NONE,
                anchor,
                note=f"the days of the transfer {transfer.origin.value} to {transfer.destination.value}",
            )
        wait = transfer.window_wait_days or 0.0
        total = total + Span(transfer.days, transfer.days + wait)
    first = route.legs[0]
    return Figure(
        total,
        Source.TRANSFERS,
        Anchor(by_id[first.table], ("transfers", first.index, "days")),
        note=f"the transfer table, {start} to {place.value}",
    )


def endurance_for(vehicle: Vehicle, people: int) -> Figure:
    """How long ``vehicle`` keeps ``people`` alive flying free.

    Its crew-days shared among them when published (and no longer than its
    endurance), else its endurance with its nominal crew, scaled down when
    more are aboard (derived, and said so).
    """
    support = vehicle.life_support
    anchor = Anchor(vehicle, ("life_support", "endurance_days"))
    endurance = support.endurance_days if support else None
    crew_days = support.crew_days if support else None
    seats = vehicle.seats
    nominal = seats.nominal_crew if seats and seats.nominal_crew else None
    if crew_days is not None and people > 0:
        shared = Span.of(crew_days).scaled(1 / people)
        if endurance is not None:
            bound = Span.of(endurance)
            shared = Span(min(shared.low, bound.low), min(shared.high, bound.high))
        return Figure(
            shared,
            Source.DERIVED,
            Anchor(vehicle, ("life_support", "crew_days")),
            note=f"{vehicle.id}'s crew-days for {people}",
        )
    if endurance is None:
        return Figure(None, Source.NONE, anchor, note=f"{vehicle.id}'s endurance")
    days = Span.of(endurance)
    if nominal is not None and people > nominal:
        return Figure(
            days.scaled(nominal / people),
            Source.DERIVED,
            anchor,
            note=f"{vehicle.id}'s endurance with {nominal}, shared by {people}",
        )
    return Figure(days, Source.VEHICLE, anchor, note=f"{vehicle.id}'s endurance")


def crew_supplies(
    world: World, distressed: Vehicle, crew: int, station: Vehicle | None, scenario: RescueScenario | None
) -> Figure:
    """How long, from the call, the crew can wait where it is.

    A scenario's ``life_support_hours`` wins; a crew aboard a station waits
    on the station's life support (the first vehicle of its stack that
    publishes an endurance); a crew in its own vehicle on that vehicle's.
    """
    if scenario is not None and scenario.distressed.life_support_hours is not None:
        hours = scenario.distressed.life_support_hours
        return Figure(
            Span.of(hours).scaled(1 / HOURS_PER_DAY),
            Source.STATED,
            Anchor(scenario, ("distressed", "life_support_hours")),
            note="the scenario's life support",
        )
    if station is not None:
        for vehicle_id in world.assembly(station.id):
            vehicle = world.catalog.vehicles.get(vehicle_id)
            support = vehicle.life_support if vehicle else None
            if vehicle is not None and support is not None and support.endurance_days is not None:
                return Figure(
                    Span.of(support.endurance_days),
                    Source.STATION,
                    Anchor(vehicle, ("life_support", "endurance_days")),
                    note=f"{vehicle.id}'s endurance for the crew aboard",
                )
        return Figure(
            None,
            Source.NONE,
            Anchor(station, ("life_support", "endurance_days")),
            note=f"{station.id}'s endurance for the crew aboard",
        )
    return endurance_for(distressed, crew)


def shelter_supplies(world: World, shelter: Vehicle, crew: int) -> Figure:
    """How long ``shelter`` keeps a crew of ``crew`` that moves into it, from the move.

    A station (or station module) keeps it on the endurance its stack
    publishes for the crew aboard; any other vehicle on its own life support
    for the people aboard (:func:`endurance_for`), which are the crew that
    moves in: nobody states a crew of the shelter's own.
    """
    if shelter.vehicle_type in HAVEN_TYPES:
        return crew_supplies(world, shelter, crew, shelter, None)
    return endurance_for(shelter, crew)


def _readiness(world: World, rescuer: Vehicle) -> Figure:
    """Days from the call until ``rescuer`` can launch: the quickest of its elements in the systems in play."""
    best: Figure | None = None
    unknown: Figure | None = None
    for placement in world.placements.get(rescuer.id, ()):
        element = placement.element
        if element.carried_by is not None:
            continue
        anchor = Anchor(placement.system, ("elements", placement.index, "launch_ready_days"))
        if element.launch_ready_days is None:
            unknown = unknown or Figure(
                None, Source.NONE, anchor, note=f"{placement.system.id}'s readiness of {rescuer.id}"
            )
            continue
        days = Span.of(element.launch_ready_days)
        if best is None or best.days is None or days.high < best.days.high:
            best = Figure(days, Source.ELEMENT, anchor, note=f"{rescuer.id} ready to launch")
    if best is not None:
        return best
    if unknown is not None:
        return unknown
    return Figure(
        None,
        Source.NONE,
        missing=f"{rescuer.id}: launch_ready_days on a system element",
        note=f"{rescuer.id}'s readiness (in no system checked)",
    )


def transit_to(rescuer: Vehicle, origin: Regime | None, place: Regime, table: TransitLookup) -> Figure:
    """Days from leaving ``origin`` (None: launch) to arriving at ``place``.

    The vehicle's own ``transit_days`` for the place counts from launch and
    wins over the transfer table; from another place only the table knows.
    """
    if origin is place:
        return Figure(ZERO, Source.AT_PLACE, note=f"{rescuer.id} stays at {place.value}")
    own = rescuer.transit_days
    if origin is None and own is not None and place in own:
        return Figure(
            Span.of(own[place]),
            Source.VEHICLE,
            Anchor(rescuer, ("transit_days", place.value)),
            note=f"{rescuer.id}'s trip to {place.value}",
        )
    found = table(origin, place)
    if found is not None:
        return found
    if origin is None:
        return Figure(
            None,
            Source.NONE,
            Anchor(rescuer, ("transit_days", place.value)),
            note=f"{rescuer.id}'s trip to {place.value}",
        )
    return Figure(
        None,
        Source.NONE,
        missing=f"transfers: {origin.value} to {place.value}",
        note=f"the trip from {origin.value} to {place.value}",
    )


def departure(
    world: World, context: RescueContext, stationed: set[Regime] | None, table: TransitLookup
) -> tuple[Figure, Figure, bool]:
    """(readiness, transit, launched): when the rescuer leaves and how long it takes to get there.

    A scenario's ``transit_hours`` is the whole call-to-arrival time; a rescuer
    docked in the crew's stack, or stationed at the place, leaves at once and
    is there (its clock starts at the boarding).
    """
    rescuer, place = context.rescuer, context.place
    responder = context.responder
    if responder is not None and responder.transit_hours is not None:
        anchor = context.responder_anchor("transit_hours")
        days = Span.of(responder.transit_hours).scaled(1 / HOURS_PER_DAY)
        return (
            Figure(ZERO, Source.STATED, anchor, note="the scenario's call-to-arrival time"),
            Figure(days, Source.STATED, anchor, note="the scenario's call-to-arrival time"),
            False,
        )
    at_place = Figure(ZERO, Source.AT_PLACE, note=f"{rescuer.id} is at {place.value}")
    if context.plan.mode is MatingMode.STACK or (responder is not None and responder.docked_to is not None):
        return at_place, at_place, False
    if stationed is not None and place in stationed:
        return at_place, at_place, False
    readiness = _readiness(world, rescuer)
    if stationed:
        origin = sorted(stationed, key=lambda r: list(Regime).index(r))[0]
        return readiness, transit_to(rescuer, origin, place, table), True
    return readiness, transit_to(rescuer, None, place, table), True


def direct_leg(
    world: World,
    context: RescueContext,
    stationed: set[Regime] | None,
    reserve: float,
    table: TransitLookup = no_transfer_table,
    start: LegStart | None = None,
) -> LegTime:
    """The timeline of a one-leg rescue (to the crew, then home), or of one leg of a path (``start``)."""
    rescuer = context.rescuer
    start = start or LegStart()
    readiness, transit, launched = departure(world, context, stationed, table)
    # At a station the rescuer waits docked: only the trip on counts against its endurance.
    launched = launched and context.docked_to is None
    supplies = start.supplies or crew_supplies(
        world, context.distressed, context.crew, context.docked_to, context.scenario
    )
    onward: Figure | None = None
    endurance: Figure | None = None
    if start.onward is not None:
        onward = transit_to(rescuer, context.place, start.onward, table)
        aboard, _how = context.crew_aboard()
        endurance = endurance_for(rescuer, (aboard or 0) + context.crew)
    elif rescuer.earth_return:
        days, anchor = context.return_days_home()
        onward = Figure(
            Span.of(days) if days is not None else None,
            Source.STATED if context.return_days is not None else Source.VEHICLE,
            anchor,
            note=f"{rescuer.id}'s trip home",
        )
        aboard, _how = context.crew_aboard()
        if aboard is None:
            endurance = Figure(None, Source.NONE, Anchor(rescuer, ("seats", "min_crew")), note=f"{rescuer.id}'s crew")
        else:
            endurance = endurance_for(rescuer, aboard + context.crew)
    return LegTime(
        carrier=rescuer.id,
        from_vehicle=(context.docked_to or context.distressed).id,
        place=context.place.value,
        to_place=start.onward.value if start.onward is not None else EARTH,
        readiness=readiness,
        transit=transit,
        supplies=supplies,
        onward=onward,
        endurance=endurance,
        reserve=reserve,
        launched=launched,
        crew_ready=start.crew_ready,
    )
