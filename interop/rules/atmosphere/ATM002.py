"""ATM002: oxygen fraction stays within the rescuer's fire limit."""

from __future__ import annotations

from interop.rules.base import (
    Anchor,
    Domain,
    Piecewise,
    Stage,
    conditional,
    failed,
    first_missing,
    passed,
    rule,
    unknown,
)
from interop.rules.context import MatingMode, RescueContext

SIMILAR = 0.05
"""Fractions this close count as alike when the rescuer's fire limit is not published."""


def _similar_edges(ctx: RescueContext):
    """Where "similar fractions" turns: each cabin's fraction SIMILAR either side of the other's."""
    cabin = ctx.crew_cabin
    sides = ((ctx.rescuer, ctx.rescuer.atmosphere), (cabin, cabin.atmosphere))
    for (vehicle, air), (_other, other_air) in (sides, sides[::-1]):
        if air is not None and other_air is not None and other_air.o2_fraction is not None:
            at = Anchor(vehicle, ("atmosphere", "o2_fraction"))
            yield at, other_air.o2_fraction - SIMILAR
            yield at, other_air.o2_fraction + SIMILAR


@rule(
    "ATM002",
    title="Oxygen fraction stays within the rescuer's fire limit",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Apollo-Soyuz 1975: Apollo pure oxygen, Soyuz air",
    pass_example="Air (21 % O2) into a cabin rated for up to 30 %.",
    fail_example="Pure oxygen into an air cabin, no airlock between them.",
    monotone=Piecewise(_similar_edges),
)
def oxygen_fraction(ctx: RescueContext):
    """Opening hatches mixes the two cabins' gas. Oxygen-rich gas flowing
    into a cabin designed for air raises its fire risk beyond what its
    materials were qualified for; an airlock keeps the gases apart. A rescuer
    already docked in the crew's stack shares the station's air; the crew's
    cabin is the station module they leave from when they are aboard one."""
    if ctx.plan.mode is MatingMode.STACK:
        yield passed(
            f"{ctx.stack_note()}: its cabin shares the station's air since its hatches opened", ctx.stack_anchor()
        )
        return
    cabin = ctx.crew_cabin
    ours, theirs = ctx.rescuer.atmosphere, cabin.atmosphere
    f_r = ours.o2_fraction if ours else None
    f_d = theirs.o2_fraction if theirs else None
    if f_r is None or f_d is None:
        missing = [Anchor(v, ("atmosphere", "o2_fraction")) for v, f in ((ctx.rescuer, f_r), (cabin, f_d)) if f is None]
        anchor = first_missing(
            [(f is None, Anchor(v, ("atmosphere",))) for v, f in ((ctx.rescuer, f_r), (cabin, f_d))],
            Anchor(ctx.rescuer, ()),
        )
        if ctx.cabins_alike():
            yield passed(
                f"{ctx.design_note()}: {ctx.rescuer.id}'s cabin holds the crew's own air", Anchor(ctx.rescuer, ())
            )
            return
        yield unknown("cabin oxygen fraction not known", missing, anchor)
        return
    assert ours is not None, "the rescuer's oxygen fraction is known"
    anchor = Anchor(cabin, ("atmosphere", "o2_fraction"))
    limit = ours.max_o2_fraction
    if limit is None:
        if abs(f_r - f_d) <= SIMILAR:
            yield passed(f"similar oxygen fractions ({f_r:.0%} and {f_d:.0%})", anchor)
        else:
            yield unknown(
                f"oxygen fractions differ ({f_r:.0%} vs {f_d:.0%}); the rescuer's limit is not known",
                [Anchor(ctx.rescuer, ("atmosphere", "max_o2_fraction"))],
                anchor,
            )
        return
    if f_d <= limit:
        yield passed(
            f"{f_d:.0%} O2 is within {ctx.rescuer.id}'s {limit:.0%} limit",
            anchor,
            [Anchor(ctx.rescuer, ("atmosphere", "max_o2_fraction"))],
        )
        return
    airlocks = ctx.airlocks()
    if airlocks:
        yield conditional(
            f"{f_d:.0%} O2 exceeds {ctx.rescuer.id}'s {limit:.0%} limit; gases kept apart by {airlocks[0].id}'s airlock",
            [f"crew transfers through {airlocks[0].id}'s airlock and the gases are not mixed"],
            anchor,
        )
    else:
        yield failed(
            f"{f_d:.0%} O2 from {cabin.id} exceeds {ctx.rescuer.id}'s {limit:.0%} fire limit and no airlock separates them",
            "put an airlock on the path, or lower the distressed cabin's oxygen fraction before opening hatches",
            anchor,
        )
