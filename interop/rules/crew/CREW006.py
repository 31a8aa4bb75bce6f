"""CREW006: someone aboard can fly the rescuer home."""

from __future__ import annotations

from interop.model.finding import Verdict
from interop.model.vocabulary import AgreementTerm
from interop.rules.base import Anchor, Domain, Stage, condition, conditional, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


@rule(
    "CREW006",
    title="Someone aboard can fly the rescuer home",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    pass_example="The rescuer flies up with a pilot.",
    fail_example="(never fails) Launched uncrewed: CONDITIONAL on the rescued crew being trained to fly it.",
)
def pilot_aboard(ctx: RescueContext):
    """A rescuer launched uncrewed to make room (as Soyuz MS-23 was in 2023)
    must be flown home by the crew it collects, who must be trained on it:
    a crew is trained on a vehicle of its own vehicle's design (inferred),
    and a scenario can say so (crew_trained). Between the systems of two
    nations with a crew agreement that covers crew training and names the
    rescuer, the condition (or an UNKNOWN) names the agreement's training,
    unless the scenario states crew_trained."""
    # Its only CONDITIONAL is the one on training, which the agreement's training answers.
    yield from ctx.under_agreement(
        _pilot(ctx),
        AgreementTerm.CREW_TRAINING,
        stated=ctx.mission("crew_trained") is not None,
        verdicts=(Verdict.CONDITIONAL, Verdict.UNKNOWN),
    )


def _pilot(ctx: RescueContext):
    aboard, how = ctx.crew_aboard()
    anchor = ctx.responder_anchor("crew_aboard") or Anchor(ctx.rescuer, ("seats",))
    stated = ctx.mission("crew_trained")
    trained = stated if stated is not None else bool(ctx.same_design)
    basis = "as the scenario states" if stated is not None else ctx.design_note()
    # A lifeboat already docked in the crew's stack flew up long ago: say what is so now.
    docked = ctx.plan.mode is MatingMode.STACK
    uncrewed = (
        f"{ctx.rescuer.id} is docked with none of its own crew aboard"
        if docked
        else f"{ctx.rescuer.id} flies up uncrewed"
    )
    if aboard is None:
        field = Anchor(ctx.rescuer, ("seats", "min_crew"))
        yield unknown(
            f"whether {ctx.rescuer.id}, docked in the crew's stack, has its own crew aboard is not known"
            if docked
            else f"whether {ctx.rescuer.id} flies up crewed is not known",
            [field],
            anchor,
            requires=[
                condition([field], ">=", 1, "crew", alternatives=[f"the rescued crew trained to fly {ctx.rescuer.id}"])
            ],
        )
    elif aboard >= 1:
        yield passed(f"{aboard} of {ctx.rescuer.id}'s own crew aboard ({how})", anchor)
    elif trained:
        yield passed(
            f"{uncrewed}; the rescued crew is trained to fly it ({basis})",
            ctx.responder_anchor("crew_trained") if stated is not None else anchor,
        )
    else:
        yield conditional(
            uncrewed,
            [f"the rescued crew is trained to fly {ctx.rescuer.id}, or it returns autonomously"],
            anchor,
        )
