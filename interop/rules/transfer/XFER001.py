"""XFER001: the narrowest passage lets a crew member through."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext

APOLLO_TUNNEL_MM = 760.0


def _on_path(ctx: RescueContext) -> bool:
    return ctx.plan.mode in (MatingMode.DIRECT, MatingMode.ADAPTERS, MatingMode.STACK)


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
    the rule option min_passage_mm. A joint of a station stack (or of a
    vehicle already docked there) whose width is not published is a passage
    its crews use: it bounds the passage only when its width is known. A
    path with no internal passage at some joint is DOCK007's: the crew
    crosses outside there."""
    if not _on_path(ctx) or ctx.closed_passages():
        return
    minimum = ctx.options["min_passage_mm"]
    known: list[tuple[float, Anchor, str]] = []
    missing: list[Anchor] = []
    missing_anchor = None
    for link in ctx.plan.links:
        for end in (link.near, link.far):
            interface = ctx.interface(end)
            if interface is not None:
                if interface.passage_diameter_mm is None and link.permanent:
                    pass  # in use by the station's crews: only a published width bounds it
                elif interface.passage_diameter_mm is None:
                    missing.append(Anchor(interface, ("passage_diameter_mm",)))
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
        waiting = sorted(set(missing), key=Anchor.describe)
        yield unknown(
            "passage width not known for every mechanism on the path",
            waiting,
            missing_anchor,
            requires=[condition(waiting, ">=", minimum, "mm")],
        )
    elif known:
        yield passed(f"narrowest passage {width:.0f} mm ({what}), at least {minimum:.0f} mm", anchor, evidence)
