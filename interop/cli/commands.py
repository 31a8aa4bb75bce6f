"""The typer commands: parse options, call the library, map to exit codes.

Every command imports what it needs inside its body, so ``interop validate``
never pays for the engine or the reporters it does not use.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import typer

from interop.cli.validation import (
    COLOUR_CHOICES,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    announce_configuration,
    emit,
    say,
    tell,
    version_line,
)


def _metavar_only(param):
    """Help shows a parameter's metavar (PATH, SYSTEM), never a Python type (<list[Path]>, <bool>).

    typer prints the annotation's type beside every argument and flag, even
    one that has a metavar, and has no setting to stop it: the commands'
    classes below give each parameter this in place of typer's.
    """
    is_flag = getattr(param, "is_flag", False) or getattr(param, "count", False)

    def display_type(ctx=None):
        if is_flag:
            return None
        return param.metavar if param.param_type_name == "option" else None

    return display_type


def _with_metavars_only(params: list) -> list:
    for param in params:
        if "display_type_rich" not in vars(param):
            param.display_type_rich = _metavar_only(param)
    return params


class Command(typer.core.TyperCommand):
    """A typer command whose help shows metavars only (:func:`_metavar_only`)."""

    def get_params(self, ctx):
        return _with_metavars_only(super().get_params(ctx))


class Group(typer.core.TyperGroup):
    """The typer group, its help showing metavars only (:func:`_metavar_only`)."""

    def get_params(self, ctx):
        return _with_metavars_only(super().get_params(ctx))


app = typer.Typer(
    cls=Group,
    add_completion=True,
    no_args_is_help=True,
    help=(
        "Check whether the crewed space transport systems of different nations "
        "can rescue each other's crews.\n\n"
        "Exit codes: 0 nothing at or above the fail level; 1 problems found; "
        "2 usage error or input that could not be read."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _fail_usage(message: str) -> typer.Exit:
    say(f"interop: {message}")
    return typer.Exit(EXIT_USAGE)


@dataclass
class Invocation:
    """What one run of the command line knows beyond a command's own options.

    Kept in typer's context (``ctx.obj``), so that nothing outlives the run.
    """

    config_path: Path | None = None
    ignore_config: bool = False
    loaded: bool = False
    config: object = None
    problems: list = field(default_factory=list)
    """The configuration's own findings (an expired waiver): they fail the run."""
    read: list[Path] = field(default_factory=list)
    """Files and folders the command read (specs, configuration): --output never replaces one."""
    colour: str = "auto"
    quiet: bool = False
    verbose: bool = False

    def choose_colour(self, choice: str | None) -> str:
        """The command's --color, else the global one; a value outside the choices is a usage error."""
        if choice is not None:
            if choice not in COLOUR_CHOICES:
                raise _fail_usage(f"--color takes one of {', '.join(COLOUR_CHOICES)}, not {choice!r}")
            self.colour = choice
        return self.colour

    def verbosity(self, quiet: bool, verbose: bool) -> tuple[bool, bool]:
        """The command's -q/-v joined with the global ones; both together are a usage error."""
        quiet, verbose = quiet or self.quiet, verbose or self.verbose
        if quiet and verbose:
            raise _fail_usage("give --quiet or --verbose, not both")
        self.quiet, self.verbose = quiet, verbose
        return quiet, verbose


def _completing(choices):
    """Shell completion of a fixed set of values (formats, colour choices, fail levels)."""

    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices() if choice.startswith(incomplete)]

    return complete


def _formats() -> tuple[str, ...]:
    from interop.report import FORMATS

    return FORMATS


def _fail_levels() -> tuple[str, ...]:
    from interop.engine.results import FAIL_LEVELS

    return tuple(FAIL_LEVELS)


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(version_line())
        raise typer.Exit(EXIT_OK)


COLOR_HELP = "Colour text reports: auto (an interactive terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never."
QUIET_HELP = "Findings only: no summary lines, no notes on standard error (which configuration is used, which bundled documents are replaced)."
VERBOSE_HELP = "Also name each spec file read (on standard error) and, in text reports, every row of a system check and the advisory checks that passed."


