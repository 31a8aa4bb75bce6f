"""tests/report_validation.py answers as jsonschema does, copies of an item validated once."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from interop.report.report_schema import SCHEMA
from tests import report_validation


def _report() -> dict:
    row = {"systems": ["a", "b"], "reason": "different eras"}
    direction = {
        "rescuer_system": "a",
        "distressed_system": "b",
        "coverage": "yes",
        "covered": 1,
        "crews": 1,
        "rows": [],
    }
    cell = {"coverage": "yes", "covered": 1, "crews": 1, "direction": direction}
    return {
        "report_version": 2,
        "kind": "matrix",
        "systems": ["a", "b"],
        "cells": [cell, copy.deepcopy(cell)],
        "pairs": [],
        "not_compared": [row, copy.deepcopy(row), copy.deepcopy(row)],
    }


def _broken():
    # A copy of an item already seen, broken: still a new item, still validated.
    yield "second-copy", lambda r: r["not_compared"][2].update(reason="maybe")
    yield "first-copy", lambda r: r["not_compared"][0]["systems"].append("c")
    yield "nested", lambda r: r["cells"][1].update(covered=-1)
    yield "top", lambda r: r.update(kind="nothing")


def test_a_report_the_schema_accepts_is_accepted():
    report = _report()
    assert jsonschema.Draft202012Validator(SCHEMA).is_valid(report)
    report_validation.validate(report)


@pytest.mark.parametrize("name,breaking", list(_broken()), ids=[name for name, _ in _broken()])
def test_a_broken_copy_is_refused_as_jsonschema_refuses_it(name, breaking):
    report = _report()
    breaking(report)
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(report), name
    with pytest.raises(jsonschema.ValidationError):
        report_validation.validate(json.loads(json.dumps(report)))


def test_a_schema_that_looks_at_items_together_is_validated_as_it_is():
    schema = {"type": "array", "items": {"type": "integer"}, "uniqueItems": True}
    assert type(report_validation.validator(schema)) is jsonschema.Draft202012Validator
    assert not report_validation.validator(schema).is_valid([1, 1])
