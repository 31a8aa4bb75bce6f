"""Exported JSON Schemas: committed, drift-checked, usable by third-party validators."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from interop.load import load_file
from interop.model.schema import SCHEMA_DIR, generate_schemas, schema_filename

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))


def _interop(*args):
    return subprocess.run([sys.executable, "-m", "interop", *args], capture_output=True, text=True, timeout=60)


def test_committed_schemas_match_the_models():
    result = _interop("schema", "--check")
    assert result.returncode == 0, result.stderr


def test_schema_check_names_the_drifted_file(tmp_path):
    for name, text in generate_schemas().items():
        (tmp_path / name).write_text(text)
    (tmp_path / "vehicle.schema.json").write_text("{}\n")
    result = _interop("schema", "--check", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert "vehicle.schema.json" in result.stderr
    assert "docking-interface" not in result.stderr


def _schema_for(path: Path) -> Path:
    kind = yaml.safe_load(path.read_text())["kind"]
    return SCHEMA_DIR / schema_filename(kind)


def _third_party_accepts(path: Path) -> bool:
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(_schema_for(path)), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode == 0


needs_check_jsonschema = pytest.mark.skipif(
    CHECK_JSONSCHEMA is None, reason="check-jsonschema is a test dependency; install with '.[test]'"
)


@needs_check_jsonschema
def test_every_bundled_spec_passes_check_jsonschema():
    files = sorted((ROOT / "specs").rglob("*.yaml"))
    by_schema: dict[Path, list[Path]] = {}
    for path in files:
        by_schema.setdefault(_schema_for(path), []).append(path)
    for schema, paths in by_schema.items():
        result = subprocess.run(
            [CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr


@needs_check_jsonschema
@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_examples_fail_both_validators(path):
    _document, _source_map, findings = load_file(path)
    assert findings, f"interop accepted {path.name}"
    assert not _third_party_accepts(path), f"check-jsonschema accepted {path.name}"
