"""Reach: can the rescuer get to the place, with the delta-v, in time?"""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import ProgramStatus
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
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
            f"{rescuer.id}: the regimes it can operate in are not known", [f"{rescuer.id}.regimes"], Anchor(rescuer, ())
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
        yield unknown(
            f"{ctx.rescuer.id}: delta-v not known; {needed:.0f} m/s needed",
            [f"{ctx.rescuer.id}.propulsion.delta_v_mps"],
            anchor,
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


@rule(
    "REACH004",
    title="Arrives before life support runs out",
    domain=Domain.REACH,
    stage=Stage.REACH,
    reference="DESIGN: reach before the distressed crew runs out of time, when both are known",
    pass_example="Transit 60 h; 120 h of life support left.",
    fail_example="Transit 96 h; 48 h of life support left.",
)
def arrives_in_time(ctx: RescueContext):
    """A rescue that arrives after the distressed crew's life support is
    exhausted is no rescue. Applies when the scenario states the hours left;
    the responder's transit time must then be known and shorter."""
    left = ctx.life_support_hours
    if left is None:
        return
    anchor = ctx.scenario_anchor("distressed", "life_support_hours")
    transit = ctx.transit_hours
    if transit is None:
        yield unknown(
            f"{left:.0f} h of life support left; {ctx.rescuer.id}'s transit time is not stated",
            ["responder transit_hours"],
            ctx.responder_anchor() or anchor,
        )
    elif transit <= left:
        yield passed(f"arrives in {transit:.0f} h with {left - transit:.0f} h of life support to spare", anchor)
    else:
        yield failed(
            f"arrives in {transit:.0f} h but life support lasts {left:.0f} h",
            f"a responder that arrives within {left:.0f} h (prepositioned or on standby), or {transit - left:.0f} h more life support for the distressed crew",
            ctx.responder_anchor("transit_hours") or anchor,
            [anchor] if anchor else [],
        )


@rule(
    "REACH005",
    title="Rescuer's programme can fly",
    domain=Domain.REACH,
    stage=Stage.REACH,
    severity=Severity.WARNING,
    pass_example="An operational vehicle.",
    fail_example="A cancelled vehicle.",
)
def programme_status(ctx: RescueContext):
    """A cancelled vehicle will not fly; one still in development can be
    counted on only once it is operational, which the report says. Historical
    vehicles are judged as they were, for studying past cases."""
    status = ctx.rescuer.status
    anchor = Anchor(ctx.rescuer, ("status",))
    if status is ProgramStatus.CANCELLED:
        yield failed(
            f"{ctx.rescuer.id} is cancelled",
            f"assign a vehicle that is operational or in development instead of {ctx.rescuer.id}",
            anchor,
        )
    elif status in (ProgramStatus.IN_DEVELOPMENT, ProgramStatus.PLANNED):
        yield conditional(f"{ctx.rescuer.id} is {status.value}", [f"{ctx.rescuer.id} becomes operational"], anchor)
    else:
        yield passed(f"{ctx.rescuer.id} is {status.value}", anchor)
