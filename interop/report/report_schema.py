"""The JSON Schema of `--format json` reports (report_version 2).

Version 2 (issue 23): a rescue and a row carry ``best`` (the best verdict
over the ranges the rescue reads; ``verdict`` stays the worst) and
``splits`` (where the verdict changes inside a range); a rescue lists the
``ranges`` it read and whether they were ``assumed`` at one end; a crew
that is a range is ``{low, high, unit}``.

This module is the source; interop/report/schemas/report.schema.json is the
committed copy for third parties, and a test keeps the two equal and checks
real reports against it.

Longer than 500 lines because it is one JSON Schema document written as
Python, one definition per record kind, which reads best whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interop.model.finding import ConditionOp

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "report.schema.json"

_VERDICT = {"enum": ["pass", "conditional", "unknown", "fail"]}
_POSITION = {
    "anyOf": [
        {"type": "null"},
        {
            "type": "object",
            "required": ["path", "line", "column"],
            "properties": {
                "path": {"type": "string"},
                "line": {"type": "integer", "minimum": 0},
                "column": {"type": "integer", "minimum": 0},
                "library": {"const": True, "description": "The file is the bundled library's; path reads library:..."},
                "library_path": {"type": "string", "description": "The file's place in the bundled library."},
            },
        },
    ]
}
_STRINGS = {"type": "array", "items": {"type": "string"}}
_KIND = {"enum": ["Vehicle", "TransportSystem", "DockingInterface", "RescueScenario", "TransferTable", None]}
_SCALAR = {"type": ["number", "string", "boolean", "null"]}
_CONDITIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["rule", "text", "fields", "op", "value", "unit", "alternatives", "publishers"],
        "additionalProperties": False,
        "properties": {
            "rule": {"type": "string"},
            "text": {"type": "string"},
            "fields": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["kind", "document", "name"],
                    "additionalProperties": False,
                    "properties": {"kind": _KIND, "document": {"type": ["string", "null"]}, "name": {"type": "string"}},
                },
            },
            "op": {"enum": [op.value for op in ConditionOp]},
            "value": {"anyOf": [_SCALAR, {"type": "array", "items": _SCALAR}]},
            "unit": {"type": ["string", "null"]},
            "alternatives": _STRINGS,
            "publishers": _STRINGS,
        },
    },
}
_CONDITION: dict[str, Any] = _CONDITIONS["items"]  # type: ignore[assignment]
_REQUIREMENT = {
    **_CONDITION,
    "required": [*_CONDITION["required"], "rows"],
    "properties": {**_CONDITION["properties"], "rows": _STRINGS},
}
"""A plan's requirement: a condition record and the rows that rest on it."""
_WANTED = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name", "kind", "document", "publishers", "condition", "conditions"],
        "properties": {
            "name": {"type": "string"},
            "kind": _KIND,
            "document": {"type": ["string", "null"]},
            "publishers": _STRINGS,
            "publishers_inferred": {"type": "boolean"},
            "condition": {"type": ["string", "null"]},
            "conditions": _CONDITIONS,
        },
    },
}
_COUNT = {"type": "integer", "minimum": 0}
_DAYS = {"type": ["number", "null"]}
_LEGS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["carrier", "from_vehicle", "to_vehicle", "from_place", "to_place", "depart_days", "arrive_days"],
        "properties": {
            "carrier": {"type": "string"},
            "from_vehicle": {"type": "string"},
            "to_vehicle": {"type": "string"},
            "from_place": {"type": "string"},
            "to_place": {"type": "string"},
            "launch_days": _DAYS,
            "depart_days": _DAYS,
            "arrive_days": _DAYS,
            "depart_days_best": _DAYS,
            "arrive_days_best": _DAYS,
        },
    },
}
_TIME_FIELDS = {
    "margin_days": _DAYS,
    "margin_days_best": _DAYS,
    "return_margin_days": _DAYS,
    "margin_leg": {"type": ["integer", "null"], "minimum": 1},
    "margin_limit": {"type": ["string", "null"]},
    "time_reserve_days": {"type": "number", "minimum": 0},
    "legs": _LEGS,
    "timeline": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["event", "earliest_days", "latest_days"],
            "properties": {"event": {"type": "string"}, "earliest_days": _DAYS, "latest_days": _DAYS},
        },
    },
    "time_figures": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["leg", "name", "low_days", "high_days", "source", "missing"],
            "properties": {
                "leg": {"type": "integer", "minimum": 1},
                "name": {"enum": ["readiness", "transit", "supplies", "onward", "endurance"]},
                "low_days": _DAYS,
                "high_days": _DAYS,
                "source": {"type": "string"},
                "note": {"type": "string"},
                "missing": {"type": ["string", "null"]},
            },
        },
    },
    "search_bound": {"type": "string"},
}
_SHARES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["crew", "rescuer", "verdict", "margin_days", "legs"],
        "properties": {"crew": {"type": "integer", "minimum": 1}, "verdict": _VERDICT, **_TIME_FIELDS},
    },
}
_CATEGORIES = ("pass", "conditional", "data-only", "one-change", "several-changes", "not-feasible")
_CATEGORY = {"enum": list(_CATEGORIES)}
"""How far a matrix row or cell is from a pass (interop.engine.categories)."""

