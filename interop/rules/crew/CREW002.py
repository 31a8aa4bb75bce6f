"""CREW002: free seats for the distressed crew."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
from interop.rules.context import RescueContext


@rule(
    "CREW002",
    title="Free seats for the distressed crew",
    domain=Domain.CREW,
    stage=Stage.CARRY,
    reference="Skylab rescue (1973): an Apollo CSM with two added couches, launched with 2 to bring home 3",
    pass_example="7 seats, 4 aboard, 3 to rescue.",
    fail_example="4 seats, 2 aboard, no seats can be added, 3 to rescue.",
)
def free_seats(ctx: RescueContext):
    """Everyone coming home needs a seat: the rescuer's own crew plus the
    rescued. Flying up with a smaller crew, or installing extra seats as the
    Skylab rescue kit did, are conditions; too few seats even then is a
    failure. Seats a scenario says were added for the mission count, and
    the condition says whether they were moved in orbit from another
    vehicle (as Frank Rubio's seat was moved into Crew-5's Dragon in 2023)."""
    seats = ctx.rescuer.seats
    anchor = Anchor(ctx.rescuer, ("seats",))
    added_seats = "seats added before launch (seats.addable)"
    if seats is None or seats.total is None:
        total = Anchor(ctx.rescuer, ("seats", "total"))
        own = ctx.crew_aboard()[0]
        if own is None and seats is not None:
            own = seats.nominal_crew
        if own is None:
            needs = condition(
                [total],
                "expression",
                ctx.crew,
                clause=f"{total.describe()} >= {ctx.crew} + the crew {ctx.rescuer.id} flies with",
                alternatives=[added_seats],
            )
        else:
            needs = condition(
                [total], ">=", own + ctx.crew - (ctx.mission("seats_added") or 0), "seats", alternatives=[added_seats]
            )
        yield unknown(f"{ctx.rescuer.id}'s seat count is not known", [total], anchor, requires=[needs])
        return
    anchor = Anchor(ctx.rescuer, ("seats", "total"))
    needed = ctx.crew
    if (
        ctx.rescuer_crew_aboard is None
        and seats.nominal_crew is not None
        and seats.total - seats.nominal_crew >= needed
    ):
        yield passed(
            f"{seats.total - seats.nominal_crew} free seats with the nominal crew of {seats.nominal_crew}; {needed} needed",
            anchor,
        )
        return
    aboard, how = ctx.crew_aboard()
    if aboard is None:
        fewest = Anchor(ctx.rescuer, ("seats", "min_crew"))
        room = seats.total + (ctx.mission("seats_added") or 0) - needed
        yield unknown(
            f"how many of {ctx.rescuer.id}'s {seats.total} seats its own crew needs is not known",
            [fewest],
            anchor,
            requires=[condition([fewest], "<=", max(room, 0), "crew", alternatives=[added_seats])],
        )
        return
    added = ctx.mission("seats_added") or 0
    free = seats.total + added - aboard
    conditions = [] if how != "its minimum crew" else [f"{ctx.rescuer.id} flies with only {aboard} crew"]
    counted = ""
    if added:
        moved = ctx.mission("moved_in_orbit_from")
        how_added = (
            f"{added} seat(s) moved in orbit from {moved}" if moved else f"{added} seat(s) added for this mission"
        )
        conditions.append(how_added)
        counted = f" (with {how_added})"
        anchor = ctx.responder_anchor("seats_added") or anchor
    if free >= needed:
        if conditions:
            yield conditional(f"{free} free seats with {aboard} aboard ({how}); {needed} needed", conditions, anchor)
        else:
            yield passed(f"{free} free seats with {aboard} aboard ({how}); {needed} needed", anchor)
        return
    if seats.addable is None:
        addable = Anchor(ctx.rescuer, ("seats", "addable"))
        yield unknown(
            f"{free} free seats{counted}, {needed} needed; whether seats can be added is not known",
            [addable],
            anchor,
            requires=[condition([addable], ">=", needed - free, "seats")],
        )
    elif free + seats.addable >= needed:
        extra = needed - free
        yield conditional(
            f"{free} free seats, {needed} needed; {extra} can be added",
            conditions + [f"{extra} extra seat(s) installed before launch, as for the Skylab rescue"],
            Anchor(ctx.rescuer, ("seats", "addable")),
        )
    elif how == "its nominal crew" and seats.min_crew is None and free + seats.addable + aboard >= needed:
        # Crew before seats: flying with fewer than the nominal crew would make room, but the
        # fewest it can fly with is not published.
        most = seats.total + added + seats.addable - needed
        min_crew = Anchor(ctx.rescuer, ("seats", "min_crew"))
        yield unknown(
            f"{free} free seats with its nominal crew of {aboard}, {seats.addable} addable; {needed} needed: "
            f"it would have to fly with at most {most}, and the fewest it can fly with is not known",
            [min_crew],
            anchor,
            requires=[condition([min_crew], "<=", most)],
        )
    else:
        yield failed(
            f"{free} free seats with {aboard} aboard ({how}){f', {added} added' if added else ''}, {seats.addable} addable; {needed} needed",
            f"fly {ctx.rescuer.id} with fewer crew or fit {needed - free - seats.addable} more seats, or send a second vehicle",
            anchor,
        )
