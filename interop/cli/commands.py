"""The typer commands: parse options, call the library, map to exit codes.

Every command imports what it needs inside its body, so ``interop validate``
never pays for the engine or the reporters it does not use.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from interop.cli.validation import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, emit

app = typer.Typer(
    add_completion=False,
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
    sys.stderr.write(f"interop: {message}\n")
    return typer.Exit(EXIT_USAGE)


# Project configuration, read once per invocation when a command needs it.
_PROJECT: dict = {"path": None, "ignore": False, "loaded": False, "config": None, "problems": []}
# Files and folders the command read (specs, configuration): --output never replaces one.
_READ: list[Path] = []


@app.callback()
def _global_options(
    config: Path | None = typer.Option(
        None,
        "--config",
        help="Project configuration file (default: the nearest interop.toml, or pyproject.toml with \\[tool.interop], from the working folder up to the repository root).",
    ),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore any project configuration."),
) -> None:
    _PROJECT.update(path=config, ignore=no_config, loaded=False, config=None, problems=[])
    _READ.clear()


def _project_config():
    """The project configuration, or None; one that cannot be used ends the command (exit 2)."""
    if _PROJECT["ignore"]:
        return None
    if not _PROJECT["loaded"]:
        from interop.engine.project import load_project_config
        from interop.load.config import search_config

        _PROJECT["loaded"] = True
        path = _PROJECT["path"]
        if path is None:
            # A configuration nobody named decides verdicts: say which one, and
            # pass over one that someone else could have put there.
            search = search_config()
            for ignored, why in search.ignored:
                sys.stderr.write(f"interop: ignoring configuration {ignored}: {why}\n")
            path = search.path
            if path is not None:
                sys.stderr.write(f"interop: using configuration {path}\n")
        result = load_project_config(path) if path is not None else None
        if result is not None:
            _READ.append(Path(path))
            for finding in result.findings:
                sys.stderr.write(finding.format() + "\n")
            if result.fatal:
                raise _fail_usage("the project configuration cannot be used; fix it, or pass --no-config")
            _PROJECT["config"], _PROJECT["problems"] = result.config, result.findings
    return _PROJECT["config"]


def _exit_code(failed: bool) -> int:
    """Problems found, counting the configuration's own (an expired waiver)."""
    return EXIT_PROBLEMS if failed or _PROJECT["problems"] else EXIT_OK


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None, help="Spec files and folders, searched recursively (default: the configuration's specs, else specs)."
    ),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    catalog: list[Path] = typer.Option(
        [],
        "--catalog",
        "-c",
        help="Spec folder that references may point into; only PATHS are reported (for editors and pre-commit).",
    ),
    max_file_bytes: int | None = typer.Option(
        None, "--max-file-bytes", min=1, help="Refuse larger files (default 2 MiB)."
    ),
    max_nodes: int | None = typer.Option(
        None, "--max-nodes", min=1, help="Values per document, aliases expanded (default 50,000)."
    ),
    max_depth: int | None = typer.Option(None, "--max-depth", min=1, help="Nesting depth per document (default 64)."),
) -> None:
    """Check spec files: syntax, schema, units and cross-references."""
    from interop.cli.validation import run_validate

    if not paths:
        from interop.load.library import DEFAULT_SPECS, default_spec_paths

        config = _project_config()
        paths = default_spec_paths(config.specs if config else None) or [DEFAULT_SPECS]
    raise typer.Exit(run_validate(paths, format, output, catalog, max_file_bytes, max_nodes, max_depth))


