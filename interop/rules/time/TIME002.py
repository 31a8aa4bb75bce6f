"""TIME002: the carrier's endurance lasts for everyone aboard until they get off."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext, describe_figures, figure_anchors, figure_names, onward_condition


@rule(
    "TIME002",
    title="Endurance for everyone aboard until home",
    domain=Domain.TIME,
    stage=Stage.RETURN,
    reference="docs/time.md: the carrier's endurance for its own crew and the rescued, from its launch",
    pass_example="Launched on day 0 with 21 days for 4 aboard; home on day 12.",
    fail_example="Launched on day 0 with 4 days for 6 aboard; home on day 6.",
)
def endurance_until_home(ctx: RescueContext):
    """The vehicle that takes the crew aboard must keep everyone alive, its
    own crew and the rescued, until they get off: at home, or at the next
    vehicle of a path. Its endurance counts from its launch (from the
    boarding for a vehicle already at the place); with more people aboard
    than it usually flies with, the endurance is its crew-days shared among
    them, or its endurance scaled down when only that is published. The
    margin, less the configured reserve, must not be negative."""
    leg = ctx.timeline
    if leg is None or leg.onward is None:
        return
    margin = leg.onward_margin()
    if margin is None:
        lacking = leg.unknown_onward() or [leg.readiness, leg.transit]
        lacking = [f for f in lacking if not f.known] or lacking
        if not any(not f.known for f in lacking):
            return  # the arrival itself is not timed: TIME001 names what is missing
        anchors = figure_anchors(lacking)
        yield unknown(
            f"{ctx.rescuer.id}: the trip to {leg.to_place} cannot be timed against its endurance: "
            f"{describe_figures(lacking)}",
            anchors,
            anchors[0] if anchors else ctx.responder_anchor() or Anchor(ctx.rescuer, ()),
            described=figure_names(lacking),
            requires=[c for c in (onward_condition(leg, lacking),) if c is not None],
        )
        return
    end, out = leg.end, leg.carrier_runs_out()
    assert end is not None and out is not None, "a margin is worked out from both"
    reserve = f", reserve {leg.reserve:g}" if leg.reserve else ""
    said = (
        f"{'home' if leg.to_place == 'earth' else 'at ' + leg.to_place} on day {end.describe()}; {ctx.rescuer.id}'s supplies for everyone aboard "
        f"last until day {out.describe()}{reserve}"
    )
    assert leg.endurance is not None, "an onward margin needs the carrier's endurance"
    anchor = leg.endurance.anchor
    evidence = [leg.onward.anchor] if leg.onward.anchor is not None else []
    if margin.low >= 0:
        yield passed(f"{said}: {round(margin.low, 2):g} days to spare", anchor, evidence)
    elif margin.high >= 0:
        yield conditional(
            f"{said}: between {round(-margin.low, 2):g} days short and {round(margin.high, 2):g} days to spare",
            [f"{ctx.rescuer.id}'s endurance and trip fall at the favourable end of their ranges"],
            anchor,
            evidence,
        )
    else:
        yield failed(
            f"{said}: {round(-margin.low, 2):g} days short",
            f"{round(-margin.low, 2):g} days more endurance for everyone aboard {ctx.rescuer.id}, fewer people aboard, "
            f"or a shorter trip",
            anchor,
            evidence,
        )
