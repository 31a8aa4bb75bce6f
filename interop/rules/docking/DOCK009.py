"""DOCK009: docking hardware exists."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import ProgramStatus
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, rule
from interop.rules.context import RescueContext


@rule(
    "DOCK009",
    title="Docking hardware exists",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    severity=Severity.WARNING,
    pass_example="An operational mechanism.",
    fail_example="A cancelled mechanism on the path.",
)
def mechanism_status(ctx: RescueContext):
    """A mechanism still being designed, or only planned, is a condition on
    its being built as specified; a cancelled one will not be."""
    seen = set()
    for link in ctx.plan.docking_links:
        for end in (link.near, link.far):
            interface = ctx.interface(end)
            if interface is None or interface.id in seen:
                continue
            seen.add(interface.id)
            if interface.status in (ProgramStatus.IN_DEVELOPMENT, ProgramStatus.PLANNED):
                yield conditional(
                    f"{interface.id} is {interface.status.value}",
                    [f"{interface.id} is built and qualified as specified"],
                    Anchor(interface, ("status",)),
                )
            elif interface.status is ProgramStatus.CANCELLED:
                yield failed(
                    f"{interface.id} is cancelled",
                    f"replace {interface.id} on {end.vehicle.id} with an operational mechanism",
                    Anchor(interface, ("status",)),
                )
