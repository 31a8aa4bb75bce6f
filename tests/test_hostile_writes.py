"""What init, new, schema --dir and --output write, through the real command line.

Every case runs under tests/hostile_harness.py's limits (30 s, 1 GiB, its
own TMPDIR left empty) beside a sentinel tree that must stay byte-identical:
a link, a FIFO, a folder or a file in the way is one line naming the path and
exit 2, and nothing is written or opened for writing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.load.scaffold import FOLDERS
from interop.model.documents import DOCUMENT_KINDS
from interop.model.schema import schema_filename
from tests import hostile_harness
from tests.hostile_harness import one_line, run, snapshot
from tests.spec_builders import write
from tests.test_hostile_files import documents

outside = hostile_harness.outside
tmpdir_clean = hostile_harness.tmpdir_clean

SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Where init writes (relative to FOLDER): the configuration, the spec folders, the schemas.
INIT_FILES = ["interop.toml", *(f"schemas/{schema_filename(kind)}" for kind in DOCUMENT_KINDS)]
INIT_FOLDERS = ["specs", *(f"specs/{name}" for name in FOLDERS.values()), "schemas"]


def obstacle(path: Path, kind: str, outside: Path) -> None:
    """Put ``kind`` at ``path``: a link out (to a file, a folder, nothing), a FIFO, a folder or a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "link-to-file":
        path.symlink_to(outside / "schema.json")
    elif kind == "link-to-folder":
        path.symlink_to(outside / "specs")
    elif kind == "dangling-link":
        path.symlink_to(outside / "nothing-here")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "file":
        path.write_text("a user's file\n")


def refused(result, path: str) -> bool:
    line = one_line(result)
    return result.returncode == 2 and line.startswith(f"interop: cannot write {path}: ") and "\n" not in line


@SLOW
@given(
    where=st.sampled_from(INIT_FILES),
    kind=st.sampled_from(["link-to-file", "link-to-folder", "dangling-link", "fifo", "folder"]),
)
def test_init_refuses_what_is_in_a_files_way_and_writes_nothing(tmp_path, tmpdir_clean, outside, where, kind):
    project = tmp_path / f"p-{kind}-{where.replace('/', '_')}"
    obstacle(project / where, kind, outside)
    before = snapshot(project)
    started = time.monotonic()
    result = run("init", project.name, cwd=tmp_path, tmpdir=tmpdir_clean)
    assert time.monotonic() - started < 10
    assert refused(result, f"{project.name}/{where}"), result.stderr
    assert result.stdout == ""
    assert snapshot(project) == before


@SLOW
@given(
    where=st.sampled_from(INIT_FOLDERS),
    kind=st.sampled_from(["link-to-file", "link-to-folder", "dangling-link", "fifo", "file"]),
)
def test_init_refuses_what_is_in_a_folders_way_and_writes_nothing(tmp_path, tmpdir_clean, outside, where, kind):
    project = tmp_path / f"p-{kind}-{where.replace('/', '_')}"
    obstacle(project / where, kind, outside)
    before = snapshot(project)
    result = run("init", project.name, cwd=tmp_path, tmpdir=tmpdir_clean)
    assert refused(result, f"{project.name}/{where}"), result.stderr
    assert snapshot(project) == before


