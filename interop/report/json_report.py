"""Versioned JSON reports: the records, serialised deterministically."""

from __future__ import annotations

import json

from interop.report import records


def _dump(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def render_system(result) -> str:
    return _dump(records.system_record(result))


def render_vehicles(result, strict: bool = False) -> str:
    return _dump(records.vehicle_record(result, strict))


def render_scenario(result, strict: bool = False) -> str:
    return _dump(records.scenario_record(result, strict))


def render_matrix(result, strict: bool = False) -> str:
    return _dump(records.matrix_record(result, strict))
