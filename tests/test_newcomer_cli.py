"""What a new user of the command line runs into (issue 29), each reproduced first."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests import cli_process

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "interop" / "schemas"


def interop(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return cli_process.run_argv(
        [sys.executable, "-m", "interop", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_schema_drift_names_the_command_that_fixes_the_checked_folder(tmp_path):
    vendored = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, vendored)
    stale = sorted(vendored.glob("*.json"))[0]
    document = json.loads(stale.read_text())
    document["title"] = "stale"
    stale.write_text(json.dumps(document))

    checked = interop("schema", "--check", "--dir", "schemas", cwd=tmp_path)
    assert checked.returncode == 1
    assert f"schemas/{stale.name}: differs from the models; run 'interop schema --dir schemas' to regenerate" in (
        checked.stderr
    )
    # The command it names is the one that fixes it.
    fixed = interop("schema", "--dir", "schemas", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert interop("schema", "--check", "--dir", "schemas", cwd=tmp_path).returncode == 0


def test_new_after_init_points_schema_at_the_projects_own_schemas(tmp_path):
    project = tmp_path / "project"
    assert interop("init", str(project), cwd=tmp_path).returncode == 0
    made = interop("new", "vehicle", "my-ship", cwd=project)
    assert made.returncode == 0, made.stderr
    first = (project / "specs" / "vehicles" / "my-ship.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/vehicle.schema.json"
    # The comment resolves to the copy init wrote, inside the project.
    target = (project / "specs" / "vehicles" / first.split("=", 1)[1]).resolve()
    assert target == (project / "schemas" / "vehicle.schema.json").resolve() and target.is_file()


def test_new_without_a_project_copy_points_at_the_package_and_schema_dir_wins(tmp_path):
    bare = interop("new", "vehicle", "bare-ship", cwd=tmp_path)
    assert bare.returncode == 0, bare.stderr
    first = (tmp_path / "specs" / "vehicles" / "bare-ship.yaml").read_text().splitlines()[0]
    target = (tmp_path / "specs" / "vehicles" / first.split("=", 1)[1]).resolve()
    assert target == (SCHEMAS / "vehicle.schema.json").resolve()

    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    vendored = tmp_path / "vendor"
    shutil.copytree(SCHEMAS, vendored)
    chosen = interop("new", "vehicle", "chosen-ship", "--schema-dir", "vendor", cwd=tmp_path)
    assert chosen.returncode == 0, chosen.stderr
    first = (tmp_path / "specs" / "vehicles" / "chosen-ship.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../vendor/vehicle.schema.json"


ORION = ROOT / "specs" / "vehicles" / "orion.yaml"


def _project(tmp_path: Path) -> Path:
    """A user's repository with its own specs/ (a copy of this one's) and a copy elsewhere in it."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "specs", project / "specs")
    shutil.copytree(ROOT / "specs", project / "elsewhere" / "specs-copy")
    (project / ".git").mkdir()
    return project


def test_a_named_folder_is_the_catalog_not_also_the_projects_specs(tmp_path):
    project = _project(tmp_path)
    named = interop("validate", "elsewhere/specs-copy", cwd=project)
    assert named.returncode == 0, named.stdout + named.stderr
    assert "SPEC021" not in named.stdout
    # A folder inside a virtual environment inside the repository: the same.
    venv_copy = project / ".venv" / "lib" / "site-packages" / "interop" / "library"
    shutil.copytree(ROOT / "specs", venv_copy)
    inside_venv = interop("validate", str(venv_copy), cwd=project)
    assert inside_venv.returncode == 0, inside_venv.stdout + inside_venv.stderr
    # With no path named, the nearest specs/ is the default.
    default = interop("validate", cwd=project)
    assert default.returncode == 0, default.stdout + default.stderr


def test_a_file_inside_the_projects_specs_still_resolves_against_them(tmp_path):
    project = _project(tmp_path)
    alone = interop("validate", "specs/vehicles/orion.yaml", cwd=project)
    assert alone.returncode == 0, alone.stdout + alone.stderr


def test_stdin_identical_to_a_catalog_file_replaces_it(tmp_path):
    text = ORION.read_text()
    piped = interop("validate", "-", "--catalog", str(ROOT / "specs"), cwd=tmp_path, stdin=text)
    assert piped.returncode == 0, piped.stdout + piped.stderr
    named = interop(
        "validate", "-", "--catalog", "specs", "--stdin-filename", "specs/vehicles/orion.yaml", cwd=ROOT, stdin=text
    )
    assert named.returncode == 0, named.stdout + named.stderr
    # A changed copy under another name is a second document with the same id.
    changed = interop("validate", "-", "--catalog", str(ROOT / "specs"), cwd=tmp_path, stdin=text + "\n# edited\n")
    assert changed.returncode == 1 and "SPEC021" in changed.stdout
