"""The forked runner of tests/cli_process.py answers as a new ``python -m interop`` does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
BAD = "kind: Vehicle\nschema_version: 1\nid: x\nname: x\nvehicle_type: rocket\nstatus: operational\ncrewed: true\n"


def _both(args, **options):
    forked = cli_process.run(args, **options)
    real = subprocess.run(
        [sys.executable, "-m", "interop", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        **{("input" if key == "input" else key): value for key, value in options.items()},
    )
    return forked, real


@pytest.mark.parametrize(
    ("args", "given"),
    [
        (["validate", "specs/vehicles/orion.yaml"], None),
        (["validate", "-"], BAD),
        (["--no-config", "check", "astp-1975", "shuttle-mir", "-f", "json"], None),
        (["check", "no-such-system", "us"], None),
        (["--help"], None),
        (["validate", "--no-such-option"], None),
    ],
)
def test_forked_and_real_runs_give_the_same_code_and_output(args, given):
    forked, real = _both(args, cwd=ROOT, input=given, env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"})
    assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)


def test_the_child_has_its_own_folder_and_environment(tmp_path):
    (tmp_path / "specs").mkdir()
    forked = cli_process.run(["validate"], cwd=tmp_path, env={**os.environ, "INTEROP_CACHE_DIR": str(tmp_path / "c")})
    assert os.getcwd() != str(tmp_path)
    real = subprocess.run(
        [sys.executable, "-m", "interop", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "INTEROP_CACHE_DIR": str(tmp_path / "c")},
    )
    assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)


def test_a_child_that_outlives_its_time_is_stopped():
    with pytest.raises(subprocess.TimeoutExpired):
        cli_process.run(["validate", "-"], stdin=_never_ending_pipe(), timeout=1)


def _never_ending_pipe():
    read, write = os.pipe()
    _never_ending_pipe.keep = write  # type: ignore[attr-defined]  # held open: the child's read never ends
    return read
