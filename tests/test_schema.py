"""Exported JSON Schemas: committed, drift-checked, usable by third-party validators."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interop.load import load_file
from interop.model.documents import DOCUMENT_KINDS, DockingInterface
from interop.model.schema import SCHEMA_DIR, field_docstrings, generate_schemas, schema_filename
from interop.model.units import FIELD_UNITS, unit_pattern
from tests import cli_process
from tests.spec_builders import load_yaml
from tests.test_language_server import Client, server_script

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))


def _interop(*args):
    return cli_process.run_argv([sys.executable, "-m", "interop", *args], capture_output=True, text=True, timeout=60)


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
    kind = load_yaml(path.read_text())["kind"]
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


# ------------------------------------------------------ descriptions for editors

SCHEMAS = {name: json.loads(text) for name, text in generate_schemas().items()}

# A quantity's unit is the last word of its field's name (docs/design.md, "Units");
# this is how its description must name it.
UNIT_NAMED = {
    "mm": "mm",
    "m": "m",
    "kpa": "kPa",
    "mps": "m/s",
    "days": "days",
    "hours": "hours",
    "kg": "kg",
    "fraction": "a fraction of 1",
    "v": "V",
    "w": "W",
    "deg": "degrees",
}


def _properties(schema: dict):
    """(where, name, property) for the document's own properties and those of every $defs entry."""
    for name, prop in schema["properties"].items():
        yield "(document)", name, prop
    for definition, sub in schema.get("$defs", {}).items():
        for name, prop in sub.get("properties", {}).items():
            yield definition, name, prop


def _patterns(node) -> set[str]:
    """Every string pattern in a property's schema (not through $ref)."""
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


QUANTITY_PATTERNS = {unit_pattern(unit, signed=signed) for unit in FIELD_UNITS for signed in (False, True)}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_a_description(name):
    undescribed = [
        f"{where}.{field}"
        for where, field, prop in _properties(SCHEMAS[name])
        # A quantity's unit sentence is added to its field's own words, not in place of them.
        if not (isinstance(prop.get("description"), str) and re.sub(r"\s*Unit: .*", "", prop["description"]).strip())
    ]
    assert not undescribed, f"{name}: no description for {undescribed}"


def test_every_quantity_description_names_its_unit():
    quantities = []
    for name, schema in sorted(SCHEMAS.items()):
        for where, field, prop in _properties(schema):
            is_quantity = bool(_patterns(prop) & QUANTITY_PATTERNS)
            unit = field.rsplit("_", 1)[-1]
            assert is_quantity == (unit in UNIT_NAMED), f"{name} {where}.{field}: a quantity ends in its unit, only one"
            if not is_quantity:
                continue
            quantities.append(field)
            description = prop["description"]
            assert re.search(rf"Unit: {re.escape(UNIT_NAMED[unit])}[; ]", description), (
                f"{where}.{field}: {description!r}"
            )
            example = re.search(r'such as "([^"]+)"', description)
            assert example, f"{where}.{field}: no example of a unit string in {description!r}"
            accepting = [p for p in _patterns(prop) if p in QUANTITY_PATTERNS and re.search(p, example.group(1))]
            assert accepting, f"{where}.{field}: its own schema refuses the example {example.group(1)!r}"
    assert {"pressure_kpa", "passage_diameter_mm", "return_transit_days", "life_support_hours"} <= set(quantities)


def _without_descriptions(node):
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_descriptions_are_all_the_exported_schema_adds(kind):
    """pydantic's own schema of the model and the exported one accept the same documents."""
    exported = SCHEMAS[schema_filename(kind)]
    plain = DOCUMENT_KINDS[kind].model_json_schema(mode="validation")
    del exported["$schema"], exported["$id"]
    assert _without_descriptions(exported) == _without_descriptions(plain)


@pytest.mark.slow
def test_language_server_hover_shows_the_description_and_unit(tmp_path):
    """What an editor shows on hover, asked of the real yaml-language-server outside this repository."""
    script = server_script()
    project = tmp_path / "my-project"
    written = _interop("schema", "--dir", str(project / "schemas"))
    assert written.returncode == 0, written.stderr
    spec = project / "specs" / "interfaces" / "probe.yaml"
    spec.parent.mkdir(parents=True)
    text = (
        "# yaml-language-server: $schema=../../schemas/docking-interface.schema.json\n"
        "kind: DockingInterface\nschema_version: 1\nid: probe\nname: Probe\n"
        "style: gendered\n"
        "passage_diameter_mm: 800\n"
        "sources: [{title: t}]\n"
    )
    spec.write_text(text)
    client = Client(script, project)
    shown = {}
    try:
        initialize = client.send(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": project.as_uri(),
                "capabilities": {"workspace": {"configuration": True}, "textDocument": {"hover": {}}},
            },
            request=True,
        )
        client.wait_for(lambda m: m.get("id") == initialize)
        client.send("initialized", {})
        client.send("workspace/didChangeConfiguration", {"settings": {"yaml": {"hover": True}}})
        client.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": spec.as_uri(), "languageId": "yaml", "version": 1, "text": text}},
        )
        for field, line in (("style", 5), ("passage_diameter_mm", 6)):
            asked = client.send(
                "textDocument/hover",
                {"textDocument": {"uri": spec.as_uri()}, "position": {"line": line, "character": 2}},
                request=True,
            )
            answer = client.wait_for(lambda m, asked=asked: m.get("id") == asked)
            # Markdown escapes punctuation; the words are what a person reads.
            shown[field] = ((answer.get("result") or {}).get("contents") or {}).get("value", "").replace("\\", "")
    finally:
        client.close()
    docstrings = field_docstrings(DockingInterface)
    assert docstrings["style"] in shown["style"], shown
    assert docstrings["passage_diameter_mm"] in shown["passage_diameter_mm"], shown
    assert "Unit: mm;" in shown["passage_diameter_mm"], shown
