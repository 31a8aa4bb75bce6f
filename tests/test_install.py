"""The tool as its users get it: a wheel installed in a fresh environment, run
outside this repository.

The wheel is built once per session (``uv build --wheel``, or ``pip wheel
--no-deps .`` without uv: setuptools from the package index, or the
installer's cache) and installed with pip, without dependencies,
into a new virtual environment; the dependencies are those of the test
environment, made visible by a ``.pth`` line, so no network is needed and
the package under test is the wheel's, never this checkout's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# uv, when the test environment has it (tasks.py installs with it): it builds the wheel and makes
# the editable install; the wheel itself is installed with pip, as users install it.
UV = shutil.which("uv", path=str(Path(sys.executable).parent))

# The wheel and its virtual environment are built once, on one xdist worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("install")]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a private copy: setuptools writes build/ and *.egg-info into
    # the source folder, which other tests copy or read while workers run.
    source = tmp_path_factory.mktemp("source") / "interop"
    ignore = shutil.ignore_patterns(".venv*", ".git", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")
    shutil.copytree(ROOT, source, ignore=ignore)
    # The build frontend does not change the wheel (setuptools builds it either way); uv's is
    # the quicker where tasks.py installed it (1.5 s against 3.4 s).
    frontend = (
        [UV, "build", "--wheel", "--quiet", "--out-dir", str(out), str(source)]
        if UV
        else [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check"]
        + [str(source), "-w", str(out)]
    )
    build = subprocess.run(frontend, capture_output=True, text=True, timeout=300)
    if build.returncode != 0 and "No matching distribution" in build.stderr:
        pytest.skip("setuptools cannot be fetched to build the wheel (no package index)")
    assert build.returncode == 0, build.stderr
    (found,) = out.glob("interop_rescue-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh environment holding the wheel."""
    home = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index"]
        + ["--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home / "bin"


def run(bin_folder: Path, *args, cwd: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["INTEROP_NO_CACHE"] = "1"
    result = subprocess.run(
        [str(bin_folder / "interop"), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_wheel_is_named_and_carries_the_library_and_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert wheel.name.startswith("interop_rescue-")
    bundled = sorted(n.removeprefix("interop/library/") for n in names if n.startswith("interop/library/"))
    repository = sorted(p.relative_to(ROOT / "specs").as_posix() for p in (ROOT / "specs").rglob("*") if p.is_file())
    assert bundled == repository
    assert {f"interop/schemas/{p.name}" for p in (ROOT / "interop/schemas").glob("*.json")} <= set(names)


def test_installed_tool_uses_its_own_package(installed, tmp_path):
    where = subprocess.run(
        [
            installed / "python",
            "-c",
            "import interop, interop.load.library as l; print(interop.__file__, l.bundled_specs())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert str(ROOT) not in where[0] and where[1].endswith("interop/library")


def test_check_outside_the_repository_with_the_bundled_library(installed, tmp_path):
    result = run(installed, "check", "us-artemis", "ru-lunar", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["verdict"] == "none"


def test_bundled_system_file_validates_alone(installed, tmp_path):
    library = Path(
        subprocess.run(
            [installed / "python", "-c", "import interop.load.library as l; print(l.bundled_specs())"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    result = run(installed, "validate", library / "systems" / "iss.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 file valid\n")


def test_schema_dir_and_scaffold_from_the_wheel(installed, tmp_path):
    written = run(installed, "schema", "--dir", tmp_path / "schemas", cwd=tmp_path)
    shipped = {path.name for path in (ROOT / "interop" / "schemas").glob("*.schema.json")}
    assert written.returncode == 0 and shipped
    assert {path.name for path in (tmp_path / "schemas").glob("*.schema.json")} == shipped
    assert run(installed, "schema", "--check", "--dir", tmp_path / "schemas", cwd=tmp_path).returncode == 0
    new = run(installed, "new", "vehicle", "my-ship", "--schema-dir", "schemas", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    first = (tmp_path / "specs/vehicles/my-ship.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/vehicle.schema.json"
    assert run(installed, "validate", cwd=tmp_path).returncode == 0


def test_editable_install_finds_the_library_in_the_checkout(tmp_path):
    """What tasks.py makes (an editable install, with uv where it has it, else pip), in an environment
    of its own."""
    home = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    installer = (
        [UV, "pip", "install", "--quiet", "--no-deps", "--python", str(python)]
        if UV
        else [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps"]
        + ["--disable-pip-version-check"]
    )
    install = subprocess.run([*installer, "-e", str(ROOT)], capture_output=True, text=True, timeout=300)
    if install.returncode != 0 and "No matching distribution" in install.stderr:
        pytest.skip("setuptools cannot be fetched to build the editable install (no package index)")
    assert install.returncode == 0, install.stderr
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run(
        [python, "-c", "import interop.load.library as l; print(l.bundled_specs())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert where.stdout.strip() == str(ROOT / "specs"), where.stderr
    result = run(home / "bin", "check", "us-artemis", "ru-lunar", cwd=tmp_path)
    assert result.returncode == 1 and "Verdict: NONE" in result.stdout, result.stderr
