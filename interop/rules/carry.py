"""Carry: seats, suits, liners and life support for everyone aboard."""

from __future__ import annotations

from interop.model.vocabulary import SeatLiners
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


def crew_aboard(ctx: RescueContext) -> tuple[int | None, str]:
    """The rescuer's own crew for this flight, and how that number was chosen.

    The scenario's figure wins; otherwise the smallest crew the vehicle can
    fly with, then its nominal crew. None when nothing is published.
    """
    if ctx.rescuer_crew_aboard is not None:
        return ctx.rescuer_crew_aboard, "as the scenario states"
    seats = ctx.rescuer.seats
    if seats is not None and seats.min_crew is not None:
        return seats.min_crew, "its minimum crew"
    if seats is not None and seats.nominal_crew is not None:
        return seats.nominal_crew, "its nominal crew"
    return None, ""


@rule(
    "CREW001",
    title="The rescuer can carry people",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    pass_example="A crew vehicle.",
    fail_example="A cargo vehicle or an uncrewed adapter.",
)
def carries_crew(ctx: RescueContext):
    """Only a vehicle with a crew cabin and life support for its occupants
    can bring people home."""
    anchor = Anchor(ctx.rescuer, ("crewed",))
    if ctx.rescuer.crewed:
        yield passed(f"{ctx.rescuer.id} carries crew", anchor)
    else:
        yield failed(f"{ctx.rescuer.id} cannot carry crew", "send a crew vehicle", anchor)


@rule(
    "CREW002",
    title="Free seats for the distressed crew",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Skylab rescue (1973): an Apollo CSM with two added couches, launched with 2 to bring home 3",
    pass_example="7 seats, 4 aboard, 3 to rescue.",
    fail_example="4 seats, 2 aboard, no seats can be added, 3 to rescue.",
)
def free_seats(ctx: RescueContext):
    """Everyone coming home needs a seat: the rescuer's own crew plus the
    rescued. Flying up with a smaller crew, or installing extra seats as the
    Skylab rescue kit did, are conditions; too few seats even then is a
    failure."""
    seats = ctx.rescuer.seats
    anchor = Anchor(ctx.rescuer, ("seats",))
    if seats is None or seats.total is None:
        yield unknown(f"{ctx.rescuer.id}'s seat count is not known", [f"{ctx.rescuer.id}.seats.total"], anchor)
        return
    anchor = Anchor(ctx.rescuer, ("seats", "total"))
    needed = ctx.crew
    if (
        ctx.rescuer_crew_aboard is None
        and seats.nominal_crew is not None
        and seats.total - seats.nominal_crew >= needed
    ):
        yield passed(
            f"{seats.total - seats.nominal_crew} free seats with the nominal crew of {seats.nominal_crew}; {needed} needed",
            anchor,
        )
        return
    aboard, how = crew_aboard(ctx)
    if aboard is None:
        yield unknown(
            f"how many of {ctx.rescuer.id}'s {seats.total} seats its own crew needs is not known",
            [f"{ctx.rescuer.id}.seats.min_crew"],
            anchor,
        )
        return
    free = seats.total - aboard
    conditions = [] if how != "its minimum crew" else [f"{ctx.rescuer.id} flies with only {aboard} crew"]
    if free >= needed:
        if conditions:
            yield conditional(f"{free} free seats with {aboard} aboard ({how}); {needed} needed", conditions, anchor)
        else:
            yield passed(f"{free} free seats with {aboard} aboard ({how}); {needed} needed", anchor)
        return
    if seats.addable is None:
        yield unknown(
            f"{free} free seats, {needed} needed; whether seats can be added is not known",
            [f"{ctx.rescuer.id}.seats.addable"],
            anchor,
        )
    elif free + seats.addable >= needed:
        extra = needed - free
        yield conditional(
            f"{free} free seats, {needed} needed; {extra} can be added",
            conditions + [f"{extra} extra seat(s) installed before launch, as for the Skylab rescue"],
            Anchor(ctx.rescuer, ("seats", "addable")),
        )
    else:
        yield failed(
            f"{free} free seats with {aboard} aboard ({how}), {seats.addable} addable; {needed} needed",
            f"fly {ctx.rescuer.id} with fewer crew or fit {needed - free - seats.addable} more seats, or send a second vehicle",
            anchor,
        )


