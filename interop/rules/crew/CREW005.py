"""CREW005: seat liners for the rescued crew."""

from __future__ import annotations

from interop.model.vocabulary import SeatLiners
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


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
            [Anchor(ctx.rescuer, ("crew_equipment", "seat_liners"))],
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
            [Anchor(ctx.rescuer, ("crew_equipment", "spare_seat_liners"))],
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
