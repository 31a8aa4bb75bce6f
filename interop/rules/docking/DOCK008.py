"""DOCK008: capture envelopes overlap."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import RescueContext


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
            unset = [Anchor(i, ("capture",)) for i in (a, b) if i.capture is None]
            yield unknown(
                f"capture limits of {a.id} and {b.id} not both known",
                unset,
                link.near.anchor("interface"),
                requires=[_overlap(a.id, b.id, unset)],
            )
            continue
        a_low, a_high = a.capture.closing_speed_min_mps, a.capture.closing_speed_max_mps
        b_low, b_high = b.capture.closing_speed_min_mps, b.capture.closing_speed_max_mps
        if a_low is None or a_high is None or b_low is None or b_high is None:
            unset = [
                Anchor(i, ("capture", limit))
                for i in (a, b)
                for limit in ("closing_speed_min_mps", "closing_speed_max_mps")
                if getattr(i.capture, limit) is None
            ]
            yield unknown(
                f"closing-speed windows of {a.id} and {b.id} not both known",
                unset,
                link.near.anchor("interface"),
                requires=[
                    _one_limit(unset[0], (a_low, a_high, b_low, b_high))
                    if len(unset) == 1
                    else _overlap(a.id, b.id, unset)
                ],
            )
            continue
        low, high = max(a_low, b_low), min(a_high, b_high)
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


def _overlap(a: str, b: str, unset: list[Anchor]):
    return condition(
        unset,
        "expression",
        None,
        clause=f"the closing-speed windows of {a} and {b} overlap ({', '.join(x.describe() for x in unset)})",
    )


def _one_limit(unset: Anchor, limits: tuple):
    """One limit missing: the windows overlap when it reaches the other three's common bound."""
    a_low, a_high, b_low, b_high = limits
    if unset.path[-1] == "closing_speed_min_mps":
        highs = [h for h in (a_high, b_high) if h is not None]
        return condition([unset], "<=", min(highs), "m/s")
    lows = [v for v in (a_low, b_low) if v is not None]
    return condition([unset], ">=", max(lows), "m/s")