@app.callback()
def _global_options(
    ctx: typer.Context,
    config: Path | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Project configuration file (default: the nearest interop.toml, or pyproject.toml with \\[tool.interop], from the working folder up to the repository root).",
    ),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore any project configuration."),
    color: str = typer.Option(
        "auto",
        "--color",
        metavar="auto|always|never",
        help=COLOR_HELP,
        autocompletion=_completing(lambda: COLOUR_CHOICES),
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
    verbose: bool = typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    ctx.obj = Invocation(config_path=config, ignore_config=no_config, quiet=quiet, verbose=verbose)
    ctx.obj.choose_colour(color)


def _invocation(ctx: typer.Context) -> Invocation:
    root = ctx.find_root()
    if not isinstance(root.obj, Invocation):
        root.obj = Invocation()
    return root.obj


def _project_config(ctx: typer.Context):
    """The project configuration, or None; one that cannot be used ends the command (exit 2)."""
    run = _invocation(ctx)
    if run.ignore_config:
        return None
    if not run.loaded:
        from interop.engine.project import load_project_config

        run.loaded = True
        path = run.config_path
        if path is None:
            # A configuration nobody named decides verdicts: say which one, and
            # pass over one that someone else could have put there.
            path = announce_configuration(run.quiet)
        result = load_project_config(path) if path is not None else None
        if result is not None:
            run.read.append(Path(path))
            for finding in result.findings:
                tell(finding)
            if result.fatal:
                raise _fail_usage("the project configuration cannot be used; fix it, or pass --no-config")
            run.config, run.problems = result.config, result.findings
    return run.config


def _exit_code(ctx: typer.Context, failed: bool) -> int:
    """Problems found, counting the configuration's own (an expired waiver)."""
    return EXIT_PROBLEMS if failed or _invocation(ctx).problems else EXIT_OK


QUIET_OPTION = typer.Option(False, "--quiet", "-q", help=QUIET_HELP)
COLOR_OPTION = typer.Option(
    None, "--color", metavar="auto|always|never", help=COLOR_HELP, autocompletion=_completing(lambda: COLOUR_CHOICES)
)
VERBOSE_OPTION = typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP)


def _validate_formats() -> str:
    from interop.report import FORMATS

    return ", ".join(FORMATS)


@app.command(cls=Command)
def validate(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        None,
        metavar="PATH",
        help="Spec files and folders, searched recursively; - reads one spec from standard input (default: the configuration's specs, else specs).",
        show_default=False,
    ),
    format: str = typer.Option(
        "text",
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Report format: {_validate_formats()}.",
        autocompletion=_completing(_formats),
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically)."
    ),
    catalog: list[Path] = typer.Option(
        [],
        "--catalog",
        "-c",
        metavar="PATH",
        help="Spec folder that references may point into; only PATHS are reported (for editors and pre-commit).",
        show_default=False,
    ),
    max_file_bytes: int | None = typer.Option(
        None, "--max-file-bytes", min=1, metavar="N", help="Refuse larger files (default 2 MiB)."
    ),
    max_nodes: int | None = typer.Option(
        None, "--max-nodes", min=1, metavar="N", help="Values per document, aliases expanded (default 50,000)."
    ),
    max_depth: int | None = typer.Option(
        None, "--max-depth", min=1, metavar="N", help="Nesting depth per document (default 64)."
    ),
    stdin_filename: str | None = typer.Option(
        None,
        "--stdin-filename",
        metavar="NAME",
        help="The file name positions give for the spec read from - (default <stdin>); references resolve as for a file of that name.",
    ),
    color: str | None = COLOR_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
) -> None:
    """Check spec files: syntax, schema, units and cross-references."""
    from interop.cli.validation import run_validate

    run = _invocation(ctx)
    quiet, verbose = run.verbosity(quiet, verbose)
    run.choose_colour(color)
    # The configuration decides which catalog references resolve against: the
    # one named with --config, else the trusted one found (named on stderr once).
    configuration, searched = run.config_path, False
    if not paths:
        from interop.load.library import DEFAULT_SPECS, default_spec_paths

        config = _project_config(ctx)
        searched = True
        configuration = Path(config.file) if config is not None and config.file else None
        paths = default_spec_paths(config.specs if config else None) or [DEFAULT_SPECS]
    raise typer.Exit(
        run_validate(
            paths,
            format,
            output,
            catalog,
            max_file_bytes,
            max_nodes,
            max_depth,
            stdin_filename,
            quiet,
            verbose,
            run.colour,
            config=configuration,
            no_config=run.ignore_config or (searched and configuration is None),
        )
    )


