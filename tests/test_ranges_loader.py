"""Ranges in spec files: what reads as a range, and a position for every error."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from interop.load import load_catalog
from interop.model.schema import generate_schemas
from interop.model.values import CountSpan, Span

HEADER = (
    "kind: Vehicle\nschema_version: 1\nid: v\nname: V\nvehicle_type: crew-vehicle\n"
    "status: operational\ncrewed: true\nsources: [{title: t}]\n"
)
LINE = HEADER.count("\n") + 1  # the line of the first value written after the header


def _load(tmp_path, body: str):
    (tmp_path / "v.yaml").write_text(HEADER + body)
    result = load_catalog([tmp_path])
    return result.catalog.vehicles.get("v"), result.findings


@pytest.mark.parametrize(
    ("body", "low", "high"),
    [
        ('life_support: {endurance_days: "5..30 days"}\n', 5.0, 30.0),
        ('life_support: {endurance_days: "5..30"}\n', 5.0, 30.0),
        ('life_support: {endurance_days: " 1 .. 2 weeks "}\n', 7.0, 14.0),
        ("life_support: {endurance_days: {min: 5, max: 30}}\n", 5.0, 30.0),
        ("life_support: {endurance_days: {min: 1, max: 2, unit: weeks}}\n", 7.0, 14.0),
        ('atmosphere: {pressure_kpa: "9..14.7 psi"}\n', 9 * 6.894757293168361, 14.7 * 6.894757293168361),
    ],
)
def test_quantity_ranges_read_in_the_field_unit(tmp_path, body, low, high):
    vehicle, findings = _load(tmp_path, body)
    assert findings == []
    value = vehicle.life_support.endurance_days if "endurance" in body else vehicle.atmosphere.pressure_kpa
    assert isinstance(value, Span)
    assert (value.low, value.high) == pytest.approx((low, high))


@pytest.mark.parametrize(
    "body", ['life_support: {max_crew: "10..11"}\n', "life_support: {max_crew: {min: 10, max: 11}}\n"]
)
def test_count_ranges(tmp_path, body):
    vehicle, findings = _load(tmp_path, body)
    assert findings == []
    value = vehicle.life_support.max_crew
    assert isinstance(value, CountSpan) and (value.low, value.high) == (10, 11)


def test_a_single_value_stays_a_single_value(tmp_path):
    vehicle, findings = _load(tmp_path, 'life_support: {endurance_days: 12, max_crew: 4, crew_days: "7..7"}\n')
    assert findings == []
    support = vehicle.life_support
    assert not isinstance(support.endurance_days, Span) and support.endurance_days == 12
    assert not isinstance(support.max_crew, CountSpan) and support.max_crew == 4
    assert not isinstance(support.crew_days, Span) and support.crew_days == 7


# body, code, the text the finding points at (its first character), words of the message
ERRORS = [
    ('life_support: {endurance_days: "30..5 days"}\n', "SPEC017", '"30..5', "low end 30 is above the high end 5"),
    ('life_support: {endurance_days: "5.. days"}\n', "SPEC017", '"5..', "is not a range"),
    ('life_support: {endurance_days: "5..30 parsecs"}\n', "SPEC014", '"5..', "unknown unit 'parsecs'"),
    ('life_support: {endurance_days: "5..30 kPa"}\n', "SPEC014", '"5..', "is a pressure"),
    ('life_support: {endurance_days: "5..300000"}\n', "SPEC015", '"5..', "less than or equal to 100000"),
    ('life_support: {endurance_days: "-1..3"}\n', "SPEC015", '"-1', "greater than or equal to 0"),
    ("life_support:\n  endurance_days: {min: 5, max: 300000}\n", "SPEC015", "300000", "less than or equal to 100000"),
    ("life_support:\n  endurance_days: {min: -5, max: 3}\n", "SPEC015", "-5", "greater than or equal to 0"),
    ("life_support:\n  endurance_days: {min: 9, max: 3}\n", "SPEC017", "3}", "low end 9 is above the high end 3"),
    ("life_support:\n  endurance_days: {min: 1, max: 3, unit: kPa}\n", "SPEC014", "kPa", "is a pressure"),
    ("life_support:\n  endurance_days: {min: 1, max: 3, per: day}\n", "SPEC011", "per", "unknown field 'per'"),
    ("life_support:\n  endurance_days: {min: 1}\n", "SPEC010", "{min", "missing required field"),
    ("life_support:\n  endurance_days: {min: one, max: 3}\n", "SPEC012", "one", "valid number"),
    ('life_support: {max_crew: "10.5..11"}\n', "SPEC017", '"10.5', "a count takes no unit"),
    ('life_support: {max_crew: "10..11 people"}\n', "SPEC017", '"10..', "is not a range"),
    ('life_support: {max_crew: "12..11"}\n', "SPEC017", '"12..', "low end 12 is above the high end 11"),
    ('life_support: {max_crew: "10..1001"}\n', "SPEC015", '"10..', "less than or equal to 1000"),
    ("life_support:\n  max_crew: {min: 10, max: 11, unit: days}\n", "SPEC011", "unit", "unknown field 'unit'"),
]


@pytest.mark.parametrize(("body", "code", "at", "words"), ERRORS)
def test_every_range_error_has_its_code_and_position(tmp_path, body, code, at, words):
    _vehicle, findings = _load(tmp_path, body)
    assert [f.code for f in findings] == [code], [f.format() for f in findings]
    [finding] = findings
    offset, text = next((n, line) for n, line in enumerate(body.splitlines()) if at in line)
    assert (finding.position.line, finding.position.column) == (LINE + offset, text.index(at) + 1), finding.format()
    assert words in finding.message, finding.message


VEHICLE_SCHEMA = jsonschema.Draft202012Validator(json.loads(generate_schemas()["vehicle.schema.json"]))


def _vehicle(support: dict) -> dict:
    return {
        "kind": "Vehicle",
        "schema_version": 1,
        "id": "v",
        "name": "V",
        "vehicle_type": "crew-vehicle",
        "status": "operational",
        "crewed": True,
        "sources": [{"title": "t"}],
        "life_support": support,
    }


@pytest.mark.parametrize(
    ("support", "accepted"),
    [
        ({"endurance_days": "5..30 days"}, True),
        ({"endurance_days": "5..30"}, True),
        ({"endurance_days": {"min": 5, "max": 30}}, True),
        ({"endurance_days": {"min": 1, "max": 2, "unit": "weeks"}}, True),
        ({"endurance_days": {"min": 5, "max": 300000}}, False),
        ({"endurance_days": {"min": 5}}, False),
        ({"endurance_days": {"min": 1, "max": 2, "unit": "kPa"}}, False),
        ({"endurance_days": "5..30 kPa"}, False),
        ({"endurance_days": "5.. days"}, False),
        ({"max_crew": "10..11"}, True),
        ({"max_crew": {"min": 10, "max": 11}}, True),
        ({"max_crew": "10..11 days"}, False),
        ({"max_crew": {"min": 10, "max": 1001}}, False),
    ],
)
def test_the_schema_accepts_ranges_as_the_models_do(tmp_path, support, accepted):
    document = _vehicle(support)
    assert VEHICLE_SCHEMA.is_valid(document) is accepted
    (tmp_path / "v.json").write_text(json.dumps(document))
    assert (load_catalog([tmp_path]).findings == []) is accepted


def test_a_range_is_dumped_as_a_mapping_that_loads_back(tmp_path):
    vehicle, findings = _load(tmp_path, 'life_support: {endurance_days: "5..30 days", max_crew: "10..11"}\n')
    assert findings == []
    dumped = vehicle.model_dump(mode="json", exclude_none=True)
    assert dumped["life_support"] == {"endurance_days": {"min": 5.0, "max": 30.0}, "max_crew": {"min": 10, "max": 11}}
    (tmp_path / "v.yaml").unlink()
    (tmp_path / "v.json").write_text(json.dumps(dumped))
    again = load_catalog([tmp_path])
    assert again.findings == [] and again.catalog.vehicles["v"] == vehicle


def test_the_unit_tables_and_the_validators_do_not_import_each_other():
    """interop.model.values imports the unit tables (lazily); the tables import only the leaf quoting module."""
    import ast

    from interop.model import units

    tree = ast.parse(Path(units.__file__).read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module is not None
    } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert {name for name in imported if name.startswith("interop")} == {"interop.model.quoting"}
