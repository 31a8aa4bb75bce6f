"""PWR001: power buses match where power crosses the interface."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, conditional, passed, rule, unknown
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
            yield unknown(
                "bus voltages not known",
                [Anchor(v, ("power", "bus_voltage_v")) for v, x in ((a, va), (b, vb)) if x is None],
                Anchor(a, ("power",)),
            )
        elif abs(va - vb) <= ctx.options["tolerance"] * max(va, vb):
            yield passed(f"{a.id} and {b.id} share power at about {va:g} V", Anchor(a, ("power", "bus_voltage_v")))
        else:
            yield conditional(
                f"{a.id} runs {va:g} V, {b.id} {vb:g} V",
                [f"a {va:g}/{vb:g} V converter between {a.id} and {b.id}"],
                Anchor(a, ("power", "bus_voltage_v")),
            )