@app.command()
def schema(
    check: bool = typer.Option(False, "--check", help="Exit 1 if the committed schemas differ from the models."),
    directory: Path | None = typer.Option(None, "--dir", help="Where the schemas live (default: inside the package)."),
) -> None:
    """Export the JSON Schemas of the spec kinds, or check them for drift."""
    from interop.model import schema as schemas

    if directory is not None and directory.exists() and not directory.is_dir():
        raise _fail_usage(f"--dir {directory} is not a folder")
    target = directory or schemas.SCHEMA_DIR
    if check:
        drifted = schemas.schema_drift(target)
        for path in drifted:
            sys.stderr.write(f"{path}: differs from the models; run 'interop schema' to regenerate\n")
        raise typer.Exit(EXIT_PROBLEMS if drifted else EXIT_OK)
    for path in schemas.write_schemas(target):
        sys.stdout.write(f"wrote {path}\n")
    raise typer.Exit(EXIT_OK)


def _load_specs(specs: list[Path], library: bool | None = None):
    """Load the catalog for an engine command (over the bundled library when asked); problems end the command."""
    from interop.load import Unreadable
    from interop.load.library import default_spec_paths, load_specs, wants_library

    config = _project_config()
    specs = specs or default_spec_paths(config.specs if config else None)
    _READ.extend(specs)
    try:
        loaded = load_specs(
            specs, wants_library(specs, library, getattr(config.settings, "library", None) if config else None)
        )
    except Unreadable as exc:
        sys.stderr.write(exc.finding.format() + "\n")
        raise typer.Exit(EXIT_USAGE) from None
    for replacement in loaded.replaced:
        sys.stderr.write(replacement.note() + "\n")
    result = loaded.result
    if result.findings:
        for finding in result.findings:
            sys.stderr.write(finding.format() + "\n")
        sys.stderr.write(
            f"interop: the specs have {len(result.findings)} problem(s); run 'interop validate' and fix them first\n"
        )
        raise typer.Exit(EXIT_PROBLEMS)
    return result.catalog


def _engine_options(strict: bool | None):
    """Engine options from the project configuration; a --strict/--no-strict flag wins."""
    from interop.engine.project import engine_options

    return engine_options(_project_config(), strict=strict)


def _renderer(kind: str, format: str, output: Path | None = None):
    from interop.report import renderer_for, renderer_for_terminal, wants_terminal_colours

    if format == "text" and output is None and wants_terminal_colours(sys.stdout):
        coloured = renderer_for_terminal(kind)
        if coloured is not None:
            return coloured
    try:
        return renderer_for(kind, format)
    except LookupError as exc:
        raise _fail_usage(str(exc)) from None


SPECS_OPTION = typer.Option(
    [],
    "--specs",
    "-s",
    help="Spec folders or files (repeatable; default: the configuration's specs, else ./specs, else the bundled library).",
)
LIBRARY_OPTION = typer.Option(
    None,
    "--library/--no-library",
    help="Check the specs over the bundled spec library (a document of the same kind and id replaces the bundled one). Default: the configuration's library, else only when there are no specs.",
)
FORMAT_OPTION = typer.Option(
    "text", "--format", "-f", help="Report format: text, json, markdown, html, sarif, junit or github."
)
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically).")
STRICT_OPTION = typer.Option(
    None, "--strict/--no-strict", help="Count UNKNOWN as failure (default: the configuration's strict, else no)."
)
FAIL_ON_OPTION = typer.Option(
    None,
    "--fail-on",
    help="Exit 1 at this level: error (a failing finding of severity error), warning (error or warning), unknown (also any UNKNOWN). Default: the configuration's fail_on, else error.",
)


def _fail_level(flag: str | None) -> str:
    from interop.engine.results import FAIL_LEVELS

    config = _project_config()
    configured = getattr(config.settings, "fail_on", None) if config else None
    level = flag or configured or "error"
    if level not in FAIL_LEVELS:
        raise _fail_usage(f"--fail-on takes one of {', '.join(FAIL_LEVELS)}, not {level!r}")
    return level


def _failed(result, fail_on: str | None) -> bool:
    from interop.engine.results import fail_level_reached

    return fail_level_reached(result, _fail_level(fail_on))


