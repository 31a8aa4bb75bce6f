"""JSON Schemas generated from the models, one per spec kind.

Every property is described by the docstring written under its field, and a
quantity's description names its unit, so an editor's hover explains a field.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import sys
import typing
from functools import cache
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from interop.model.base import Unit
from interop.model.documents import DOCUMENT_KINDS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# A name, not an address: nothing is published to fetch, so editors use a local copy (docs/editors.md).
SCHEMA_BASE_URI = "urn:interop-rescue:schema:"


def schema_filename(kind: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in kind).lstrip("-") + ".schema.json"


class DescribedSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, with each field's docstring as its property's description.

    The docstrings are read here, from the models' source, rather than by
    pydantic's ``use_attribute_docstrings``: that parses every model's source
    when its class is created, on the start-up path of every validation.
    """

    def model_schema(self, schema):
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        docstrings = field_docstrings(model)
        properties = json_schema.get("properties", {})
        for name, field in model.model_fields.items():
            prop = properties.get(field.alias or name)
            if prop is None:
                continue
            description = field.description or docstrings.get(name)
            unit = _unit_of(field.annotation, field.metadata)
            if unit is not None:
                description = f"{description} {unit.describe()}" if description else unit.describe()
            if description:
                prop["description"] = description
        return json_schema


def field_docstrings(model: type) -> dict[str, str]:
    """Field name -> the docstring under it, in ``model`` and the classes it extends."""
    docstrings: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        module = sys.modules.get(klass.__module__)
        if module is not None and getattr(module, "__file__", None):
            docstrings.update(_docstrings_in(module.__name__).get(klass.__qualname__, {}))
    return docstrings


@cache
def _docstrings_in(module_name: str) -> dict[str, dict[str, str]]:
    """Class name -> field name -> docstring, for the top-level classes of a module."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    except (OSError, TypeError):  # no source to read (a frozen or compiled-only module)
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found[node.name] = {}
        for statement, following in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _unit_of(annotation: object, metadata: list[object]) -> Unit | None:
    """The :class:`Unit` marker of a quantity field, also inside ``Days | None`` or ``dict[Regime, Days]``."""
    for item in metadata:
        if isinstance(item, Unit):
            return item
    for arg in typing.get_args(annotation):
        found = _unit_of(arg, list(getattr(arg, "__metadata__", ())))
        if found is not None:
            return found
    return None


def generate_schemas() -> dict[str, str]:
    """File name -> schema text, deterministic byte for byte."""
    texts = {}
    for kind, model in DOCUMENT_KINDS.items():
        schema = model.model_json_schema(mode="validation", schema_generator=DescribedSchema)
        name = schema_filename(kind)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_BASE_URI + name,
            **schema,
        }
        texts[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return texts


def schema_drift(directory: Path = SCHEMA_DIR) -> list[str]:
    """Committed schema files that differ from (or are missing for) the models."""
    drifted = []
    for name, text in generate_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            drifted.append(str(path))
    return drifted


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write the schemas that differ into ``directory`` (through interop.atomic); return those written."""
    from interop.atomic import write_atomically

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_schemas().items():
        path = directory / name
        if _same_text(path, text):
            continue
        write_atomically(path, text, only_files=True)
        written.append(path)
    return written


def _same_text(path: Path, text: str) -> bool:
    """Whether the regular file ``path`` holds ``text`` (a FIFO or device is never read)."""
    import os
    import stat

    try:
        status = os.stat(path)
        return stat.S_ISREG(status.st_mode) and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False
