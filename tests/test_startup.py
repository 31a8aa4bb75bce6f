"""`interop validate` on one file imports only what validation needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
    for heavy in ("interop.engine", "interop.rules.base", "interop.report.text", "jsonschema", "rich", "typer"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_unit_tables_load_only_for_unit_strings(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text("kind: DockingInterface\nschema_version: 1\nid: x\nname: x\nstyle: berthing\npassage_diameter_mm: 1270\nsources: [{title: t}]\n")
    assert "interop.model.units" not in _modules_after_validate(plain)
    with_unit = tmp_path / "unit.yaml"
    with_unit.write_text(plain.read_text().replace("1270", '"50 in"'))
    assert "interop.model.units" in _modules_after_validate(with_unit)
