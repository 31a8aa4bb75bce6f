"""Approach: can the rescuer find, track and talk to the distressed vehicle?"""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import RadioPurpose
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, first_missing, passed, rule, unknown
from interop.rules.context import RescueContext


def _targets_of(ctx: RescueContext):
    """Targets carried by the distressed vehicle or by the stack it is in."""
    targets, known = set(), False
    for vehicle in [ctx.distressed] + [link.far.vehicle for link in ctx.plan.links]:
        if vehicle.rendezvous and vehicle.rendezvous.targets is not None:
            known = True
            targets.update(vehicle.rendezvous.targets)
    return targets if known else None


@rule(
    "RDV001",
    title="Rendezvous sensor tracks a target the distressed vehicle carries",
    domain=Domain.RENDEZVOUS,
    stage=Stage.APPROACH,
    reference="Apollo-Soyuz 1975: Soyuz gained Apollo-compatible ranging and beacons",
    pass_example="Soyuz's Kurs-NA tracks the Kurs transponder on the ISS Russian segment.",
    fail_example="A lidar that tracks IDSS reflectors, approaching a vehicle that carries only Kurs antennas.",
)
def sensor_tracks_target(ctx: RescueContext):
    """Closing the last kilometres needs relative navigation: a sensor on the
    rescuer that tracks something on the target (transponder, reflectors,
    visual docking targets). Without a matching pair the approach has to be
    flown by other means, if at all."""
    rescuer = ctx.rescuer
    sensors = rescuer.rendezvous.sensors if rescuer.rendezvous else None
    targets = _targets_of(ctx)
    missing = []
    if sensors is None:
        missing.append(f"{rescuer.id}.rendezvous.sensors")
    if targets is None:
        missing.append(f"{ctx.distressed.id}.rendezvous.targets")
    if missing:
        anchor = first_missing(
            [
                (sensors is None, Anchor(rescuer, ("rendezvous",))),
                (targets is None, Anchor(ctx.distressed, ("rendezvous",))),
            ],
            Anchor(rescuer, ()),
        )
        yield unknown("rendezvous sensors or targets not known", missing, anchor)
        return
    tracked_unknown = []
    for index, sensor in enumerate(sensors):
        if sensor.tracks is None:
            tracked_unknown.append(f"{rescuer.id}.rendezvous.sensors.{index}.tracks")
            continue
        common = sorted(set(sensor.tracks) & targets)
        if common:
            yield passed(
                f"{rescuer.id}'s {sensor.name} tracks {', '.join(common)}",
                Anchor(rescuer, ("rendezvous", "sensors", index)),
            )
            return
    if tracked_unknown:
        yield unknown(
            "what the rescuer's sensors track is not known", tracked_unknown, Anchor(rescuer, ("rendezvous", "sensors"))
        )
        return
    tracked = sorted({t for s in sensors for t in (s.tracks or ())})
    yield failed(
        f"no sensor of {rescuer.id} tracks a target of {ctx.distressed.id} (tracks: {', '.join(tracked) or 'nothing'}; carried: {', '.join(sorted(targets)) or 'nothing'})",
        f"fit {ctx.distressed.id} with one of: {', '.join(tracked) or 'a standard target'} (as IDSS visual targets), or fit {rescuer.id} with a sensor for {', '.join(sorted(targets)) or 'its targets'}",
        Anchor(rescuer, ("rendezvous", "sensors")),
    )


def _bands(vehicle, purpose: RadioPurpose):
    if vehicle.radios is None:
        return None
    return {radio.band for radio in vehicle.radios if radio.purposes is None or purpose in radio.purposes}


@rule(
    "COMM001",
    title="Common radio band for proximity operations",
    domain=Domain.COMMS,
    stage=Stage.APPROACH,
    reference="Apollo-Soyuz 1975: a UHF radio added to Soyuz for the joint flight",
    pass_example="Both carry S-band for proximity operations.",
    fail_example="One has only S-band, the other only UHF.",
)
def common_proximity_band(ctx: RescueContext):
    """During approach and docking the two vehicles exchange ranging, state
    vectors and commands over a radio link; they need at least one band in
    common that both use for proximity operations."""
    ours = _bands(ctx.rescuer, RadioPurpose.PROXIMITY)
    theirs = _bands(ctx.distressed, RadioPurpose.PROXIMITY)
    missing = [f"{v.id}.radios" for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs)) if b is None]
    if missing:
        anchor = first_missing(
            [(b is None, Anchor(v, ("radios",))) for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs))],
            Anchor(ctx.rescuer, ()),
        )
        yield unknown("radios not known", missing, anchor)
        return
    common = sorted(b.value for b in ours & theirs)
    if common:
        yield passed(f"common proximity band: {', '.join(common)}", Anchor(ctx.rescuer, ("radios",)))
    else:
        yield failed(
            f"no common proximity band ({ctx.rescuer.id}: {', '.join(sorted(b.value for b in ours)) or 'none'}; {ctx.distressed.id}: {', '.join(sorted(b.value for b in theirs)) or 'none'})",
            f"add a {next(iter(sorted(b.value for b in theirs)), 's-band')} proximity radio to {ctx.rescuer.id}, as Soyuz gained a UHF radio for Apollo-Soyuz",
            Anchor(ctx.rescuer, ("radios",)),
        )


@rule(
    "COMM002",
    title="Crews can talk by voice",
    domain=Domain.COMMS,
    stage=Stage.APPROACH,
    severity=Severity.WARNING,
    pass_example="Both have a UHF voice radio.",
    fail_example="(never fails) No common voice band: CONDITIONAL on relaying voice through ground stations.",
)
def voice_link(ctx: RescueContext):
    """Crews coordinate a rescue by voice. Without a common voice band they
    can still talk through their ground stations, with delay, which is a
    condition the report names."""
    ours = _bands(ctx.rescuer, RadioPurpose.VOICE)
    theirs = _bands(ctx.distressed, RadioPurpose.VOICE)
    if ours is None or theirs is None:
        missing = [f"{v.id}.radios" for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs)) if b is None]
        anchor = first_missing(
            [(b is None, Anchor(v, ("radios",))) for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs))],
            Anchor(ctx.rescuer, ()),
        )
        yield unknown("voice radios not known", missing, anchor)
    elif ours & theirs:
        yield passed(
            f"common voice band: {', '.join(sorted(b.value for b in ours & theirs))}", Anchor(ctx.rescuer, ("radios",))
        )
    else:
        yield conditional(
            "no common voice band",
            ["voice is relayed through both ground control centres"],
            Anchor(ctx.rescuer, ("radios",)),
        )
