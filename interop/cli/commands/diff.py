"""`interop diff`: verdict changes between two spec trees (folders or git revisions)."""

from __future__ import annotations

from pathlib import Path

import typer

from interop.cli.invocation import (
    _check_format,
    _engine_options,
    _fail_usage,
    _invocation,
    _project_config,
    _reporter,
)
from interop.cli.options import (
    COLOR_OPTION,
    OUTPUT_OPTION,
    QUIET_OPTION,
    STRICT_OPTION,
    VERBOSE_OPTION,
    _completing,
    _formats,
)
from interop.cli.validation import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, emit, say, tell


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
    if _invocation(ctx).verbose:
        _say_trees(base, head, paths)
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


def _say_trees(base: str, head: str, paths: list[Path] | None) -> None:
    """Under ``-v``: the two catalogs compared, one line each; the bundled library is never read."""
    from interop.load import Unreadable
    from interop.load.git import load_spec_tree

    for role, tree in (("base", base), ("head", head)):
        what = "folder" if Path(tree).is_dir() else "revision"
        try:
            count = len(load_spec_tree(tree, paths or ()).catalog)
        except Unreadable:
            continue  # the diff itself says why
        within = f" {', '.join(map(str, paths))}" if paths else ""
        say(f"interop: catalog: {tree}{within} ({role} {what}, {count} document{'' if count == 1 else 's'})")
    say("interop: library: not read (a diff compares the two trees alone)")
