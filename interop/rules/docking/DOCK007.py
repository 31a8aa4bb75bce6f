"""DOCK007: no docking, where the crew can cross by spacewalk."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "DOCK007",
    title="No docking, where the crew can cross by spacewalk",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    pass_example="(applies only without a docking path) Both sides let a suited crew out: the vehicles need not join.",
    fail_example="No docking path, and neither an airlock nor suited egress on one side.",
)
def eva_fallback(ctx: RescueContext):
    """Without a docking path the vehicles need not join: the rescuer can
    hold station, or grapple the other with an arm, while the crew crosses
    outside. That is possible when each side lets a suited crew out or in:
    an airlock, or ``suited_egress`` (a depressurisable cabin), the rescuer's
    as well as the crew's. The crossing itself, with its suits and its risk,
    is judged in the transfer stage (XFER002)."""
    plan = ctx.plan
    if plan.mode is MatingMode.EVA:
        yield passed(
            f"no docking needed: {ctx.rescuer.id} holds station or grapples, and the crew crosses outside (XFER002)",
            Anchor(ctx.rescuer, (ctx.rescuer.egress_flag()[1],)),
        )
    elif plan.mode is MatingMode.NONE:
        flags = [
            (v, name)
            for v in (ctx.rescuer, ctx.distressed)
            if v.lets_suited_crew_out() is None
            for name, value in (v.egress_flag()[::-1], ("airlock", v.airlock))
            if value is None
        ]
        if flags:
            unset = [Anchor(v, (f,)) for v, f in flags]
            yield unknown(
                "no docking path; whether the crew could cross by spacewalk instead is not known",
                unset,
                Anchor(ctx.rescuer, ()),
                requires=[
                    condition(
                        unset,
                        "is",
                        True,
                        clause=(
                            f"{ctx.rescuer.id}.suited_egress or .airlock true, and {ctx.distressed.id}.suited_egress "
                            f"or .airlock true (a spacewalk crossing, never better than conditional)"
                        ),
                    )
                ],
            )
        else:
            closed = next(
                (v for v in (ctx.rescuer, ctx.distressed) if v.lets_suited_crew_out() is False),
                ctx.approached_station(),  # both let a crew out, but the stack the crew is in does not
            )
            yield failed(
                f"no docking path, and {closed.id} cannot let a suited crew out or in (no airlock, no suited egress)",
                f"give {closed.id} an airlock or a depressurisable cabin, with spacewalk suits for the crew",
                Anchor(ctx.rescuer, (ctx.rescuer.egress_flag()[1],)),
            )