@rule(
    "CREW003",
    title="Life support sized for everyone aboard",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    pass_example="Life support for 4; 1 aboard and 3 rescued.",
    fail_example="Life support for 3; 2 aboard and 3 rescued.",
)
def life_support_capacity(ctx: RescueContext):
    """Oxygen supply, carbon-dioxide removal and cooling are sized for a
    number of people; seats alone do not make room for more breathing crew."""
    support = ctx.rescuer.life_support
    aboard, how = crew_aboard(ctx)
    if support is None or support.max_crew is None or aboard is None:
        missing = []
        if support is None or support.max_crew is None:
            missing.append(f"{ctx.rescuer.id}.life_support.max_crew")
        if aboard is None:
            missing.append(f"{ctx.rescuer.id}.seats.min_crew")
        yield unknown(
            "life-support capacity for the added crew is not known",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
        )
        return
    people = aboard + ctx.crew
    anchor = Anchor(ctx.rescuer, ("life_support", "max_crew"))
    if people <= support.max_crew:
        yield passed(f"life support for {support.max_crew}; {people} aboard", anchor)
    else:
        yield failed(
            f"life support for {support.max_crew}; {people} would be aboard",
            f"add carbon-dioxide removal and oxygen for {people - support.max_crew} more, or carry fewer own crew",
            anchor,
        )


@rule(
    "CREW004",
    title="Suits that work in the rescuer",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Integrated crews (2022 on): NASA astronauts fly Soyuz in Sokol suits, cosmonauts fly Dragon in SpaceX suits",
    pass_example="Both vehicles use the same suit type.",
    fail_example="Sokol suits, a rescuer whose umbilicals take only SpaceX suits, and no spares aboard.",
)
def suits_fit(ctx: RescueContext):
    """A launch and entry suit must plug into the vehicle's air, power and
    communications umbilicals. A rescued crew whose suits do not fit the
    rescuer's connections needs spare suits flown up for them."""
    ours = ctx.rescuer.crew_equipment
    theirs = ctx.distressed.crew_equipment
    needed = ours.suits if ours else None
    worn = theirs.suits if theirs else None
    if needed is None or worn is None:
        missing = [
            f"{v.id}.crew_equipment.suits" for v, s in ((ctx.rescuer, needed), (ctx.distressed, worn)) if s is None
        ]
        yield unknown(
            "suit compatibility not known",
            missing,
            Anchor(ctx.rescuer, ("crew_equipment",)) if ours else Anchor(ctx.rescuer, ()),
        )
        return
    anchor = Anchor(ctx.rescuer, ("crew_equipment", "suits"))
    if not needed:
        yield passed(f"{ctx.rescuer.id} needs no suit connection", anchor)
        return
    common = sorted(set(needed) & set(worn))
    if common:
        yield passed(
            f"the distressed crew's {common[0]} suits work in {ctx.rescuer.id}",
            anchor,
            [Anchor(ctx.distressed, ("crew_equipment", "suits"))],
        )
        return
    spares = ours.spare_suits
    if spares is None:
        yield unknown(
            f"{ctx.rescuer.id} takes {', '.join(needed)} suits, the crew wears {', '.join(worn) or 'none'}; spare suits not known",
            [f"{ctx.rescuer.id}.crew_equipment.spare_suits"],
            anchor,
        )
    elif spares >= ctx.crew:
        yield conditional(
            f"the crew's suits ({', '.join(worn) or 'none'}) do not fit {ctx.rescuer.id}; {spares} spare {needed[0]} suits aboard",
            [f"spare {needed[0]} suits fit each rescued crew member"],
            anchor,
        )
    else:
        yield failed(
            f"the crew's suits ({', '.join(worn) or 'none'}) do not fit {ctx.rescuer.id} (takes {', '.join(needed)}); {spares} spares for {ctx.crew}",
            f"fly {ctx.crew - spares} more {needed[0]} suits sized for the distressed crew, or fit {ctx.rescuer.id} with umbilicals for {worn[0] if worn else 'their suits'}",
            anchor,
        )


@rule(
    "CREW005",
    title="Seat liners for the rescued crew",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Soyuz Kazbek seats use a liner moulded to each crew member",
    pass_example="Adjustable seats.",
    fail_example="Custom-moulded liners and no spare liners aboard.",
)
def seat_liners(ctx: RescueContext):
    """Some vehicles protect their crew on landing with a seat liner moulded
    to each person. A rescued crew member needs a liner made for them, flown
    up in advance; adjustable seats need nothing."""
    equipment = ctx.rescuer.crew_equipment
    policy = equipment.seat_liners if equipment else None
    if policy is None:
        yield unknown(
            "seat-liner policy not known",
            [f"{ctx.rescuer.id}.crew_equipment.seat_liners"],
            Anchor(ctx.rescuer, ("crew_equipment",)) if equipment else Anchor(ctx.rescuer, ()),
        )
        return
    anchor = Anchor(ctx.rescuer, ("crew_equipment", "seat_liners"))
    if policy is not SeatLiners.CUSTOM_PER_CREW:
        yield passed(f"{ctx.rescuer.id}'s seats are {policy.value}", anchor)
        return
    spares = equipment.spare_seat_liners
    if spares is None:
        yield unknown(
            "custom liners needed; spare liners not known",
            [f"{ctx.rescuer.id}.crew_equipment.spare_seat_liners"],
            anchor,
        )
    elif spares >= ctx.crew:
        yield conditional(
            f"custom liners needed; {spares} spares aboard",
            ["the spare liners were moulded for the distressed crew members"],
            anchor,
        )
    else:
        yield failed(
            f"custom liners needed for {ctx.crew}; {spares} aboard",
            f"mould and fly {ctx.crew - spares} more liners for the distressed crew (keep liners for every crew member at the launch site)",
            anchor,
        )


