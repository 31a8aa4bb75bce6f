"""DOCK003: gendered docking joins a probe with a drogue."""

from __future__ import annotations

from interop.model.vocabulary import MatingStyle
from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule
from interop.rules.context import MateCause, MatingMode, RescueContext


@rule(
    "DOCK003",
    title="Gendered docking joins a probe with a drogue",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="SSVP and Apollo probe-and-drogue systems",
    pass_example="Soyuz's SSVP probe into a Poisk drogue.",
    fail_example="A probe against a probe.",
)
def probe_with_drogue(ctx: RescueContext):
    """Probe-and-drogue mechanisms are gendered: a probe enters a drogue's
    cone. Two probes or two drogues cannot mate, and an unknown gender leaves
    the question open."""
    for link in ctx.plan.docking_links:
        interface = ctx.interface(link.near)
        if interface is None or interface.style is not MatingStyle.GENDERED:
            continue
        yield passed(link.check.reason, link.near.anchor("interface"), [link.far.anchor("interface")])
    if ctx.plan.mode is MatingMode.NONE:
        for miss in ctx.plan.near_misses:
            if miss.check.cause is MateCause.GENDERS:
                yield failed(
                    f"genders do not complement: {miss.describe()}",
                    "dock a probe to a drogue: use a port of the opposite gender or an adapter",
                    Anchor(ctx.rescuer, ("ports",)),
                )
                return
