"""`interop check`, `scenario` and `matrix`: verdicts for pairs of systems,
vehicles, declared scenarios and every ordered pair of systems."""

from __future__ import annotations

from pathlib import Path

import typer

from interop.cli.invocation import (
    _check_format,
    _engine_options,
    _exit_code,
    _fail_level,
    _fail_usage,
    _failed,
    _invocation,
    _load_specs,
    _project_config,
    _reporter,
    _unknown,
)
from interop.cli.options import (
    ASSUME_OPTION,
    COLOR_OPTION,
    FAIL_ON_OPTION,
    FORMAT_OPTION,
    INCLUDE_PASSES_OPTION,
    JOBS_OPTION,
    LIBRARY_OPTION,
    OUTPUT_OPTION,
    QUIET_OPTION,
    SPECS_OPTION,
    STRICT_OPTION,
    VERBOSE_OPTION,
)
from interop.cli.validation import EXIT_PROBLEMS, emit, say


def check(
    ctx: typer.Context,
    system_a: str | None = typer.Argument(None, metavar="SYSTEM_A", help="First transport system id."),
    system_b: str | None = typer.Argument(None, metavar="SYSTEM_B", help="Second transport system id."),
    rescuer: str | None = typer.Option(
        None, "--rescuer", metavar="VEHICLE", help="Rescuing vehicle id (instead of two systems)."
    ),
    distressed: str | None = typer.Option(
        None, "--distressed", metavar="VEHICLE", help="Vehicle whose crew is in distress."
    ),
    at: str | None = typer.Option(
        None, "--at", metavar="PLACE", help="Place (regime): leo, nrho, llo, lunar-surface, ..."
    ),
    crew: int | None = typer.Option(
        None, "--crew", min=1, metavar="N", help="Crew to rescue (default: the vehicle's nominal crew)."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    assume: str | None = ASSUME_OPTION,
    jobs: int | None = JOBS_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
    include_passes: bool = INCLUDE_PASSES_OPTION,
    color: str | None = COLOR_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
) -> None:
    """Mutual-rescue report between two systems, or one vehicle rescuing another's crew."""
    _invocation(ctx).verbosity(quiet, verbose)
    _invocation(ctx).choose_colour(color)
    vehicle_mode = rescuer is not None or distressed is not None
    if vehicle_mode and (system_a or system_b):
        raise _fail_usage("give either two systems or --rescuer and --distressed, not both")
    if vehicle_mode and not (rescuer and distressed):
        raise _fail_usage("--rescuer and --distressed go together")
    if not vehicle_mode and not (system_a and system_b):
        raise _fail_usage("give two transport systems (interop check SYSTEM_A SYSTEM_B) or --rescuer V --distressed W")
    kind = "vehicles" if vehicle_mode else "systems"
    _check_format(format, kind)
    catalog = _load_specs(ctx, specs, library)
    from interop import engine
    from interop.model.vocabulary import Regime

    options = _engine_options(ctx, strict, assume)
    level = _fail_level(ctx, fail_on)
    try:
        if vehicle_mode:
            assert rescuer and distressed  # both given: checked above
            if at is None:
                places = engine.places_for(catalog, rescuer, distressed)
                if len(places) != 1:
                    listed = ", ".join(p.value for p in places) or "none known"
                    raise _fail_usage(f"say where with --at: {distressed} operates in {listed}")
                place = places[0]
            else:
                try:
                    place = Regime(at)
                except ValueError:
                    raise _fail_usage(f"unknown place {at!r}: one of {', '.join(r.value for r in Regime)}") from None
            result = engine.check_vehicles(catalog, rescuer, distressed, place, crew, options)
        else:
            assert system_a and system_b  # both given: checked above
            result = engine.check_systems(catalog, system_a, system_b, options, jobs=jobs)
    except engine.UnknownId as exc:
        raise _unknown(exc, "check") from None
    report = _reporter(ctx, format, kind, output, strict=options.strict, fail_on=level, include_passes=include_passes)
    emit(getattr(report, kind)(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, _failed(result, level)))


def scenario(
    ctx: typer.Context,
    scenario_ids: list[str] = typer.Argument(
        None, metavar="SCENARIO", show_default=False, help="Scenario ids (default: every scenario in the catalog)."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    assume: str | None = ASSUME_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
    include_passes: bool = INCLUDE_PASSES_OPTION,
    color: str | None = COLOR_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
) -> None:
    """Run declared rescue scenarios; exit 1 if one has no good enough responder or misses its expectation."""
    _invocation(ctx).verbosity(quiet, verbose)
    _invocation(ctx).choose_colour(color)
    _check_format(format, "scenario")
    catalog = _load_specs(ctx, specs, library)
    from interop import engine

    refused = _invocation(ctx).refused
    named_refused = [i for i in scenario_ids or () if i in refused]
    if named_refused:
        say(f"interop: scenario {named_refused[0]} is refused: fix the problems above (interop validate)")
        raise typer.Exit(EXIT_PROBLEMS)
    ids = scenario_ids or sorted(catalog.scenarios)
    if len(ids) > 1:
        _check_format(format, "scenarios", "several scenarios (name one: interop scenario ID)")
    options = _engine_options(ctx, strict, assume)
    level = _fail_level(ctx, fail_on)
    results = []
    try:
        for scenario_id in ids:
            results.append(engine.run_scenario(catalog, scenario_id, options))
    except engine.UnknownId as exc:
        raise _unknown(exc, "scenario") from None
    failed = any([_failed(result, level) for result in results]) or bool(refused and not scenario_ids)
    report = _reporter(
        ctx, format, "scenario", output, strict=options.strict, fail_on=level, include_passes=include_passes
    )
    if len(results) == 1:
        text = report.scenario(results[0])
    else:  # several, or none in the catalog
        text = report.scenarios(results) if report.supports("scenarios") else ""
    emit(text, output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, failed))


def matrix(
    ctx: typer.Context,
    systems: list[str] = typer.Argument(
        None, metavar="SYSTEM", show_default=False, help="Transport system ids (default: all)."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    assume: str | None = ASSUME_OPTION,
    jobs: int | None = JOBS_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
    include_passes: bool = INCLUDE_PASSES_OPTION,
    color: str | None = COLOR_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
    all_eras: bool = typer.Option(
        False,
        "--all-eras",
        help="Also compare systems whose eras do not overlap (by default such pairs are listed as not compared).",
    ),
    by: str = typer.Option(
        "system",
        "--by",
        metavar="system|nation",
        help="nation: the nations' whole fleets (systems that include a nation's others: us, russia...).",
    ),
) -> None:
    """Every ordered pair of systems as a grid of direction verdicts."""
    _invocation(ctx).verbosity(quiet, verbose)
    _invocation(ctx).choose_colour(color)
    _check_format(format, "matrix")
    if by not in ("system", "nation"):
        raise _fail_usage(f"--by takes system or nation, not {by!r}")
    catalog = _load_specs(ctx, specs, library)
    from interop import engine

    options = _engine_options(ctx, strict, assume)
    level = _fail_level(ctx, fail_on)
    try:
        config = _project_config(ctx)
        configured = config.settings.systems if config else None
        if by == "nation":
            systems = engine.nation_fleets(catalog)
        result = engine.check_matrix(
            catalog, systems or configured or None, options, all_eras=all_eras, categorise=True, jobs=jobs
        )
    except engine.UnknownId as exc:
        raise _unknown(exc, "matrix") from None
    report = _reporter(
        ctx, format, "matrix", output, strict=options.strict, fail_on=level, include_passes=include_passes
    )
    emit(report.matrix(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, _failed(result, level)))
