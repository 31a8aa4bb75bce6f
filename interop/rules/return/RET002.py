"""RET002: endurance covers the trip home."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, figure, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "RET002",
    title="Endurance covers the trip home",
    domain=Domain.RETURN,
    stage=Stage.RETURN,
    pass_example="21 days of free-flight endurance; 6 days home.",
    fail_example="3 days of endurance; 6 days home.",
)
def endurance_home(ctx: RescueContext):
    """Beyond consumables, a vehicle's free-flight endurance (power,
    propellant for attitude control, thermal limits) bounds how long it can
    fly home with its passengers."""
    if not ctx.rescuer.earth_return:
        return
    days, days_anchor = ctx.return_days_home()
    support = ctx.rescuer.life_support
    endurance = support.endurance_days if support else None
    missing: list[Anchor] = []
    if days is None:
        assert days_anchor is not None, "return_days_home anchors a figure nobody published"
        missing.append(days_anchor)
    if endurance is None:
        missing.append(Anchor(ctx.rescuer, ("life_support", "endurance_days")))
    if days is None or endurance is None:
        if endurance is None and days is not None:
            needs = condition(missing, ">=", days, "days")
        elif days is None and endurance is not None:
            needs = condition(missing, "<=", endurance, "days")
        else:
            needs = condition(missing, "expression", None, clause=f"{missing[1].describe()} >= {missing[0].describe()}")
        yield unknown(
            "endurance for the trip home cannot be judged",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
            requires=[needs],
        )
        return
    anchor = Anchor(ctx.rescuer, ("life_support", "endurance_days"))
    if endurance >= days:
        yield passed(f"{figure(endurance)} days of endurance; {figure(days)} days home", anchor)
    else:
        yield failed(
            f"{figure(endurance)} days of endurance; {figure(days)} days home",
            f"a rescuer with at least {figure(days)} days of endurance",
            anchor,
        )