@app.command(cls=Command)
def schema(
    check: bool = typer.Option(False, "--check", help="Exit 1 if the committed schemas differ from the models."),
    directory: Path | None = typer.Option(
        None, "--dir", metavar="DIR", help="Where the schemas live (default: inside the package)."
    ),
) -> None:
    """Export the JSON Schemas of the spec kinds, or check them for drift."""
    from interop.model import schema as schemas

    if directory is not None and directory.exists() and not directory.is_dir():
        raise _fail_usage(f"--dir {directory} is not a folder")
    target = directory or schemas.SCHEMA_DIR
    if check:
        drifted = schemas.schema_drift(target)
        for path in drifted:
            say(f"{path}: differs from the models; run 'interop schema' to regenerate")
        raise typer.Exit(EXIT_PROBLEMS if drifted else EXIT_OK)
    for written in schemas.write_schemas(target):
        sys.stdout.write(f"wrote {written}\n")
    raise typer.Exit(EXIT_OK)


def _load_specs(ctx: typer.Context, specs: list[Path], library: bool | None = None):
    """Load the catalog for an engine command (over the bundled library when asked); problems end the command."""
    from interop.load import Unreadable
    from interop.load.library import default_spec_paths, load_specs, wants_library

    run = _invocation(ctx)
    config = _project_config(ctx)
    specs = specs or default_spec_paths(config.specs if config else None)
    run.read.extend(specs)
    with_library = wants_library(specs, library, getattr(config.settings, "library", None) if config else None)
    try:
        loaded = load_specs(specs, with_library)
        if run.verbose:
            _name_files_read(specs, with_library)
    except Unreadable as exc:
        tell(exc.finding)
        raise typer.Exit(EXIT_USAGE) from None
    if not run.quiet:
        for replacement in loaded.replaced:
            say(replacement.note())
    result = loaded.result
    if result.findings:
        for finding in result.findings:
            tell(finding)
        say(f"interop: the specs have {len(result.findings)} problem(s); run 'interop validate' and fix them first")
        raise typer.Exit(EXIT_PROBLEMS)
    return result.catalog


def _name_files_read(specs: list[Path], with_library: bool) -> None:
    from interop.load.files import discover
    from interop.load.library import bundled_specs

    for path in discover(specs)[0]:
        say(f"interop: read {path}")
    if with_library:
        say(f"interop: read the bundled spec library ({bundled_specs()})")


def _engine_options(ctx: typer.Context, strict: bool | None):
    """Engine options from the project configuration; a --strict/--no-strict flag wins."""
    from interop.engine.project import engine_options

    return engine_options(_project_config(ctx), strict=strict)


