"""COMM002: crews can talk by voice."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import RadioPurpose
from interop.rules.base import Anchor, Domain, Stage, conditional, first_missing, passed, rule, unknown
from interop.rules.context import RescueContext


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
    ours = ctx.radio_bands(ctx.rescuer, RadioPurpose.VOICE)
    theirs = ctx.radio_bands(ctx.distressed, RadioPurpose.VOICE)
    if ours is None or theirs is None:
        missing = [Anchor(v, ("radios",)) for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs)) if b is None]
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
