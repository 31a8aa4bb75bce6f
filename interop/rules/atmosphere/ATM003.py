"""ATM003: prebreathe when moving to a lower pressure (decompression)."""

from __future__ import annotations

import math

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "ATM003",
    title="Decompression: prebreathe when moving to a lower pressure",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Decompression-sickness tissue ratio (nitrogen partial pressure over new ambient pressure); Apollo-Soyuz prebreathe",
    options={"max_tissue_ratio": 1.4},
    pass_example="From 101 kPa air to a 101 kPa cabin (ratio 0.8).",
    fail_example="(never fails) From 101 kPa air to a 34.5 kPa oxygen cabin (ratio 2.3): CONDITIONAL on a prebreathe.",
)
def decompression(ctx: RescueContext):
    """A crew saturated with nitrogen at one pressure risks decompression
    sickness in a much lower one. The ratio of their nitrogen partial pressure
    to the new cabin pressure above max_tissue_ratio means breathing pure
    oxygen first (a prebreathe) or staging pressure through an airlock. A rescuer
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
    f_d = theirs.o2_fraction if theirs else None
    if p_r is not None and p_d is not None and p_r >= p_d:
        yield passed(
            f"the crew moves to an equal or higher pressure ({p_d:.1f} to {p_r:.1f} kPa)",
            Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa")),
        )
        return
    if p_r is None or p_d is None or f_d is None:
        missing = [
            Anchor(vehicle, ("atmosphere", field))
            for vehicle, field, value in (
                (ctx.rescuer, "pressure_kpa", p_r),
                (cabin, "pressure_kpa", p_d),
                (cabin, "o2_fraction", f_d),
            )
            if value is None
        ]
        if ctx.cabins_alike():
            yield passed(
                f"{ctx.design_note()}: {ctx.rescuer.id}'s cabin holds the crew's own air", Anchor(ctx.rescuer, ())
            )
            return
        yield unknown(
            "decompression risk cannot be judged",
            missing,
            Anchor(cabin, ("atmosphere",)),
            requires=[_needed(ctx, p_r, p_d, f_d, missing)],
        )
        return
    limit = ctx.options["max_tissue_ratio"]
    ratio = p_d * (1.0 - f_d) / p_r if p_r > 0 else math.inf  # a cabin at vacuum: no ratio holds
    anchor = Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa"))
    if ratio <= limit:
        yield passed(f"tissue ratio {ratio:.2f} is within {limit:.2f}", anchor)
    else:
        yield conditional(
            f"tissue ratio {ratio:.2f} exceeds {limit:.2f}",
            [
                f"the distressed crew prebreathes oxygen (or is staged through an airlock) before entering {ctx.rescuer.id}"
            ],
            anchor,
        )


_PREBREATHE = "a prebreathe (or staging through an airlock) before the crew enters"


def _needed(ctx: RescueContext, p_r, p_d, f_d, missing: list[Anchor]):
    """No prebreathe when the crew's nitrogen over the rescuer's pressure stays within max_tissue_ratio
    (or the rescuer's pressure is as high as theirs); the prebreathe is the alternative."""
    limit = ctx.options["max_tissue_ratio"]
    alternatives = [_PREBREATHE]
    if len(missing) == 1 and p_d is not None and f_d is not None:  # the rescuer's pressure
        floor = min(p_d, p_d * (1.0 - f_d) / limit)
        return condition(missing, ">=", math.ceil(floor * 10) / 10, "kPa", alternatives=alternatives)
    if len(missing) == 1 and p_r is not None and f_d is not None:  # the crew cabin's pressure
        if f_d >= 1.0:
            return condition(
                missing, ">=", 0.0, "kPa", clause=f"any {missing[0].describe()}: pure oxygen holds no nitrogen"
            )
        ceiling = max(p_r, p_r * limit / (1.0 - f_d))
        return condition(missing, "<=", math.floor(ceiling * 10) / 10, "kPa", alternatives=alternatives)
    if len(missing) == 1 and p_r is not None and p_d is not None:  # the crew cabin's oxygen fraction
        return condition(
            missing, ">=", math.ceil(max(0.0, 1.0 - limit * p_r / p_d) * 1000) / 1000, alternatives=alternatives
        )
    cabin = ctx.crew_cabin.id
    return condition(
        missing,
        "expression",
        limit,
        clause=(
            f"{cabin}'s pressure x (1 - its O2 fraction) / {ctx.rescuer.id}'s pressure <= {limit:g}, "
            f"or {ctx.rescuer.id}'s pressure at least {cabin}'s"
        ),
        alternatives=alternatives,
    )