def _check_format(format: str, kind: str, noun: str | None = None) -> None:
    """A usage error, before any work, unless ``format`` reports ``kind``."""
    from interop.report import FORMATS, Unsupported, check_supported

    try:
        if format not in FORMATS:  # "terminal" is chosen for the user, never named
            raise Unsupported(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
        check_supported(format, kind, noun)
    except Unsupported as exc:
        raise _fail_usage(str(exc)) from None


def _reporter(ctx: typer.Context, format: str, kind: str, output: Path | None, **options):
    """The reporter for this run: text asking for colour (--color) gets the coloured one,
    as wide as the terminal when it goes to one."""
    from interop.report import ReportOptions, reporter, reporter_class, wants_terminal_colours

    run = _invocation(ctx)
    to_terminal = output is None and bool(getattr(sys.stdout, "isatty", lambda: False)())
    colour = format == "text" and (
        run.colour == "always" or (output is None and wants_terminal_colours(sys.stdout, run.colour))
    )
    if colour and reporter_class("terminal").supports(kind):
        format = "terminal"
    return reporter(
        format,
        ReportOptions(colour=colour, width=_width(to_terminal), quiet=run.quiet, verbose=run.verbose, **options),
    )


def _width(to_terminal: bool) -> int:
    """The terminal's width (COLUMNS first, as shutil reads it), else 80; never below 40."""
    if not to_terminal:
        return 80
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


SPECS_OPTION = typer.Option(
    [],
    "--specs",
    "-s",
    metavar="PATH",
    show_default=False,
    help="Spec folders or files (repeatable; default: the configuration's specs, else ./specs, else the bundled library).",
)
LIBRARY_OPTION = typer.Option(
    None,
    "--library/--no-library",
    help="Check the specs over the bundled spec library (a document of the same kind and id replaces the bundled one). Default: the configuration's library, else only when there are no specs.",
)
FORMAT_OPTION = typer.Option(
    "text",
    "--format",
    "-f",
    metavar="FORMAT",
    autocompletion=_completing(_formats),
    help="Report format: text, json, markdown, html, sarif, junit or github.",
)
OUTPUT_OPTION = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically).")
STRICT_OPTION = typer.Option(
    None, "--strict/--no-strict", help="Count UNKNOWN as failure (default: the configuration's strict, else no)."
)
FAIL_ON_OPTION = typer.Option(
    None,
    "--fail-on",
    metavar="error|warning|unknown",
    autocompletion=_completing(_fail_levels),
    help="Exit 1 at this level: error (a failing finding of severity error), warning (error or warning), unknown (also any UNKNOWN). Default: the configuration's fail_on, else error.",
)
INCLUDE_PASSES_OPTION = typer.Option(
    False,
    "--include-passes",
    help="SARIF and GitHub formats: list PASS findings too (by default they list what to act on).",
)


def _unknown(exc, command: str) -> typer.Exit:
    """An id the catalog lacks; when it is a document of another kind, which option takes that kind."""
    ident = exc.ident
    if exc.found == "transport system" and exc.wanted == "vehicle":
        return _fail_usage(
            f"{ident} is a transport system: give two systems as arguments (interop check {ident} OTHER)"
        )
    if exc.found == "vehicle" and exc.wanted == "transport system":
        if command == "check":
            return _fail_usage(
                f"{ident} is a vehicle: use --rescuer/--distressed (interop check --rescuer {ident} --distressed OTHER)"
            )
        return _fail_usage(
            f"{ident} is a vehicle: interop {command} takes transport systems; for vehicles use interop check --rescuer/--distressed"
        )
    return _fail_usage(str(exc))


def _fail_level(ctx: typer.Context, flag: str | None) -> str:
    from interop.engine.results import FAIL_LEVELS

    config = _project_config(ctx)
    configured = getattr(config.settings, "fail_on", None) if config else None
    level = flag or configured or "error"
    if level not in FAIL_LEVELS:
        raise _fail_usage(f"--fail-on takes one of {', '.join(FAIL_LEVELS)}, not {level!r}")
    return level


def _failed(result, level: str) -> bool:
    from interop.engine.results import fail_level_reached

    return fail_level_reached(result, level)


@app.command(cls=Command)
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

    options = _engine_options(ctx, strict)
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
            result = engine.check_systems(catalog, system_a, system_b, options)
    except engine.UnknownId as exc:
        raise _unknown(exc, "check") from None
    report = _reporter(ctx, format, kind, output, strict=options.strict, fail_on=level, include_passes=include_passes)
    emit(getattr(report, kind)(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, _failed(result, level)))


