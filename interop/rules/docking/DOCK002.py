"""DOCK002: androgynous docking has one active and one passive side."""

from __future__ import annotations

from interop.model.vocabulary import MatingStyle
from interop.rules.base import Anchor, Domain, Stage, failed, passed, rule
from interop.rules.context import MateCause, MatingMode, RescueContext


@rule(
    "DOCK002",
    title="Androgynous docking has one active and one passive side",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="IDSS: a port may be active-only, passive-only or either; Crew Dragon and Starliner are active-only",
    pass_example="An active-only Dragon port with a passive-only IDA port.",
    fail_example="Crew Dragon (active-only) with Starliner (active-only).",
)
def androgynous_roles(ctx: RescueContext):
    """Androgynous mechanisms are alike on both sides but not symmetric in
    use: one side extends its soft-capture ring and drives the capture, the
    other stays passive. Two active-only or two passive-only ports cannot
    dock even though the hardware is "the same"."""
    for link in ctx.plan.docking_links:
        interface = ctx.interface(link.near)
        if interface is None or interface.style is not MatingStyle.ANDROGYNOUS:
            continue
        near, far = link.near.port.role.value, link.far.port.role.value
        yield passed(
            f"{link.near.label()} is {near}, {link.far.label()} is {far}",
            link.near.anchor("role"),
            [link.far.anchor("role")],
        )
    if ctx.plan.mode is MatingMode.NONE:
        for miss in ctx.plan.near_misses:
            if miss.check.cause is MateCause.ROLES:
                yield failed(
                    f"roles do not complement: {miss.describe()}",
                    "make one of the two ports passive (or 'either'), or dock to another port whose role complements this one",
                    Anchor(ctx.rescuer, ("ports",)),
                )
                return
