"""COMM001: common radio band for proximity operations."""

from __future__ import annotations

from interop.model.vocabulary import RadioPurpose
from interop.rules.base import Anchor, Domain, Stage, failed, first_missing, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


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
    common that both use for proximity operations. The station the crew is
    at counts with its radios, as its rendezvous targets do; a rescuer
    already docked in the crew's stack makes no approach."""
    if ctx.plan.mode is MatingMode.STACK:
        yield passed(f"no approach: {ctx.stack_note()}", ctx.stack_anchor())
        return
    ours = ctx.radio_bands(ctx.rescuer, RadioPurpose.PROXIMITY)
    theirs = ctx.approached_bands(RadioPurpose.PROXIMITY)
    station = ctx.approached_station()
    if ours is None or theirs is None:
        missing = [Anchor(v, ("radios",)) for v, b in ((ctx.rescuer, ours), (station, theirs)) if b is None]
        anchor = first_missing(
            [(b is None, Anchor(v, ("radios",))) for v, b in ((ctx.rescuer, ours), (station, theirs))],
            Anchor(ctx.rescuer, ()),
        )
        if ctx.same_design and ctx.distressed in ctx.approached():
            # Radios of one design are the same by declaration.
            yield passed(f"{ctx.design_note()}: the same radios", Anchor(ctx.rescuer, ()))
            return
        yield unknown(
            "radios not known",
            missing,
            anchor,
            requires=[ctx.bands_needed(missing, ours, theirs, RadioPurpose.PROXIMITY)],
        )
        return
    common = sorted(b.value for b in ours & theirs)
    if common:
        yield passed(f"common proximity band: {', '.join(common)}", Anchor(ctx.rescuer, ("radios",)))
    else:
        yield failed(
            f"no common proximity band ({ctx.rescuer.id}: {', '.join(sorted(b.value for b in ours)) or 'none'}; {station.id}: {', '.join(sorted(b.value for b in theirs)) or 'none'})",
            f"add a {next(iter(sorted(b.value for b in theirs)), 's-band')} proximity radio to {ctx.rescuer.id}, as Soyuz gained a UHF radio for Apollo-Soyuz",
            Anchor(ctx.rescuer, ("radios",)),
        )
