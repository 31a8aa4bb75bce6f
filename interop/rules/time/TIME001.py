"""TIME001: the rescuer arrives before the crew's supplies run out."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext, arrival_condition, describe_figures, figure_anchors, figure_names


@rule(
    "TIME001",
    title="Arrives before the crew's supplies run out",
    domain=Domain.TIME,
    stage=Stage.RETURN,
    reference="docs/time.md: readiness + transit (+ earlier legs) against the supplies of the crew where it waits",
    pass_example="Ready in 72 days, 2 days to the station; the crew's supplies last 126 days: 52 days to spare.",
    fail_example="Ready in 30 days, 5 days to NRHO; the crew's vehicle keeps it alive 21 days: 14 days short.",
)
def arrives_before_supplies_run_out(ctx: RescueContext):
    """A rescue that arrives after the crew's oxygen, water or power are gone
    is no rescue. The arrival is the rescuer's readiness (days from the call
    until it can launch or leave where it is kept; none for a vehicle already
    at the place) plus its trip there, and, for a later leg of a path, not
    before the crew gets there; the crew's supplies are those of the vehicle
    or station it waits in, for the people aboard. The margin, less the
    configured reserve (``time_reserve_days``), must not be negative. A
    missing figure leaves the rule UNKNOWN, naming it, except the crew's
    supplies for a rescuer with the crew at the call (day 0) and no
    reserve: the crew is alive then, whatever they are. It is judged with the
    return, once the whole path is known: an unpublished time does not hide
    how far through the stages a rescuer gets."""
    leg = ctx.timeline
    if leg is None:
        return
    margin = leg.arrival_margin()
    boarding = leg.boarding
    if margin is None and boarding is not None and boarding.high <= 0 and leg.reserve <= 0:
        # With the crew at the call: the crew is alive then, so no figure of its supplies can make this late.
        # The margin itself stays unknown (the row says so); a reserve would need the supplies.
        yield passed(
            f"{ctx.rescuer.id} reaches the crew on day 0, at the call: nothing waits on the crew's supplies",
            ctx.responder_anchor() or Anchor(ctx.rescuer, ()),
            [f.anchor for f in (leg.readiness, leg.transit) if f.anchor is not None],
        )
        return
    if margin is None:
        lacking = leg.unknown_arrival()
        anchors = figure_anchors(lacking)
        yield unknown(
            f"{ctx.rescuer.id}: arrival against the crew's supplies cannot be timed: {describe_figures(lacking)}",
            anchors,
            ctx.responder_anchor() or (anchors[0] if anchors else Anchor(ctx.rescuer, ())),
            described=figure_names(lacking),
            requires=[c for c in (arrival_condition(leg),) if c is not None],
        )
        return
    boarding, supplies = leg.boarding, leg.supplies.days
    assert boarding is not None and supplies is not None, "a margin is worked out from both"
    reserve = f", reserve {leg.reserve:g}" if leg.reserve else ""
    said = (
        f"{ctx.rescuer.id} reaches the crew on day {boarding.describe()}; "
        f"supplies last until day {supplies.describe()}{reserve}"
    )
    anchor = leg.supplies.anchor
    evidence = [f.anchor for f in (leg.readiness, leg.transit) if f.anchor is not None]
    if margin.low >= 0:
        yield passed(f"{said}: {round(margin.low, 2):g} days to spare", anchor, evidence)
    elif margin.high >= 0:
        yield conditional(
            f"{said}: between {round(-margin.low, 2):g} days short and {round(margin.high, 2):g} days to spare",
            [f"{ctx.rescuer.id}'s times and the crew's supplies fall at the favourable end of their ranges"],
            anchor,
            evidence,
        )
    else:
        yield failed(
            f"{said}: {round(-margin.low, 2):g} days short",
            f"a rescuer ready or stationed {round(-margin.low, 2):g} days nearer in time, or {round(-margin.low, 2):g} days "
            f"more supplies where the crew waits",
            anchor,
            evidence,
        )
