"""REACH002: rescuer is kept where it is needed."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, conditional, passed, rule
from interop.rules.context import RescueContext


@rule(
    "REACH002",
    title="Rescuer is kept where it is needed",
    domain=Domain.REACH,
    stage=Stage.REACH,
    severity=Severity.WARNING,
    pass_example="A lander kept in NRHO, or a vehicle on standby, for a crew in NRHO.",
    fail_example="(never fails) A vehicle stationed in LEO for a crew in NRHO must first be flown there: CONDITIONAL.",
)
def stationed_near(ctx: RescueContext):
    """A vehicle already at the place, or on standby to launch, can respond
    quickly; one kept elsewhere must first be launched or flown there, which
    turns the rescue into a condition on that launch."""
    stationed = ctx.rescuer_stationed_at
    anchor = ctx.responder_anchor("stationed_at") or Anchor(ctx.rescuer, ())
    if ctx.rescuer_standby:
        yield passed(f"{ctx.rescuer.id} is on standby", anchor)
    elif stationed is None:
        yield conditional(
            f"{ctx.rescuer.id} is not stationed anywhere in the systems checked",
            [f"{ctx.rescuer.id} is launched to {ctx.place.value} on demand"],
            anchor,
        )
    elif ctx.place in stationed:
        yield passed(f"{ctx.rescuer.id} is stationed in {ctx.place.value}", anchor)
    else:
        where = ", ".join(sorted(r.value for r in stationed)) or "nowhere"
        yield conditional(
            f"{ctx.rescuer.id} is stationed in {where}, not {ctx.place.value}",
            [f"{ctx.rescuer.id} is flown from {where} to {ctx.place.value}"],
            anchor,
        )
