"""CREW004: suits that work in the rescuer."""

from __future__ import annotations

from interop.model.vocabulary import AgreementTerm, VehicleType
from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "CREW004",
    title="Suits that work in the rescuer",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Integrated crews (2022 on): NASA astronauts fly Soyuz in Sokol suits, cosmonauts fly Dragon in SpaceX suits",
    pass_example="Both vehicles use the same suit type.",
    fail_example="Sokol suits, a rescuer whose umbilicals take only SpaceX suits, no spares aboard and no crew agreement.",
)
def suits_fit(ctx: RescueContext):
    """A launch and entry suit must plug into the vehicle's air, power and
    communications umbilicals. A rescued crew whose suits do not fit the
    rescuer's connections needs spare suits flown up for them (a scenario's
    spare_suits for the mission replaces the vehicle's). A rescuer of the
    crew's own design takes their suits by declaration. Between the systems
    of two nations with a crew agreement that covers suits and names the
    rescuer (the 2022 NASA-Roscosmos integrated-crew agreement: Sokol on
    Soyuz, the SpaceX suit on Crew Dragon), a FAIL or UNKNOWN is CONDITIONAL
    on the agreement providing each rescued crew member a suit of the
    rescuer, unless the scenario states the mission's spare suits."""
    takes = ctx.rescuer.crew_equipment.suits if ctx.rescuer.crew_equipment else None
    yield from ctx.under_agreement(
        _suits(ctx),
        AgreementTerm.SUITS,
        stated=ctx.mission("spare_suits") is not None,
        detail=", ".join(takes or ()),
    )


def _suits(ctx: RescueContext):
    ours = ctx.rescuer.crew_equipment
    theirs = ctx.distressed.crew_equipment
    needed = ours.suits if ours else None
    worn = theirs.suits if theirs else None
    if ctx.same_design and (needed is None or worn is None or not set(needed) & set(worn)):
        yield passed(
            f"{ctx.design_note()}: the crew's own suits plug into {ctx.rescuer.id}",
            Anchor(ctx.rescuer, ("crew_equipment",)) if ours else Anchor(ctx.rescuer, ()),
        )
        return
    station_spares = _station_spares(ctx)
    if needed is not None and (worn is None or not set(needed) & set(worn)) and station_spares >= ctx.crew:
        # A station the crew is aboard keeps spare suits (as the ISS kept a SpaceX suit for Crew-9).
        yield conditional(
            f"{station_spares} spare suits aboard {ctx.distressed.id}, where the crew is; {ctx.rescuer.id} takes {', '.join(needed)}",
            [
                f"the spare suits aboard {ctx.distressed.id} are {' or '.join(needed)} suits that fit each rescued crew member"
            ],
            Anchor(ctx.distressed, ("crew_equipment", "spare_suits")),
        )
        return
    if needed is None or worn is None:
        missing = [
            Anchor(v, ("crew_equipment", "suits"))
            for v, s in ((ctx.rescuer, needed), (ctx.distressed, worn))
            if s is None
        ]
        spares = ctx.mission("spare_suits")
        spares_where = "for this mission" if spares is not None else f"aboard {ctx.rescuer.id}"
        alternatives = [f"{ctx.crew} spare suits {spares_where}"]
        if needed is None and worn is None:
            needs = condition(missing, "share", alternatives=alternatives)
        elif needed is None:
            needs = condition(missing, "includes-any", worn, alternatives=alternatives)
        else:
            needs = condition(missing, "includes-any", needed, alternatives=alternatives)
        yield unknown(
            "suit compatibility not known",
            missing,
            Anchor(ctx.rescuer, ("crew_equipment",)) if ours else Anchor(ctx.rescuer, ()),
            requires=[needs],
        )
        return
    assert ours is not None, "the suits it takes are known"
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
    spares, flown = ctx.mission("spare_suits"), "for this mission"
    if spares is None:
        spares, flown = ours.spare_suits, "aboard"
    else:
        anchor = ctx.responder_anchor("spare_suits") or anchor
        # Say "flown up" only of what the scenario says was flown up (Crew-9: one flown
        # up, one aboard already), never of every spare.
        up = ctx.mission("spare_suits_flown_up")
        if up is not None and spares:
            there = spares - up
            flown = (
                "flown up for this mission"
                if there <= 0
                else f"for this mission ({up} flown up, {there} already aboard)"
                if up
                else "already aboard"
            )
    if spares is not None and station_spares:
        spares, flown = spares + station_spares, f"{flown}, with {station_spares} aboard {ctx.distressed.id}"
    if spares is None:
        spare = Anchor(ctx.rescuer, ("crew_equipment", "spare_suits"))
        yield unknown(
            f"{ctx.rescuer.id} takes {', '.join(needed)} suits, the crew wears {', '.join(worn) or 'none'}; spare suits not known",
            [spare],
            anchor,
            requires=[condition([spare], ">=", ctx.crew, "suits")],
        )
    elif spares >= ctx.crew:
        yield conditional(
            f"the crew's suits ({', '.join(worn) or 'none'}) do not fit {ctx.rescuer.id}; {spares} spare {needed[0]} suits {flown}",
            [f"spare {needed[0]} suits fit each rescued crew member"],
            anchor,
        )
    else:
        yield failed(
            f"the crew's suits ({', '.join(worn) or 'none'}) do not fit {ctx.rescuer.id} (takes {', '.join(needed)}); {spares} spares for {ctx.crew}",
            f"fly {ctx.crew - spares} more {needed[0]} suits sized for the distressed crew, or fit {ctx.rescuer.id} with umbilicals for {worn[0] if worn else 'their suits'}",
            anchor,
        )


def _station_spares(ctx: RescueContext) -> int:
    """Spare suits aboard the distressed vehicle when it is a station (0 when none are declared)."""
    distressed = ctx.distressed
    if distressed.vehicle_type not in (VehicleType.STATION, VehicleType.STATION_MODULE):
        return 0
    equipment = distressed.crew_equipment
    return (equipment.spare_suits or 0) if equipment else 0
