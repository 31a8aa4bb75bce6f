"""DOCK006: the distressed vehicle has a free port."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "DOCK006",
    title="The distressed vehicle has a free port",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    pass_example="A station with an unoccupied docking port.",
    fail_example="A vehicle with no ports, or every port occupied.",
)
def free_port(ctx: RescueContext):
    """A rescuer can only dock where a port is free. Ports used by the
    permanent connections of a station stack are not free."""
    distressed = ctx.distressed
    if distressed.ports is None:
        yield unknown(
            f"{distressed.id}'s ports are not known", [Anchor(distressed, ("ports",))], Anchor(distressed, ())
        )
    elif not distressed.ports:
        yield failed(
            f"{distressed.id} has no docking port",
            f"transfer the crew by EVA, or give {distressed.id} a docking port",
            Anchor(distressed, ("ports",)),
        )
    elif ctx.plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS):
        target = ctx.plan.docking_links[-1].far
        yield passed(f"docks at free port {target.label()}", target.anchor("id"))
    elif ctx.plan.mode is MatingMode.NONE and not ctx.plan.near_misses:
        yield failed(
            f"no free port on {distressed.id} or its station stack",
            f"keep a port of {distressed.id} free for rescue",
            Anchor(distressed, ("ports",)),
        )
