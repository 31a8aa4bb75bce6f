"""Return: can the rescuer bring the crew to Earth or to a safe haven?"""

from __future__ import annotations

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.carry import _return_days
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
    system keeps at the place, from which they can be brought home."""
    anchor = Anchor(ctx.rescuer, ("earth_return",))
    if ctx.rescuer.earth_return:
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
            [f"{ctx.rescuer.id}.earth_return"],
            Anchor(ctx.rescuer, ()),
        )
    else:
        yield failed(
            f"{ctx.rescuer.id} cannot return to Earth and its system keeps no station at {ctx.place.value}",
            f"pair {ctx.rescuer.id} with a station or an Earth-return vehicle at {ctx.place.value}",
            anchor,
        )


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
    days, days_anchor, days_missing = _return_days(ctx)
    support = ctx.rescuer.life_support
    endurance = support.endurance_days if support else None
    missing = [
        m for m, v in ((days_missing, days), (f"{ctx.rescuer.id}.life_support.endurance_days", endurance)) if v is None
    ]
    if missing:
        yield unknown(
            "endurance for the trip home cannot be judged",
            missing,
            Anchor(ctx.rescuer, ("life_support",)) if support else Anchor(ctx.rescuer, ()),
        )
        return
    anchor = Anchor(ctx.rescuer, ("life_support", "endurance_days"))
    if endurance >= days:
        yield passed(f"{endurance:g} days of endurance; {days:g} days home", anchor)
    else:
        yield failed(
            f"{endurance:g} days of endurance; {days:g} days home",
            f"a rescuer with at least {days:g} days of endurance",
            anchor,
        )


@rule(
    "PWR001",
    title="Power buses match where power crosses the interface",
    domain=Domain.POWER,
    stage=Stage.TRANSFER,
    severity=Severity.INFO,
    reference="International Deep Space Interoperability Standards, power (Rev A 2022)",
    options={"tolerance": 0.1},
    pass_example="Both sides share power at 120 V dc.",
    fail_example="(never fails) 28 V against 120 V: CONDITIONAL on a converter.",
)
def power_buses(ctx: RescueContext):
    """Docked vehicles may share power through the interface. That needs
    compatible bus voltages; otherwise a converter is a condition. Advisory:
    a rescue does not depend on it, so it does not change a verdict."""
    for link in ctx.plan.docking_links:
        a, b = link.near.vehicle, link.far.vehicle
        if not (a.power and a.power.shares_power and b.power and b.power.shares_power):
            continue
        va, vb = a.power.bus_voltage_v, b.power.bus_voltage_v
        if va is None or vb is None:
            yield unknown(
                "bus voltages not known",
                [f"{v.id}.power.bus_voltage_v" for v, x in ((a, va), (b, vb)) if x is None],
                Anchor(a, ("power",)),
            )
        elif abs(va - vb) <= ctx.option("PWR001", "tolerance", 0.1) * max(va, vb):
            yield passed(f"{a.id} and {b.id} share power at about {va:g} V", Anchor(a, ("power", "bus_voltage_v")))
        else:
            yield conditional(
                f"{a.id} runs {va:g} V, {b.id} {vb:g} V",
                [f"a {va:g}/{vb:g} V converter between {a.id} and {b.id}"],
                Anchor(a, ("power", "bus_voltage_v")),
            )
