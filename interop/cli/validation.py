"""`interop validate`, runnable without typer.

:func:`run_validate` is the command's body; the typer command in
:mod:`interop.cli.commands.validate` and the fast path in :func:`interop.cli.main` both
call it. :func:`parse_argv` reads the command line only when it is one of the
plain forms below and returns None for everything else, so typer stays the one
place that explains a malformed command line or prints help:

    interop [GLOBAL OPTIONS] validate [OPTIONS] PATH... [-- PATH...]
    interop [GLOBAL OPTIONS] --version

with the global options ``--config FILE``, ``--no-config``, ``--color WHEN``,
``-q/--quiet`` and ``-v/--verbose``, and the options ``--format/-f``,
``--output/-o``, ``--catalog/-c`` (repeatable), ``--max-file-bytes``,
``--max-nodes``, ``--max-depth``, ``--stdin-filename`` (each as ``--name
VALUE`` or ``--name=VALUE``), ``-q/--quiet`` and ``-v/--verbose``. Without ``--catalog``, validate reads only the
``specs`` and ``library`` settings of the configuration nearest the working
folder (interop.load.library.validation_context); the global
``--config``/``--no-config`` change nothing here. Typer's import and parameter
set-up are a large part of a cold start (docs/performance.md, round 2).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from interop.model.finding import Severity


def say(line: str) -> None:
    """One line on standard error, escaped as a text report is: paths and ids
    in it are free text (a file name can hold escape sequences or a newline)."""
    from interop.report.escape import plain

    sys.stderr.write(plain(line) + "\n")


def wrote(paths) -> None:
    """``wrote PATH`` on standard output for each path, escaped as every report line
    is (a name holding a newline and ``::`` never starts a line of its own)."""
    from interop.report.escape import plain

    for path in paths:
        sys.stdout.write(plain(f"wrote {path}") + "\n")


def tell(finding, library=None, verbose: bool = False) -> None:
    """A finding on standard error, its text escaped and its position named as in a text report
    (``library``: the documents read from the bundled library, interop.load.library.LibraryRead)."""
    from interop.report import records
    from interop.report.escape import plain

    sys.stderr.write(records.cleaned(finding, plain, library, verbose).format() + "\n")


def say_read(catalogs: list, catalog, library=None) -> None:
    """Under ``-v``: which catalogs and which library the run read, one line each with its documents.

    ``catalogs`` are the spec paths read as the user's (named, configured or
    the ``./specs`` found), ``catalog`` what was loaded, ``library`` the
    documents taken from the bundled library (interop.load.library.LibraryRead)
    or None when it was not read."""
    from interop.load.library import documents_in

    for path in catalogs:
        count = documents_in(catalog, path, library)
        say(f"interop: catalog: {path} ({_documents(count)})")
    if not catalogs:
        say("interop: catalog: none (no spec path named, none in the configuration, no ./specs)")
    if library is not None:
        say(f"interop: library: {library.root} (bundled, {_documents(len(library))})")


def _documents(count: int) -> str:
    return f"{count} document" + ("" if count == 1 else "s")


def announce_configuration(quiet: bool = False):
    """The trusted configuration found by walking up, named on stderr (the ignored ones too), or None."""
    from interop.load.config import search_config

    search = search_config()
    for ignored, why in search.ignored:
        say(f"interop: ignoring configuration {ignored}: {why}")
    if search.path is not None and not quiet:
        say(f"interop: using configuration {search.path}")
    return search.path


EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# The largest limit the platform can honour: a read of max_file_bytes + 1 bytes
# must fit a C ssize_t.
MAX_LIMIT = sys.maxsize - 1
_COUNT_DIGITS = 100
STDIN = "-"
COLOUR_CHOICES = ("auto", "always", "never")  # interop.report.COLOUR_CHOICES, without importing it

# option -> (keyword of run_validate, kind); kind "path", "paths" (repeatable),
# "text", "flag" or "count" (a whole number >= 1).
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
    "--stdin-filename": ("stdin_filename", "text"),
    "--no-cache": ("no_cache", "flag"),
    "--color": ("color", "text"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--verbose": ("verbose", "flag"),
    "-v": ("verbose", "flag"),
}

# The options before the command (interop.cli.commands._global_options) that
# the fast path reads: option -> (keyword, kind) as above.
GLOBAL_OPTIONS: dict[str, tuple[str, str]] = {
    "--config": ("config", "path"),
    "--no-config": ("no_config", "flag"),
    "--color": ("color", "text"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--verbose": ("verbose", "flag"),
    "-v": ("verbose", "flag"),
}


def version_line() -> str:
    from interop import __version__

    return f"interop {__version__}\n"


def parse_argv(argv: list[str]) -> dict | None:
    """Keyword arguments for :func:`run_validate`, or None to let typer parse ``argv``.

    ``interop --version`` gives ``{"version": True}``.
    """
    split = _global_options(argv)
    if split is None:
        return None
    chosen, argv = split
    if argv == ["--version"]:
        return {"version": True}
    if not argv or argv[0] != "validate":
        return None
    parsed: dict = {"paths": [], "format": "text", "output": None, "catalog": []}
    rest = iter(argv[1:])
    only_paths = False
    for token in rest:
        if only_paths or token == STDIN or not token.startswith("-"):
            parsed["paths"].append(Path(token))
            continue
        if token == "--":
            only_paths = True
            continue
        name, equals, value = token.partition("=")
        if name not in OPTIONS or (equals and not name.startswith("--")):
            return None  # help, an unknown option, or bundled short options: typer's job
        keyword, kind = OPTIONS[name]
        if kind == "flag":
            if equals:
                return None  # a flag takes no value: typer says so
            parsed[keyword] = True
            continue
        if not equals:
            following = next(rest, None)
            if following is None or (following.startswith("-") and following != "-"):
                return None  # a missing value: typer says so
            value = following
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
    if not parsed["paths"]:
        return None
    if "config" in chosen:
        parsed["config"] = chosen["config"]
    if chosen.get("no_config"):
        parsed["no_config"] = True
    parsed["color"] = parsed.get("color") or chosen.get("color", "auto")
    parsed["quiet"] = parsed.get("quiet", False) or chosen.get("quiet", False)
    parsed["verbose"] = parsed.get("verbose", False) or chosen.get("verbose", False)
    if parsed["quiet"] and parsed["verbose"]:
        return None  # typer explains the clash
    return parsed


def _global_options(argv: list[str]) -> tuple[dict, list[str]] | None:
    """The leading global options the fast path knows, and the rest of ``argv``;
    None for a global option it would have to explain (typer's job)."""
    chosen: dict = {}
    index = 0
    while index < len(argv):
        token = argv[index]
        name, equals, value = token.partition("=")
        if name not in GLOBAL_OPTIONS or (equals and not name.startswith("--")):
            break
        keyword, kind = GLOBAL_OPTIONS[name]
        if kind == "flag":
            if equals:
                return None
            chosen[keyword] = True
            index += 1
            continue
        if not equals:
            if index + 1 >= len(argv) or argv[index + 1].startswith("-"):
                return None
            value = argv[index + 1]
            index += 2
        else:
            index += 1
        if not value or (keyword == "color" and value not in COLOUR_CHOICES):
            return None
        chosen[keyword] = value
    return chosen, argv[index:]


def emit(text: str, output: Path | None, inputs=()) -> None:
    """The report to standard output, or atomically to ``output``.

    ``inputs`` are the spec files and folders and the configuration the run
    read, the bundled library is added: the report never replaces one (interop.atomic says what it does
    with links, FIFOs and devices). A report that cannot be written ends the
    run with one line and exit code 2.
    """
    if output is None:
        sys.stdout.write(text)
        return
    from interop.atomic import CannotWrite, write_atomically
    from interop.load.library import bundled_specs

    try:
        write_atomically(output, text, inputs=[*inputs, bundled_specs()])
    except CannotWrite as exc:
        say(f"interop: {exc}")
        raise SystemExit(EXIT_USAGE) from None


def run_validate(
    paths: list[Path],
    format: str = "text",
    output: Path | None = None,
    catalog: list[Path] | None = None,
    max_file_bytes: int | None = None,
    max_nodes: int | None = None,
    max_depth: int | None = None,
    stdin_filename: str | None = None,
    quiet: bool = False,
    verbose: bool = False,
    color: str = "auto",
    config: Path | None = None,
    no_config: bool = False,
    no_cache: bool = False,
) -> int:
    """Validate ``paths`` (references may point into ``catalog``); report; return the exit code.

    A path ``-`` is the spec on standard input, named ``stdin_filename`` in
    positions (default ``<stdin>``). ``quiet`` leaves out the text report's
    summary line; ``verbose`` names on standard error each file read.
    ``color`` is checked only: a validation report has no colours.
    An answer is kept in the validation cache (interop.load.cache) and served
    from it while no input changes; ``no_cache`` neither reads nor writes it.
    """
    from dataclasses import replace

    from interop.load import DEFAULT_LIMITS, Unreadable
    from interop.load.library import validation_context
    from interop.report import ReportOptions, renderer_for

    if quiet and verbose:
        say("interop: give --quiet or --verbose, not both")
        return EXIT_USAGE
    if color not in COLOUR_CHOICES:
        say(f"interop: --color takes one of {', '.join(COLOUR_CHOICES)}, not {color!r}")
        return EXIT_USAGE
    chosen = {"max_file_bytes": max_file_bytes, "max_nodes": max_nodes, "max_depth": max_depth}
    for keyword, value in chosen.items():
        if value is not None and value > MAX_LIMIT:
            option = "--" + keyword.replace("_", "-")
            say(f"interop: {option} must be at most {MAX_LIMIT} on this platform")
            return EXIT_USAGE
    limits = replace(DEFAULT_LIMITS, **{k: v for k, v in chosen.items() if v is not None})
    reading_stdin = [str(path) for path in paths].count(STDIN)
    if reading_stdin > 1:
        say("interop: standard input (-) can be named once")
        return EXIT_USAGE
    if stdin_filename is not None and not reading_stdin:
        say("interop: --stdin-filename names standard input: give - among the paths")
        return EXIT_USAGE
    if stdin_filename is not None and not stdin_filename.strip():
        say("interop: --stdin-filename must not be empty")
        return EXIT_USAGE
    if stdin_filename is not None and (why := _not_a_file_name(stdin_filename)):
        say(f"interop: --stdin-filename {why}")
        return EXIT_USAGE
    try:
        render = renderer_for("validation", format, ReportOptions(quiet=quiet, verbose=verbose))
    except LookupError as exc:
        say(f"interop: {exc}")
        return EXIT_USAGE
    named = [path for path in paths if str(path) != STDIN]
    try:
        configuration = None if no_config or catalog else (config or announce_configuration(quiet))
        if reading_stdin:
            paths = _with_stdin(paths, stdin_filename, limits, catalog, configuration)
        # -v names what was read, which only a load knows: no answer from the cache.
        answer = _validated(paths, limits, catalog, configuration, no_cache or verbose)
        if answer is None:
            return EXIT_USAGE
        findings, files, loaded = answer
    except Unreadable as exc:
        tell(exc.finding)
        return EXIT_USAGE
    if verbose:
        _name_files_read(paths, limits)
        if loaded is not None:
            context = list(catalog) if catalog else validation_context(paths, configuration)[0]
            catalogs = [*paths, *(folder for folder in context if folder not in paths)]
            say_read(catalogs, loaded.result.catalog, loaded.library)
    if output is not None:
        inputs = [*named, *(catalog or []), *_context_read(named, stdin_filename, catalog, configuration)]
        emit(render(findings, files), output, inputs=inputs)
    else:
        emit(render(findings, files), None)
    # A warning (SPEC027) is reported but fails nothing: validate fails on errors.
    return EXIT_PROBLEMS if any(f.severity is not Severity.WARNING for f in findings) else EXIT_OK


def _validated(paths: list, limits, catalog: list[Path] | None, configuration: Path | None, no_cache: bool):
    """The findings and file count of validating ``paths``, and the load (None when the answer came
    from the cache, which holds it; else it is loaded and kept); None when the configuration cannot
    be used (said on standard error)."""
    from interop.load.cache import ValidationCache, validation_key

    cache = None if no_cache else ValidationCache.open()
    key = None
    if cache is not None:
        if catalog:
            context, library_folder = list(catalog), None
        else:
            from interop.load.library import bundled_specs, validation_context

            context, library = validation_context(paths, configuration)
            library_folder = bundled_specs() if library else None
        key = validation_key(paths, limits, context, library_folder, configuration)
        answer = cache.get(key) if key is not None else None
        if answer is not None:
            return (*answer, None)
    # A cached answer was kept only after its configuration (part of the key) passed this.
    if configuration is not None and not _usable_configuration(configuration):
        return None
    loaded = _load_for_validation(paths, limits, catalog, configuration)
    result = loaded.result
    if cache is not None and key is not None:
        cache.put(key, result.findings, result.files)
    return result.findings, result.files, loaded


def _usable_configuration(path: Path) -> bool:
    """Whether the configuration validate reads is one every other command would use.

    Its settings are checked as every command checks them (a string where a
    boolean goes is CONF012), so that validate never reads a ``library`` or
    ``specs`` the engine commands refuse; rule codes are the engine's to check.
    """
    from interop.load.config import load_config

    result = load_config(Path(path))
    if not result.fatal:
        return True
    for finding in result.findings:
        tell(finding)
    say("interop: the project configuration cannot be used; fix it, or pass --no-config")
    return False


def _context_read(named: list[Path], stdin_filename: str | None, catalog, configuration) -> list[Path]:
    """What else the run read or could read as context, which a report never replaces:
    the configuration, the folders a single file's references resolve in, the bundled library."""
    from interop.load.library import validation_context

    context: list[Path] = []
    if configuration is not None:
        context.append(Path(configuration))
    if stdin_filename is not None:
        context.append(Path(stdin_filename))
    if not catalog:
        with_name = [*named, *([Path(stdin_filename)] if stdin_filename else [])]
        context += validation_context(with_name, configuration)[0]
    return context


# What a file name may be on the platforms interop runs on (POSIX NAME_MAX and PATH_MAX).
NAME_MAX_BYTES, PATH_MAX_BYTES = 255, 4095


def _not_a_file_name(name: str) -> str | None:
    """Why ``name`` cannot be a file's name, or None."""
    import os

    if "\x00" in name:
        return "must not hold a NUL character"
    try:
        encoded = os.fsencode(name)
    except UnicodeError:
        return "is not a name this system can encode"
    if len(encoded) > PATH_MAX_BYTES:
        return f"is longer than a path may be ({PATH_MAX_BYTES} bytes)"
    if any(len(part) > NAME_MAX_BYTES for part in encoded.split(b"/")):
        return f"has a part longer than a file name may be ({NAME_MAX_BYTES} bytes)"
    return None


def _with_stdin(paths: list[Path], name: str | None, limits, catalog=None, configuration=None) -> list:
    """The paths with ``-`` replaced by the text read from standard input.

    A text without a name that is byte for byte a file of the catalog is
    that file, as if ``--stdin-filename`` had named it: it replaces the file
    and is never reported as its duplicate (issue 29).
    """
    from interop.load.errors import UNREADABLE
    from interop.load.files import STDIN_NAME, SpecText, Unreadable, read_stream
    from interop.model.finding import Finding, Position

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # standard input closed (<&-): Python gives None
        raise Unreadable(Finding(UNREADABLE, "cannot read standard input: it is closed", Position(name or STDIN_NAME)))
    text = read_stream(stream, name or STDIN_NAME, limits)
    if name is None:
        same = _identical_file(text.data, catalog, configuration, limits)
        if same is not None:
            text = SpecText(str(same), text.data)
    return [text if str(path) == STDIN else path for path in paths]


def _identical_file(data: bytes, catalog, configuration, limits) -> Path | None:
    """The file of the catalog (``--catalog``, else the project's) holding exactly ``data``, if one does."""
    from interop.load.files import STDIN_NAME, SpecText, Unreadable, discover

    if catalog:
        context = list(catalog)
    else:
        from interop.load.library import validation_context

        context, _library = validation_context([cast(Path, SpecText(STDIN_NAME, data))], configuration)
    try:
        files = discover(context, limits)[0]
    except Unreadable:  # reported by the load itself
        return None
    for path in files:
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return path
        except OSError:
            continue
    return None


def _name_files_read(paths: list, limits) -> None:
    from interop.load.files import discover

    for path in discover(paths, limits)[0]:
        say(f"interop: read {path}")


def _load_for_validation(paths: list[Path], limits, catalog: list[Path] | None, configuration: Path | None = None):
    """Load ``paths`` with references into ``catalog``; without one, into the
    project's catalog (``configuration``'s spec paths, else the nearest specs/)
    and the bundled library (interop.load.library); a LibraryLoad, saying which
    documents came from the library."""
    from interop.load import library, load_catalog

    if catalog:
        return library.LibraryLoad(load_catalog(paths, limits, context=catalog))
    return library.read_for_validation(paths, limits, configuration)
