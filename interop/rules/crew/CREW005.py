"""CREW005: seat liners for the rescued crew."""

from __future__ import annotations

from interop.model.vocabulary import AgreementTerm, SeatLiners
from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "CREW005",
    title="Seat liners for the rescued crew",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Soyuz Kazbek seats use a liner moulded to each crew member",
    pass_example="Adjustable seats.",
    fail_example="Custom-moulded liners, no spare liners aboard and no crew agreement.",
)
def seat_liners(ctx: RescueContext):
    """Some vehicles protect their crew on landing with a seat liner moulded
    to each person. A rescued crew member needs a liner made for them, flown
    up in advance, or their own liners moved across from their vehicle; a
    vehicle of the same design takes them (inferred), and a scenario can say
    so (liners_move_across). A scenario's spare_seat_liners for the mission
    replaces the vehicle's, and says when they were moved in orbit from
    another vehicle. Adjustable seats need nothing. Between the systems of
    two nations with a crew agreement that covers seat liners and names the
    rescuer (the 2022 NASA-Roscosmos integrated-crew agreement), a FAIL or
    UNKNOWN is CONDITIONAL on the agreement's liners moulded for each rescued
    crew member, unless the scenario states the mission's liners."""
    stated = ctx.mission("spare_seat_liners") is not None or ctx.mission("liners_move_across") is not None
    yield from ctx.under_agreement(_liners(ctx), AgreementTerm.SEAT_LINERS, stated=stated)


def _liners(ctx: RescueContext):
    equipment = ctx.rescuer.crew_equipment
    policy = equipment.seat_liners if equipment else None
    stated = ctx.mission("liners_move_across")
    across = stated if stated is not None else bool(ctx.same_design)
    if across and policy not in (SeatLiners.ADJUSTABLE, SeatLiners.NONE):
        basis = "as the scenario states" if stated is not None else ctx.design_note()
        yield passed(
            f"the crew's own seat liners move across from {ctx.distressed.id} ({basis})",
            ctx.responder_anchor("liners_move_across")
            if stated is not None
            else Anchor(ctx.rescuer, ("crew_equipment",))
            if equipment
            else Anchor(ctx.rescuer, ()),
        )
        return
    if policy is None:
        field = Anchor(ctx.rescuer, ("crew_equipment", "seat_liners"))
        yield unknown(
            "seat-liner policy not known",
            [field],
            Anchor(ctx.rescuer, ("crew_equipment",)) if equipment else Anchor(ctx.rescuer, ()),
            requires=[
                condition(
                    [field],
                    "is",
                    SeatLiners.ADJUSTABLE.value,
                    clause=f"{field.describe()} is adjustable (or none)",
                    alternatives=[f"{ctx.crew} spare liners moulded for the crew", "the crew's own liners move across"],
                )
            ],
        )
        return
    assert equipment is not None, "its seat-liner policy is known"
    anchor = Anchor(ctx.rescuer, ("crew_equipment", "seat_liners"))
    if policy is not SeatLiners.CUSTOM_PER_CREW:
        yield passed(f"{ctx.rescuer.id}'s seats are {policy.value}", anchor)
        return
    spares, where = ctx.mission("spare_seat_liners"), "aboard"
    if spares is None:
        spares = equipment.spare_seat_liners
    else:
        anchor = ctx.responder_anchor("spare_seat_liners") or anchor
        moved = ctx.mission("moved_in_orbit_from")
        where = f"moved in orbit from {moved}" if moved else "for this mission"
    if spares is None:
        field = Anchor(ctx.rescuer, ("crew_equipment", "spare_seat_liners"))
        yield unknown(
            "custom liners needed; spare liners not known",
            [field],
            anchor,
            requires=[condition([field], ">=", ctx.crew, "liners", alternatives=["the crew's own liners move across"])],
        )
    elif spares >= ctx.crew:
        yield conditional(
            f"custom liners needed; {spares} spares {where}",
            [f"the spare liners ({where}) were moulded for the distressed crew members"],
            anchor,
        )
    else:
        yield failed(
            f"custom liners needed for {ctx.crew}; {spares} {where}",
            f"mould and fly {ctx.crew - spares} more liners for the distressed crew (keep liners for every crew member at the launch site)",
            anchor,
        )
