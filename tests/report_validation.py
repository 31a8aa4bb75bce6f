"""Validate a JSON report against interop's report schema, each distinct array item once.

A whole-library report (``interop matrix --format json`` on the bundled
library: about 40 MB) repeats the same rows, findings and requirements in
many places, and ``jsonschema`` validates every copy again: about 7 s of
CPU. An ``items`` subschema applies to each item of an array on its own,
so an item equal (as JSON) to one already validated against the same
subschema gives the same answer; here such a copy is skipped. The answer
is the same as :class:`jsonschema.Draft202012Validator`'s for any report,
as long as the schema uses no keyword that looks at the items together
(checked below: an array keyword added to the schema turns the shortcut off).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema import validators

from interop.report.report_schema import SCHEMA

# Keywords under which the items of an array are not validated one by one, or not by "items" alone.
_TOGETHER = ("prefixItems", "unevaluatedItems", "uniqueItems", "contains", "$dynamicRef", "$recursiveRef")


def _keywords(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keywords(value)}
    if isinstance(node, list):
        return {k for value in node for k in _keywords(value)}
    return set()


def validator(schema: dict = SCHEMA) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator of ``schema`` that validates each distinct item of an array once."""
    if _keywords(schema) & set(_TOGETHER):
        return jsonschema.Draft202012Validator(schema)
    seen: set[tuple[int, str]] = set()
    kept: dict[int, Any] = {}  # each subschema keyed by id stays alive, so no other takes its id

    def items(validator, items, instance, schema):
        if not validator.is_type(instance, "array"):
            return
        kept.setdefault(id(items), items)

        for index, item in enumerate(instance):
            if isinstance(item, (dict, list)):
                key = (id(items), json.dumps(item, sort_keys=True))
                if key in seen:
                    continue
                seen.add(key)
            yield from validator.descend(item, items, path=index)

    return validators.extend(jsonschema.Draft202012Validator, {"items": items})(schema)


def validate(report: Any) -> None:
    """Raise :class:`jsonschema.ValidationError` unless the report schema accepts ``report``."""
    validator().validate(report)
