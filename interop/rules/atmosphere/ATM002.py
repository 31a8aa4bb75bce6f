"""ATM002: oxygen fraction stays within the rescuer's fire limit."""

from __future__ import annotations

from interop.rules.base import (
    Anchor,
    Domain,
    Piecewise,
    Stage,
    condition,
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


_AIRLOCK = "an airlock on the path keeps the gases apart"


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
    limit = ours.max_o2_fraction if ours else None
    if f_d is not None and limit is not None:
        f_r = f_r if f_r is not None else f_d  # with its limit known, the rescuer's own fraction decides nothing
    if f_r is None or f_d is None:
        missing = [Anchor(v, ("atmosphere", "o2_fraction")) for v, f in ((ctx.rescuer, f_r), (cabin, f_d)) if f is None]
        if limit is not None:  # the crew cabin's fraction alone decides against a known limit
            missing = [Anchor(cabin, ("atmosphere", "o2_fraction"))]
        anchor = first_missing(
            [(f is None, Anchor(v, ("atmosphere",))) for v, f in ((ctx.rescuer, f_r), (cabin, f_d))],
            Anchor(ctx.rescuer, ()),
        )
        if ctx.cabins_alike():
            yield passed(
                f"{ctx.design_note()}: {ctx.rescuer.id}'s cabin holds the crew's own air", Anchor(ctx.rescuer, ())
            )
            return
        yield unknown("cabin oxygen fraction not known", missing, anchor, requires=[_needed(ctx, f_r, limit)])
        return
    assert ours is not None, "the rescuer's oxygen fraction is known"
    anchor = Anchor(cabin, ("atmosphere", "o2_fraction"))
    if limit is None:
        if abs(f_r - f_d) <= SIMILAR:
            yield passed(f"similar oxygen fractions ({f_r:.0%} and {f_d:.0%})", anchor)
        else:
            field = Anchor(ctx.rescuer, ("atmosphere", "max_o2_fraction"))
            yield unknown(
                f"oxygen fractions differ ({f_r:.0%} vs {f_d:.0%}); the rescuer's limit is not known",
                [field],
                anchor,
                requires=[condition([field], ">=", f_d, alternatives=[_AIRLOCK])],
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


def _needed(ctx: RescueContext, f_r: float | None, limit: float | None):
    """The crew cabin's fraction within the rescuer's limit; without a limit, the two fractions alike."""
    cabin = ctx.crew_cabin
    theirs = Anchor(cabin, ("atmosphere", "o2_fraction"))
    ours = Anchor(ctx.rescuer, ("atmosphere", "o2_fraction"))
    if limit is not None:
        return condition(
            [theirs],
            "<=",
            limit,
            clause=f"{theirs.describe()} <= {limit:g} ({ctx.rescuer.id}'s fire limit)",
            alternatives=[_AIRLOCK],
        )
    higher = f"{ctx.rescuer.id}.atmosphere.max_o2_fraction published at or above {cabin.id}'s fraction"
    if f_r is None and (cabin.atmosphere is None or cabin.atmosphere.o2_fraction is None):
        return condition([ours, theirs], "within", SIMILAR, alternatives=[higher])
    if f_r is None:
        known = cabin.atmosphere.o2_fraction if cabin.atmosphere else None
        assert known is not None, "the cabin's fraction is known"
        return condition(
            [ours],
            "between",
            (known - SIMILAR, known + SIMILAR),
            clause=f"{ours.describe()} within {SIMILAR:g} of {cabin.id}'s {known:g}",
            alternatives=[higher],
        )
    return condition(
        [theirs],
        "between",
        (f_r - SIMILAR, f_r + SIMILAR),
        clause=f"{theirs.describe()} within {SIMILAR:g} of {ctx.rescuer.id}'s {f_r:g}",
        alternatives=[higher],
    )
