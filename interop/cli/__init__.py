"""The command line: parse options, call the library, map to exit codes.

Every command imports what it needs inside its body, so ``interop validate``
never pays for the engine or the reporters it does not use.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

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


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from interop.cli.output import write_atomically

    write_atomically(output, text)


def _fail_usage(message: str) -> "typer.Exit":
    sys.stderr.write(f"interop: {message}\n")
    return typer.Exit(EXIT_USAGE)


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="Spec files and folders (searched recursively)."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
) -> None:
    """Check spec files: syntax, schema, units and cross-references."""
    from interop.load import Unreadable, load_catalog
    from interop.report import validation

    renderers = {"text": validation.render_text, "json": validation.render_json}
    if format not in renderers:
        raise _fail_usage(f"unknown format {format!r} for validate: choose one of {', '.join(renderers)}")
    try:
        result = load_catalog(paths)
    except Unreadable as exc:
        sys.stderr.write(exc.finding.format() + "\n")
        raise typer.Exit(EXIT_USAGE)
    _emit(renderers[format](result.findings, result.files), output)
    raise typer.Exit(EXIT_PROBLEMS if result.findings else EXIT_OK)


@app.command()
def schema(
    check: bool = typer.Option(False, "--check", help="Exit 1 if the committed schemas differ from the models."),
    directory: Optional[Path] = typer.Option(None, "--dir", help="Where the schemas live (default: inside the package)."),
) -> None:
    """Export the JSON Schemas of the spec kinds, or check them for drift."""
    from interop.model import schema as schemas

    target = directory or schemas.SCHEMA_DIR
    if check:
        drifted = schemas.schema_drift(target)
        for path in drifted:
            sys.stderr.write(f"{path}: differs from the models; run 'interop schema' to regenerate\n")
        raise typer.Exit(EXIT_PROBLEMS if drifted else EXIT_OK)
    for path in schemas.write_schemas(target):
        sys.stdout.write(f"wrote {path}\n")
    raise typer.Exit(EXIT_OK)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interop: interrupted\n")
        sys.exit(130)
