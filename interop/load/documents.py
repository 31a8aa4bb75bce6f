"""One parsed document to one model, every pydantic error a positioned finding."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic_core import ValidationError

from interop.load import errors
from interop.load.tree import SourceMap
from interop.model.base import Document, StrictModel
from interop.model.documents import DOCUMENT_KINDS
from interop.model.finding import Finding
from interop.model.shape import FieldShape, shape_of
from interop.model.values import quoted

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

SUPPORTED_SCHEMA_VERSIONS = (1,)

_RANGE_ERRORS = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "finite_number",
    "too_short",
    "too_long",
    "string_too_short",
    "string_too_long",
}
_CHOICE_ERRORS = {"enum", "literal_error"}


def suggest(word: str, choices) -> str:
    import difflib  # only when a name is wrong: off the start-up path

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def validate_document(data: object, source_map: SourceMap) -> tuple[Document | None, list[Finding]]:
    """Validate ``data`` as the spec kind it names."""
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value, not a mapping"
        return None, [
            Finding(
                errors.NOT_A_MAPPING,
                f"a spec document must be a mapping with kind, id, ...; this file holds {what}",
                source_map.value(()),
            )
        ]
    kind = data.get("kind")
    model = DOCUMENT_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        choices = ", ".join(DOCUMENT_KINDS)
        if kind is None:
            message = f"missing 'kind': one of {choices}"
            position = source_map.value(())
        else:
            message = f"unknown kind {_short(kind)}{suggest(kind, DOCUMENT_KINDS)}: expected one of {choices}"
            position = source_map.value(("kind",))
        return None, [Finding(errors.UNKNOWN_KIND, message, position)]
    version = data.get("schema_version")
    if version not in SUPPORTED_SCHEMA_VERSIONS or isinstance(version, bool):
        supported = ", ".join(map(str, SUPPORTED_SCHEMA_VERSIONS))
        if "schema_version" not in data:
            message, position = f"missing 'schema_version' (this interop reads {supported})", source_map.value(())
        else:
            message, position = (
                f"unsupported schema_version {_short(version)} (this interop reads {supported})",
                source_map.value(("schema_version",)),
            )
        return None, [Finding(errors.SCHEMA_VERSION, message, position)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, findings_from_validation_error(exc, data, source_map, model)


def findings_from_validation_error(
    exc: ValidationError, data: Any, source_map: SourceMap, model: type[StrictModel]
) -> list[Finding]:
    """One positioned finding per distinct error of validating ``data`` (read with ``source_map``) as ``model``."""
    return _dedupe(_to_finding(error, data, source_map, model) for error in exc.errors(include_url=False))


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        key = (finding.position, finding.code, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _data_path(loc, data) -> tuple:
    """The part of a pydantic ``loc`` that walks real data (drops union tags)."""
    path, node = [], data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            if isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
                path.append(part)  # a missing or unknown key: keep its name
            break
        path.append(part)
    return tuple(path)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"str", "int", "float", "bool", "list", "dict", "none"}


def _part_at(root: type[StrictModel], path: tuple) -> type[StrictModel] | None:
    """The class of the part that holds the mapping at ``path``."""
    current: type[StrictModel] = root
    for key in path:
        if isinstance(key, int):
            continue
        field = shape_of(current).get(key)
        if field is None or field.part is None:
            return None
        current = field.part
    return current


def _field_at(root: type[StrictModel], path: tuple) -> FieldShape | None:
    """The field whose value (or list item) stands at ``path``."""
    names = [index for index, key in enumerate(path) if isinstance(key, str)]
    if not names:
        return None
    holder = _part_at(root, path[: names[-1]])
    return shape_of(holder).get(path[names[-1]]) if holder else None


def _dotted(path) -> str:
    return ".".join(str(p) for p in path) or "document"


def _to_finding(error: ErrorDetails, data: Any, source_map: SourceMap, root: type[StrictModel]) -> Finding:
    kind = error["type"]
    path = _data_path(error["loc"], data)
    where = _dotted(path)
    if kind == "extra_forbidden":
        holder = _part_at(root, path[:-1])
        hint = suggest(path[-1], shape_of(holder)) if holder else ""
        return Finding(errors.UNKNOWN_FIELD, f"unknown field {_short(path[-1])}{hint}", source_map.key(path))
    if kind == "missing":
        return Finding(errors.MISSING_FIELD, f"missing required field {where!r}", source_map.value(path[:-1]))
    position = source_map.value(path)
    value = error.get("input")
    if kind in _CHOICE_ERRORS:
        expected = error.get("ctx", {}).get("expected", "")
        return Finding(
            errors.NOT_ALLOWED,
            f"{where}: {_short(value)} is not allowed; expected {expected}{_choice_hint(value, expected)}",
            position,
        )
    if kind == "string_pattern_mismatch":
        field = _field_at(root, path)
        if field is not None and field.is_id:
            return Finding(
                errors.BAD_ID,
                f"{where}: {_short(value)} is not a valid id: use lowercase letters, digits and single hyphens (like 'apas-95')",
                position,
            )
        return Finding(errors.WRONG_TYPE, f"{where}: {_short(value)} does not match the expected form", position)
    if kind in ("range_syntax", "range_order"):
        return Finding(errors.BAD_RANGE, f"{where}: {error['msg']}", position)
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        message = str(cause) if cause is not None else error["msg"]
        return Finding(errors.BAD_UNIT, f"{where}: {message}", position)
    if kind in _RANGE_ERRORS:
        return Finding(errors.OUT_OF_RANGE, f"{where}: {_range_message(error)}; got {_short(value)}", position)
    return Finding(errors.WRONG_TYPE, f"{where}: {_type_message(error)}; got {_describe(value)}", position)


def _choice_hint(value, expected: str) -> str:
    options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
    return suggest(value, [o for o in options if o]) if isinstance(value, str) else ""


def _range_message(error: ErrorDetails) -> str:
    message = error["msg"]
    return message[0].lower() + message[1:]


def _type_message(error: ErrorDetails) -> str:
    message = error["msg"].replace("Input should be", "expected")
    return message[0].lower() + message[1:]


def _short(value) -> str:
    return quoted(value)


def _describe(value) -> str:
    """The value as YAML and JSON spell it (true, .inf), never a Python repr."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a boolean)"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{'.nan' if math.isnan(value) else '.inf' if value > 0 else '-.inf'} (a number)"
    if isinstance(value, (int, float)):
        return f"{quoted(value)} (a number)"
    if isinstance(value, str):
        return f"{_short(value)} (a string)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    if isinstance(value, enum.Enum):
        return repr(value.value)
    return _short(value)
