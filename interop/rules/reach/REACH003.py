"""REACH003: enough delta-v to get there."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "REACH003",
    title="Enough delta-v to get there",
    domain=Domain.REACH,
    stage=Stage.REACH,
    pass_example="Scenario needs 1,200 m/s; the rescuer has 1,340 m/s.",
    fail_example="Scenario needs 1,200 m/s; the rescuer has 400 m/s.",
)
def enough_delta_v(ctx: RescueContext):
    """Getting to the distressed crew costs propellant. When a scenario states
    the delta-v a responder needs, the responder's own capability must cover
    it. Without a stated requirement this rule does not apply."""
    needed = ctx.delta_v_required_mps
    if needed is None:
        return
    propulsion = ctx.rescuer.propulsion
    have = propulsion.delta_v_mps if propulsion else None
    anchor = ctx.responder_anchor("delta_v_required_mps")
    if have is None:
        field = Anchor(ctx.rescuer, ("propulsion", "delta_v_mps"))
        yield unknown(
            f"{ctx.rescuer.id}: delta-v not known; {needed:.0f} m/s needed",
            [field],
            anchor,
            requires=[condition([field], ">=", needed, "m/s")],
        )
    elif have >= needed:
        yield passed(
            f"{ctx.rescuer.id} has {have:.0f} m/s of {needed:.0f} m/s needed",
            anchor,
            [Anchor(ctx.rescuer, ("propulsion", "delta_v_mps"))],
        )
    else:
        yield failed(
            f"{ctx.rescuer.id} has {have:.0f} m/s; {needed:.0f} m/s needed",
            f"a responder with at least {needed:.0f} m/s, or prepositioning closer so less is needed",
            anchor,
            [Anchor(ctx.rescuer, ("propulsion", "delta_v_mps"))],
        )