_UNIT = {"type": ["string", "null"]}
_RANGE = {
    "type": "object",
    "required": ["low", "high", "unit"],
    "properties": {"low": {"type": "number"}, "high": {"type": "number"}, "unit": _UNIT},
    "additionalProperties": False,
}
_CREW = {"anyOf": [{"type": "integer", "minimum": 1}, _RANGE]}
_SPLITS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["document", "field", "at", "unit", "below", "above"],
        "properties": {
            "document": {"type": "string"},
            "field": {"type": "string"},
            "at": {"type": "number"},
            "unit": _UNIT,
            "below": _VERDICT,
            "above": _VERDICT,
        },
        "additionalProperties": False,
    },
}
_RANGES_READ = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["document", "field", "low", "high", "unit"],
        "properties": {
            "document": {"type": "string"},
            "field": {"type": "string"},
            "low": {"type": "number"},
            "high": {"type": "number"},
            "unit": _UNIT,
        },
        "additionalProperties": False,
    },
}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://interop.invalid/schemas/report.schema.json",
    "title": "interop JSON report",
    "type": "object",
    "required": ["report_version", "kind"],
    "properties": {
        "report_version": {"const": 2},
        "kind": {"enum": ["systems", "vehicles", "scenario", "matrix", "validation", "plan", "gaps", "map"]},
    },
    "allOf": [
        {"if": {"properties": {"kind": {"const": "systems"}}}, "then": {"$ref": "#/$defs/systems"}},
        {
            "if": {"properties": {"kind": {"const": "vehicles"}}},
            "then": {"$ref": "#/$defs/rescue", "required": ["verdict", "stages", "strict"]},
        },
        {"if": {"properties": {"kind": {"const": "scenario"}}}, "then": {"$ref": "#/$defs/scenario"}},
        {"if": {"properties": {"kind": {"const": "matrix"}}}, "then": {"$ref": "#/$defs/matrix"}},
        {"if": {"properties": {"kind": {"const": "validation"}}}, "then": {"$ref": "#/$defs/validation"}},
        {
            "if": {"properties": {"kind": {"const": "plan"}}},
            "then": {"$ref": "#/$defs/plan"},
        },
        {"if": {"properties": {"kind": {"const": "gaps"}}}, "then": {"$ref": "#/$defs/gaps"}},
        {"if": {"properties": {"kind": {"const": "map"}}}, "then": {"$ref": "#/$defs/map"}},
    ],
    "$defs": {
        "finding": {
            "type": "object",
            "required": [
                "code",
                "severity",
                "verdict",
                "message",
                "position",
                "remedy",
                "conditions",
                "missing",
                "requirements",
                "fingerprint",
            ],
            "properties": {
                "code": {"type": "string", "pattern": "^[A-Z]+[0-9]{3}$"},
                "severity": {"enum": ["error", "warning", "info"]},
                "verdict": _VERDICT,
                "message": {"type": "string"},
                "subject": {"type": "string"},
                "position": _POSITION,
                "evidence": {"type": "array", "items": _POSITION},
                "remedy": {"type": ["string", "null"]},
                "conditions": _STRINGS,
                "missing": _STRINGS,
                "requirements": _CONDITIONS,
                "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
                "waived": {"type": ["string", "null"]},
            },
        },
        "rescue": {
            "type": "object",
            "required": [
                "rescuer",
                "distressed",
                "place",
                "crew",
                "verdict",
                "best",
                "splits",
                "ranges",
                "assumed",
                "mating",
                "stages",
                "margin_days",
                "margin_days_best",
                "time_reserve_days",
                "legs",
            ],
            "properties": {
                **_TIME_FIELDS,
                "rescues": _SHARES,
                "rescuer": {"type": "string"},
                "distressed": {"type": "string"},
                "place": {"type": "string"},
                "crew": _CREW,
                "verdict": _VERDICT,
                "best": _VERDICT,
                "splits": _SPLITS,
                "ranges": _RANGES_READ,
                "assumed": {"enum": ["worst", "best", None]},
                "mating": {
                    "type": "object",
                    "required": ["mode", "adapters", "path"],
                    "properties": {
                        "mode": {"enum": ["direct", "adapters", "eva", "stack", "none", "unknown"]},
                        "adapters": _STRINGS,
                        "path": {
                            "type": "array",
                            "items": {"type": "object", "required": ["near", "far", "permanent"]},
                        },
                    },
                },
                "conditions": _STRINGS,
                "missing": _STRINGS,
                "wanted": _WANTED,
                "stages": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["stage", "verdict", "findings"],
                        "properties": {
                            "stage": {"enum": ["reach", "approach", "mate", "transfer", "carry", "return"]},
                            "verdict": _VERDICT,
                            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
                        },
                    },
                },
            },
        },
        "direction": {
            "type": "object",
            "required": ["rescuer_system", "distressed_system", "coverage", "covered", "crews", "rows"],
            "properties": {
                "coverage": {"enum": ["yes", "no", "unknown"]},
                "covered": _COUNT,
                "crews": _COUNT,
                "rows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "distressed",
                            "place",
                            "verdict",
                            "best",
                            "splits",
                            "rescuer",
                            "rescue",
                            "margin_days",
                            "margin_days_best",
                            "legs",
                        ],
                        "properties": {
                            "crew": {"anyOf": [{"type": "null"}, _CREW]},
                            "verdict": _VERDICT,
                            "best": _VERDICT,
                            "splits": _SPLITS,
                            "margin_days": _DAYS,
                            "margin_days_best": _DAYS,
                            "legs": _LEGS,
                            "wanted": _WANTED,
                            "rescue": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/rescue"}]},
                            "category": _CATEGORY,
                            "category_detail": {"type": "string"},
                            "changes": _STRINGS,
                        },
                    },
                },
            },
        },
        "systems": {
            "required": ["verdict", "systems", "directions", "strict"],
            "properties": {
                "verdict": {"enum": ["mutual", "one-way", "none", "undetermined"]},
                "directions": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"$ref": "#/$defs/direction"}},
            },
        },
        "scenario": {
            "required": ["scenario", "verdict", "responders"],
            "properties": {"verdict": _VERDICT, "responders": {"type": "array", "items": {"$ref": "#/$defs/rescue"}}},
        },
        "validation": {
            "required": ["files", "valid", "findings"],
            "properties": {
                "files": {"type": "integer", "minimum": 0},
                "valid": {"type": "boolean"},
                "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            },
        },
        "plan": {
            "required": [
                "report_version",
                "asked",
                "goal",
                "outcome",
                "counts",
                "requirements",
                "changes",
                "rows",
                "out_of_reach",
                "bounds_hit",
            ],
            "properties": {
                "report_version": {"const": 2},
                "outcome": {"enum": ["reached", "reached-if", "not-reached"]},
                "systems": _STRINGS,
                "counts": {
                    "type": "object",
                    "required": ["hardware", "qualification", "crew", "procedure"],
                    "additionalProperties": False,
                    "properties": {k: _COUNT for k in ("hardware", "qualification", "crew", "procedure")},
                },
                "requirements": {"type": "array", "items": _REQUIREMENT},
                "changes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "kind",
                            "action",
                            "document",
                            "summary",
                            "position",
                            "unlocks",
                            "requires",
                            "patch",
                        ],
                        "properties": {
                            "kind": {"enum": ["hardware", "qualification", "crew", "procedure"]},
                            "action": {"type": "string"},
                            "summary": {"type": "string"},
                            "position": _POSITION,
                            "unlocks": _STRINGS,
                            "requires": _CONDITIONS,
                            "patch": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["op", "document", "path", "before", "after"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "op": {"enum": ["set", "add", "remove", "create"]},
                                        "document": {
                                            "type": "object",
                                            "required": ["kind", "id"],
                                            "properties": {"kind": _KIND, "id": {"type": "string"}},
                                        },
                                        "path": {"type": "string"},
                                        "before": {},
                                        "after": {},
                                    },
                                },
                            },
                        },
                    },
                },
                "rows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": [
                            "subject",
                            "rescuer",
                            "before",
                            "after",
                            "if_requirements",
                            "outcome",
                            "requirements",
                        ],
                        "properties": {
                            "rescuer": {"type": ["string", "null"]},
                            "before": _VERDICT,
                            "after": _VERDICT,
                            "if_requirements": _VERDICT,
                            "outcome": {"enum": ["reached", "reached-if", "not-reached"]},
                            "requirements": _STRINGS,
                        },
                    },
                },
                "out_of_reach": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["subject", "reasons", "needs"],
                        "properties": {"reasons": _STRINGS, "needs": _STRINGS},
                    },
                },
                "bounds_hit": _STRINGS,
            },
        },
        "gaps": {
            "required": [
                "asked",
                "verdicts",
                "unknown",
                "changeable",
                "entries",
                "documents",
                "undecided",
                "bounds_hit",
            ],
            "properties": {
                "verdicts": {"type": "integer", "minimum": 0},
                "unknown": {"type": "integer", "minimum": 0},
                "changeable": {"type": "integer", "minimum": 0},
                "entries": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["publishers", "exchange", "decides", "asks"],
                        "properties": {
                            "publishers": {**_STRINGS, "minItems": 1},
                            "exchange": {"type": "boolean"},
                            "decides": _STRINGS,
                            "asks": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["publisher", "documents", "values"],
                                    "properties": {
                                        "publisher": {"type": "string"},
                                        "values": {
                                            "type": "array",
                                            "items": {"type": "object", "required": ["name", "rules", "conditions"]},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "left_out": _STRINGS,
                "bounds_hit": _STRINGS,
                "documents": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["kind", "id", "publisher", "publisher_inferred", "decides", "fields"],
                        "properties": {
                            "publisher": _STRINGS,
                            "publisher_inferred": {"type": "boolean"},
                            "publisher_basis": {
                                "enum": ["stated", "operators", "nations", "standard", "users", "none"]
                            },
                            "decides": _STRINGS,
                            "fields": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["name", "position", "rules", "decides_alone", "decides_with_others"],
                                    "properties": {
                                        "position": _POSITION,
                                        "rules": _STRINGS,
                                        "decides_alone": _STRINGS,
                                        "decides_with_others": _STRINGS,
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "map": {
            "required": ["interfaces", "matings", "adapters", "partners", "places", "unknown_pairs", "bounds_hit"],
            "properties": {
                "places": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["place", "nodes", "joins"],
                        "properties": {
                            "nodes": {"type": "array", "items": {"type": "object", "required": ["id", "members"]}},
                            "joins": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["a", "b", "how", "status", "adapters"],
                                    "properties": {
                                        "how": {"enum": ["direct", "adapter", "unknown"]},
                                        "status": {"enum": ["mates", "slow", "unknown"]},
                                        "adapters": _STRINGS,
                                    },
                                },
                            },
                        },
                    },
                },
                "elsewhere": {
                    "type": "array",
                    "items": {"type": "object", "required": ["vehicle", "adapters", "status"]},
                },
                "unknown_pairs": {
                    "type": "array",
                    "items": {"type": "object", "required": ["a", "b", "pairs"], "properties": {"pairs": _COUNT}},
                },
                "bounds_hit": _STRINGS,
                "work": _COUNT,
                "matings": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["a", "b", "status"],
                        "properties": {"status": {"enum": ["mates", "slow", "unknown"]}},
                    },
                },
                "adapters": {"type": "array", "items": {"type": "object", "required": ["id", "ports", "joins"]}},
                "partners": {
                    "type": "array",
                    "items": {"type": "object", "required": ["vehicle", "adapters", "status"]},
                },
            },
        },
        "matrix": {
            "required": ["systems", "cells", "pairs", "not_compared"],
            "properties": {
                "cells": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["coverage", "covered", "crews", "direction"],
                        "properties": {
                            "covered": _COUNT,
                            "crews": _COUNT,
                            "direction": {"$ref": "#/$defs/direction"},
                            "category": _CATEGORY,
                            "category_counts": {
                                "type": "object",
                                "required": list(_CATEGORIES),
                                "additionalProperties": False,
                                "properties": {name: _COUNT for name in _CATEGORIES},
                            },
                        },
                    },
                },
                "not_compared": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["systems", "reason"],
                        "properties": {
                            "systems": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "string"}},
                            "reason": {"enum": ["different eras"]},
                        },
                    },
                },
            },
        },
    },
}


def schema_text() -> str:
    return json.dumps(SCHEMA, indent=2, sort_keys=True) + "\n"
