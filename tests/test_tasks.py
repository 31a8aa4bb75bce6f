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
