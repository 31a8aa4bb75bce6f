"""ATM001: cabin pressures can be equalised."""

from __future__ import annotations

from interop.rules.base import (
    Anchor,
    Domain,
    Piecewise,
    Stage,
    condition,
    conditional,
    failed,
    figure,
    first_missing,
    passed,
    rule,
    unknown,
)
from interop.rules.context import MatingMode, RescueContext


def _window_edges(ctx: RescueContext):
    """Where the verdict can turn in either cabin's pressure: the edges of the windows it must fall in.

    The pressures pass within the tolerance of each other, or within the
    other cabin's adjustable range widened by it; between these edges the
    verdict cannot change.
    """
    if ctx.plan.mode is MatingMode.STACK:
        return
    cabin = ctx.crew_cabin
    sides = ((ctx.rescuer, ctx.rescuer.atmosphere), (cabin, cabin.atmosphere))
    tolerance = ctx.options["max_difference_kpa"]
    for (vehicle, air), (_other, other_air) in (sides, sides[::-1]):
        if air is None or other_air is None or other_air.pressure_kpa is None:
            continue
        at = Anchor(vehicle, ("atmosphere", "pressure_kpa"))
        yield at, other_air.pressure_kpa - tolerance
        yield at, other_air.pressure_kpa + tolerance
        if other_air.adjustable_min_kpa is not None and other_air.adjustable_max_kpa is not None:
            yield at, other_air.adjustable_min_kpa - tolerance
            yield at, other_air.adjustable_max_kpa + tolerance


@rule(
    "ATM001",
    title="Cabin pressures can be equalised",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Apollo-Soyuz 1975: Soyuz lowered its cabin; the docking module served as an airlock",
    options={"max_difference_kpa": 10.0},
    pass_example="101.3 kPa on both sides.",
    fail_example="34.5 kPa against 101.3 kPa, neither cabin adjustable, no airlock on the path.",
    monotone=Piecewise(_window_edges),
)
def pressures_equalise(ctx: RescueContext):
    """Hatches open only between equal pressures. A small difference is
    equalised through the hatch valves; a larger one needs one cabin set to
    the other's pressure (if its range allows), or an airlock between them.
    The tolerated difference is the rule option max_difference_kpa. A rescuer
    already docked in the crew's stack shares the station's air; the crew's
    cabin is the station module they leave from when they are aboard one."""
    if ctx.plan.mode is MatingMode.STACK:
        yield passed(
            f"{ctx.stack_note()}: its cabin shares the station's air since its hatches opened", ctx.stack_anchor()
        )
        return
    cabin = ctx.crew_cabin
    ours, theirs = ctx.rescuer.atmosphere, cabin.atmosphere
    p_r = ours.pressure_kpa if ours else None
    p_d = theirs.pressure_kpa if theirs else None
    if p_r is None or p_d is None:
        missing = [
            Anchor(v, ("atmosphere", "pressure_kpa")) for v, p in ((ctx.rescuer, p_r), (cabin, p_d)) if p is None
        ]
        anchor = first_missing(
            [(p is None, Anchor(v, ("atmosphere",))) for v, p in ((ctx.rescuer, p_r), (cabin, p_d))],
            Anchor(ctx.rescuer, ()),
        )
        if ctx.cabins_alike():
            yield passed(
                f"{ctx.design_note()}: {ctx.rescuer.id}'s cabin holds the crew's own air", Anchor(ctx.rescuer, ())
            )
            return
        yield unknown("cabin pressure not known", missing, anchor, requires=[_needed(ctx, p_r, p_d, missing)])
        return
    assert ours is not None and theirs is not None, "both pressures are known"
    anchor = Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa"))
    evidence = [Anchor(cabin, ("atmosphere", "pressure_kpa"))]
    tolerance = ctx.options["max_difference_kpa"]
    difference = abs(p_r - p_d)
    if difference <= tolerance:
        yield passed(f"cabin pressures {p_r:.1f} and {p_d:.1f} kPa differ by {difference:.1f} kPa", anchor, evidence)
        return
    for vehicle, air, other in ((ctx.rescuer, ours, p_d), (cabin, theirs, p_r)):
        low, high = air.adjustable_min_kpa, air.adjustable_max_kpa
        if low is not None and high is not None and low - tolerance <= other <= high + tolerance:
            yield conditional(
                f"pressures differ by {difference:.1f} kPa; {vehicle.id} can be set to {other:.1f} kPa",
                [f"{vehicle.id} sets its cabin to about {other:.1f} kPa before the hatches open"],
                anchor,
                evidence,
            )
            return
    airlocks = ctx.airlocks()
    if airlocks:
        yield conditional(
            f"pressures differ by {difference:.1f} kPa; transfer through the airlock of {airlocks[0].id}",
            [f"crew transfers through {airlocks[0].id}'s airlock"],
            anchor,
            evidence,
        )
        return
    yield failed(
        f"pressures differ by {difference:.1f} kPa ({p_r:.1f} vs {p_d:.1f}); neither cabin can be set to the other's and there is no airlock",
        f"carry an airlock module on the path (as the 1975 docking module), or make {ctx.rescuer.id}'s cabin adjustable to {p_d:.1f} kPa",
        anchor,
        evidence,
    )


def _needed(ctx: RescueContext, p_r: float | None, p_d: float | None, missing: list[Anchor]):
    """Within the tolerance of the known pressure (or of each other), or a cabin set to the other's, or an airlock."""
    tolerance = ctx.options["max_difference_kpa"]
    alternatives = [
        f"{v.id}'s cabin adjustable to within {figure(tolerance)} kPa of the other's pressure"
        for v in (ctx.rescuer, ctx.crew_cabin)
    ]
    airlocks = ctx.airlocks()
    alternatives.append(f"an airlock on the path ({airlocks[0].id}'s)" if airlocks else "an airlock on the path")
    known = p_r if p_r is not None else p_d
    if known is None:
        return condition(missing, "within", tolerance, "kPa", alternatives=alternatives)
    owner = ctx.rescuer if p_r is not None else ctx.crew_cabin
    return condition(
        missing,
        "between",
        (known - tolerance, known + tolerance),
        "kPa",
        clause=f"{missing[0].describe()} within {figure(tolerance)} kPa of {owner.id}'s {figure(known)} kPa",
        alternatives=alternatives,
    )