@app.command()
def check(
    system_a: str | None = typer.Argument(None, help="First transport system id."),
    system_b: str | None = typer.Argument(None, help="Second transport system id."),
    rescuer: str | None = typer.Option(None, "--rescuer", help="Rescuing vehicle id (instead of two systems)."),
    distressed: str | None = typer.Option(None, "--distressed", help="Vehicle whose crew is in distress."),
    at: str | None = typer.Option(None, "--at", help="Place (regime): leo, nrho, llo, lunar-surface, ..."),
    crew: int | None = typer.Option(
        None, "--crew", min=1, help="Crew to rescue (default: the vehicle's nominal crew)."
    ),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
) -> None:
    """Mutual-rescue report between two systems, or one vehicle rescuing another's crew."""
    vehicle_mode = rescuer is not None or distressed is not None
    if vehicle_mode and (system_a or system_b):
        raise _fail_usage("give either two systems or --rescuer and --distressed, not both")
    if vehicle_mode and not (rescuer and distressed):
        raise _fail_usage("--rescuer and --distressed go together")
    if not vehicle_mode and not (system_a and system_b):
        raise _fail_usage("give two transport systems (interop check SYSTEM_A SYSTEM_B) or --rescuer V --distressed W")
    render = _renderer("vehicles" if vehicle_mode else "systems", format, output)
    catalog = _load_specs(specs, library)
    from interop import engine
    from interop.model.vocabulary import Regime

    options = _engine_options(strict)
    try:
        if vehicle_mode:
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
            result = engine.check_systems(catalog, system_a, system_b, options)
    except engine.UnknownId as exc:
        raise _fail_usage(str(exc)) from None
    emit(render(result), output, inputs=_READ)
    raise typer.Exit(_exit_code(_failed(result, fail_on)))


@app.command()
def scenario(
    scenario_ids: list[str] = typer.Argument(None, help="Scenario ids (default: every scenario in the catalog)."),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
) -> None:
    """Run declared rescue scenarios; exit 1 if one has no good enough responder or misses its expectation."""
    render = _renderer("scenario", format, output)
    catalog = _load_specs(specs, library)
    from interop import engine

    ids = scenario_ids or sorted(catalog.scenarios)
    if len(ids) > 1 and format in ("html", "sarif", "junit"):
        raise _fail_usage(f"a {format} report holds one scenario: name it (interop scenario ID --format {format})")
    texts, failed = [], False
    try:
        for scenario_id in ids:
            result = engine.run_scenario(catalog, scenario_id, _engine_options(strict))
            failed = _failed(result, fail_on) or failed
            texts.append(render(result))
    except engine.UnknownId as exc:
        raise _fail_usage(str(exc)) from None
    emit(
        "".join(texts)
        if format != "json" or len(texts) == 1
        else "[\n" + ",\n".join(t.rstrip() for t in texts) + "\n]\n",
        output,
        inputs=_READ,
    )
    raise typer.Exit(_exit_code(failed))


@app.command()
def matrix(
    systems: list[str] = typer.Argument(None, help="Transport system ids (default: all)."),
    specs: list[Path] = SPECS_OPTION,
    library: bool | None = LIBRARY_OPTION,
    format: str = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
    fail_on: str | None = FAIL_ON_OPTION,
) -> None:
    """Every ordered pair of systems as a grid of direction verdicts."""
    render = _renderer("matrix", format, output)
    catalog = _load_specs(specs, library)
    from interop import engine

    try:
        config = _project_config()
        configured = config.settings.systems if config else None
        result = engine.check_matrix(catalog, systems or configured or None, _engine_options(strict))
    except engine.UnknownId as exc:
        raise _fail_usage(str(exc)) from None
    emit(render(result), output, inputs=_READ)
    raise typer.Exit(_exit_code(_failed(result, fail_on)))


