"""Transfer: can the crew pass through, and breathe on the other side?"""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, conditional, failed, first_missing, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext

APOLLO_TUNNEL_MM = 760.0


def _on_path(ctx: RescueContext) -> bool:
    return ctx.plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS)


@rule(
    "XFER001",
    title="The narrowest passage lets a crew member through",
    domain=Domain.TRANSFER,
    stage=Stage.TRANSFER,
    reference="Apollo CSM-LM tunnel, about 30 in (760 mm); IDSS passage 800 mm",
    options={"min_passage_mm": APOLLO_TUNNEL_MM},
    pass_example="IDSS (800 mm) all the way.",
    fail_example="A 450 mm passage (the SpaDeX demonstration docking system) on the path.",
)
def narrowest_passage(ctx: RescueContext):
    """Every docking mechanism and hatch on the path, adapters included,
    bounds the passage; the narrowest one decides whether a crew member in
    a flight suit can pass. The default minimum, 760 mm, is the Apollo
    command-to-lunar-module tunnel that crews routinely used; change it with
    the rule option min_passage_mm."""
    if not _on_path(ctx):
        return
    minimum = ctx.option("XFER001", "min_passage_mm", APOLLO_TUNNEL_MM)
    known: list[tuple[float, Anchor, str]] = []
    missing: list[str] = []
    missing_anchor = None
    for link in ctx.plan.links:
        for end in (link.near, link.far):
            interface = ctx.interface(end)
            if interface is not None:
                if interface.passage_diameter_mm is None:
                    missing.append(f"{interface.id}.passage_diameter_mm")
                    missing_anchor = missing_anchor or Anchor(interface, ())
                else:
                    known.append(
                        (interface.passage_diameter_mm, Anchor(interface, ("passage_diameter_mm",)), interface.id)
                    )
            if end.port.hatch_diameter_mm is not None:
                known.append((end.port.hatch_diameter_mm, end.anchor("hatch_diameter_mm"), f"hatch {end.label()}"))
    if known:
        width, anchor, what = min(known, key=lambda item: (item[0], item[2]))
        evidence = [a for _w, a, _n in known if a != anchor]
        if width < minimum:
            yield failed(
                f"narrowest passage is {what} at {width:.0f} mm, below {minimum:.0f} mm",
                f"replace {what} with a mechanism of at least {minimum:.0f} mm (IDSS: 800 mm), or route through another port",
                anchor,
                evidence,
            )
            return
    if missing:
        yield unknown("passage width not known for every mechanism on the path", sorted(set(missing)), missing_anchor)
    elif known:
        yield passed(f"narrowest passage {width:.0f} mm ({what}), at least {minimum:.0f} mm", anchor, evidence)


def _cabin(vehicle):
    return vehicle.atmosphere


def _airlocks(ctx: RescueContext):
    return [v for v in ctx.plan.vehicles() if v.airlock] or [v for v in (ctx.rescuer, ctx.distressed) if v.airlock]


@rule(
    "ATM001",
    title="Cabin pressures can be equalised",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Apollo-Soyuz 1975: Soyuz lowered its cabin; the docking module served as an airlock",
    options={"max_difference_kpa": 10.0},
    pass_example="101.3 kPa on both sides.",
    fail_example="34.5 kPa against 101.3 kPa, neither cabin adjustable, no airlock on the path.",
)
def pressures_equalise(ctx: RescueContext):
    """Hatches open only between equal pressures. A small difference is
    equalised through the hatch valves; a larger one needs one cabin set to
    the other's pressure (if its range allows), or an airlock between them.
    The tolerated difference is the rule option max_difference_kpa."""
    ours, theirs = _cabin(ctx.rescuer), _cabin(ctx.distressed)
    p_r = ours.pressure_kpa if ours else None
    p_d = theirs.pressure_kpa if theirs else None
    if p_r is None or p_d is None:
        missing = [
            f"{v.id}.atmosphere.pressure_kpa" for v, p in ((ctx.rescuer, p_r), (ctx.distressed, p_d)) if p is None
        ]
        anchor = first_missing(
            [(p is None, Anchor(v, ("atmosphere",))) for v, p in ((ctx.rescuer, p_r), (ctx.distressed, p_d))],
            Anchor(ctx.rescuer, ()),
        )
        yield unknown("cabin pressure not known", missing, anchor)
        return
    anchor = Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa"))
    evidence = [Anchor(ctx.distressed, ("atmosphere", "pressure_kpa"))]
    tolerance = ctx.option("ATM001", "max_difference_kpa", 10.0)
    difference = abs(p_r - p_d)
    if difference <= tolerance:
        yield passed(f"cabin pressures {p_r:.1f} and {p_d:.1f} kPa differ by {difference:.1f} kPa", anchor, evidence)
        return
    for vehicle, cabin, other in ((ctx.rescuer, ours, p_d), (ctx.distressed, theirs, p_r)):
        low, high = cabin.adjustable_min_kpa, cabin.adjustable_max_kpa
        if low is not None and high is not None and low - tolerance <= other <= high + tolerance:
            yield conditional(
                f"pressures differ by {difference:.1f} kPa; {vehicle.id} can be set to {other:.1f} kPa",
                [f"{vehicle.id} sets its cabin to about {other:.1f} kPa before the hatches open"],
                anchor,
                evidence,
            )
            return
    airlocks = _airlocks(ctx)
    if airlocks:
        yield conditional(
            f"pressures differ by {difference:.1f} kPa; transfer through the airlock of {airlocks[0].id}",
            [f"crew transfers through {airlocks[0].id}'s airlock"],
            anchor,
            evidence,
        )
        return
    yield failed(
        f"pressures differ by {difference:.1f} kPa ({p_r:.1f} vs {p_d:.1f}); neither cabin can be set to the other's and there is no airlock",
        f"carry an airlock module on the path (as the 1975 docking module), or make {ctx.rescuer.id}'s cabin adjustable to {p_d:.1f} kPa",
        anchor,
        evidence,
    )


