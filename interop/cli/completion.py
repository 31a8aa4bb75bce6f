"""`interop --install-completion [SHELL]` and `--show-completion [SHELL]`, as the README says.

typer's own options take no shell name (it detects the shell and ignores a
name given), so `--install-completion zsh` run from bash wrote bash's script
into ~/.bashrc. Here a named shell gets its own script in its own file; a
shell interop has no script for is refused (exit 2), and so is an install
target that is a folder, a FIFO, a device or not writable: one line, before
anything is written, never a wait. Every file goes through interop.atomic.

The scripts are typer's (they call back into ``interop`` with
``_INTEROP_COMPLETE`` set, which typer answers); only where they go is decided here.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

PROG = "interop"
COMPLETE_VAR = "_INTEROP_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--install-completion", "--show-completion")
MAX_RC_BYTES = 1 << 20
EXIT_OK, EXIT_USAGE = 0, 2


class CompletionError(Exception):
    """What stops a completion request: said in one line, exit 2."""


# Global options that may come first (interop.cli's callback): those taking a value.
_GLOBAL_FLAGS = ("--no-config", "--quiet", "-q", "--verbose", "-v")
_GLOBAL_WITH_VALUE = ("--config", "--color")


def completion_argv(argv: list[str]) -> list[str] | None:
    """``argv`` from the completion option on, when it asks for completion past any global options."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token.split("=", 1)[0] in OPTIONS:
            return argv[index:]
        if token in _GLOBAL_FLAGS or (token.split("=", 1)[0] in _GLOBAL_WITH_VALUE and "=" in token):
            index += 1
        elif token in _GLOBAL_WITH_VALUE:
            index += 2
        else:
            return None
    return None


def requested(argv: list[str]) -> tuple[str, str | None] | None:
    """(option, shell named or None) when ``argv`` starts with a completion option, else None."""
    if not argv:
        return None
    name, equals, value = argv[0].partition("=")
    if name not in OPTIONS:
        return None
    if equals:
        return name, value
    if len(argv) > 1 and not argv[1].startswith("-"):
        return name, argv[1]
    return name, None


def run(argv: list[str]) -> int:
    """Answer a completion request; the exit code."""
    from interop.cli.validation import say

    asked = requested(argv)
    assert asked is not None
    option, shell = asked
    try:
        extra = argv[1:] if "=" in argv[0] or shell is None else argv[2:]
        if extra:
            raise CompletionError(f"{option} takes one shell name at most, not {' '.join(extra)!r}")
        shell = _shell(shell)
        if option == "--show-completion":
            sys.stdout.write(script(shell))
            return EXIT_OK
        installed = install(shell, Path.home())
    except CompletionError as exc:
        say(f"interop: {exc}")
        return EXIT_USAGE
    for path in installed:
        say(f"interop: wrote {path}")
    say(f"interop: {shell} completion installed; it takes effect in a new shell")
    return EXIT_OK


def _shell(named: str | None) -> str:
    if named is not None:
        if named not in SHELLS:
            raise CompletionError(f"no completion for shell {named!r}: name one of bash, zsh, fish or powershell")
        return named
    from typer._completion_shared import _get_shell_name

    detected = _get_shell_name()  # typer's detection (shellingham); None when it cannot tell
    if detected is None:
        raise CompletionError(
            "cannot tell which shell this is: name it (interop --install-completion bash|zsh|fish|powershell)"
        )
    if detected not in SHELLS:
        raise CompletionError(f"no completion for shell {detected!r}: name one of bash, zsh, fish or powershell")
    return detected


def script(shell: str) -> str:
    """The completion script for ``shell`` (typer's, calling back into interop)."""
    from typer._completion_shared import get_completion_script

    text = get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)
    return text if text.endswith("\n") else text + "\n"


def install(shell: str, home: Path) -> list[Path]:
    """Write ``shell``'s script to its own file (and the line that loads it into its rc file)."""
    home = Path(home)
    if shell == "bash":
        target = home / ".bash_completions" / f"{PROG}.sh"
        return _write_all([(target, script(shell))], [(home / ".bashrc", [f"source '{target}'"])])
    if shell == "zsh":
        lines = ["fpath+=~/.zfunc; autoload -Uz compinit; compinit"]
        return _write_all([(home / ".zfunc" / f"_{PROG}", script(shell))], [(home / ".zshrc", lines)])
    if shell == "fish":
        return _write_all([(home / ".config" / "fish" / "completions" / f"{PROG}.fish", script(shell))], [])
    return _write_all([], [(_powershell_profile(shell), [script(shell).rstrip("\n")])])


def _write_all(files: list[tuple[Path, str]], rc_lines: list[tuple[Path, list[str]]]) -> list[Path]:
    """Check every target, then write: a script replaces our own file; an rc file gets lines appended."""
    planned: list[tuple[Path, str]] = []
    for path, text in files:
        _check_target(path)
        planned.append((path, text))
    for path, lines in rc_lines:
        _check_target(path)
        current = _read_rc(path)
        missing = [line for line in lines if line not in current]
        if missing:
            joined = current + ("" if not current or current.endswith("\n") else "\n")
            planned.append((path, joined + "".join(f"{line}\n" for line in missing)))
    from interop.atomic import CannotWrite, write_atomically

    written = []
    for path, text in planned:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text)
        except CannotWrite as exc:
            raise CompletionError(str(exc)) from None
        except OSError as exc:
            raise CompletionError(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(path)
    return written


def _check_target(path: Path) -> None:
    """A file we may replace: missing, or a regular file (through a link too) in a folder we can write."""
    folder = path.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            raise CompletionError(f"cannot write {path}: {folder} is not a folder")
    except OSError as exc:
        raise CompletionError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise CompletionError(f"cannot write {path}: a symbolic link to nothing") from None
        status = None
    except OSError as exc:
        raise CompletionError(f"cannot write {path}: {exc.strerror or exc}") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file (a FIFO or a device)"
        raise CompletionError(f"cannot write {path}: {what}")
    writable = os.access(path if status is not None else folder, os.W_OK)
    if not writable or (status is not None and not os.access(path.parent, os.W_OK)):
        raise CompletionError(f"cannot write {path}: not writable")


def _read_rc(path: Path) -> str:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise CompletionError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_RC_BYTES:
            raise CompletionError(f"cannot write {path}: not a regular file of at most {MAX_RC_BYTES} bytes")
        data = os.read(descriptor, MAX_RC_BYTES + 1)
    finally:
        os.close(descriptor)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise CompletionError(f"cannot write {path}: not UTF-8 text; add the line yourself") from None


def _powershell_profile(shell: str) -> Path:
    import subprocess

    try:
        result = subprocess.run(
            [shell, "-NoProfile", "-Command", "echo", "$profile"],
            capture_output=True,
            timeout=20,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise CompletionError(
            f"cannot run {shell} to find its profile; print the script with --show-completion {shell}"
        ) from None
    profile = result.stdout.decode("utf-8", "replace").strip()
    if result.returncode != 0 or not profile:
        raise CompletionError(f"{shell} did not name its profile; print the script with --show-completion {shell}")
    return Path(profile)
