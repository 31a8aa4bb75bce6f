"""REACH005: rescuer's programme can fly."""

from __future__ import annotations

from interop.model.finding import Severity
from interop.model.vocabulary import ProgramStatus
from interop.rules.base import Anchor, Domain, Stage, conditional, failed, passed, rule
from interop.rules.context import RescueContext


@rule(
    "REACH005",
    title="Rescuer's programme can fly",
    domain=Domain.REACH,
    stage=Stage.REACH,
    severity=Severity.WARNING,
    pass_example="An operational vehicle.",
    fail_example="A cancelled vehicle.",
)
def programme_status(ctx: RescueContext):
    """A cancelled vehicle will not fly; one still in development can be
    counted on only once it is operational, which the report says. Historical
    vehicles are judged as they were, for studying past cases."""
    status = ctx.rescuer.status
    anchor = Anchor(ctx.rescuer, ("status",))
    if status is ProgramStatus.CANCELLED:
        yield failed(
            f"{ctx.rescuer.id} is cancelled",
            f"assign a vehicle that is operational or in development instead of {ctx.rescuer.id}",
            anchor,
        )
    elif status in (ProgramStatus.IN_DEVELOPMENT, ProgramStatus.PLANNED):
        yield conditional(f"{ctx.rescuer.id} is {status.value}", [f"{ctx.rescuer.id} becomes operational"], anchor)
    else:
        yield passed(f"{ctx.rescuer.id} is {status.value}", anchor)
