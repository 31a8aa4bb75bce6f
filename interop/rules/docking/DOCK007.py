"""DOCK007: spacewalk transfer as a degraded fallback."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, conditional, failed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "DOCK007",
    title="Spacewalk transfer as a degraded fallback",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    pass_example="(applies only without a docking path) Both vehicles can support EVA: CONDITIONAL.",
    fail_example="No docking path, and the rescuer cannot perform an EVA.",
)
def eva_fallback(ctx: RescueContext):
    """Without a docking path the crew can still cross by spacewalk if the
    rescuer can depressurise or has an airlock and the distressed vehicle can
    let its crew out in suits. It is slow and risky: a degraded fallback,
    never a pass."""
    plan = ctx.plan
    if plan.mode is MatingMode.EVA:
        yield conditional(
            f"no docking path; the crew can cross by spacewalk from {ctx.distressed.id} to {ctx.rescuer.id}",
            [
                "every distressed crew member has an EVA-capable suit",
                "both vehicles hold station close enough for a tethered transfer",
            ],
            Anchor(ctx.rescuer, ("eva_capable",)),
        )
    elif plan.mode is MatingMode.NONE:
        flags = [
            (v, f) for v in (ctx.rescuer, ctx.distressed) for f in ("eva_capable", "airlock") if getattr(v, f) is None
        ]
        if flags:
            yield unknown(
                "no docking path; whether a spacewalk transfer is possible is not known",
                [Anchor(v, (f,)) for v, f in flags],
                Anchor(ctx.rescuer, ()),
            )
        else:
            yield failed(
                "no docking path and no spacewalk transfer possible",
                f"give {ctx.rescuer.id} EVA capability (an airlock or a depressurisable cabin and EVA suits)",
                Anchor(ctx.rescuer, ("eva_capable",)),
            )
