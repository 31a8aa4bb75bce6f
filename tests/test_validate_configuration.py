"""`interop validate FILE` and the configuration: named when used, passed over when untrusted.

The spec paths of a configuration decide which catalog a file's references
resolve against, so the same trust rules hold as for the engine commands
(interop.load.config.search_config), and stderr lines are escaped like reports.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent


def _validate(cwd: Path, *args: str, fast: bool = True):
    prefix = [] if fast else ["--color", "never"]  # a global option typer takes: the typer path
    return cli_process.run_argv(
        [sys.executable, "-m", "interop", *prefix, "validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _project(tmp_path: Path) -> Path:
    """A repository whose configuration points at a spec folder not named specs/."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "specs", project / "library-specs")
    (project / ".git").mkdir()
    (project / "interop.toml").write_text('specs = ["library-specs"]\n')
    return project


def test_a_trusted_configuration_is_named_and_decides_the_catalog(tmp_path):
    project = _project(tmp_path)
    for fast in (True, False):
        done = _validate(project, "library-specs/systems/iss.yaml", fast=fast)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "interop: using configuration" in done.stderr and "interop.toml" in done.stderr


def test_a_configuration_anyone_can_write_is_passed_over(tmp_path):
    project = _project(tmp_path)
    os.chmod(project / "interop.toml", 0o666)
    done = _validate(project, "library-specs/systems/iss.yaml")
    assert "interop: ignoring configuration" in done.stderr and "anyone can write it" in done.stderr
    assert "using configuration" not in done.stderr
    # Its spec paths were not used: the system's references resolve against no
    # project catalog (library-specs is not named specs/), only the bundled library.
    assert "Traceback" not in done.stderr


def test_no_config_means_none_is_read(tmp_path):
    project = _project(tmp_path)
    done = cli_process.run_argv(
        [sys.executable, "-m", "interop", "--no-config", "validate", "library-specs/systems/iss.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "configuration" not in done.stderr


def test_stderr_lines_escape_what_a_file_name_holds(tmp_path):
    name = "evil\x1b]0;owned\x07\n::error::forged.yaml"
    done = _validate(tmp_path, name)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert not any(line.startswith("::") for line in done.stderr.splitlines())