@app.command()
def diff(
    base: str = typer.Argument(
        ..., help="BASE: a spec folder, or a git revision of this repository (origin/main, HEAD~1)."
    ),
    head: str = typer.Argument(..., help="HEAD: a spec folder, or a git revision (HEAD)."),
    paths: list[Path] = typer.Argument(
        None,
        help="After '--': spec paths, in the repository for revisions or inside each folder (default: the configuration's specs, else specs).",
    ),
    systems: list[str] = typer.Option(
        [],
        "--system",
        help="Compare pairs of these systems only (repeatable; default: the configuration's systems, else every system in both).",
    ),
    format: str = typer.Option(
        "text",
        "--format",
        "-f",
        help="Report format: text, json, markdown, sarif, junit or github (annotations on the edited lines).",
    ),
    output: Path | None = OUTPUT_OPTION,
    strict: bool | None = STRICT_OPTION,
) -> None:
    """Verdict changes between two spec trees, with the edits behind them; exit 1 when a verdict got worse."""
    if not base.strip() or not head.strip():
        raise _fail_usage("BASE and HEAD must not be empty: name a spec folder or a git revision")
    render = _renderer("diff", format)
    config = _project_config()
    options = _engine_options(strict)
    from interop.engine.diff import diff_trees
    from interop.load import Unreadable

    if not paths and config is not None and config.specs and not (Path(base).is_dir() and Path(head).is_dir()):
        paths = config.specs
    _READ.extend(Path(tree) for tree in (base, head) if Path(tree).is_dir())
    _READ.extend(paths or [Path("specs")])
    try:
        result = diff_trees(
            base, head, paths or (), systems=systems or (config.settings.systems if config else None), options=options
        )
    except Unreadable as exc:
        sys.stderr.write(exc.finding.format() + "\n")
        raise typer.Exit(EXIT_USAGE) from None
    result.problems += _PROJECT["problems"]
    emit(render(result), output, inputs=_READ)
    raise typer.Exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


@app.command("init")
def init_project(
    folder: Path = typer.Argument(Path("."), help="The repository to set up (default: here)."),
) -> None:
    """Set up a repository: interop.toml, specs/ folders per kind, schemas/ for editors; nothing is overwritten."""
    from interop.load.scaffold import init_project as initialise

    written = initialise(folder)
    for path in written:
        sys.stdout.write(f"wrote {path}\n")
    if not written:
        sys.stdout.write("nothing to write: the configuration, spec folders and schemas are there\n")


@app.command("new")
def new_spec(
    kind: str = typer.Argument(..., metavar="KIND", help="interface, vehicle, system or scenario."),
    spec_id: str = typer.Argument(..., metavar="ID", help="The new document's id (a lowercase slug)."),
    specs: Path = typer.Option(Path("specs"), "--specs", "-s", help="Spec folder to write into."),
    schema_dir: Path | None = typer.Option(
        None, "--schema-dir", help="Schemas for the $schema comment (default: the installed package's)."
    ),
) -> None:
    """Write a new spec file (required fields filled, optional ones commented); never overwrites."""
    from interop.load.scaffold import ScaffoldError, kind_named, write_scaffold

    try:
        path = write_scaffold(kind_named(kind), spec_id, specs, schema_dir)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from None
    sys.stdout.write(f"wrote {path}\n")


@app.command("rules")
def list_rules(
    format: str = typer.Option("text", "--format", "-f", help="text or markdown (the docs/rules.md reference)."),
) -> None:
    """List the rule catalogue."""
    from interop.rules import reference

    if format == "markdown":
        sys.stdout.write(reference.render_markdown())
    elif format == "text":
        sys.stdout.write(reference.render_list())
    else:
        raise _fail_usage(f"unknown format {format!r} for rules: text or markdown")


@app.command()
def explain(code: str = typer.Argument(..., help="Rule code, e.g. DOCK002.")) -> None:
    """Print one rule's documentation."""
    from interop.rules import reference

    text = reference.render_rule(code.upper())
    if text is None:
        raise _fail_usage(f"no rule {code!r}; 'interop rules' lists them")
    sys.stdout.write(text)
