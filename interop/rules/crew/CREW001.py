"""CREW001: the rescuer can carry people."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule
from interop.rules.context import RescueContext


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
