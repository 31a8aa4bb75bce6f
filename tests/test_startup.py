"""`interop validate` on one file imports only what validation needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from interop.cli import main
try:
    main(["validate", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("interop", "jsonschema", "rich", "typer")))))
"""


def _modules_after_validate(path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_validate_does_not_import_engine_reports_or_jsonschema():
    modules = _modules_after_validate(ROOT / "specs" / "interfaces" / "idss.yaml")
    assert "interop.load" in modules
    for heavy in (
        "interop.engine",
        "interop.rules.base",
        "interop.report.terminal",
        "interop.report.machine",
        "jsonschema",
        "rich",
        "typer",
    ):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_unit_tables_load_only_for_unit_strings(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "kind: DockingInterface\nschema_version: 1\nid: x\nname: x\nstyle: berthing\npassage_diameter_mm: 1270\nsources: [{title: t}]\n"
    )
    assert "interop.model.units" not in _modules_after_validate(plain)
    with_unit = tmp_path / "unit.yaml"
    with_unit.write_text(plain.read_text().replace("1270", '"50 in"'))
    assert "interop.model.units" in _modules_after_validate(with_unit)


# ------------------------------------------- the command line's process settings

PLUGIN_MODULE = """
import sys


class Recorder:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        sys.stderr.write(f"plugin saw {schema_type_path.name}\\n")
        return None, None, None


plugin = Recorder()
"""


@pytest.fixture
def pydantic_plugin(tmp_path):
    """A pydantic plugin installed as a distribution: PYTHONPATH to find it by."""
    site = tmp_path / "site"
    (site / "recorder_plugin-0.1.dist-info").mkdir(parents=True)
    (site / "recorder_plugin-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: recorder-plugin\nVersion: 0.1\n"
    )
    (site / "recorder_plugin-0.1.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nrecorder = recorder_plugin:plugin\n"
    )
    (site / "recorder_plugin.py").write_text(PLUGIN_MODULE)
    return str(site)


@pytest.fixture
def interface_file(tmp_path):
    path = tmp_path / "berth.yaml"
    path.write_text(
        "kind: DockingInterface\nschema_version: 1\nid: berth\nname: Berth\nstyle: berthing\nsources: [{title: t}]\n"
    )
    return str(path)


def _run(code: str, *args: str, pythonpath: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("PYDANTIC_DISABLE_PLUGINS", "INTEROP_PYDANTIC_PLUGINS")
    }
    environment.update(env)
    if pythonpath:
        environment["PYTHONPATH"] = pythonpath
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, env=environment
    )


CLI_PROBE = """
import gc, json, sys
from interop.cli import main
try:
    main(["validate", sys.argv[1]])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "metadata": "importlib.metadata" in sys.modules, "email": "email" in sys.modules, "gc": gc.get_threshold()[0]}))
"""


def test_command_line_validates_without_looking_for_pydantic_plugins(pydantic_plugin, interface_file):
    result = _run(CLI_PROBE, interface_file, pythonpath=pydantic_plugin)
    state = json.loads(result.stdout.splitlines()[-1])
    assert state == {"code": 0, "metadata": False, "email": False, "gc": 100_000}, result.stderr
    assert "plugin saw" not in result.stderr


def test_command_line_loads_pydantic_plugins_when_asked(pydantic_plugin, interface_file):
    result = _run(CLI_PROBE, interface_file, pythonpath=pydantic_plugin, INTEROP_PYDANTIC_PLUGINS="1")
    state = json.loads(result.stdout.splitlines()[-1])
    assert state["code"] == 0 and state["metadata"] is True
    assert "plugin saw DockingInterface" in result.stderr


def test_library_users_keep_pydantic_plugins(pydantic_plugin, interface_file):
    code = "import sys, interop\nresult = interop.load_catalog([sys.argv[1]])\nassert not result.findings\n"
    result = _run(code, interface_file, pythonpath=pydantic_plugin)
    assert result.returncode == 0, result.stderr
    assert "plugin saw DockingInterface" in result.stderr


def test_stand_in_loader_answers_other_names_from_the_real_one():
    code = """
import sys
from interop.cli.process import skip_pydantic_plugin_discovery
assert skip_pydantic_plugin_discovery() is True
from pydantic.plugin._loader import get_plugins, PYDANTIC_ENTRY_POINT_GROUP
from pydantic import BaseModel
class Probe(BaseModel):
    x: int
assert Probe(x=1).x == 1
assert tuple(get_plugins()) == ()
assert PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
assert skip_pydantic_plugin_discovery() is False  # already in place: a second call changes nothing
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr


def test_stand_in_is_not_installed_once_pydantic_has_looked():
    code = """
from pydantic import BaseModel
class Probe(BaseModel):
    x: int
Probe(x=1)
import sys
real = sys.modules["pydantic.plugin._loader"]
from interop.cli.process import skip_pydantic_plugin_discovery
assert skip_pydantic_plugin_discovery() is False
assert sys.modules["pydantic.plugin._loader"] is real
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr
