"""The command line: parse options, call the library, map to exit codes.

The commands live in :mod:`interop.cli.commands` (a typer app, one module per
family of commands; their shared options in :mod:`interop.cli.options`). ``interop
validate`` runs in editors' save hooks and pre-commit on every commit, so its
usual forms skip typer altogether: :func:`interop.cli.validation.parse_argv`
recognises them (and ``interop --version``) and anything it does not recognise (help, an unknown or
malformed option, global options) goes to typer, which then answers exactly as
it always does. tests/test_cli_fast_path.py holds the two paths to the same
output and exit code.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    arguments = sys.argv[1:] if argv is None else list(argv)
    from interop.cli.process import configure

    configure()
    try:
        from interop.cli.completion import completion_argv

        completing = completion_argv(arguments)
        if completing is not None:
            from interop.cli.completion import run as complete

            sys.exit(complete(completing))
        from interop.cli.validation import parse_argv, run_validate

        parsed = parse_argv(arguments)
        if parsed is not None and parsed.get("version"):
            from interop.cli.validation import version_line

            sys.stdout.write(version_line())
            sys.exit(0)
        if parsed is not None:
            sys.exit(run_validate(**parsed))
        from interop.cli.commands import app

        app(args=arguments, prog_name="interop")
    except KeyboardInterrupt:
        sys.stderr.write("interop: interrupted\n")
        sys.exit(130)
    except MemoryError:
        # The last line of defence: every search has a bound that counts its
        # work (docs/errors.md), so this means a limit of the machine, not a report.
        sys.stderr.write("interop: out of memory: the input is too large for this machine's memory limit\n")
        sys.exit(2)
    except RecursionError:
        sys.stderr.write("interop: input nested too deeply to process\n")
        sys.exit(2)


def __getattr__(name: str):
    # `from interop.cli import app` keeps working without importing typer for
    # everyone who imports this package.
    if name == "app":
        from interop.cli.commands import app

        return app
    raise AttributeError(name)
