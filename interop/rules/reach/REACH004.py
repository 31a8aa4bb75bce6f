"""REACH004: arrives before life support runs out."""

from __future__ import annotations

from interop.rules.base import Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "REACH004",
    title="Arrives before life support runs out",
    domain=Domain.REACH,
    stage=Stage.REACH,
    reference="DESIGN: reach before the distressed crew runs out of time, when both are known",
    pass_example="Transit 60 h; 120 h of life support left.",
    fail_example="Transit 96 h; 48 h of life support left.",
)
def arrives_in_time(ctx: RescueContext):
    """A rescue that arrives after the distressed crew's life support is
    exhausted is no rescue. Applies when the scenario states the hours left;
    the responder's transit time must then be known and shorter, unless it is
    already docked in the crew's station stack. TIME001 times every rescue
    from the specs' readiness and transit figures; this rule holds a
    scenario's stated hours to each other."""
    left = ctx.life_support_hours
    if left is None:
        return
    anchor = ctx.scenario_anchor("distressed", "life_support_hours")
    transit = ctx.transit_hours
    if transit is None and ctx.plan.mode is MatingMode.STACK:
        yield passed(f"{ctx.stack_note()}: no transit, {left:.0f} h of life support to spare", anchor)
    elif transit is None:
        not_stated = ctx.responder_anchor("transit_hours")
        yield unknown(
            f"{left:.0f} h of life support left; {ctx.rescuer.id}'s transit time is not stated",
            [not_stated] if not_stated else [],
            ctx.responder_anchor() or anchor,
            requires=[condition([not_stated], "<=", left, "h")] if not_stated else [],
        )
    elif transit <= left:
        yield passed(f"arrives in {transit:.0f} h with {left - transit:.0f} h of life support to spare", anchor)
    else:
        yield failed(
            f"arrives in {transit:.0f} h but life support lasts {left:.0f} h",
            f"a responder that arrives within {left:.0f} h (prepositioned or on standby), or {transit - left:.0f} h more life support for the distressed crew",
            ctx.responder_anchor("transit_hours") or anchor,
            [anchor] if anchor else [],
        )
