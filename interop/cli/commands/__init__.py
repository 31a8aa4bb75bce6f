"""The typer app: the global options, and every command, one module per family.

    validate                  interop.cli.commands.validate
    check, scenario, matrix   interop.cli.commands.checks
    diff                      interop.cli.commands.diff
    plan, gaps, map           interop.cli.commands.planning
    init, new                 interop.cli.commands.scaffold
    schema, rules, explain    interop.cli.commands.reference

The options they share live in interop.cli.options and the state of a run in
interop.cli.invocation. Every command imports what it needs inside its body,
so ``interop validate`` never pays for the engine or the reporters it does
not use; the commands are registered here in the order help lists them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from interop.cli.commands import checks, diff, planning, reference, scaffold, validate
from interop.cli.invocation import Invocation
from interop.cli.options import COLOR_HELP, QUIET_HELP, VERBOSE_HELP, Command, Group, _completing
from interop.cli.validation import COLOUR_CHOICES, EXIT_OK, version_line

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


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(version_line())
        raise typer.Exit(EXIT_OK)


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


app.command(cls=Command)(validate.validate)
app.command(cls=Command)(reference.schema)
app.command(cls=Command)(checks.check)
app.command(cls=Command)(checks.scenario)
app.command(cls=Command)(checks.matrix)
app.command(cls=Command)(diff.diff)
app.command(cls=Command)(planning.plan)
app.command(cls=Command)(planning.gaps)
app.command("map", cls=Command)(planning.mechanism_map)
app.command("init", cls=Command)(scaffold.init_project)
app.command("new", cls=Command)(scaffold.new_spec)
app.command("rules", cls=Command)(reference.list_rules)
app.command(cls=Command)(reference.explain)
