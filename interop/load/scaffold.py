"""A new spec file: the schema comment, the required fields, the optional ones commented.

Written from the JSON Schema the models generate (interop.model.schema), so a
field added to a model appears in the next scaffold without anyone editing
this module. Required values that no placeholder can stand for are filled
with the first allowed choice and the choices listed beside them; the user
edits them, nothing here claims to know a spacecraft's figures.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from interop.model.base import SLUG_PATTERN

# Folder of each kind inside a spec folder, and the names `interop new` accepts.
FOLDERS = {
    "DockingInterface": "interfaces",
    "Vehicle": "vehicles",
    "TransportSystem": "systems",
    "RescueScenario": "scenarios",
    "TransferTable": "transfers",
}
KIND_NAMES = {
    "interface": "DockingInterface",
    "vehicle": "Vehicle",
    "system": "TransportSystem",
    "scenario": "RescueScenario",
    "transfers": "TransferTable",
    **{kind.lower(): kind for kind in FOLDERS},
}
PLACEHOLDER_ID = "change-me"
FIRST = ("kind", "schema_version", "id", "name")


class ScaffoldError(Exception):
    """The file cannot be written: unknown kind, bad id, or it exists already."""


def kind_named(name: str) -> str:
    kind = KIND_NAMES.get(name.lower())
    if kind is None:
        raise ScaffoldError(f"unknown kind {name!r}: one of {', '.join(list(KIND_NAMES)[:5])}")
    return kind


def scaffold_path(kind: str, spec_id: str, specs: Path) -> Path:
    return specs / FOLDERS[kind] / f"{spec_id}.yaml"


def render(kind: str, spec_id: str, schema_path: str) -> str:
    """The text of a new ``kind`` document with id ``spec_id``."""
    from interop.model.documents import DOCUMENT_KINDS

    schema = DOCUMENT_KINDS[kind].model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    properties = schema["properties"]
    required = set(schema.get("required", ()))
    order = [n for n in FIRST if n in properties] + [n for n in properties if n not in FIRST]
    lines = [f"# yaml-language-server: $schema={schema_path}"]
    for name in (n for n in order if n in required):
        value = spec_id if name in ("id", "name") else _placeholder(properties[name], defs)
        chunk = yaml.safe_dump({name: value}, sort_keys=False, allow_unicode=True, width=1000).splitlines()
        choices = _choices(properties[name], defs)
        if choices and len(choices) > 1:
            chunk[0] += f"  # one of: {', '.join(map(str, choices))}"
        elif _resolve(properties[name], defs).get("type") == "boolean":
            chunk[0] += "  # true or false"
        lines += chunk
    optional = [n for n in order if n not in required]
    if optional:
        lines.append("# Optional: uncomment what is known; leave out what nobody has published.")
        lines += [f"# {name}: {_hint(properties[name], defs)}" for name in optional]
    return "\n".join(lines) + "\n"


ID_PATTERN = re.compile(SLUG_PATTERN.removeprefix("^").removesuffix("$"))


def check_id(spec_id: str) -> None:
    """A new document's id is a whole lowercase slug: no newline, no separator, no upper case."""
    if len(spec_id) > 64 or ID_PATTERN.fullmatch(spec_id) is None:
        raise ScaffoldError(f"bad id {spec_id!r}: a lowercase slug (letters, digits, single hyphens), at most 64")


def write_scaffold(kind: str, spec_id: str, specs: Path, schema_dir: Path | None = None) -> Path:
    """Write a new document under ``specs``; never over anything that exists, never through a link."""
    from interop.atomic import CannotWrite, Exists, create_inside
    from interop.model.schema import SCHEMA_DIR, schema_filename

    check_id(spec_id)
    path = scaffold_path(kind, spec_id, specs)
    schema = (schema_dir or SCHEMA_DIR) / schema_filename(kind)
    relative = Path(os.path.relpath(schema.absolute(), path.parent.absolute())).as_posix()
    text = render(kind, spec_id, relative)
    try:
        create_inside(specs, {path.relative_to(specs): text})
    except Exists:
        raise ScaffoldError(f"{path} exists already; edit it, or choose another id") from None
    except CannotWrite as exc:
        raise ScaffoldError(str(exc)) from None
    return path


