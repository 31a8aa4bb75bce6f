"""COMM002: crews can talk by voice."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import RadioPurpose
from interop.rules.base import Anchor, Domain, Stage, conditional, first_missing, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


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
    condition the report names. The station the crew is at counts with its
    radios; a rescuer already docked in the crew's stack makes no approach."""
    if ctx.plan.mode is MatingMode.STACK:
        yield passed(f"no approach: {ctx.stack_note()}", ctx.stack_anchor())
        return
    ours = ctx.radio_bands(ctx.rescuer, RadioPurpose.VOICE)
    theirs = ctx.approached_bands(RadioPurpose.VOICE)
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
            "voice radios not known",
            missing,
            anchor,
            requires=[
                ctx.bands_needed(
                    missing, ours, theirs, RadioPurpose.VOICE, "voice relayed through both ground control centres"
                )
            ],
        )
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
