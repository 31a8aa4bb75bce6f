"""`interop schema`, `rules` and `explain`: the schemas, the rule catalogue, the codes."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import typer

from interop.cli.invocation import _fail_usage
from interop.cli.validation import EXIT_OK, EXIT_PROBLEMS, say, wrote


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
        # The command that rewrites the folder that was checked: plain
        # `interop schema` writes into the package, not into a --dir copy.
        fix = "interop schema" if directory is None else f"interop schema --dir {shlex.quote(str(directory))}"
        for path in drifted:
            say(f"{path}: differs from the models; run '{fix}' to regenerate")
        raise typer.Exit(EXIT_PROBLEMS if drifted else EXIT_OK)
    from interop.atomic import CannotWrite

    try:
        written = schemas.write_schemas(target)
    except CannotWrite as exc:
        raise _fail_usage(str(exc)) from None
    wrote(written)
    raise typer.Exit(EXIT_OK)


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
