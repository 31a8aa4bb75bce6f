"""DOCK001: mechanisms are declared to mate."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "DOCK001",
    title="Mechanisms are declared to mate",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="IDSS Rev F: any two compliant vehicles can dock, to enable crew rescue",
    pass_example="Crew Dragon's IDSS port with an IDA's IDSS port.",
    fail_example="Soyuz's SSVP probe with Crew Dragon's IDSS port.",
)
def mechanisms_mate(ctx: RescueContext):
    """Two docking mechanisms join only if their designs are compatible:
    the same standard, or members of a family declared to mate. Each docking
    on the path is checked; when there is no path at all, the closest
    mismatches are listed. A rescuer already docked in the crew's station
    stack needs no new docking: the rescue is an internal transfer."""
    plan = ctx.plan
    if plan.mode is MatingMode.STACK:
        yield passed(f"no new docking: {ctx.stack_note()}, an internal transfer", ctx.stack_anchor())
        return
    if plan.mode is MatingMode.UNKNOWN:
        yield unknown(
            "whether the mechanisms mate is not known",
            [m for m in plan.missing if isinstance(m, Anchor)],
            Anchor(ctx.rescuer, ("ports",)),
            described=[m for m in plan.missing if not isinstance(m, Anchor)],
            requires=plan.requirements,
        )
        return
    if plan.mode is MatingMode.EVA:
        # No docking is no failure where the crew can cross outside (issue 26).
        yield passed(
            f"no docking: {ctx.rescuer.id} holds station or grapples, and the crew crosses outside (XFER002)",
            Anchor(ctx.rescuer, ("ports",)),
        )
        return
    if plan.mode is MatingMode.NONE:
        misses = "; ".join(miss.describe() for miss in plan.near_misses[:4]) or "no free ports"
        yield failed(
            f"no docking path from {ctx.rescuer.id} to {ctx.distressed.id}: {misses}",
            ctx.no_path_remedy(),
            Anchor(ctx.rescuer, ("ports",)),
        )
        return
    for link in plan.docking_links:
        yield passed(
            f"{link.near.label()} mates {link.far.label()}: {link.check.reason}",
            link.near.anchor("interface"),
            [link.far.anchor("interface")],
        )
