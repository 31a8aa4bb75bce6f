"""Standard input, configuration types, link loops and pseudo-filesystems, through the real command line.

Each case under tests/hostile_harness.py's limits: the exit code and the
one line or finding, TMPDIR left empty, the sentinel tree beside the test's
folder untouched.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import cli_process, hostile_harness
from tests.hostile_harness import one_line, run
from tests.spec_builders import write
from tests.test_hostile_files import documents

outside = hostile_harness.outside
tmpdir_clean = hostile_harness.tmpdir_clean

SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    write(root / "specs", *documents())
    (root / ".git").mkdir()
    return root


# ------------------------------------------------------------ standard input


@SLOW
@given(part=st.integers(256, 600), parts=st.integers(1, 3))
def test_a_stdin_filename_too_long_for_a_file_name_is_one_line(project, tmpdir_clean, outside, part, parts):
    name = "/".join(["a" * part] * parts) + ".yaml"
    result = run("validate", "-", "--stdin-filename", name, cwd=project, tmpdir=tmpdir_clean, input="kind: Vehicle\n")
    assert result.returncode == 2
    assert one_line(result).startswith("interop: --stdin-filename has a part longer than a file name may be")


def test_a_stdin_filename_longer_than_a_path_is_one_line(project, tmpdir_clean, outside):
    name = "a/" * 2100 + "b.yaml"
    result = run("validate", "-", "--stdin-filename", name, cwd=project, tmpdir=tmpdir_clean, input="kind: Vehicle\n")
    assert result.returncode == 2
    assert one_line(result) == "interop: --stdin-filename is longer than a path may be (4095 bytes)"


@pytest.mark.parametrize("prefix", [(), ("--no-config",), ("--quiet",)])
def test_a_closed_standard_input_is_one_finding(project, tmpdir_clean, outside, prefix):
    def closed():
        os.close(0)

    import resource
    import sys

    from tests.hostile_harness import MEMORY_LIMIT, ROOT, TIME_LIMIT_S

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        closed()

    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", *prefix, "validate", "-"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        preexec_fn=limits,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmpdir_clean)},
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2
    assert one_line(result) == "<stdin>: cannot read standard input: it is closed [SPEC030]"


# ------------------------------------------------------------ configuration types

WRONG_TYPES = {
    'library = "true"': "CONF012",
    'strict = "yes"': "CONF012",
    'specs = "specs"': "CONF012",
    "specs = [1]": "CONF012",
    "systems = 3": "CONF012",
    "fail_on = 3": "CONF013",
}
COMMANDS = [
    ("validate", "specs"),
    ("validate", "specs/vehicle-capsule.yaml"),
    ("validate",),
    ("check", "east", "west"),
    ("matrix",),
    ("gaps",),
    ("map",),
    ("scenario",),
    ("plan", "east", "west"),
]


@SLOW
@given(setting=st.sampled_from(sorted(WRONG_TYPES)), command=st.sampled_from(COMMANDS), pyproject=st.booleans())
def test_a_setting_of_the_wrong_type_is_the_same_conf_finding_for_every_command(
    project, tmpdir_clean, outside, setting, command, pyproject
):
    for name in ("interop.toml", "pyproject.toml"):
        (project / name).unlink(missing_ok=True)
    if pyproject:
        (project / "pyproject.toml").write_text(f"[tool.interop]\n{setting}\n")
    else:
        (project / "interop.toml").write_text(f"{setting}\n")
    result = run(*command, cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 2, (command, result.stderr)
    assert f"[{WRONG_TYPES[setting]}]" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "interop: the project configuration cannot be used; fix it, or pass --no-config"
    )


# ------------------------------------------------------------ links and loops


def test_a_folder_link_to_an_ancestor_is_a_loop_and_nothing_under_it_is_read(project, tmpdir_clean, outside):
    (project / "specs" / "up").symlink_to(project)
    (project / "specs" / "root").symlink_to("/")
    (project / "bait.yaml").write_text("kind: Vehicle\n")  # would be a finding if read
    result = run("--no-config", "validate", "specs", cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "specs/root: folder specs/root links back to /; skipped [SPEC035]" in lines
    assert f"specs/up: folder specs/up links back to {project.resolve()}; skipped [SPEC035]" in lines
    assert "bait" not in result.stdout


@pytest.mark.parametrize("length", [1, 2, 5])
def test_a_file_link_that_loops_is_a_finding(project, tmpdir_clean, outside, length):
    names = [f"loop{index}.yaml" for index in range(length)]
    for index, name in enumerate(names):
        (project / "specs" / name).symlink_to(names[(index + 1) % length])
    walked = run("--no-config", "validate", "specs", cwd=project, tmpdir=tmpdir_clean)
    assert walked.returncode == 1
    for name in names:
        assert f"specs/{name}: specs/{name} is a symbolic link that loops; not read [SPEC035]" in walked.stdout
    named = run("--no-config", "validate", f"specs/{names[0]}", cwd=project, tmpdir=tmpdir_clean)
    assert named.returncode == 2
    assert one_line(named) == f"specs/{names[0]}: specs/{names[0]} is a symbolic link that loops; not read [SPEC035]"


@pytest.mark.parametrize("path", ["/proc", "/proc/self", "/sys", "/dev", "/proc/self/status", "/dev/zero"])
def test_pseudo_filesystems_are_refused_at_once(project, tmpdir_clean, outside, path):
    result = run("--no-config", "validate", path, cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 2
    assert "is in a pseudo-filesystem" in one_line(result)


def test_a_link_into_a_pseudo_filesystem_is_skipped(project, tmpdir_clean, outside):
    (project / "specs" / "proc").symlink_to("/proc")
    result = run("--no-config", "validate", "specs", cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 1
    assert "specs/proc: folder specs/proc is in a pseudo-filesystem /proc; skipped [SPEC035]" in result.stdout
