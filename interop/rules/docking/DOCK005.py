"""DOCK005: an adapter chain joins different mechanisms."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule
from interop.rules.context import MatingMode, RescueContext


@rule(
    "DOCK005",
    title="An adapter chain joins different mechanisms",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="Apollo-Soyuz docking module (1975); IDA on PMA at the ISS",
    pass_example="A direct mate needs no adapter.",
    fail_example="No adapter at the place converts Soyuz's SSVP to Crew Dragon's IDSS.",
)
def adapter_chain(ctx: RescueContext):
    """When the two mechanisms differ, an adapter (a vehicle with a port of
    each kind) can join them, if it is stationed at the place or carried by
    the rescuer. The shortest chain is used; each adapter is a condition: it
    must be there, free, and in working order."""
    plan = ctx.plan
    if plan.mode is MatingMode.STACK:
        yield passed(f"no adapter needed: {ctx.stack_note()}", ctx.stack_anchor())
    elif plan.mode is MatingMode.DIRECT:
        yield passed(
            "direct docking: no adapter needed", plan.links[0].near.anchor("interface") if plan.links else None
        )
    elif plan.mode is MatingMode.ADAPTERS:
        conditions = []
        for adapter in plan.adapters:
            how = (
                f"carried by {ctx.rescuer.id}"
                if adapter in plan.carried_adapters
                else f"stationed at {ctx.place.value}"
            )
            conditions.append(f"adapter {adapter.id} ({how}) is free and serviceable")
        yield conditional(
            f"through {len(plan.adapters)} adapter(s): {plan.describe()}",
            conditions,
            plan.links[0].near.anchor("interface"),
            [Anchor(a, ("ports",)) for a in plan.adapters],
        )
    elif plan.mode is MatingMode.EVA:
        yield passed("no docking, so no adapter: the crew crosses outside (XFER002)", Anchor(ctx.rescuer, ("ports",)))
    elif plan.mode is MatingMode.NONE:
        yield failed(
            f"no adapter chain of up to 3 adapters joins {ctx.rescuer.id} to {ctx.distressed.id}",
            ctx.no_path_remedy(),
            Anchor(ctx.rescuer, ("ports",)),
        )