@app.command(cls=Command)
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

    ids = scenario_ids or sorted(catalog.scenarios)
    if len(ids) > 1:
        _check_format(format, "scenarios", "several scenarios (name one: interop scenario ID)")
    options = _engine_options(ctx, strict)
    level = _fail_level(ctx, fail_on)
    results = []
    try:
        for scenario_id in ids:
            results.append(engine.run_scenario(catalog, scenario_id, options))
    except engine.UnknownId as exc:
        raise _unknown(exc, "scenario") from None
    failed = any([_failed(result, level) for result in results])
    report = _reporter(
        ctx, format, "scenario", output, strict=options.strict, fail_on=level, include_passes=include_passes
    )
    if len(results) == 1:
        text = report.scenario(results[0])
    else:  # several, or none in the catalog
        text = report.scenarios(results) if report.supports("scenarios") else ""
    emit(text, output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, failed))


@app.command(cls=Command)
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
) -> None:
    """Every ordered pair of systems as a grid of direction verdicts."""
    _invocation(ctx).verbosity(quiet, verbose)
    _invocation(ctx).choose_colour(color)
    _check_format(format, "matrix")
    catalog = _load_specs(ctx, specs, library)
    from interop import engine

    options = _engine_options(ctx, strict)
    level = _fail_level(ctx, fail_on)
    try:
        config = _project_config(ctx)
        configured = config.settings.systems if config else None
        result = engine.check_matrix(catalog, systems or configured or None, options, all_eras=all_eras)
    except engine.UnknownId as exc:
        raise _unknown(exc, "matrix") from None
    report = _reporter(
        ctx, format, "matrix", output, strict=options.strict, fail_on=level, include_passes=include_passes
    )
    emit(report.matrix(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, _failed(result, level)))


