"""RET001: brings the crew to Earth or a safe haven."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "RET001",
    title="Brings the crew to Earth or a safe haven",
    domain=Domain.RETURN,
    stage=Stage.RETURN,
    pass_example="A capsule with a heat shield.",
    fail_example="A lander with no Earth return and no station at the place.",
)
def earth_or_haven(ctx: RescueContext):
    """A rescue ends with the crew on Earth or somewhere safe to wait. A
    vehicle that cannot re-enter can still carry the crew to a station its
    system keeps at the place, from which they can be brought home. On a
    leg of a path that is not the last, the carrier must operate where it
    hands the crew on."""
    anchor = Anchor(ctx.rescuer, ("earth_return",))
    onward = ctx.onward_place
    if onward is not None:
        regimes = ctx.rescuer.regimes or []
        if onward is ctx.place and onward in regimes:
            yield passed(
                f"{ctx.rescuer.id} keeps the crew aboard at {onward.value} until the next leg's carrier takes it",
                Anchor(ctx.rescuer, ("regimes",)),
            )
        elif onward in regimes:
            yield passed(
                f"{ctx.rescuer.id} takes the crew on to {onward.value}, where the next leg of the path starts",
                Anchor(ctx.rescuer, ("regimes",)),
            )
        else:
            yield failed(
                f"{ctx.rescuer.id} does not operate in {onward.value}, where the next leg starts",
                f"a carrier that operates in both {ctx.place.value} and {onward.value}",
                Anchor(ctx.rescuer, ("regimes",)),
            )
    elif ctx.rescuer.earth_return:
        yield passed(f"{ctx.rescuer.id} returns to Earth", anchor)
    elif ctx.safe_havens:
        haven = ctx.safe_havens[0]
        yield conditional(
            f"{ctx.rescuer.id} cannot re-enter; it can take the crew to {haven.id}",
            [f"{ctx.rescuer.id} docks at {haven.id} and the crew is later brought home from there"],
            anchor,
            [Anchor(haven, ())],
        )
    elif ctx.rescuer.earth_return is None:
        yield unknown(
            f"whether {ctx.rescuer.id} can return to Earth is not known",
            [anchor],
            Anchor(ctx.rescuer, ()),
            requires=[
                condition(
                    [anchor], "is", True, alternatives=[f"a station of its system at {ctx.place.value} to wait in"]
                )
            ],
        )
    else:
        yield failed(
            f"{ctx.rescuer.id} cannot return to Earth and its system keeps no station at {ctx.place.value}",
            f"pair {ctx.rescuer.id} with a station or an Earth-return vehicle at {ctx.place.value}",
            anchor,
        )
