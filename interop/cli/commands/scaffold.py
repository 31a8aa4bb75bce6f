"""`interop init` and `new`: set up a repository, write a new spec file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from interop.cli.invocation import _fail_usage
from interop.cli.validation import wrote


def init_project(
    folder: Path = typer.Argument(Path("."), metavar="FOLDER", help="The repository to set up (default: here)."),
) -> None:
    """Set up a repository: interop.toml, specs/ folders per kind, schemas/ for editors; nothing is overwritten."""
    from interop.load.scaffold import ScaffoldError
    from interop.load.scaffold import init_project as initialise

    try:
        written = initialise(folder)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from None
    wrote(written)
    if not written:
        sys.stdout.write("nothing to write: the configuration, spec folders and schemas are there\n")


def new_spec(
    kind: str = typer.Argument(..., metavar="KIND", help="interface, vehicle, system, scenario or transfers."),
    spec_id: str = typer.Argument(..., metavar="ID", help="The new document's id (a lowercase slug)."),
    specs: Path = typer.Option(Path("specs"), "--specs", "-s", metavar="DIR", help="Spec folder to write into."),
    schema_dir: Path | None = typer.Option(
        None,
        "--schema-dir",
        metavar="DIR",
        help="Schemas the $schema comment points at (default: the schemas/ beside the spec folder, as interop init writes it, else the installed package's).",
    ),
) -> None:
    """Write a new spec file (required fields filled, optional ones commented); never overwrites."""
    from interop.load.scaffold import ScaffoldError, kind_named, write_scaffold
    from interop.model.schema import schema_filename

    try:
        kind = kind_named(kind)
        if schema_dir is None and (specs.parent / "schemas" / schema_filename(kind)).is_file():
            # The project's own copy (interop init writes schemas/ beside
            # specs/): it moves with the repository, the package's does not.
            schema_dir = specs.parent / "schemas"
        path = write_scaffold(kind, spec_id, specs, schema_dir)
    except ScaffoldError as exc:
        raise _fail_usage(str(exc)) from None
    wrote([path])
