"""CREW002: free seats for the distressed crew."""

from __future__ import annotations

from interop.rules.base import Anchor, Domain, Stage, condition, conditional, failed, passed, rule, unknown
from interop.rules.context import MatingMode, RescueContext


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
        # Too few seats even with none of its own crew aboard: the crew it flies with cannot matter.
        most = _most_seats(ctx)
        if most is not None and most < needed:
            yield failed(
                f"{seats.total} seats, {_after_launch(ctx)}"
                f"{f', {seats.improvised} improvised in orbit' if seats.improvised else ''}; "
                f"{needed} needed even with none of its own crew aboard",
                f"fit {needed - most} more seats, or send a second vehicle",
                anchor,
            )
            return
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
    # Seats are fitted before launch; a rescuer already docked in the crew's
    # stack has flown, so only places improvised in orbit can still be added.
    launched = ctx.plan.mode is MatingMode.STACK
    addable = 0 if launched else seats.addable
    if addable is not None and free + addable >= needed:
        extra = needed - free
        yield conditional(
            f"{free} free seats{counted}, {needed} needed; {extra} can be added before launch",
            conditions + [f"{extra} extra seat(s) installed before launch, as for the Skylab rescue"],
            Anchor(ctx.rescuer, ("seats", "addable")),
        )
        return
    before = addable or 0
    improvised = seats.improvised or 0  # an improvisation is never assumed
    if improvised and free + before + improvised >= needed:
        extra = needed - free - before
        fitted = [f"{before} extra seat(s) installed before launch"] if before else []
        yield conditional(
            f"{free} free seats{counted}, {needed} needed; {extra} place(s) improvised in orbit without a seat",
            conditions
            + fitted
            + [f"{extra} place(s) improvised in orbit for the rescued crew, an emergency configuration"],
            Anchor(ctx.rescuer, ("seats", "improvised")),
        )
        return
    if addable is None:
        addable_at = Anchor(ctx.rescuer, ("seats", "addable"))
        yield unknown(
            f"{free} free seats{counted}, {needed} needed; whether seats can be added is not known",
            [addable_at],
            anchor,
            requires=[condition([addable_at], ">=", needed - free, "seats")],
        )
        return
    if how == "its nominal crew" and seats.min_crew is None and free + before + improvised + aboard >= needed:
        # Crew before seats: flying with fewer than the nominal crew would make room, but the
        # fewest it can fly with is not published.
        most = seats.total + added + before + improvised - needed
        min_crew = Anchor(ctx.rescuer, ("seats", "min_crew"))
        yield unknown(
            f"{free} free seats with its nominal crew of {aboard}, {before} addable; {needed} needed: "
            f"it would have to fly with at most {most}, and the fewest it can fly with is not known",
            [min_crew],
            anchor,
            requires=[condition([min_crew], "<=", most)],
        )
        return
    after_launch = "already docked, so no seat can be added before launch" if launched else f"{seats.addable} addable"
    yield failed(
        f"{free} free seats with {aboard} aboard ({how}){f', {added} added' if added else ''}, {after_launch}"
        f"{f', {improvised} improvised in orbit' if improvised else ''}; {needed} needed",
        f"fly {ctx.rescuer.id} with fewer crew or fit {needed - free - before - improvised} more seats, or send a second vehicle",
        anchor,
    )


def _after_launch(ctx: RescueContext) -> str:
    """What can still be added: nothing once docked in the crew's stack, else the seats addable before launch."""
    seats = ctx.rescuer.seats
    assert seats is not None
    added = ctx.mission("seats_added") or 0
    said = f"{added} added, " if added else ""
    if ctx.plan.mode is MatingMode.STACK:
        return f"{said}already docked, so no seat can be added before launch"
    return f"{said}{seats.addable} addable"


def _most_seats(ctx: RescueContext) -> int | None:
    """Every place the rescuer could offer with none of its own crew: seats, added, addable, improvised.

    None while whether seats can be added before launch is not known.
    """
    seats = ctx.rescuer.seats
    assert seats is not None and seats.total is not None
    addable = 0 if ctx.plan.mode is MatingMode.STACK else seats.addable
    if addable is None:
        return None
    return seats.total + (ctx.mission("seats_added") or 0) + addable + (seats.improvised or 0)
