"""CREW003: life support sized for everyone aboard."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "CREW003",
    title="Life support sized for everyone aboard",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    pass_example="Life support for 4; 1 aboard and 3 rescued.",
    fail_example="Life support for 3; 2 aboard and 3 rescued.",
)
def life_support_capacity(ctx: RescueContext):
    """Oxygen supply, carbon-dioxide removal and cooling are sized for a
    number of people; seats alone do not make room for more breathing crew."""
    support = ctx.rescuer.life_support
    aboard, how = ctx.crew_aboard()
    if support is None or support.max_crew is None or aboard is None:
        missing: list[Anchor] = []
        if support is None or support.max_crew is None:
            missing.append(Anchor(ctx.rescuer, ("life_support", "max_crew")))
        if aboard is None:
            missing.append(Anchor(ctx.rescuer, ("seats", "min_crew")))
        if aboard is not None:
            needs = condition(missing, ">=", aboard + ctx.crew, "crew")
        elif support is not None and support.max_crew is not None:
            needs = condition(missing, "<=", max(support.max_crew - ctx.crew, 0), "crew")
        else:
            needs = condition(
                missing,
                "expression",
                ctx.crew,
                clause=f"{missing[0].describe()} - {missing[1].describe()} >= {ctx.crew} (room for the rescued crew)",
            )
        yield unknown(
            "life-support capacity for the added crew is not known",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
            requires=[needs],
        )
        return
    people = aboard + ctx.crew
    anchor = Anchor(ctx.rescuer, ("life_support", "max_crew"))
    seats = ctx.rescuer.seats
    if people <= support.max_crew:
        yield passed(f"life support for {support.max_crew}; {people} aboard", anchor)
    elif how == "its nominal crew" and seats is not None and seats.min_crew is None and ctx.crew <= support.max_crew:
        # Crew before seats, as CREW002: fewer own crew than the nominal one would leave room,
        # but the fewest the vehicle can fly with is not published.
        most = support.max_crew - ctx.crew
        min_crew = Anchor(ctx.rescuer, ("seats", "min_crew"))
        yield unknown(
            f"life support for {support.max_crew}; {people} aboard with its nominal crew of {aboard}: "
            f"it would have to fly with at most {most}, and the fewest it can fly with is not known",
            [min_crew],
            anchor,
            requires=[condition([min_crew], "<=", most, "crew")],
        )
    else:
        yield failed(
            f"life support for {support.max_crew}; {people} would be aboard",
            f"add carbon-dioxide removal and oxygen for {people - support.max_crew} more, or carry fewer own crew",
            anchor,
        )