def test_init_overwrites_nothing_an_edited_schema_included(tmp_path, tmpdir_clean, outside):
    first = run("init", "p", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert first.returncode == 0 and "wrote p/interop.toml" in first.stdout
    edited = tmp_path / "p" / INIT_FILES[1]
    edited.write_text('{"edited": true}\n')
    (tmp_path / "p" / "interop.toml").write_text("library = false\n")
    again = run("init", "p", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert again.returncode == 0 and again.stdout.startswith("nothing to write"), again.stdout
    assert edited.read_text() == '{"edited": true}\n'
    assert (tmp_path / "p" / "interop.toml").read_text() == "library = false\n"


@SLOW
@given(kind=st.sampled_from(["link-to-file", "dangling-link", "fifo", "folder", "file"]))
def test_new_never_writes_over_or_through_what_is_there(tmp_path, tmpdir_clean, outside, kind):
    folder = tmp_path / f"n-{kind}"
    target = folder / "specs" / "vehicles" / "fresh.yaml"
    obstacle(target, kind, outside)
    before = snapshot(folder)
    result = run("new", "vehicle", "fresh", cwd=folder, tmpdir=tmpdir_clean)
    assert result.returncode == 2, result.stderr
    assert one_line(result).startswith(
        "interop: specs/vehicles/fresh.yaml exists already"
        if kind == "file"
        else "interop: cannot write specs/vehicles/fresh.yaml: "
    )
    assert snapshot(folder) == before


@pytest.mark.parametrize("kind", ["link-to-folder", "dangling-link", "fifo", "file"])
def test_new_never_writes_through_a_kind_folder_that_is_not_a_folder(tmp_path, tmpdir_clean, outside, kind):
    obstacle(tmp_path / "specs" / "systems", kind, outside)
    result = run("new", "system", "fresh", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert refused(result, "specs/systems"), result.stderr


@pytest.mark.parametrize("spec_id", ["fresh\n", "Fresh", "a/b", "../up", "a\\b", "fresh\r", "x-", "", "a" * 65])
def test_new_ids_match_in_full(tmp_path, tmpdir_clean, outside, spec_id):
    result = run("new", "vehicle", spec_id, cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 2
    assert one_line(result).startswith("interop: bad id ")
    assert not (tmp_path / "specs").exists()


def test_printed_paths_are_escaped_so_no_line_starts_with_two_colons(tmp_path, tmpdir_clean, outside):
    name = "x\n::error::owned"
    result = run("init", name, cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 0
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "wrote x\\n::error::owned/interop.toml" in result.stdout
    made = run("new", "vehicle", "fresh", "--specs", "s\n::warning::x", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert made.returncode == 0
    assert made.stdout == "wrote s\\n::warning::x/vehicles/fresh.yaml\n"


@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_schema_dir_that_is_not_a_folder_is_one_line(tmp_path, tmpdir_clean, outside, kind):
    obstacle(tmp_path / "schemas", kind, outside)
    result = run("schema", "--dir", "schemas", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 2 and "schemas" in one_line(result)


def test_schema_dir_with_a_fifo_where_a_schema_goes_is_one_line(tmp_path, tmpdir_clean, outside):
    obstacle(tmp_path / "schemas" / INIT_FILES[1].split("/")[1], "fifo", outside)
    started = time.monotonic()
    result = run("schema", "--dir", "schemas", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert time.monotonic() - started < 10
    assert result.returncode == 2, result.stderr


# ------------------------------------------------------------ --output


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    write(root / "specs", *documents())
    (root / ".git").mkdir()
    (root / "interop.toml").write_text("enable = ['DOCK']\n")
    return root


CONTEXT_TARGETS = {
    "configuration": "interop.toml",
    "a sibling spec the file's references resolve in": "specs/vehicle-station.yaml",
    "a spec through a link to the folder": "linked/vehicle-station.yaml",
}


@pytest.mark.parametrize("case", sorted(CONTEXT_TARGETS))
@pytest.mark.parametrize("stdin", [False, True])
def test_validate_output_never_replaces_what_it_read_as_context(project, tmpdir_clean, outside, case, stdin):
    (project / "linked").symlink_to(project / "specs")
    before = snapshot(project)
    target = CONTEXT_TARGETS[case]
    spec = project / "specs" / "vehicle-capsule.yaml"
    if stdin:
        args = ("validate", "-", "--stdin-filename", "specs/vehicle-capsule.yaml", "-o", target)
        result = run(*args, cwd=project, tmpdir=tmpdir_clean, input=spec.read_text())
    else:
        result = run("validate", "specs/vehicle-capsule.yaml", "-o", target, cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 2, result.stderr
    assert one_line(result) == f"interop: cannot write {target}: it is one of the input files"
    assert snapshot(project) == before


@pytest.mark.parametrize("command", [("validate", "specs"), ("matrix", "-s", "specs"), ("map", "-s", "specs")])
def test_output_never_replaces_a_bundled_library_file(project, tmpdir_clean, outside, command):
    from interop.load.library import bundled_specs

    bundled = sorted((bundled_specs() / "vehicles").glob("*.yaml"))[0]
    before = bundled.read_bytes()
    result = run(*command, "-o", bundled, cwd=project, tmpdir=tmpdir_clean)
    assert result.returncode == 2, result.stderr
    assert one_line(result) == f"interop: cannot write {bundled}: it is one of the input files"
    assert bundled.read_bytes() == before


# ------------------------------------------------------------ shell completion

SCRIPT_FILES = {
    "bash": ".bash_completions/interop.sh",
    "zsh": ".zfunc/_interop",
    "fish": ".config/fish/completions/interop.fish",
}
RC_FILES = {"bash": ".bashrc", "zsh": ".zshrc"}
# A line each shell's script has and no other's.
SCRIPT_MARKS = {"bash": "complete -o default -F", "zsh": "#compdef interop", "fish": "complete --command interop"}


@pytest.mark.parametrize("shell", sorted(SCRIPT_FILES))
@pytest.mark.parametrize("spelling", ["space", "equals"])
def test_a_named_shell_gets_its_own_script_in_its_own_file(tmp_path, tmpdir_clean, outside, shell, spelling):
    home = tmp_path / f"home-{shell}-{spelling}"
    home.mkdir()
    args = ["--install-completion", shell] if spelling == "space" else [f"--install-completion={shell}"]
    result = run(*args, cwd=tmp_path, tmpdir=tmpdir_clean, home=home, env={"SHELL": "/bin/bash"})
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert written == sorted([SCRIPT_FILES[shell], *([RC_FILES[shell]] if shell in RC_FILES else [])])
    text = (home / SCRIPT_FILES[shell]).read_text()
    assert SCRIPT_MARKS[shell] in text
    assert not any(mark in text for other, mark in SCRIPT_MARKS.items() if other != shell)
    shown = run("--show-completion", shell, cwd=tmp_path, tmpdir=tmpdir_clean, home=home)
    assert shown.returncode == 0 and SCRIPT_MARKS[shell] in shown.stdout
    again = run(*args, cwd=tmp_path, tmpdir=tmpdir_clean, home=home)
    if shell in RC_FILES:  # the loading line is added once
        rc = (home / RC_FILES[shell]).read_text()
        assert again.returncode == 0 and rc.count("\n") == len(set(rc.splitlines()) - {""}), rc


@pytest.mark.parametrize("shell", ["tcsh", "cmd", "ksh", "Bash"])
@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_a_shell_without_a_script_is_refused(tmp_path, tmpdir_clean, outside, shell, option):
    home = tmp_path / "home"
    home.mkdir()
    result = run(option, shell, cwd=tmp_path, tmpdir=tmpdir_clean, home=home)
    assert result.returncode == 2
    assert one_line(result) == (
        f"interop: no completion for shell {shell!r}: name one of bash, zsh, fish or powershell"
    )
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("shell", sorted(SCRIPT_FILES))
@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling-link"])
@pytest.mark.parametrize("which", ["script", "rc"])
def test_an_install_target_in_the_way_is_one_line_and_nothing_is_written(
    tmp_path, tmpdir_clean, outside, shell, kind, which
):
    if which == "rc" and shell not in RC_FILES:
        pytest.skip("fish has no rc file to edit")
    home = tmp_path / "home"
    target = home / (SCRIPT_FILES[shell] if which == "script" else RC_FILES[shell])
    obstacle(target, kind, outside)
    before = snapshot(home)
    started = time.monotonic()
    result = run("--install-completion", shell, cwd=tmp_path, tmpdir=tmpdir_clean, home=home)
    assert time.monotonic() - started < 10
    assert result.returncode == 2
    assert one_line(result).startswith(f"interop: cannot write {target}: ")
    assert snapshot(home) == before


@pytest.mark.parametrize("kind", ["link-to-file", "dangling-link", "fifo", "folder"])
def test_schema_dir_never_writes_through_what_is_in_a_schemas_way(tmp_path, tmpdir_clean, outside, kind):
    target = tmp_path / "schemas" / INIT_FILES[1].split("/")[1]
    obstacle(target, kind, outside)
    result = run("schema", "--dir", "schemas", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 2, result.stderr
    assert one_line(result).startswith(f"interop: cannot write schemas/{target.name}: ")
