"""DOCK001: mechanisms are declared to mate."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule, unknown
from interop.rules.context import MateCause, MateStatus, MatingMode, RescueContext


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
    yield from _crews_docking(ctx)
    if plan.mode is MatingMode.STACK:
        docked = plan.links[0] if plan.stack_docking is not None and plan.links else None
        if docked is not None and docked.check.status is MateStatus.NO:
            # A declared docking goes through the same mate check (issue 26).
            yield failed(
                f"{ctx.stack_note()}, but {docked.near.label()} cannot mate {docked.far.label()}: {docked.check.reason}",
                f"correct the docking: dock {ctx.rescuer.id} at a port its mechanism mates",
                ctx.stack_anchor(),
                [docked.near.anchor("interface"), docked.far.anchor("interface")],
            )
        elif docked is not None and docked.check.status is MateStatus.UNKNOWN and docked.check.missing:
            yield unknown(
                f"{ctx.stack_note()}; whether {docked.near.label()} mates {docked.far.label()} is not known",
                [m for m in docked.check.missing if isinstance(m, Anchor)],
                ctx.stack_anchor(),
                described=[m for m in docked.check.missing if not isinstance(m, Anchor)],
            )
        else:
            settled = ""
            if docked is not None:
                near, far = docked.near.port, docked.far.port
                raw = ctx.mate(near, far)
                if raw.status is MateStatus.UNKNOWN and raw.cause is MateCause.PARTNERS_UNKNOWN:
                    settled = "; no partner list says so, but the docking itself shows the two mate"
            yield passed(f"no new docking: {ctx.stack_note()}, an internal transfer{settled}", ctx.stack_anchor())
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


def _crews_docking(ctx: RescueContext):
    """The distressed vehicle's declared docking (a scenario's docked_to and port) through the mate check.

    Only ports that cannot mate are a finding: an unknown partner list is
    settled by the docking itself, and a mating docking says nothing new.
    """
    scenario, station = ctx.scenario, ctx.docked_to
    if scenario is None or station is None or scenario.distressed.port is None:
        return
    ports = ctx.distressed.ports or []
    at = station.port(scenario.distressed.port)
    if len(ports) != 1 or at is None:
        return  # which of its ports is docked is not said
    own = ports[0]
    check = ctx.mate(own, at)
    if check.status is MateStatus.NO:
        yield failed(
            f"{ctx.distressed.id} is declared docked at {station.id}/{at.id}, but {ctx.distressed.id}/{own.id} "
            f"cannot mate it: {check.reason}",
            f"correct the scenario: put {ctx.distressed.id} at a port of {station.id}'s stack its mechanism mates",
            Anchor(scenario, ("distressed", "port")),
            [Anchor(ctx.distressed, ("ports", 0, "interface"))],
        )
