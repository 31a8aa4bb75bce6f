#!/usr/bin/env python3
"""Set up and run interop with nothing but Python: the README's two commands.

    python3 tasks.py demo   # make .venv, install, print a mutual-rescue report
    python3 tasks.py test   # make .venv, install with test extras, run the tests
    python3 tasks.py bench  # the performance benchmark (docs/performance.md)

Any further arguments go to the command (``python3 tasks.py test -k units``).
Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".interop-installed"
# The installer tasks.py prefers (see install); a lower bound, as for every other tool.
UV_REQUIREMENT = "uv>=0.5"


def in_venv(program: str) -> Path:
    """Where .venv keeps ``program`` on this system."""
    return BIN / (f"{program}.exe" if os.name == "nt" else program)


def python() -> str:
    return str(in_venv("python"))


def ensure_environment(extras: str) -> None:
    """Create the virtual environment and install the package once per pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"interop needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not in_venv("python").exists():
        print(f"creating virtual environment in {VENV}", file=sys.stderr)
        # Without pip when uv installs (uv puts pip in with the rest): ensurepip alone took 4-5 s.
        venv.EnvBuilder(with_pip=not uv_wanted()).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    have = STAMP.read_text().split() if STAMP.exists() else []
    if wanted in have:
        return
    print(f"installing interop{extras} into {VENV}", file=sys.stderr)
    install(f".{extras}")
    STAMP.write_text(" ".join(have + [wanted]))


def install(requirement: str) -> None:
    """Install ``requirement`` (editable) into .venv: with uv when it can, else with pip.

    uv resolves and downloads in parallel: from empty caches it installed the
    test extras in about 8 s, uv itself included, where pip took 30 s, a
    quarter of the whole test run on a 2-CPU machine. It is the same install
    from the same index; pip stays the fallback, and INTEROP_INSTALLER=pip
    skips uv. Bytecode is compiled at install, as pip does: without it, every
    interpreter the tests start compiles pydantic and the rest from source
    again wherever PYTHONDONTWRITEBYTECODE is set (the suite took 40 % more CPU).
    """
    uv = uv_command() if uv_wanted() else None
    if uv is not None:
        # pip too, so that .venv has it whichever installer made it.
        argv = [uv, "pip", "install", "--quiet", "--compile-bytecode", "--python", python(), "-e", requirement, "pip"]
        code = subprocess.run(argv, cwd=ROOT)
        if code.returncode == 0:
            return
        print("uv could not install; installing with pip", file=sys.stderr)
    if not has_pip():
        subprocess.run([python(), "-m", "ensurepip", "--default-pip"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", requirement],
        cwd=ROOT,
        check=True,
    )


def uv_wanted() -> bool:
    return os.environ.get("INTEROP_INSTALLER") != "pip"


def has_pip() -> bool:
    return in_venv("pip").exists()


def uv_command() -> str | None:
    """uv from PATH, or installed into .venv with pip (.venv's own, else this Python's); None when
    neither works."""
    found = shutil.which("uv")
    if found:
        return found
    local = in_venv("uv")
    install_uv = ["install", "--quiet", "--disable-pip-version-check", UV_REQUIREMENT]
    seeders = [[python(), "-m", "pip", *install_uv]] if has_pip() else []
    seeders.append([sys.executable, "-m", "pip", "--python", python(), *install_uv])
    for pip in seeders:
        if local.exists():
            break
        subprocess.run(pip, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return str(local) if local.exists() else None


def run(argv: list[str]) -> int:
    return subprocess.run(argv, cwd=ROOT).returncode


def run_together(checks: Sequence[tuple[str, list[str]]], main: list[str], cwd: Path = ROOT) -> int:
    """Run ``checks`` and ``main`` at once; the exit code of the first that failed, in order.

    ``main`` (pytest) keeps the terminal. Each check writes to a file of its
    own, shown whole after ``main`` ends: a failing check's output comes
    last, under its name, never between pytest's lines. The order of the
    codes is that of the list, checks first, as when they ran one by one.
    """
    first_failure = 0
    with tempfile.TemporaryDirectory(prefix="interop-tasks-") as scratch:
        started = []
        for number, (name, argv) in enumerate(checks):
            out = open(Path(scratch) / f"{number}.out", "w+b")
            started.append((name, subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT), out))
        try:
            main_code = subprocess.run(main, cwd=cwd).returncode
        finally:
            failed = []
            for name, process, out in started:
                code = process.wait()
                out.seek(0)
                text = out.read().decode("utf-8", "replace")
                out.close()
                if code != 0 or text.strip():
                    sys.stdout.flush()
                    print(f"\n--- {name}: exit {code} ---", flush=True)
                    sys.stdout.write(text)
                    sys.stdout.flush()
                if code != 0:
                    failed.append(name)
                    first_failure = first_failure or code
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return first_failure
    return main_code


def main(args: list[str]) -> int:
    command, rest = (args[0], args[1:]) if args else ("help", [])
    if command == "demo":
        ensure_environment("")
        code = run([python(), "-m", "interop", "check", "us-artemis", "ru-lunar", "--specs", "specs", *rest])
        # The demo's job is to show the report; a "none" verdict (exit 1) is an answer, not an error.
        return 0 if code in (0, 1) else code
    if command == "test":
        ensure_environment("[test]")
        checks = [
            ("ruff check", [python(), "-m", "ruff", "check", "--quiet", "."]),
            ("ruff format", [python(), "-m", "ruff", "format", "--check", "--quiet", "."]),
            ("mypy", [python(), "-m", "mypy", "interop"]),
            ("interop schema --check", [python(), "-m", "interop", "schema", "--check"]),
            ("interop validate specs", [python(), "-m", "interop", "validate", "specs"]),
        ]
        # The checks run beside pytest (they take seconds, pytest minutes);
        # their output follows pytest's, and the exit code is the first
        # failure's in this order. pytest runs one worker per CPU
        # (pytest-xdist); tests that share an expensive set-up are grouped
        # onto one worker (xdist_group). "-n 0" in the arguments runs them in
        # this process instead.
        return run_together(checks, [python(), "-m", "pytest", "-n", "auto", "--dist", "loadgroup", *rest])
    if command == "bench":
        # benchmarks/run.py sets up .venv and, for the measured tools, .venv-bench (wheels).
        return run([sys.executable, str(ROOT / "benchmarks" / "run.py"), *rest])
    if command == "interop":
        ensure_environment("")
        return run([python(), "-m", "interop", *rest])
    print(__doc__)
    return 0 if command == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
