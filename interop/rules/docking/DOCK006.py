"""DOCK006: the distressed vehicle has a free port."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
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
    permanent connections of a station stack are never free. A port held by
    a visiting vehicle (a docking, or the distressed vehicle itself) is free
    once the visitor undocks or moves to another port: a condition naming
    the visitor, unknown when nobody has said whether it can, and as a
    permanent module when it can do neither. A rescuer already docked in the
    crew's stack needs no port."""
    distressed, plan = ctx.distressed, ctx.plan
    if plan.mode is MatingMode.STACK:
        yield passed(f"no free port needed: {ctx.stack_note()}", ctx.stack_anchor())
        return
    if plan.mode is MatingMode.EVA:
        yield passed("no free port needed: the crew crosses outside (XFER002)", Anchor(ctx.rescuer, ("ports",)))
        return
    if ctx.docked_to is None and distressed.ports is None:
        field = Anchor(distressed, ("ports",))
        interfaces = sorted({p.interface for p in ctx.rescuer.ports or ()})
        yield unknown(
            f"{distressed.id}'s ports are not known",
            [field],
            Anchor(distressed, ()),
            requires=[
                condition(
                    [field],
                    "mates",
                    interfaces or None,
                    clause=f"{field.describe()} must include a free port that mates with {' or '.join(interfaces) or 'the rescuer'}",
                )
            ],
        )
    elif ctx.docked_to is None and not distressed.ports:
        yield failed(
            f"{distressed.id} has no docking port",
            f"transfer the crew by EVA, or give {distressed.id} a docking port",
            Anchor(distressed, ("ports",)),
        )
    elif plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS):
        if not plan.holds:
            target = plan.docking_links[-1].far
            yield passed(f"docks at free port {target.label()}", target.anchor("id"))
            return
        for end, hold in plan.holds:
            if hold.movable:
                verb = "undocks from" if hold.can_undock else "moves away from"
                yield conditional(
                    f"port {end.label()} is held by {hold.visitor}, which must {hold.how()} first",
                    [f"{hold.visitor} {verb} {end.label()} before {ctx.rescuer.id} arrives"],
                    hold.anchor,
                    [end.anchor("id")],
                )
            else:
                flags = hold.missing
                yield unknown(
                    f"port {end.label()} is held by {hold.visitor}; whether it can undock or move is not known",
                    flags,
                    hold.anchor,
                    [end.anchor("id")],
                    requires=[
                        condition(
                            flags,
                            "is",
                            True,
                            clause=f"{' or '.join(a.describe() for a in flags)} is true ({hold.visitor} can free the port)",
                        )
                    ],
                )
    elif plan.mode is MatingMode.NONE and not plan.near_misses:
        where = ctx.docked_to or distressed
        yield failed(
            f"no free port on {where.id} or its station stack",
            f"keep a port of {where.id}'s stack free for rescue, or have a visitor that holds one able to undock",
            Anchor(where, ("ports",)),
        )