def _resolve(schema: dict, defs: dict) -> dict:
    """The schema itself, through a $ref and past an optional's null."""
    if "$ref" in schema:
        return _resolve(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    options = [s for s in schema.get("anyOf", ()) if s.get("type") != "null"]
    if options:
        return _resolve(options[0], defs)
    return schema


def _choices(schema: dict, defs: dict) -> list | None:
    resolved = _resolve(schema, defs)
    return resolved.get("enum") or ([resolved["const"]] if "const" in resolved else None)


def _placeholder(schema: dict, defs: dict):
    resolved = _resolve(schema, defs)
    if "const" in resolved:
        return resolved["const"]
    if "enum" in resolved:
        return resolved["enum"][0]
    kind = resolved.get("type")
    if kind == "object":
        return {
            name: _placeholder(sub, defs)
            for name, sub in resolved.get("properties", {}).items()
            if name in resolved.get("required", ())
        }
    if kind == "array":
        return [_placeholder(resolved.get("items", {}), defs) for _ in range(max(resolved.get("minItems", 0), 1))]
    if kind == "boolean":
        return False  # the comment beside it says the choice is open
    if kind in ("integer", "number"):
        return max(resolved.get("minimum", 1), 1)
    if "pattern" in resolved:
        return PLACEHOLDER_ID
    return "TODO"


def _hint(schema: dict, defs: dict) -> str:
    resolved = _resolve(schema, defs)
    choices = _choices(schema, defs)
    if choices:
        return " | ".join(map(str, choices))
    kind = resolved.get("type")
    if kind == "array":
        return f"[{_hint(resolved.get('items', {}), defs)}, ...]"
    if kind == "object" and "properties" in resolved:
        return "{" + ", ".join(resolved["properties"]) + "}"
    if kind == "object":
        return "{...}"
    return {"boolean": "true | false", "integer": "whole number", "number": "number", "string": "text"}.get(
        kind or "", "value"
    )


CONFIG_TEMPLATE = """\
# interop's project configuration (docs/ci.md lists every setting).
specs = ["specs"]        # relative to this file
library = true           # check these specs over the library bundled with interop;
                         # a document here with a bundled one's kind and id replaces it
# fail_on = "error"      # error, warning or unknown
# strict = false         # UNKNOWN counts as a failure when true
"""


def init_project(folder: Path) -> list[Path]:
    """Start a project in ``folder``: interop.toml, the spec folders, a copy of
    the schemas for editors. Whatever exists already is left as it is (an
    edited schema too); anything in the way that is not what belongs there
    (a link, a FIFO, a folder for a file) is a :class:`ScaffoldError` before
    anything is written."""
    from interop.atomic import CannotWrite, create_inside
    from interop.model.schema import generate_schemas

    wanted: dict[Path, str | None] = {}
    if not _has_interop_table(folder / "pyproject.toml"):
        wanted[Path("interop.toml")] = CONFIG_TEMPLATE
    for name in FOLDERS.values():
        wanted[Path("specs") / name] = None
    for name, text in generate_schemas().items():
        wanted[Path("schemas") / name] = text
    try:
        return create_inside(folder, wanted, skip_existing=True)
    except CannotWrite as exc:
        raise ScaffoldError(str(exc)) from None


def _has_interop_table(pyproject: Path) -> bool:
    import stat
    import tomllib

    try:
        # Never a FIFO or a device (it could block), never through a link, never a huge file.
        descriptor = os.open(pyproject, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > 2**20:
            return False
        data = tomllib.loads(os.read(descriptor, 2**20 + 1).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    finally:
        os.close(descriptor)
    return isinstance(data.get("tool"), dict) and "interop" in data["tool"]
