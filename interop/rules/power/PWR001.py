"""PWR001: power buses match where power crosses the interface."""

from __future__ import annotations

import math

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, condition, conditional, figure, passed, rule, unknown
from interop.rules.context import RescueContext


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
            missing = [Anchor(v, ("power", "bus_voltage_v")) for v, x in ((a, va), (b, vb)) if x is None]
            yield unknown(
                "bus voltages not known", missing, Anchor(a, ("power",)), requires=[_needed(ctx, va, vb, missing)]
            )
        elif abs(va - vb) <= ctx.options["tolerance"] * max(va, vb):
            yield passed(
                f"{a.id} and {b.id} share power at about {figure(va)} V", Anchor(a, ("power", "bus_voltage_v"))
            )
        else:
            yield conditional(
                f"{a.id} runs {figure(va)} V, {b.id} {figure(vb)} V",
                [f"a {figure(va)}/{figure(vb)} V converter between {a.id} and {b.id}"],
                Anchor(a, ("power", "bus_voltage_v")),
            )


def _needed(ctx: RescueContext, va, vb, missing: list[Anchor]):
    """Within the tolerance (a fraction of the higher voltage) of the known bus, or a converter."""
    tolerance = ctx.options["tolerance"]
    converter = ["a voltage converter between them"]
    known = va if va is not None else vb
    if known is None or tolerance >= 1:
        return condition(
            missing,
            "expression",
            tolerance,
            clause=f"{' and '.join(a.describe() for a in missing)} within {tolerance:.0%} of each other",
            alternatives=converter,
        )
    low, high = known * (1 - tolerance), known / (1 - tolerance)
    return condition(
        missing,
        "between",
        (math.ceil(low * 100) / 100, math.floor(high * 100) / 100),
        "V",
        clause=f"{missing[0].describe()} within {tolerance:.0%} of {known:g} V",
        alternatives=converter,
    )
