"""`interop validate`: check spec files (syntax, schema, units, cross-references).

The command's body is interop.cli.validation.run_validate, which the fast path
in interop.cli.main also calls without typer.
"""

from __future__ import annotations

from pathlib import Path

import typer

from interop.cli.invocation import _invocation, _project_config
from interop.cli.options import COLOR_OPTION, QUIET_OPTION, VERBOSE_OPTION, _completing, _formats


def _validate_formats() -> str:
    from interop.report import FORMATS

    return ", ".join(FORMATS)


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
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Neither read nor keep answers in the validation cache (INTEROP_CACHE_DIR, else ~/.cache/interop).",
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
            no_cache=no_cache,
        )
    )
