"""REACH001: rescuer operates at the place."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "REACH001",
    title="Rescuer operates at the place",
    domain=Domain.REACH,
    stage=Stage.REACH,
    pass_example="Orion lists nrho in its regimes; the crew is stranded in nrho.",
    fail_example="Crew Dragon lists only leo; the crew is stranded in llo.",
)
def operates_at_place(ctx: RescueContext):
    """A vehicle can only help where it can fly. The regimes a vehicle is
    designed for (LEO, NRHO, low lunar orbit, the lunar surface...) bound
    where it can be sent; everything else about a rescue is moot outside them."""
    rescuer = ctx.rescuer
    anchor = Anchor(rescuer, ("regimes",))
    if rescuer.regimes is None:
        yield unknown(
            f"{rescuer.id}: the regimes it can operate in are not known",
            [anchor],
            Anchor(rescuer, ()),
            requires=[condition([anchor], "includes", ctx.place.value)],
        )
    elif ctx.place in rescuer.regimes:
        yield passed(f"{rescuer.id} operates in {ctx.place.value}", anchor)
    else:
        regimes = ", ".join(r.value for r in rescuer.regimes) or "none"
        yield failed(
            f"{rescuer.id} does not operate in {ctx.place.value} (only: {regimes})",
            f"assign a vehicle that operates in {ctx.place.value}, or add {ctx.place.value} to {rescuer.id}.regimes if it is qualified there",
            anchor,
        )
