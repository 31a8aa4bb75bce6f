"""Mate: can the two vehicles be joined, directly, through adapters, or by EVA?"""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import MatingStyle, ProgramStatus
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule, unknown
from interop.rules.context import MateStatus, MatingMode, RescueContext


def _no_path_remedy(ctx: RescueContext) -> str:
    suggested = ctx.plan.suggested_adapters
    if suggested:
        names = " and ".join(a.id for a in suggested)
        return (
            f"station {names} at {ctx.place.value} (or have {ctx.rescuer.id} carry it): "
            f"with it the catalog already has a docking path from {ctx.rescuer.id} to {ctx.distressed.id}"
        )
    return (
        f"station an adapter at {ctx.place.value} (or have {ctx.rescuer.id} carry one) with a port that mates "
        f"{ctx.rescuer.id}'s mechanism and one that mates {ctx.distressed.id}'s, as the 1975 docking module joined "
        f"Apollo's probe to Soyuz's APAS-75; or give both vehicles a common standard such as IDSS, one side active and one passive"
    )


@rule(
    "DOCK001",
    title="Mechanisms are declared to mate",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="IDSS Rev F: any two compliant vehicles can dock, to enable crew rescue",
    pass_example="Crew Dragon's IDSS port with an IDA's IDSS port.",
    fail_example="Soyuz's SSVP probe with Crew Dragon's IDSS port.",
)
def mechanisms_mate(ctx: RescueContext):
    """Two docking mechanisms join only if their designs are compatible:
    the same standard, or members of a family declared to mate. Each docking
    on the path is checked; when there is no path at all, the closest
    mismatches are listed."""
    plan = ctx.plan
    if plan.mode is MatingMode.UNKNOWN:
        yield unknown("whether the mechanisms mate is not known", plan.missing, Anchor(ctx.rescuer, ("ports",)))
        return
    if plan.mode in (MatingMode.NONE, MatingMode.EVA):
        misses = "; ".join(plan.near_misses[:4]) or "no free ports"
        yield failed(
            f"no docking path from {ctx.rescuer.id} to {ctx.distressed.id}: {misses}",
            _no_path_remedy(ctx),
            Anchor(ctx.rescuer, ("ports",)),
        )
        return
    for link in plan.docking_links:
        yield passed(
            f"{link.near.label()} mates {link.far.label()}: {link.check.reason}",
            link.near.anchor("interface"),
            [link.far.anchor("interface")],
        )


@rule(
    "DOCK002",
    title="Androgynous docking has one active and one passive side",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="IDSS: a port may be active-only, passive-only or either; Crew Dragon and Starliner are active-only",
    pass_example="An active-only Dragon port with a passive-only IDA port.",
    fail_example="Crew Dragon (active-only) with Starliner (active-only).",
)
def androgynous_roles(ctx: RescueContext):
    """Androgynous mechanisms are alike on both sides but not symmetric in
    use: one side extends its soft-capture ring and drives the capture, the
    other stays passive. Two active-only or two passive-only ports cannot
    dock even though the hardware is "the same"."""
    for link in ctx.plan.docking_links:
        interface = ctx.interface(link.near)
        if interface is None or interface.style is not MatingStyle.ANDROGYNOUS:
            continue
        near, far = link.near.port.role.value, link.far.port.role.value
        yield passed(
            f"{link.near.label()} is {near}, {link.far.label()} is {far}",
            link.near.anchor("role"),
            [link.far.anchor("role")],
        )
    if ctx.plan.mode is MatingMode.NONE:
        for miss in ctx.plan.near_misses:
            if "one side must be active" in miss:
                yield failed(
                    f"roles do not complement: {miss}",
                    "make one of the two ports passive (or 'either'), or dock to another port whose role complements this one",
                    Anchor(ctx.rescuer, ("ports",)),
                )
                return


@rule(
    "DOCK003",
    title="Gendered docking joins a probe with a drogue",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="SSVP and Apollo probe-and-drogue systems",
    pass_example="Soyuz's SSVP probe into a Poisk drogue.",
    fail_example="A probe against a probe.",
)
def probe_with_drogue(ctx: RescueContext):
    """Probe-and-drogue mechanisms are gendered: a probe enters a drogue's
    cone. Two probes or two drogues cannot mate, and an unknown gender leaves
    the question open."""
    for link in ctx.plan.docking_links:
        interface = ctx.interface(link.near)
        if interface is None or interface.style is not MatingStyle.GENDERED:
            continue
        yield passed(link.check.reason, link.near.anchor("interface"), [link.far.anchor("interface")])
    if ctx.plan.mode is MatingMode.NONE:
        for miss in ctx.plan.near_misses:
            if "a probe needs a drogue" in miss:
                yield failed(
                    f"genders do not complement: {miss}",
                    "dock a probe to a drogue: use a port of the opposite gender or an adapter",
                    Anchor(ctx.rescuer, ("ports",)),
                )
                return


