"""What one run of the command line shares between its steps: the global options,
the project configuration, the catalog, the reporter and the exit code.

The command modules (interop.cli.commands.*) call these helpers; each imports
the library only when a command asks for it, so ``interop validate`` never
pays for the engine or the reporters it does not use.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from interop.cli.validation import (
    COLOUR_CHOICES,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    announce_configuration,
    say,
    say_read,
    tell,
)

if TYPE_CHECKING:
    from interop.load.library import LibraryRead


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
    refused: dict = field(default_factory=dict)
    """Scenario id -> the findings that refused it (interop.load.catalog.set_aside_refused_scenarios)."""
    """The configuration's own findings (an expired waiver): they fail the run."""
    read: list[Path] = field(default_factory=list)
    """Files and folders the command read (specs, configuration): --output never replaces one."""
    colour: str = "auto"
    quiet: bool = False
    verbose: bool = False
    library: LibraryRead | None = None
    """The documents the run read from the bundled library (interop.load.library.LibraryRead), or None."""

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
            _name_files_read(specs)
    except Unreadable as exc:
        tell(exc.finding)
        raise typer.Exit(EXIT_USAGE) from None
    run.library = loaded.library
    if run.verbose:
        say_read(specs, loaded.result.catalog, loaded.library)
    if not run.quiet:
        for replacement in loaded.replaced:
            say(replacement.note())
    result = loaded.result
    from interop.load.catalog import set_aside_refused_scenarios
    from interop.model.finding import Severity

    # A scenario with problems is refused on its own: the rest of the catalog
    # stays usable (issue 26). `interop scenario` reports it as a problem.
    run.refused = set_aside_refused_scenarios(result)
    for ident, findings in sorted(run.refused.items()):
        for finding in findings:
            tell(finding, run.library, run.verbose)
        say(f"interop: scenario {ident} is refused ({len(findings)} problem(s)); the rest of the catalog is used")
    problems = [f for f in result.findings if f.severity is not Severity.WARNING]
    for finding in result.findings:
        if finding.severity is Severity.WARNING:
            tell(finding, run.library, run.verbose)  # a warning (a deprecated field): said, never blocking
    if problems:
        for finding in problems:
            tell(finding, run.library, run.verbose)
        say(f"interop: the specs have {len(problems)} problem(s); run 'interop validate' and fix them first")
        raise typer.Exit(EXIT_PROBLEMS)
    return result.catalog


def _name_files_read(specs: list[Path]) -> None:
    from interop.load.files import discover

    for path in discover(specs)[0]:
        say(f"interop: read {path}")


def _engine_options(ctx: typer.Context, strict: bool | None, assume: str | None = None):
    """Engine options from the project configuration; a --strict/--no-strict flag wins; --assume as given."""
    from interop.engine.project import engine_options
    from interop.engine.ranges import ASSUME_CHOICES

    if assume is not None and assume not in ASSUME_CHOICES:
        raise _fail_usage(f"--assume takes {' or '.join(ASSUME_CHOICES)}, not {assume!r}")
    options = engine_options(_project_config(ctx), strict=strict)
    options.assume = assume
    return options


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
        ReportOptions(
            colour=colour,
            width=_width(to_terminal),
            quiet=run.quiet,
            verbose=run.verbose,
            library=run.library,
            **options,
        ),
    )


def _width(to_terminal: bool) -> int:
    """The terminal's width (COLUMNS first, as shutil reads it), else 80; never below 40.

    Output that goes to no terminal is 80 wide unless COLUMNS names a width."""
    if not to_terminal:
        import os

        columns = os.environ.get("COLUMNS", "")
        return max(40, int(columns)) if columns.isdigit() else 80
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


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
