"""DOCK004: berthing needs an arm and is too slow for an emergency."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, rule, unknown
from interop.rules.context import MateStatus, RescueContext


@rule(
    "DOCK004",
    title="Berthing needs an arm and is too slow for an emergency",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    severity=Severity.WARNING,
    reference="CBM: robotic arm required; utilities connected by hand after mating",
    pass_example="No berthing on the path.",
    fail_example="A berthing port and no robotic arm on either vehicle.",
)
def berthing_is_slow(ctx: RescueContext):
    """Berthing mechanisms (CBM) need a robotic arm to capture and hold the
    visitor, and utilities are connected by hand afterwards: hours of work
    that an emergency evacuation may not have."""
    for link in ctx.plan.docking_links:
        if link.check.status is not MateStatus.SLOW:
            continue
        arms = [v for v in (link.near.vehicle, link.far.vehicle) if v.robotic_arm]
        if arms:
            yield conditional(
                f"{link.near.label()} berths to {link.far.label()} using {arms[0].id}'s arm: too slow for an emergency evacuation",
                [f"time for {arms[0].id}'s arm to berth the vehicle and for the crew to open the vestibule"],
                link.near.anchor("interface"),
            )
        elif any(v.robotic_arm is None for v in (link.near.vehicle, link.far.vehicle)):
            flags = [
                Anchor(v, ("robotic_arm",)) for v in (link.near.vehicle, link.far.vehicle) if v.robotic_arm is None
            ]
            yield unknown(
                "berthing needs a robotic arm; whether one is available is not known",
                flags,
                link.near.anchor("interface"),
                requires=[
                    condition(
                        flags,
                        "is",
                        True,
                        clause=f"{' or '.join(a.describe() for a in flags)} is true (one arm is enough)",
                        alternatives=["a docking (not berthing) port on the path"],
                    )
                ],
            )
        else:
            yield failed(
                f"{link.near.label()} would berth to {link.far.label()} but neither has a robotic arm",
                "provide a robotic arm at the place, or dock through a docking (not berthing) port",
                link.near.anchor("interface"),
            )