@rule(
    "ATM002",
    title="Oxygen fraction stays within the rescuer's fire limit",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Apollo-Soyuz 1975: Apollo pure oxygen, Soyuz air",
    pass_example="Air (21 % O2) into a cabin rated for up to 30 %.",
    fail_example="Pure oxygen into an air cabin, no airlock between them.",
)
def oxygen_fraction(ctx: RescueContext):
    """Opening hatches mixes the two cabins' gas. Oxygen-rich gas flowing
    into a cabin designed for air raises its fire risk beyond what its
    materials were qualified for; an airlock keeps the gases apart."""
    ours, theirs = _cabin(ctx.rescuer), _cabin(ctx.distressed)
    f_r = ours.o2_fraction if ours else None
    f_d = theirs.o2_fraction if theirs else None
    if f_r is None or f_d is None:
        missing = [
            f"{v.id}.atmosphere.o2_fraction" for v, f in ((ctx.rescuer, f_r), (ctx.distressed, f_d)) if f is None
        ]
        anchor = first_missing(
            [(f is None, Anchor(v, ("atmosphere",))) for v, f in ((ctx.rescuer, f_r), (ctx.distressed, f_d))],
            Anchor(ctx.rescuer, ()),
        )
        yield unknown("cabin oxygen fraction not known", missing, anchor)
        return
    anchor = Anchor(ctx.distressed, ("atmosphere", "o2_fraction"))
    limit = ours.max_o2_fraction
    if limit is None:
        if abs(f_r - f_d) <= 0.05:
            yield passed(f"similar oxygen fractions ({f_r:.0%} and {f_d:.0%})", anchor)
        else:
            yield unknown(
                f"oxygen fractions differ ({f_r:.0%} vs {f_d:.0%}); the rescuer's limit is not known",
                [f"{ctx.rescuer.id}.atmosphere.max_o2_fraction"],
                anchor,
            )
        return
    if f_d <= limit:
        yield passed(
            f"{f_d:.0%} O2 is within {ctx.rescuer.id}'s {limit:.0%} limit",
            anchor,
            [Anchor(ctx.rescuer, ("atmosphere", "max_o2_fraction"))],
        )
        return
    airlocks = _airlocks(ctx)
    if airlocks:
        yield conditional(
            f"{f_d:.0%} O2 exceeds {ctx.rescuer.id}'s {limit:.0%} limit; gases kept apart by {airlocks[0].id}'s airlock",
            [f"crew transfers through {airlocks[0].id}'s airlock and the gases are not mixed"],
            anchor,
        )
    else:
        yield failed(
            f"{f_d:.0%} O2 from {ctx.distressed.id} exceeds {ctx.rescuer.id}'s {limit:.0%} fire limit and no airlock separates them",
            "put an airlock on the path, or lower the distressed cabin's oxygen fraction before opening hatches",
            anchor,
        )


@rule(
    "ATM003",
    title="Decompression: prebreathe when moving to a lower pressure",
    domain=Domain.ATMOSPHERE,
    stage=Stage.TRANSFER,
    reference="Decompression-sickness tissue ratio (nitrogen partial pressure over new ambient pressure); Apollo-Soyuz prebreathe",
    options={"max_tissue_ratio": 1.4},
    pass_example="From 101 kPa air to a 101 kPa cabin (ratio 0.8).",
    fail_example="(never fails) From 101 kPa air to a 34.5 kPa oxygen cabin (ratio 2.3): CONDITIONAL on a prebreathe.",
)
def decompression(ctx: RescueContext):
    """A crew saturated with nitrogen at one pressure risks decompression
    sickness in a much lower one. The ratio of their nitrogen partial pressure
    to the new cabin pressure above max_tissue_ratio means breathing pure
    oxygen first (a prebreathe) or staging pressure through an airlock."""
    ours, theirs = _cabin(ctx.rescuer), _cabin(ctx.distressed)
    p_r = ours.pressure_kpa if ours else None
    p_d = theirs.pressure_kpa if theirs else None
    f_d = theirs.o2_fraction if theirs else None
    if p_r is not None and p_d is not None and p_r >= p_d:
        yield passed(
            f"the crew moves to an equal or higher pressure ({p_d:.1f} to {p_r:.1f} kPa)",
            Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa")),
        )
        return
    missing = [
        name
        for name, value in (
            (f"{ctx.rescuer.id}.atmosphere.pressure_kpa", p_r),
            (f"{ctx.distressed.id}.atmosphere.pressure_kpa", p_d),
            (f"{ctx.distressed.id}.atmosphere.o2_fraction", f_d),
        )
        if value is None
    ]
    if missing:
        yield unknown("decompression risk cannot be judged", missing, Anchor(ctx.distressed, ("atmosphere",)))
        return
    limit = ctx.option("ATM003", "max_tissue_ratio", 1.4)
    ratio = p_d * (1.0 - f_d) / p_r
    anchor = Anchor(ctx.rescuer, ("atmosphere", "pressure_kpa"))
    if ratio <= limit:
        yield passed(f"tissue ratio {ratio:.2f} is within {limit:.2f}", anchor)
    else:
        yield conditional(
            f"tissue ratio {ratio:.2f} exceeds {limit:.2f}",
            [
                f"the distressed crew prebreathes oxygen (or is staged through an airlock) before entering {ctx.rescuer.id}"
            ],
            anchor,
        )
