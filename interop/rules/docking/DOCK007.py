"""DOCK007: spacewalk transfer as a degraded fallback."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, rule, unknown
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
    let its crew out in suits. The same holds on a docking path whose
    passage is closed or absent (early probe-and-drogue hardware had no
    internal tunnel; a port can be declared with no passage): the crew
    crosses outside at that joint when both sides of it can let a suited crew
    out. It is slow and risky: a degraded fallback, never a pass."""
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
            unset = [Anchor(v, (f,)) for v, f in flags]
            yield unknown(
                "no docking path; whether a spacewalk transfer is possible is not known",
                unset,
                Anchor(ctx.rescuer, ()),
                requires=[
                    condition(
                        unset,
                        "is",
                        True,
                        clause=(
                            f"{ctx.rescuer.id}.eva_capable true, and {ctx.distressed.id}.eva_capable or "
                            f"{ctx.distressed.id}.airlock true (a spacewalk transfer, never better than conditional)"
                        ),
                    )
                ],
            )
        else:
            yield failed(
                "no docking path and no spacewalk transfer possible",
                f"give {ctx.rescuer.id} EVA capability (an airlock or a depressurisable cabin and EVA suits)",
                Anchor(ctx.rescuer, ("eva_capable",)),
            )
    elif plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK):
        for link, anchor in ctx.closed_passages():
            yield _outside_at(ctx, link, anchor)


def _outside_at(ctx: RescueContext, link, anchor: Anchor):
    """Crossing outside at a joint with no passage: each side must let a suited crew out."""
    joint = f"{link.near.label()} and {link.far.label()}"
    sides = ctx.outside_sides(link)
    missing = []
    for side in sides:
        if any(v.eva_capable or v.airlock for v in side):
            continue
        unset = [Anchor(v, (f,)) for v in side for f in ("eva_capable", "airlock") if getattr(v, f) is None]
        if not unset:
            names = ", ".join(v.id for v in side)
            return failed(
                f"no internal passage between {joint}, and {names} cannot let a suited crew out",
                f"give the path an internal passage (a hatch through the mechanism), or an airlock or depressurisable cabin on each side of {joint}",
                anchor,
            )
        missing += unset
    if missing:
        return unknown(
            f"no internal passage between {joint}; whether the crew can cross outside is not known",
            missing,
            anchor,
            requires=[
                condition(
                    missing,
                    "is",
                    True,
                    clause=f"on each side of {joint} one of {', '.join(a.describe() for a in missing)} true",
                    alternatives=["an internal passage at the joint"],
                )
            ],
        )
    near, far = (next(v.id for v in side if v.eva_capable or v.airlock) for side in sides)
    return conditional(
        f"no internal passage between {joint}: the crew crosses outside by spacewalk",
        [
            "every crew member crossing has an EVA-rated suit",
            f"the crew leaves through {far} and enters through {near}",
        ],
        anchor,
        [link.near.anchor("interface")],
    )