@app.command(cls=Command)
def diff(
    ctx: typer.Context,
    base: str = typer.Argument(
        ..., metavar="BASE", help="BASE: a spec folder, or a git revision of this repository (origin/main, HEAD~1)."
    ),
    head: str = typer.Argument(..., metavar="HEAD", help="HEAD: a spec folder, or a git revision (HEAD)."),
    paths: list[Path] = typer.Argument(
        None,
        metavar="PATH",
        show_default=False,
        help="After '--': spec paths, in the repository for revisions or inside each folder (default: the configuration's specs, else specs).",
    ),
    systems: list[str] = typer.Option(
        [],
        "--system",
        metavar="SYSTEM",
        show_default=False,
        help="Compare pairs of these systems only (repeatable; default: the configuration's systems, else every system in both).",
    ),
    format: str = typer.Option(
        "text",
        "--format",
        "-f",
        metavar="FORMAT",
        autocompletion=_completing(_formats),
        help="Report format: text, json, markdown, sarif, junit or github (annotations on the edited lines).",
    ),
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    color: str | None = COLOR_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
) -> None:
    """Verdict changes between two spec trees, with the edits behind them; exit 1 when a verdict got worse."""
    _invocation(ctx).verbosity(quiet, verbose)
    _invocation(ctx).choose_colour(color)
    if not base.strip() or not head.strip():
        raise _fail_usage("BASE and HEAD must not be empty: name a spec folder or a git revision")
    _check_format(format, "diff")
    config = _project_config(ctx)
    options = _engine_options(ctx, strict)
    from interop.engine.diff import diff_trees
    from interop.load import Unreadable

    if not paths and config is not None and config.specs and not (Path(base).is_dir() and Path(head).is_dir()):
        paths = config.specs
    _invocation(ctx).read.extend(Path(tree) for tree in (base, head) if Path(tree).is_dir())
    _invocation(ctx).read.extend(paths or [Path("specs")])
    try:
        result = diff_trees(
            base, head, paths or (), systems=systems or (config.settings.systems if config else None), options=options
        )
    except Unreadable as exc:
        tell(exc.finding)
        raise typer.Exit(EXIT_USAGE) from None
    result.problems += _invocation(ctx).problems
    report = _reporter(ctx, format, "diff", output, strict=options.strict)
    emit(report.diff(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


PLAN_FORMAT_OPTION = typer.Option(
    "text",
    "--format",
    "-f",
    metavar="FORMAT",
    autocompletion=_completing(_formats),
    help="Report format: text, json, markdown or html.",
)


@app.command(cls=Command)
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
) -> None:
    """What would it take: the smallest set of spec changes, checked by the engine, that makes rescue work.

    Exit 0 when the re-run with the changes meets the goal, 1 when some verdicts stay out of reach."""
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
    catalog = _load_specs(ctx, specs, library)
    from interop import engine
    from interop.engine.plan import plan_scenario, plan_systems

    options = _engine_options(ctx, strict)
    try:
        if scenario_id is not None:
            result = plan_scenario(catalog, scenario_id, options=options)
        else:
            assert system_a and system_b  # two systems, or a direction A:B: checked above
            result = plan_systems(catalog, system_a, system_b, one_way=direction is not None, options=options)
    except engine.UnknownId as exc:
        raise _unknown(exc, "plan") from None
    report = _reporter(ctx, format, "plan", output, strict=options.strict)
    emit(report.plan(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, not result.reached))


@app.command(cls=Command)
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
            result = find_gaps(catalog, systems or configured or None, options=options, all_eras=all_eras)
    except engine.UnknownId as exc:
        raise _unknown(exc, "gaps") from None
    report = _reporter(ctx, format, "gaps", output)
    emit(report.gaps(result), output, inputs=_invocation(ctx).read)
    raise typer.Exit(_exit_code(ctx, False))


@app.command("map", cls=Command)
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


@app.command("init", cls=Command)
def init_project(
    folder: Path = typer.Argument(Path("."), metavar="FOLDER", help="The repository to set up (default: here)."),
) -> None:
    """Set up a repository: interop.toml, specs/ folders per kind, schemas/ for editors; nothing is overwritten."""
    from interop.load.scaffold import init_project as initialise

    written = initialise(folder)
    for path in written:
        sys.stdout.write(f"wrote {path}\n")
    if not written:
        sys.stdout.write("nothing to write: the configuration, spec folders and schemas are there\n")


@app.command("new", cls=Command)
def new_spec(
    kind: str = typer.Argument(..., metavar="KIND", help="interface, vehicle, system or scenario."),
    spec_id: str = typer.Argument(..., metavar="ID", help="The new document's id (a lowercase slug)."),
    specs: Path = typer.Option(Path("specs"), "--specs", "-s", metavar="DIR", help="Spec folder to write into."),
    schema_dir: Path | None = typer.Option(
        None, "--schema-dir", metavar="DIR", help="Schemas for the $schema comment (default: the installed package's)."
    ),
) -> None:
    """Write a new spec file (required fields filled, optional ones commented); never overwrites."""
    from interop.load.scaffold import ScaffoldError, kind_named, write_scaffold

    try:
        path = write_scaffold(kind_named(kind), spec_id, specs, schema_dir)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from None
    sys.stdout.write(f"wrote {path}\n")


@app.command("rules", cls=Command)
def list_rules(
    format: str = typer.Option(
        "text", "--format", "-f", metavar="FORMAT", help="text or markdown (the docs/rules.md reference)."
    ),
) -> None:
    """List the rule catalogue."""
    from interop.rules import reference

    if format == "markdown":
        sys.stdout.write(reference.render_markdown())
    elif format == "text":
        sys.stdout.write(reference.render_list())
    else:
        raise _fail_usage(f"unknown format {format!r} for rules: text or markdown")


@app.command(cls=Command)
def explain(
    code: str = typer.Argument(
        ..., metavar="CODE", help="A code the tool prints: a rule (DOCK002), SPEC001, CONF011, DIFF001."
    ),
) -> None:
    """Explain a code the tool prints: a rule, a spec problem (SPEC), a configuration problem (CONF) or a diff change (DIFF)."""
    from interop.cli.codes import explanation, suggestion

    text = explanation(code)
    if text is None:
        raise _fail_usage(suggestion(code))
    sys.stdout.write(text)
