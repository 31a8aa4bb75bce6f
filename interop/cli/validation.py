"""`interop validate`, runnable without typer.

:func:`run_validate` is the command's body; the typer command in
:mod:`interop.cli.commands` and the fast path in :func:`interop.cli.main` both
call it. :func:`parse_argv` reads the command line only when it is one of the
plain forms below and returns None for everything else, so typer stays the one
place that explains a malformed command line or prints help:

    interop [--config FILE | --no-config] validate [OPTIONS] PATH... [-- PATH...]

with the options ``--format/-f``, ``--output/-o``, ``--catalog/-c`` (repeatable),
``--max-file-bytes``, ``--max-nodes`` and ``--max-depth``, each as ``--name
VALUE`` or ``--name=VALUE``. Without ``--catalog``, validate reads only the
``specs`` and ``library`` settings of the configuration nearest the working
folder (interop.load.library.validation_context); the global
``--config``/``--no-config`` change nothing here. Typer's import and parameter
set-up are a large part of a cold start (docs/performance.md, round 2).
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# The largest limit the platform can honour: a read of max_file_bytes + 1 bytes
# must fit a C ssize_t.
MAX_LIMIT = sys.maxsize - 1
_COUNT_DIGITS = 100

# option -> (keyword of run_validate, kind); kind "path", "paths" (repeatable),
# "text" or "count" (a whole number >= 1).
OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("format", "text"),
    "-f": ("format", "text"),
    "--output": ("output", "path"),
    "-o": ("output", "path"),
    "--catalog": ("catalog", "paths"),
    "-c": ("catalog", "paths"),
    "--max-file-bytes": ("max_file_bytes", "count"),
    "--max-nodes": ("max_nodes", "count"),
    "--max-depth": ("max_depth", "count"),
}


def parse_argv(argv: list[str]) -> dict | None:
    """Keyword arguments for :func:`run_validate`, or None to let typer parse ``argv``."""
    argv = _without_global_options(argv)
    if not argv or argv[0] != "validate":
        return None
    parsed: dict = {"paths": [], "format": "text", "output": None, "catalog": []}
    rest = iter(argv[1:])
    only_paths = False
    for token in rest:
        if only_paths or token == "-" or not token.startswith("-"):
            parsed["paths"].append(Path(token))
            continue
        if token == "--":
            only_paths = True
            continue
        name, equals, value = token.partition("=")
        if name not in OPTIONS or (equals and not name.startswith("--")):
            return None  # help, an unknown option, or bundled short options: typer's job
        if not equals:
            following = next(rest, None)
            if following is None or (following.startswith("-") and following != "-"):
                return None  # a missing value: typer says so
            value = following
        keyword, kind = OPTIONS[name]
        if kind == "count":
            # ASCII digits only ("²".isdigit() is true), and few enough for int():
            # anything else is typer's to explain; a count past the platform's
            # limit is run_validate's.
            if not (value.isascii() and value.isdigit()) or len(value) > _COUNT_DIGITS or int(value) < 1:
                return None
            parsed[keyword] = int(value)
        elif kind == "paths":
            parsed[keyword].append(Path(value))
        elif kind == "path":
            parsed[keyword] = Path(value)
        else:
            parsed[keyword] = value
    return parsed if parsed["paths"] else None


def _without_global_options(argv: list[str]) -> list[str]:
    """``argv`` after any leading ``--no-config``, ``--config FILE`` or ``--config=FILE``."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--no-config" or (token.startswith("--config=") and len(token) > len("--config=")):
            index += 1
        elif token == "--config" and index + 1 < len(argv) and not argv[index + 1].startswith("-"):
            index += 2
        else:
            break
    return argv[index:]


def emit(text: str, output: Path | None, inputs=()) -> None:
    """The report to standard output, or atomically to ``output``.

    ``inputs`` are the spec files and folders and the configuration the run
    read: the report never replaces one (interop.atomic says what it does
    with links, FIFOs and devices). A report that cannot be written ends the
    run with one line and exit code 2.
    """
    if output is None:
        sys.stdout.write(text)
        return
    from interop.atomic import CannotWrite, write_atomically

    try:
        write_atomically(output, text, inputs=inputs)
    except CannotWrite as exc:
        sys.stderr.write(f"interop: {exc}\n")
        raise SystemExit(EXIT_USAGE) from None


def run_validate(
    paths: list[Path],
    format: str = "text",
    output: Path | None = None,
    catalog: list[Path] | None = None,
    max_file_bytes: int | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
) -> int:
    """Validate ``paths`` (references may point into ``catalog``); report; return the exit code."""
    from dataclasses import replace

    from interop.load import DEFAULT_LIMITS, Unreadable
    from interop.report import renderer_for

    chosen = {"max_file_bytes": max_file_bytes, "max_nodes": max_nodes, "max_depth": max_depth}
    for keyword, value in chosen.items():
        if value is not None and value > MAX_LIMIT:
            option = "--" + keyword.replace("_", "-")
            sys.stderr.write(f"interop: {option} must be at most {MAX_LIMIT} on this platform\n")
            return EXIT_USAGE
    limits = replace(DEFAULT_LIMITS, **{k: v for k, v in chosen.items() if v is not None})
    try:
        render = renderer_for("validation", format)
    except LookupError as exc:
        sys.stderr.write(f"interop: {exc}\n")
        return EXIT_USAGE
    try:
        result = _load_for_validation(paths, limits, catalog)
    except Unreadable as exc:
        sys.stderr.write(exc.finding.format() + "\n")
        return EXIT_USAGE
    emit(render(result.findings, result.files), output, inputs=[*paths, *(catalog or [])])
    return EXIT_PROBLEMS if result.findings else EXIT_OK


def _load_for_validation(paths: list[Path], limits, catalog: list[Path] | None):
    """Load ``paths`` with references into ``catalog``; without one, into the
    project's catalog and the bundled library (interop.load.library)."""
    from interop.load import library, load_catalog

    if catalog:
        return load_catalog(paths, limits, context=catalog)
    return library.load_for_validation(paths, limits)
