"""`interop plan`, `gaps` and `map`: what it would take, what is missing, what mates."""

from __future__ import annotations

from pathlib import Path

import typer

from interop.cli.invocation import (
    _check_format,
    _engine_options,
    _exit_code,
    _fail_usage,
    _invocation,
    _load_specs,
    _project_config,
    _reporter,
    _unknown,
)
from interop.cli.options import (
    JOBS_OPTION,
    LIBRARY_OPTION,
    OUTPUT_OPTION,
    PLAN_FORMAT_OPTION,
    SPECS_OPTION,
    STRICT_OPTION,
)
from interop.cli.validation import emit


def plan(
    ctx: typer.Context,
    system_a: str | None = typer.Argument(None, metavar="SYSTEM_A", help="First transport system id."),
    system_b: str | None = typer.Argument(None, metavar="SYSTEM_B", help="Second transport system id."),
    direction: str | None = typer.Option(
        None,
        "--direction",
        metavar="RESCUER_SYSTEM:DISTRESSED_SYSTEM",
        help="One direction only, RESCUER_SYSTEM:DISTRESSED_SYSTEM (instead of two systems).",
    ),
    scenario_id: str | None = typer.Option(
        None, "--scenario", metavar="ID", help="Plan for a declared rescue scenario."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = PLAN_FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    write_specs: Path | None = typer.Option(
        None,
        "--write-specs",
        metavar="DIR",
        help="Write the catalog the plan read, its changes applied, to the new (or empty) folder DIR.",
    ),
    jobs: int | None = JOBS_OPTION,
) -> None:
    """What would it take: the smallest set of spec changes, checked by the engine, that makes rescue work.

    Exit 0 when the plan is reached (or reached if its requirements are met; --strict: reached only),
    1 when some verdicts stay out of reach."""
    asked = [bool(system_a or system_b), direction is not None, scenario_id is not None]
    if sum(asked) != 1:
        raise _fail_usage("give two systems (interop plan A B), or --direction A:B, or --scenario ID")
    if asked[0] and not (system_a and system_b):
        raise _fail_usage("give two transport systems: interop plan SYSTEM_A SYSTEM_B")
    if direction is not None:
        system_a, _colon, system_b = direction.partition(":")
        if not system_a or not system_b:
            raise _fail_usage(f"--direction takes RESCUER_SYSTEM:DISTRESSED_SYSTEM, not {direction!r}")
    _check_format(format, "plan")
    if write_specs is not None:
        _refuse_folder(write_specs)
    catalog = _load_specs(ctx, specs, library)
    from interop import engine
    from interop.engine.plan import plan_scenario, plan_systems

    options = _engine_options(ctx, strict)
    try:
        if scenario_id is not None:
            result = plan_scenario(catalog, scenario_id, options=options)
        else:
            assert system_a and system_b  # two systems, or a direction A:B: checked above
            result = plan_systems(
                catalog, system_a, system_b, one_way=direction is not None, options=options, jobs=jobs
            )
    except engine.UnknownId as exc:
        raise _unknown(exc, "plan") from None
    report = _reporter(ctx, format, "plan", output, strict=options.strict)
    if write_specs is not None:
        _write_specs(write_specs, catalog, result, _invocation(ctx).read)
    emit(report.plan(result), output, inputs=_invocation(ctx).read)
    from interop.engine.plan import Outcome

    failed = result.outcome is Outcome.NOT_REACHED or (options.strict and result.outcome is not Outcome.REACHED)
    raise typer.Exit(_exit_code(ctx, failed))


def _refuse_folder(folder: Path) -> None:
    """--write-specs writes into a new or empty folder only (checked before any work is done)."""
    if folder.is_symlink():
        raise _fail_usage(f"--write-specs: {folder} is a link; name a new or empty folder")
    if folder.exists():
        if not folder.is_dir():
            raise _fail_usage(f"--write-specs: {folder} exists and is not a folder")
        if any(folder.iterdir()):
            raise _fail_usage(f"--write-specs: {folder} is not empty; name a new or empty folder")


def _write_specs(folder: Path, catalog, result, inputs) -> None:
    """Every file of the patched catalog, each through the safe write path of --output (interop.atomic)."""
    from interop.atomic import CannotWrite, write_atomically
    from interop.engine.plan_changes import patched_files

    _refuse_folder(folder)
    files = patched_files(catalog, [planned.change for planned in result.changes])
    try:
        for name, text in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text, inputs=inputs)
    except (CannotWrite, OSError) as exc:
        raise _fail_usage(f"--write-specs: {exc}") from None


def gaps(
    ctx: typer.Context,
    systems: list[str] = typer.Argument(
        None,
        metavar="SYSTEM",
        show_default=False,
        help="Transport system ids (default: the configuration's, else all).",
    ),
    scenario_ids: list[str] = typer.Option(
        [],
        "--scenario",
        metavar="ID",
        show_default=False,
        help="Rank the unknowns of these scenarios instead (repeatable; 'all' for every one).",
    ),
    all_eras: bool = typer.Option(
        False, "--all-eras", help="Also ask about pairs of systems whose eras do not overlap (as interop matrix)."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = PLAN_FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    jobs: int | None = JOBS_OPTION,
) -> None:
    """The missing values behind UNKNOWN verdicts, ranked by how many verdicts each decides; always exits 0."""
    if systems and scenario_ids:
        raise _fail_usage("give systems or --scenario, not both")
    _check_format(format, "gaps")
    catalog = _load_specs(ctx, specs, library)
    from interop import engine
    from interop.engine.gaps import find_gaps

    options = _engine_options(ctx, None)
    try:
        if scenario_ids:
            wanted = [] if scenario_ids == ["all"] else list(scenario_ids)
            result = find_gaps(catalog, scenarios=wanted, options=options)
        else:
            config = _project_config(ctx)
            configured = config.settings.systems if config else None
            result = find_gaps(catalog, systems or configured or None, options=options, all_eras=all_eras, jobs=jobs)
    except engine.UnknownId as exc:
        raise _unknown(exc, "gaps") from None
    report = _reporter(ctx, format, "gaps", output)
    emit(report.gaps(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, False))


def mechanism_map(
    ctx: typer.Context,
    vehicle: str | None = typer.Option(
        None, "--vehicle", metavar="VEHICLE", help="Also list this vehicle's reachable partners."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = PLAN_FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Which docking interfaces mate, with which roles and genders, and through which catalog adapters."""
    _check_format(format, "map")
    catalog = _load_specs(ctx, specs, library)
    from interop import engine
    from interop.engine.mechanisms import mechanism_map as build_map

    try:
        if vehicle is not None:
            engine.systems._require(catalog.vehicles, "vehicle", vehicle, catalog)
        result = build_map(catalog, vehicle)
    except engine.UnknownId as exc:
        raise _unknown(exc, "map") from None
    report = _reporter(ctx, format, "map", output)
    emit(report.map(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, False))