@rule(
    "DOCK004",
    title="Berthing needs an arm and is too slow for an emergency",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    severity=Severity.WARNING,
    reference="CBM: robotic arm required; utilities connected by hand after mating",
    pass_example="No berthing on the path.",
    fail_example="A berthing port and no robotic arm on either vehicle.",
)
def berthing_is_slow(ctx: RescueContext):
    """Berthing mechanisms (CBM) need a robotic arm to capture and hold the
    visitor, and utilities are connected by hand afterwards: hours of work
    that an emergency evacuation may not have."""
    for link in ctx.plan.docking_links:
        if link.check.status is not MateStatus.SLOW:
            continue
        arms = [v for v in (link.near.vehicle, link.far.vehicle) if v.robotic_arm]
        if arms:
            yield conditional(
                f"{link.near.label()} berths to {link.far.label()} using {arms[0].id}'s arm: too slow for an emergency evacuation",
                [f"time for {arms[0].id}'s arm to berth the vehicle and for the crew to open the vestibule"],
                link.near.anchor("interface"),
            )
        elif any(v.robotic_arm is None for v in (link.near.vehicle, link.far.vehicle)):
            yield unknown(
                "berthing needs a robotic arm; whether one is available is not known",
                [f"{v.id}.robotic_arm" for v in (link.near.vehicle, link.far.vehicle) if v.robotic_arm is None],
                link.near.anchor("interface"),
            )
        else:
            yield failed(
                f"{link.near.label()} would berth to {link.far.label()} but neither has a robotic arm",
                "provide a robotic arm at the place, or dock through a docking (not berthing) port",
                link.near.anchor("interface"),
            )


@rule(
    "DOCK005",
    title="An adapter chain joins different mechanisms",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    reference="Apollo-Soyuz docking module (1975); IDA on PMA at the ISS",
    pass_example="A direct mate needs no adapter.",
    fail_example="No adapter at the place converts Soyuz's SSVP to Crew Dragon's IDSS.",
)
def adapter_chain(ctx: RescueContext):
    """When the two mechanisms differ, an adapter (a vehicle with a port of
    each kind) can join them, if it is stationed at the place or carried by
    the rescuer. The shortest chain is used; each adapter is a condition: it
    must be there, free, and in working order."""
    plan = ctx.plan
    if plan.mode is MatingMode.DIRECT:
        yield passed(
            "direct docking: no adapter needed", plan.links[0].near.anchor("interface") if plan.links else None
        )
    elif plan.mode is MatingMode.ADAPTERS:
        conditions = []
        for adapter in plan.adapters:
            how = (
                f"carried by {ctx.rescuer.id}"
                if adapter in plan.carried_adapters
                else f"stationed at {ctx.place.value}"
            )
            conditions.append(f"adapter {adapter.id} ({how}) is free and serviceable")
        yield conditional(
            f"through {len(plan.adapters)} adapter(s): {plan.describe()}",
            conditions,
            plan.links[0].near.anchor("interface"),
            [Anchor(a, ("ports",)) for a in plan.adapters],
        )
    elif plan.mode in (MatingMode.NONE, MatingMode.EVA):
        yield failed(
            f"no adapter chain of up to 3 adapters joins {ctx.rescuer.id} to {ctx.distressed.id}",
            _no_path_remedy(ctx),
            Anchor(ctx.rescuer, ("ports",)),
        )


@rule(
    "DOCK006",
    title="The distressed vehicle has a free port",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    pass_example="A station with an unoccupied docking port.",
    fail_example="A vehicle with no ports, or every port occupied.",
)
def free_port(ctx: RescueContext):
    """A rescuer can only dock where a port is free. Ports used by the
    permanent connections of a station stack are not free."""
    distressed = ctx.distressed
    if distressed.ports is None:
        yield unknown(f"{distressed.id}'s ports are not known", [f"{distressed.id}.ports"], Anchor(distressed, ()))
    elif not distressed.ports:
        yield failed(
            f"{distressed.id} has no docking port",
            f"transfer the crew by EVA, or give {distressed.id} a docking port",
            Anchor(distressed, ("ports",)),
        )
    elif ctx.plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS):
        target = ctx.plan.docking_links[-1].far
        yield passed(f"docks at free port {target.label()}", target.anchor("id"))
    elif ctx.plan.mode is MatingMode.NONE and not ctx.plan.near_misses:
        yield failed(
            f"no free port on {distressed.id} or its station stack",
            f"keep a port of {distressed.id} free for rescue",
            Anchor(distressed, ("ports",)),
        )


