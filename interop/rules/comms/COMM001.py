"""COMM001: common radio band for proximity operations."""

from __future__ import annotations

from interop.model.vocabulary import RadioPurpose
from interop.rules.base import Anchor, Domain, Stage, failed, first_missing, passed, rule, unknown
from interop.rules.context import RescueContext


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
    ours = ctx.radio_bands(ctx.rescuer, RadioPurpose.PROXIMITY)
    theirs = ctx.radio_bands(ctx.distressed, RadioPurpose.PROXIMITY)
    missing = [Anchor(v, ("radios",)) for v, b in ((ctx.rescuer, ours), (ctx.distressed, theirs)) if b is None]
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
