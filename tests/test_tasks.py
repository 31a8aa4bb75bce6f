"""tasks.py's test command: every check still runs, and any failure fails the run.

The checks (ruff, ruff format, mypy, schema drift, the bundled specs) run
beside pytest; these tests drive the runner with fake commands (small Python
programs that print and exit with a chosen code) and the command's wiring with
the runner replaced.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_tasks():
    spec = importlib.util.spec_from_file_location("interop_tasks", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tasks = _load_tasks()


def fake(code: int, said: str = "", seconds: float = 0.0) -> list[str]:
    """A command that waits, prints ``said`` and exits with ``code``."""
    program = f"import sys, time; time.sleep({seconds}); print({said!r}); sys.exit({code})"
    return [sys.executable, "-c", program]


def test_all_passing_is_zero(capfd):
    code = tasks.run_together([("one", fake(0, "one ok")), ("two", fake(0))], fake(0, "main ok"))
    assert code == 0
    out = capfd.readouterr().out
    assert "main ok" in out and "one ok" in out


def test_a_failing_check_fails_the_run_with_its_code_and_its_output_after_main(capfd):
    code = tasks.run_together([("lint", fake(0)), ("types", fake(3, "types: bad"))], fake(0, "main ok"))
    assert code == 3
    captured = capfd.readouterr()
    assert (
        captured.out.index("main ok") < captured.out.index("--- types: exit 3 ---") < captured.out.index("types: bad")
    )
    assert "failed: types" in captured.err


def test_the_first_failure_in_order_wins_even_when_a_later_one_ends_first(capfd):
    checks = [("slow", fake(4, seconds=0.5)), ("fast", fake(5))]
    assert tasks.run_together(checks, fake(0)) == 4
    assert "failed: slow, fast" in capfd.readouterr().err


def test_a_failing_main_fails_the_run_with_its_code():
    assert tasks.run_together([("lint", fake(0))], fake(7)) == 7


def test_a_failing_check_comes_before_a_failing_main():
    assert tasks.run_together([("lint", fake(2))], fake(7)) == 2


def test_output_of_a_check_is_one_block_not_mixed_with_mains(capfd):
    main = [sys.executable, "-c", "import time\nfor i in range(5): print('main', i, flush=True); time.sleep(0.05)"]
    check = [sys.executable, "-c", "import time\nfor i in range(5): print('check', i, flush=True); time.sleep(0.05)"]
    assert tasks.run_together([("check", check)], main) == 0
    lines = [line for line in capfd.readouterr().out.splitlines() if line.strip()]
    assert lines == [f"main {i}" for i in range(5)] + ["--- check: exit 0 ---"] + [f"check {i}" for i in range(5)]


def test_the_test_command_runs_every_check_and_pytest_with_the_arguments(monkeypatch):
    seen = {}
    monkeypatch.setattr(tasks, "ensure_environment", lambda extras: seen.setdefault("extras", extras))

    def runner(checks, main):
        seen["checks"], seen["main"] = checks, main
        return 9

    monkeypatch.setattr(tasks, "run_together", runner)
    assert tasks.main(["test", "-k", "units"]) == 9
    assert seen["extras"] == "[test]"
    commands = [argv[2:] for _name, argv in seen["checks"]]
    assert commands == [
        ["ruff", "check", "--quiet", "."],
        ["ruff", "format", "--check", "--quiet", "."],
        ["mypy", "interop"],
        ["interop", "schema", "--check"],
        ["interop", "validate", "specs"],
    ]
    assert all(argv[:2] == [tasks.python(), "-m"] for _name, argv in seen["checks"])
    assert seen["main"][1:3] == ["-m", "pytest"] and seen["main"][-2:] == ["-k", "units"]


@pytest.mark.parametrize("broken", ["ruff check", "mypy", "interop validate specs"])
def test_each_real_check_failing_fails_the_test_command(monkeypatch, broken):
    """The wiring end to end with the real runner: one check replaced by a failing command."""
    monkeypatch.setattr(tasks, "ensure_environment", lambda extras: None)
    real = tasks.run_together

    def runner(checks, main):
        swapped = [(name, fake(1) if name == broken else fake(0)) for name, _argv in checks]
        return real(swapped, fake(0))

    monkeypatch.setattr(tasks, "run_together", runner)
    assert tasks.main(["test"]) == 1


# ------------------------------------------------------------------ installing


class _Recorder:
    """Stands in for subprocess.run in tasks.py: records each argv, fails the commands it is told to."""

    def __init__(self, failing: tuple[str, ...] = ()):
        self.calls: list[list[str]] = []
        self.failing = failing

    def __call__(self, argv, **options):
        self.calls.append([str(part) for part in argv])
        failed = any(word in argv for word in self.failing)
        if failed and options.get("check"):
            raise AssertionError(f"a checked command failed: {argv}")
        return tasks.subprocess.CompletedProcess(argv, 1 if failed else 0)


def _installs(recorder: _Recorder) -> list[str]:
    """The installer of each install command run: 'uv' or 'pip'."""
    found = []
    for argv in recorder.calls:
        if argv[1:3] == ["pip", "install"] and "-e" in argv:
            found.append("uv")
        elif argv[1:4] == ["-m", "pip", "install"] and "-e" in argv:
            found.append("pip")
    return found


def test_install_uses_uv_compiles_bytecode_and_puts_pip_in(monkeypatch):
    recorder = _Recorder()
    monkeypatch.setattr(tasks.subprocess, "run", recorder)
    monkeypatch.setattr(tasks, "uv_command", lambda: "/somewhere/uv")
    monkeypatch.delenv("INTEROP_INSTALLER", raising=False)
    tasks.install(".[test]")
    assert _installs(recorder) == ["uv"]
    (argv,) = recorder.calls
    assert argv[0] == "/somewhere/uv" and "--compile-bytecode" in argv and argv[-3:] == ["-e", ".[test]", "pip"]
    assert argv[argv.index("--python") + 1] == tasks.python()


def _install_with(monkeypatch, requirement: str, uv, has_pip: bool = True, failing=()) -> _Recorder:
    """tasks.install(requirement) with ``uv`` as what uv_command gives, recorded."""
    recorder = _Recorder(failing=failing)
    monkeypatch.setattr(tasks.subprocess, "run", recorder)
    monkeypatch.setattr(tasks, "has_pip", lambda: has_pip)
    monkeypatch.setattr(tasks, "uv_command", uv)
    tasks.install(requirement)
    return recorder


def test_install_falls_back_to_pip_when_uv_fails_or_is_missing_or_declined(monkeypatch):
    monkeypatch.delenv("INTEROP_INSTALLER", raising=False)
    failing = _install_with(monkeypatch, ".[test]", lambda: "/somewhere/uv", failing=("--compile-bytecode",))
    assert _installs(failing) == ["uv", "pip"]
    missing = _install_with(monkeypatch, ".", lambda: None)
    assert _installs(missing) == ["pip"] and missing.calls[0][-2:] == ["-e", "."]
    monkeypatch.setenv("INTEROP_INSTALLER", "pip")
    declined = _install_with(monkeypatch, ".", lambda: pytest.fail("uv asked for though declined"))
    assert _installs(declined) == ["pip"]


def test_pip_falling_back_in_an_environment_made_without_pip_gets_pip_first(monkeypatch):
    monkeypatch.delenv("INTEROP_INSTALLER", raising=False)
    recorder = _install_with(monkeypatch, ".", lambda: "/somewhere/uv", has_pip=False, failing=("--compile-bytecode",))
    assert [argv[1:3] for argv in recorder.calls[1:]] == [["-m", "ensurepip"], ["-m", "pip"]]


def test_the_environment_is_made_without_pip_only_when_uv_installs(monkeypatch, tmp_path):
    made = []

    class Builder:
        def __init__(self, with_pip):
            self.with_pip = with_pip

        def create(self, folder):
            made.append(self.with_pip)
            raise SystemExit(0)  # stop before installing

    monkeypatch.setattr(tasks, "BIN", tmp_path / "bin")
    monkeypatch.setattr(tasks.venv, "EnvBuilder", Builder)
    monkeypatch.delenv("INTEROP_INSTALLER", raising=False)
    with pytest.raises(SystemExit):
        tasks.ensure_environment("")
    monkeypatch.setenv("INTEROP_INSTALLER", "pip")
    with pytest.raises(SystemExit):
        tasks.ensure_environment("")
    assert made == [False, True]


def test_uv_is_installed_into_the_environment_by_its_pip_or_this_pythons(monkeypatch, tmp_path):
    monkeypatch.setattr(tasks.shutil, "which", lambda name: None)
    monkeypatch.setattr(tasks, "BIN", tmp_path)
    recorder = _Recorder()

    def installing(argv, **options):
        recorder(argv, **options)
        (tmp_path / "uv").write_text("")  # what pip would put there
        return tasks.subprocess.CompletedProcess(argv, 0)

    monkeypatch.setattr(tasks.subprocess, "run", installing)
    # .venv has pip: its own installs uv.
    (tmp_path / "pip").write_text("")
    assert tasks.uv_command() == str(tmp_path / "uv")
    assert len(recorder.calls) == 1 and recorder.calls[0][0] == tasks.python()
    assert recorder.calls[0][-1] == tasks.UV_REQUIREMENT
    # .venv made without pip: this Python's pip installs uv into it.
    (tmp_path / "uv").unlink()
    (tmp_path / "pip").unlink()
    recorder.calls.clear()
    assert tasks.uv_command() == str(tmp_path / "uv")
    (argv,) = recorder.calls
    assert argv[0] == sys.executable and argv[argv.index("--python") + 1] == tasks.python()
    # Neither can: no uv, and the caller installs with pip.
    (tmp_path / "uv").unlink()
    monkeypatch.setattr(tasks.subprocess, "run", _Recorder(failing=(tasks.UV_REQUIREMENT,)))
    assert tasks.uv_command() is None
