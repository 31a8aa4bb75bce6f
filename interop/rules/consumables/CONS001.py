"""CONS001: consumables for everyone until home."""

from __future__ import annotations

import math

from interop.rules.base import Anchor, Domain, Stage, condition, failed, figure, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "CONS001",
    title="Consumables for everyone until home",
    domain=Domain.CONSUMABLES,
    stage=Stage.CARRY,
    pass_example="40 crew-days aboard; 4 people for 6 days need 24.",
    fail_example="20 crew-days aboard; 6 people for 6 days need 36.",
)
def consumables(ctx: RescueContext):
    """Oxygen, water and food are counted in crew-days. The rescuer's own
    crew plus the rescued, for the whole way home, must fit what it carries.
    When only endurance with the nominal crew is published, crew-days are
    derived from it and the report says so."""
    days, days_anchor = ctx.return_days_home()
    aboard, _how = ctx.crew_aboard()
    support = ctx.rescuer.life_support
    crew_days, derived = (support.crew_days if support else None), ""
    seats = ctx.rescuer.seats
    if crew_days is None and support and support.endurance_days is not None and seats and seats.nominal_crew:
        crew_days = support.endurance_days * seats.nominal_crew
        derived = f" (derived: {figure(support.endurance_days)} days x {seats.nominal_crew} crew)"
    missing: list[Anchor] = []
    if days is None:
        assert days_anchor is not None, "return_days_home anchors a figure nobody published"
        missing.append(days_anchor)
    if aboard is None:
        missing.append(Anchor(ctx.rescuer, ("seats", "min_crew")))
    if crew_days is None:
        missing.append(Anchor(ctx.rescuer, ("life_support", "crew_days")))
    if days is None or aboard is None or crew_days is None:
        yield unknown(
            "consumables for the trip home cannot be counted",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
            requires=[_needed(ctx, days, aboard, crew_days, missing)],
        )
        return
    people = aboard + ctx.crew
    needed = people * days
    anchor = Anchor(ctx.rescuer, ("life_support",))
    evidence = [days_anchor] if days_anchor else []
    if crew_days >= needed:
        yield passed(
            f"{figure(crew_days)} crew-days{derived}; {people} people for {figure(days)} days need {figure(needed)}",
            anchor,
            evidence,
        )
    else:
        yield failed(
            f"{figure(crew_days)} crew-days{derived}; {people} people for {figure(days)} days need {figure(needed)}",
            f"carry {figure(needed - crew_days)} more crew-days of oxygen, water and food, or fewer people",
            anchor,
            evidence,
        )


def _needed(ctx: RescueContext, days, aboard, crew_days, missing: list[Anchor]):
    """crew_days >= (own crew + rescued) x days home, solved for the one value missing, else stated jointly."""
    if len(missing) == 1:
        if crew_days is None:
            return condition(missing, ">=", (aboard + ctx.crew) * days, "crew-days")
        if days is None:
            return condition(missing, "<=", crew_days / (aboard + ctx.crew), "days")
        if days <= 0:
            return condition(missing, ">=", 0, "crew", clause=f"any {missing[0].describe()}: no days home to supply")
        return condition(missing, "<=", max(math.floor(crew_days / days) - ctx.crew, 0), "crew")
    return condition(
        missing,
        "expression",
        None,
        clause=f"{ctx.rescuer.id}'s crew-days >= (its own crew + {ctx.crew}) x the days home",
    )