@rule(
    "DOCK007",
    title="Spacewalk transfer as a degraded fallback",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    pass_example="(applies only without a docking path) Both vehicles can support EVA: CONDITIONAL.",
    fail_example="No docking path, and the rescuer cannot perform an EVA.",
)
def eva_fallback(ctx: RescueContext):
    """Without a docking path the crew can still cross by spacewalk if the
    rescuer can depressurise or has an airlock and the distressed vehicle can
    let its crew out in suits. It is slow and risky: a degraded fallback,
    never a pass."""
    plan = ctx.plan
    if plan.mode is MatingMode.EVA:
        yield conditional(
            f"no docking path; the crew can cross by spacewalk from {ctx.distressed.id} to {ctx.rescuer.id}",
            [
                "every distressed crew member has an EVA-capable suit",
                "both vehicles hold station close enough for a tethered transfer",
            ],
            Anchor(ctx.rescuer, ("eva_capable",)),
        )
    elif plan.mode is MatingMode.NONE:
        flags = [
            (v, f) for v in (ctx.rescuer, ctx.distressed) for f in ("eva_capable", "airlock") if getattr(v, f) is None
        ]
        if flags:
            yield unknown(
                "no docking path; whether a spacewalk transfer is possible is not known",
                [f"{v.id}.{f}" for v, f in flags],
                Anchor(ctx.rescuer, ()),
            )
        else:
            yield failed(
                "no docking path and no spacewalk transfer possible",
                f"give {ctx.rescuer.id} EVA capability (an airlock or a depressurisable cabin and EVA suits)",
                Anchor(ctx.rescuer, ("eva_capable",)),
            )


@rule(
    "DOCK008",
    title="Capture envelopes overlap",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    severity=Severity.WARNING,
    reference="APAS-75 capture limits for Apollo-Soyuz; Chinese docking mechanism capture limits",
    pass_example="Both mechanisms capture at closing speeds between 0.08 and 0.18 m/s.",
    fail_example="One needs at least 0.3 m/s, the other captures only below 0.18 m/s.",
)
def capture_envelopes(ctx: RescueContext):
    """Two different mechanism designs declared compatible must also agree
    on capture conditions: the closing-speed windows must overlap, or one
    side's approach will either bounce off or not trigger capture."""
    for link in ctx.plan.docking_links:
        a, b = ctx.interface(link.near), ctx.interface(link.far)
        if a is None or b is None or a.id == b.id or (a.family is not None and a.family == b.family):
            continue  # one design's own halves are made for each other
        if a.capture is None or b.capture is None:
            yield unknown(
                f"capture limits of {a.id} and {b.id} not both known",
                [f"{i.id}.capture" for i in (a, b) if i.capture is None],
                link.near.anchor("interface"),
            )
            continue
        lows = [c.closing_speed_min_mps for c in (a.capture, b.capture)]
        highs = [c.closing_speed_max_mps for c in (a.capture, b.capture)]
        if None in lows or None in highs:
            yield unknown(
                f"closing-speed windows of {a.id} and {b.id} not both known",
                [f"{i.id}.capture.closing_speed_min_mps/max" for i in (a, b)],
                link.near.anchor("interface"),
            )
            continue
        low, high = max(lows), min(highs)
        if low <= high:
            yield passed(
                f"{a.id} and {b.id} both capture between {low:.2f} and {high:.2f} m/s",
                Anchor(a, ("capture",)),
                [Anchor(b, ("capture",))],
            )
        else:
            yield failed(
                f"closing-speed windows of {a.id} and {b.id} do not overlap",
                "widen one mechanism's capture window so both accept a common closing speed",
                Anchor(a, ("capture",)),
                [Anchor(b, ("capture",))],
            )


@rule(
    "DOCK009",
    title="Docking hardware exists",
    domain=Domain.DOCKING,
    stage=Stage.MATE,
    severity=Severity.WARNING,
    pass_example="An operational mechanism.",
    fail_example="A cancelled mechanism on the path.",
)
def mechanism_status(ctx: RescueContext):
    """A mechanism still being designed, or only planned, is a condition on
    its being built as specified; a cancelled one will not be."""
    seen = set()
    for link in ctx.plan.docking_links:
        for end in (link.near, link.far):
            interface = ctx.interface(end)
            if interface is None or interface.id in seen:
                continue
            seen.add(interface.id)
            if interface.status in (ProgramStatus.IN_DEVELOPMENT, ProgramStatus.PLANNED):
                yield conditional(
                    f"{interface.id} is {interface.status.value}",
                    [f"{interface.id} is built and qualified as specified"],
                    Anchor(interface, ("status",)),
                )
            elif interface.status is ProgramStatus.CANCELLED:
                yield failed(
                    f"{interface.id} is cancelled",
                    f"replace {interface.id} on {end.vehicle.id} with an operational mechanism",
                    Anchor(interface, ("status",)),
                )
