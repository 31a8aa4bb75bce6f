"""Run ``python -m interop ARGS`` as a process forked from the test's own, warm.

Most tests of the command line need a whole process: its exit code, its
stdout and stderr as bytes, its working folder and environment, never a
traceback. A fresh ``python -m interop`` spends about 0.3 s of CPU importing
the package and its libraries before it does anything; over a thousand such
starts made up most of the suite's time. Here the test process imports the
command line once and forks a child per run: the child is a process of its
own (its own folder, environment, file descriptors, limits and exit code,
its state thrown away when it ends), started warm.

What only a real interpreter start can show (start-up cost, what a command
imports, ``python -m`` itself, the installed wheel) stays with
``subprocess`` in tests/test_startup.py, tests/test_install.py and
tests/test_cli_fast_path.py. ``INTEROP_TEST_SUBPROCESS=1`` runs every case
here with ``subprocess`` too, to check that the two ways agree.
"""

from __future__ import annotations

import io
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
SUBPROCESS_VARIABLE = "INTEROP_TEST_SUBPROCESS"


_warmed = False


def _warm() -> None:
    """Import every module of the package once, in the test process.

    A command imports what it needs when it needs it (the CLI keeps its
    start light), so a first ``check`` in a process spends two thirds of its
    CPU importing. The children forked after this start with all of it.
    """
    global _warmed
    if _warmed:
        return
    import importlib
    import pkgutil

    import interop

    for module in pkgutil.walk_packages(interop.__path__, "interop."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    from interop.rules.base import registry

    registry()
    _warmed = True


def run(
    args: Sequence[object],
    *,
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    input: str | bytes | None = None,
    stdin: IO[Any] | int | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess:
    """``python -m interop *args``, as ``subprocess.run(..., capture_output=True)`` would return it.

    ``env`` is the child's whole environment (as with subprocess), the
    test's own when None; ``cwd`` the child's folder, the test's when None. A child that outlives ``timeout`` is killed and
    ``subprocess.TimeoutExpired`` raised, as subprocess does.
    """
    argv = [str(arg) for arg in args]
    if os.environ.get(SUBPROCESS_VARIABLE) == "1" or not hasattr(os, "fork"):
        options: dict[str, Any] = {"input": input} if stdin is None else {"stdin": stdin}
        return subprocess.run(
            [sys.executable, "-m", "interop", *argv],
            cwd=cwd,
            env=None if env is None else dict(env),
            capture_output=True,
            text=text,
            timeout=timeout,
            preexec_fn=preexec_fn,
            **options,
        )
    _warm()
    # Pipes, as subprocess gives: a file-size limit (RLIMIT_FSIZE) or a
    # check of what standard input is must see what a real run sees.
    in_read, in_write = os.pipe() if stdin is None else (None, None)
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(out_read)
        os.close(err_read)
        if in_write is not None:
            os.close(in_write)
        in_fd = in_read if stdin is None else (stdin if isinstance(stdin, int) else stdin.fileno())
        _child(argv, cwd, env, in_fd, out_write, err_write, timeout, preexec_fn)
    os.close(out_write)
    os.close(err_write)
    if in_read is not None:
        os.close(in_read)
    given = b"" if input is None else (input.encode() if isinstance(input, str) else input)
    stdout, stderr, timed_out = _communicate(in_write, given, out_read, err_read, timeout)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM):
        raise subprocess.TimeoutExpired([sys.executable, "-m", "interop", *argv], timeout)
    code = os.waitstatus_to_exitcode(status)
    if text:
        return subprocess.CompletedProcess(argv, code, stdout.decode(), stderr.decode())
    return subprocess.CompletedProcess(argv, code, stdout, stderr)


def _communicate(in_fd, given: bytes, out_fd: int, err_fd: int, timeout: float) -> tuple[bytes, bytes, bool]:
    """Write ``given`` to the child and read both its outputs to their end, or until ``timeout``."""
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(out_fd, selectors.EVENT_READ)
        selector.register(err_fd, selectors.EVENT_READ)
        if in_fd is not None:
            if given:
                os.set_blocking(in_fd, False)
                selector.register(in_fd, selectors.EVENT_WRITE)
            else:
                os.close(in_fd)
        view = memoryview(given)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for key, _ in selector.select(left):
                fd = key.fd
                if fd == in_fd:
                    try:
                        view = view[os.write(fd, view[:65536]) :]
                    except BrokenPipeError:
                        view = view[:0]
                    if not view:
                        selector.unregister(fd)
                        os.close(fd)
                    continue
                data = os.read(fd, 65536)
                if data:
                    chunks[fd].append(data)
                else:
                    selector.unregister(fd)
                    os.close(fd)
        timed_out = bool(selector.get_map())
        for key in list(selector.get_map().values()):
            selector.unregister(key.fd)
            os.close(key.fd)
    return b"".join(chunks[out_fd]), b"".join(chunks[err_fd]), timed_out


def run_argv(argv: Sequence[object], *, capture_output: bool = True, **options: Any) -> subprocess.CompletedProcess:
    """:func:`run` for a ``subprocess.run`` call: ``[sys.executable, "-m", "interop", *args]`` and its options."""
    head = [str(part) for part in argv[:3]]
    if head != [sys.executable, "-m", "interop"] or not capture_output:
        raise ValueError(f"not a captured run of python -m interop: {argv!r}")
    options.setdefault("text", False)  # subprocess's default: bytes
    return run(argv[3:], **options)


def _stream(fd: int, mode: str, **options: Any) -> io.TextIOWrapper | None:
    try:
        os.fstat(fd)
    except OSError:
        return None
    raw = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, **options)


def _child(argv, cwd, env, in_fd, out_fd, err_fd, timeout, preexec_fn) -> None:
    code = 1
    try:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(max(1, int(timeout)))
        os.dup2(in_fd, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        if cwd is not None:
            os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        tempfile.tempdir = None  # read TMPDIR again, as a new process would
        if preexec_fn is not None:
            preexec_fn()
        # As Python starts: a standard stream whose descriptor is closed is None.
        sys.stdin = _stream(0, "r", encoding="utf-8")
        sys.stdout = _stream(1, "w", encoding="utf-8")
        sys.stderr = _stream(2, "w", encoding="utf-8", errors="backslashreplace", line_buffering=True)
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr  # type: ignore[misc]
        sys.argv = [str(ROOT / "interop" / "__main__.py"), *argv]
        from interop.cli import main

        try:
            main(argv)
            code = 0
        except SystemExit as exit:
            if exit.code is None:
                code = 0
            elif isinstance(exit.code, int):
                code = exit.code
            else:
                print(exit.code, file=sys.stderr)
                code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        finally:
            os._exit(code & 0xFF)
