"""RDV001: rendezvous sensor tracks a target the distressed vehicle carries."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, first_missing, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


def _targets_of(ctx: RescueContext):
    """Targets carried by what the rescuer approaches: the distressed vehicle, its station, the modules on the path."""
    targets, known = set(), False
    for vehicle in ctx.approached():
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
    flown by other means, if at all. A rescuer already docked in the crew's
    station stack makes no approach: the rule says it does not apply."""
    if ctx.plan.mode is MatingMode.STACK:
        yield passed(f"no approach: {ctx.stack_note()}", ctx.stack_anchor())
        return
    rescuer = ctx.rescuer
    sensors = rescuer.rendezvous.sensors if rescuer.rendezvous else None
    targets = _targets_of(ctx)
    missing: list[Anchor] = []
    if sensors is None:
        missing.append(Anchor(rescuer, ("rendezvous", "sensors")))
    if targets is None:
        missing.append(Anchor(ctx.approached_station(), ("rendezvous", "targets")))
    if sensors is None or targets is None:
        anchor = first_missing(
            [
                (sensors is None, Anchor(rescuer, ("rendezvous",))),
                (targets is None, Anchor(ctx.approached_station(), ("rendezvous",))),
            ],
            Anchor(rescuer, ()),
        )
        if sensors is None and targets is None:
            needs = condition(
                missing,
                "share",
                clause=f"{missing[0].describe()} must include a sensor that tracks one of {missing[1].describe()}",
            )
        elif sensors is None:
            assert targets is not None
            carried = sorted(targets)
            needs = condition(
                missing,
                "includes-any",
                carried,
                clause=f"{missing[0].describe()} must include a sensor that tracks {' or '.join(carried) or 'a target carried'}",
            )
        else:
            tracks = sorted({t for s in sensors for t in (s.tracks or ())})
            needs = condition(
                missing,
                "includes-any",
                tracks,
                clause=(
                    f"{missing[0].describe()} must include {' or '.join(tracks)}"
                    if tracks
                    else f"{missing[0].describe()} must include a target {rescuer.id}'s sensors track"
                ),
            )
        yield unknown("rendezvous sensors or targets not known", missing, anchor, requires=[needs])
        return
    tracked_unknown: list[Anchor] = []
    for index, sensor in enumerate(sensors):
        if sensor.tracks is None:
            tracked_unknown.append(Anchor(rescuer, ("rendezvous", "sensors", index, "tracks")))
            continue
        common = sorted(set(sensor.tracks) & targets)
        if common:
            yield passed(
                f"{rescuer.id}'s {sensor.name} tracks {', '.join(common)}",
                Anchor(rescuer, ("rendezvous", "sensors", index)),
            )
            return
    if tracked_unknown:
        carried = sorted(targets)
        yield unknown(
            "what the rescuer's sensors track is not known",
            tracked_unknown,
            Anchor(rescuer, ("rendezvous", "sensors")),
            requires=[
                condition(
                    tracked_unknown,
                    "includes-any",
                    carried,
                    clause=f"{' or '.join(a.describe() for a in tracked_unknown)} must include {' or '.join(carried) or 'a target carried'}",
                )
            ],
        )
        return
    tracked = sorted({t for s in sensors for t in (s.tracks or ())})
    yield failed(
        f"no sensor of {rescuer.id} tracks a target of {ctx.approached_station().id} (tracks: {', '.join(tracked) or 'nothing'}; carried: {', '.join(sorted(targets)) or 'nothing'})",
        f"fit {ctx.approached_station().id} with one of: {', '.join(tracked) or 'a standard target'} (as IDSS visual targets), or fit {rescuer.id} with a sensor for {', '.join(sorted(targets)) or 'its targets'}",
        Anchor(rescuer, ("rendezvous", "sensors")),
    )
