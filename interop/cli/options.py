"""The options and help layout the commands share, in one place.

Each command module (interop.cli.commands.*) takes its options from here, so
one option reads the same in every command's help; the option constants are
typer's declarations (``typer.Option(...)``), used as parameter defaults.
Importing this module costs typer only: the completions import the tables
they list when a shell asks.
"""

from __future__ import annotations

import typer

from interop.cli.validation import COLOUR_CHOICES


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


COLOR_HELP = "Colour text reports: auto (an interactive terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never."


QUIET_HELP = "Findings only: no summary lines, no notes on standard error (which configuration is used, which bundled documents are replaced)."


VERBOSE_HELP = "Also name each spec file read (on standard error) and, in text reports, every row of a system check and the advisory checks that passed."


QUIET_OPTION = typer.Option(False, "--quiet", "-q", help=QUIET_HELP)


COLOR_OPTION = typer.Option(
    None, "--color", metavar="auto|always|never", help=COLOR_HELP, autocompletion=_completing(lambda: COLOUR_CHOICES)
)


VERBOSE_OPTION = typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP)


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


ASSUME_OPTION = typer.Option(
    None,
    "--assume",
    metavar="worst|best",
    help="Take every range in the specs at the end that gives the worst (or best) verdict. Default: both, the verdict at worst and at best with where it splits.",
)


JOBS_OPTION = typer.Option(
    None,
    "--jobs",
    "-j",
    min=1,
    metavar="N",
    help="Processes to share the work (default: one per CPU; one for a small catalog, where processes cost more than they save). The report is the same whatever N is.",
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


PLAN_FORMAT_OPTION = typer.Option(
    "text",
    "--format",
    "-f",
    metavar="FORMAT",
    autocompletion=_completing(_formats),
    help="Report format: text, json, markdown or html.",
)