@rule(
    "CREW006",
    title="Someone aboard can fly the rescuer home",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    pass_example="The rescuer flies up with a pilot.",
    fail_example="(never fails) Launched uncrewed: CONDITIONAL on the rescued crew being trained to fly it.",
)
def pilot_aboard(ctx: RescueContext):
    """A rescuer launched uncrewed to make room (as Soyuz MS-23 was in 2023)
    must be flown home by the crew it collects, who must be trained on it."""
    aboard, how = crew_aboard(ctx)
    anchor = ctx.responder_anchor("crew_aboard") or Anchor(ctx.rescuer, ("seats",))
    if aboard is None:
        yield unknown(
            f"whether {ctx.rescuer.id} flies up crewed is not known", [f"{ctx.rescuer.id}.seats.min_crew"], anchor
        )
    elif aboard >= 1:
        yield passed(f"{aboard} of {ctx.rescuer.id}'s own crew aboard ({how})", anchor)
    else:
        yield conditional(
            f"{ctx.rescuer.id} flies up uncrewed",
            [f"the rescued crew is trained to fly {ctx.rescuer.id}, or it returns autonomously"],
            anchor,
        )


def _return_days(ctx: RescueContext) -> tuple[float | None, Anchor | None, str]:
    if ctx.return_days is not None:
        return ctx.return_days, ctx.scenario_anchor("return_days"), "scenario return_days"
    transit = ctx.rescuer.return_transit_days
    if transit is not None and ctx.place in transit:
        return transit[ctx.place], Anchor(ctx.rescuer, ("return_transit_days", ctx.place.value)), ""
    return None, None, f"{ctx.rescuer.id}.return_transit_days.{ctx.place.value}"


@rule(
    "CONS001",
    title="Consumables for everyone until home",
    domain=Domain.CONSUMABLES,
    stage=Stage.CARRY,
    pass_example="40 crew-days aboard; 4 people for 6 days need 24.",
    fail_example="20 crew-days aboard; 6 people for 6 days need 36.",
)
def consumables(ctx: RescueContext):
    """Oxygen, water and food are counted in crew-days. The rescuer's own
    crew plus the rescued, for the whole way home, must fit what it carries.
    When only endurance with the nominal crew is published, crew-days are
    derived from it and the report says so."""
    days, days_anchor, days_missing = _return_days(ctx)
    aboard, _how = crew_aboard(ctx)
    support = ctx.rescuer.life_support
    crew_days, derived = (support.crew_days if support else None), ""
    seats = ctx.rescuer.seats
    if crew_days is None and support and support.endurance_days is not None and seats and seats.nominal_crew:
        crew_days = support.endurance_days * seats.nominal_crew
        derived = f" (derived: {support.endurance_days:g} days x {seats.nominal_crew} crew)"
    missing = []
    if days is None:
        missing.append(days_missing)
    if aboard is None:
        missing.append(f"{ctx.rescuer.id}.seats.min_crew")
    if crew_days is None:
        missing.append(f"{ctx.rescuer.id}.life_support.crew_days")
    if missing:
        yield unknown(
            "consumables for the trip home cannot be counted",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
        )
        return
    people = aboard + ctx.crew
    needed = people * days
    anchor = Anchor(ctx.rescuer, ("life_support",))
    evidence = [days_anchor] if days_anchor else []
    if crew_days >= needed:
        yield passed(
            f"{crew_days:g} crew-days{derived}; {people} people for {days:g} days need {needed:g}", anchor, evidence
        )
    else:
        yield failed(
            f"{crew_days:g} crew-days{derived}; {people} people for {days:g} days need {needed:g}",
            f"carry {needed - crew_days:g} more crew-days of oxygen, water and food, or fewer people",
            anchor,
            evidence,
        )
