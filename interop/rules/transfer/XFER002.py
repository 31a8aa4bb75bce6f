"""XFER002: crossing outside by spacewalk, in suits made for it."""

from __future__ import annotations

from interop.model.documents import Vehicle
from interop.rules.base import Anchor, Domain, Outcome, Stage, condition, conditional, failed, rule, unknown
from interop.rules.context import Link, MatingMode, RescueContext


@rule(
    "XFER002",
    title="Crossing by spacewalk",
    domain=Domain.TRANSFER,
    stage=Stage.TRANSFER,
    reference="Soyuz 4 and 5 (1969): two cosmonauts crossed outside in Yastreb suits, the docking probe having no tunnel",
    pass_example="(never passes) Both sides let a suited crew out and there are EVA suits for all: CONDITIONAL.",
    fail_example="A closed passage, and the crew's cabin carries no spacewalk suits (Sokol is a launch and entry suit).",
)
def spacewalk_crossing(ctx: RescueContext):
    """Where there is no internal passage (the two vehicles never dock: the
    rescuer holds station or grapples the other; or a joint on the docking
    path has no tunnel), the crew crosses outside. Each side must let a
    suited crew out or in (an airlock, or ``suited_egress``), and everyone
    crossing needs a spacesuit made for spacewalks (``crew_equipment.eva_suits``
    and ``eva_suit_count`` on the crew's side: Orlan, EMU); launch and entry
    suits such as Sokol or the Dragon suit are not. Slow and risky: a
    degraded CONDITIONAL, never a pass."""
    plan = ctx.plan
    if plan.mode is MatingMode.EVA:
        crew_side = _crew_side(ctx)
        suits = _suits(ctx, crew_side)
        if suits.verdict.value != "conditional":
            yield suits
            return
        yield conditional(
            f"no docking: {ctx.rescuer.id} holds station (or grapples {ctx.distressed.id}) and the crew crosses "
            f"by spacewalk; {suits.message}",
            ["both vehicles hold station close enough for a tethered transfer", *suits.conditions],
            Anchor(ctx.rescuer, (ctx.rescuer.egress_flag()[1],)),
        )
        return
    if plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK):
        for link, anchor in ctx.closed_passages():
            yield _outside_at(ctx, link, anchor)


def _crew_side(ctx: RescueContext) -> list[Vehicle]:
    """The vehicles the crew crosses out of: their cabin, their vehicle, the station they are aboard,
    and the modules of that station that keep spacewalk suits (Poisk's Orlans, Quest's EMUs)."""
    seen: dict[str, Vehicle] = {}
    kept = [v for v in ctx.plan.crew_stack if v.crew_equipment is not None and v.crew_equipment.eva_suits]
    for vehicle in (ctx.crew_cabin, ctx.distressed, ctx.docked_to, *kept):
        if vehicle is not None:
            seen.setdefault(vehicle.id, vehicle)
    return list(seen.values())


def _suits(ctx: RescueContext, side: list[Vehicle]) -> Outcome:
    """Spacewalk suits on the crew's side for everyone crossing."""
    counted, total, types, unknown_where = [], 0, [], []
    for vehicle in side:
        equipment = vehicle.crew_equipment
        kinds = equipment.eva_suits if equipment else None
        count = equipment.eva_suit_count if equipment else None
        if kinds == [] and count is None:
            count = 0  # it carries none
        if count is None:
            unknown_where.append(vehicle)
            continue
        counted.append(vehicle)
        total += count
        types.extend(kinds or [])
    named = ", ".join(dict.fromkeys(types)) or "spacewalk"
    worn = ", ".join(ctx.distressed.crew_equipment.suits or []) if ctx.distressed.crew_equipment else ""
    if total >= ctx.crew:
        where = ", ".join(v.id for v in counted if v.crew_equipment and v.crew_equipment.eva_suit_count)
        return conditional(
            f"{total} {named} suits aboard {where} for {ctx.crew} crossing",
            [f"the {named} suits fit each crew member crossing, who is trained to use them"],
            Anchor(counted[0], ("crew_equipment", "eva_suit_count")),
        )
    if unknown_where:
        first = unknown_where[0]
        counts = [Anchor(v, ("crew_equipment", "eva_suit_count")) for v in unknown_where]
        return unknown(
            f"whether there are spacewalk suits for the {ctx.crew} crossing is not known",
            counts,
            Anchor(first, ("crew_equipment",)) if first.crew_equipment else Anchor(first, ()),
            requires=[condition(counts, ">=", ctx.crew - total, "suits")],
        )
    launch = f"; their {worn} suits are for launch and entry, not spacewalks" if worn else ""
    return failed(
        f"{total} spacewalk suits on the crew's side for {ctx.crew} crossing{launch}",
        f"carry {ctx.crew - total} more spacewalk suits (Orlan, EMU) sized for the crew, or give the path an internal passage",
        Anchor(side[0], ("crew_equipment",)) if side[0].crew_equipment else Anchor(side[0], ()),
    )


def _outside_at(ctx: RescueContext, link: Link, anchor: Anchor) -> Outcome:
    """Crossing outside at a joint with no passage: each side lets a suited crew out, in spacewalk suits."""
    joint = f"{link.near.label()} and {link.far.label()}"
    sides = ctx.outside_sides(link)
    missing: list[Anchor] = []
    for side in sides:
        if any(v.lets_suited_crew_out() for v in side):
            continue
        unset = [
            Anchor(v, (name,))
            for v in side
            for name, value in (("airlock", v.airlock), v.egress_flag()[::-1])
            if value is None
        ]
        if not unset:
            names = ", ".join(v.id for v in side)
            return failed(
                f"no internal passage between {joint}, and {names} cannot let a suited crew out",
                f"give the path an internal passage (a hatch through the mechanism), or an airlock or depressurisable cabin on each side of {joint}",
                anchor,
            )
        missing += unset
    if missing:
        return unknown(
            f"no internal passage between {joint}; whether the crew can cross outside is not known",
            missing,
            anchor,
            requires=[
                condition(
                    missing,
                    "is",
                    True,
                    clause="an airlock or suited egress on each side of the joint (a spacewalk, never better than conditional)",
                )
            ],
        )
    suits = _suits(ctx, sides[1])
    if suits.verdict.value != "conditional":
        return suits
    near, far = (next(v.id for v in side if v.lets_suited_crew_out()) for side in sides)
    return conditional(
        f"no internal passage between {joint}: the crew crosses outside by spacewalk; {suits.message}",
        [*suits.conditions, f"the crew leaves through {far} and enters through {near}"],
        anchor,
        [link.near.anchor("interface")],
    )
