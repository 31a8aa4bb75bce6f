"""`interop new KIND ID`: a spec that validates, in the right folder, never over another."""

from __future__ import annotations

import sys

import pytest

from interop.load import errors, load_catalog
from interop.load.scaffold import FOLDERS, ScaffoldError, write_scaffold
from interop.model.documents import DOCUMENT_KINDS
from interop.model.schema import SCHEMA_DIR, schema_filename
from tests import cli_process


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_scaffold_validates_and_names_every_field(kind, tmp_path):
    path = write_scaffold(kind, "fresh", tmp_path / "specs")
    assert path == tmp_path / "specs" / FOLDERS[kind] / "fresh.yaml"
    text = path.read_text()
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema == (SCHEMA_DIR / schema_filename(kind)).resolve()
    result = load_catalog([path])
    # Only a scenario refers to documents a new file cannot know about.
    assert {f.code for f in result.findings} <= ({errors.UNRESOLVED} if kind == "RescueScenario" else set()), [
        f.format() for f in result.findings
    ]
    for name in DOCUMENT_KINDS[kind].model_fields:
        assert f"\n{name}:" in text or f"\n# {name}:" in text, name


def test_never_overwrites_and_the_command_says_so(tmp_path):
    write_scaffold("Vehicle", "fresh", tmp_path / "specs")
    with pytest.raises(ScaffoldError, match="exists already"):
        write_scaffold("Vehicle", "fresh", tmp_path / "specs")
    result = cli_process.run_argv(
        [sys.executable, "-m", "interop", "new", "vehicle", "fresh"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr == "interop: specs/vehicles/fresh.yaml exists already; edit it, or choose another id\n"
    bad = cli_process.run_argv(
        [sys.executable, "-m", "interop", "new", "rocket", "x"], cwd=tmp_path, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "unknown kind 'rocket'" in bad.stderr


def test_schema_dir_option_points_the_comment_at_a_local_copy(tmp_path):
    path = write_scaffold("DockingInterface", "port-x", tmp_path / "specs", tmp_path / "schemas")
    assert path.read_text().splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/docking-interface.schema.json"
    )


def test_init_sets_up_a_repository_once_and_its_config_loads(tmp_path):
    from interop.engine.project import load_project_config
    from interop.load.scaffold import init_project

    written = init_project(tmp_path)
    assert tmp_path / "interop.toml" in written
    assert all((tmp_path / "specs" / name).is_dir() for name in FOLDERS.values())
    assert {p.name for p in (tmp_path / "schemas").iterdir()} == {schema_filename(k) for k in DOCUMENT_KINDS}
    config = load_project_config(tmp_path / "interop.toml")
    assert config.findings == [] and config.config.settings.library is True
    assert init_project(tmp_path) == []
    again = cli_process.run_argv(
        [sys.executable, "-m", "interop", "init"], cwd=tmp_path, capture_output=True, text=True
    )
    assert again.returncode == 0 and again.stdout.startswith("nothing to write")


def test_init_leaves_a_pyproject_configuration_alone(tmp_path):
    from interop.load.scaffold import init_project

    (tmp_path / "pyproject.toml").write_text('[tool.interop]\nspecs = ["rescue"]\n')
    assert tmp_path / "interop.toml" not in init_project(tmp_path)
    assert not (tmp_path / "interop.toml").exists()
