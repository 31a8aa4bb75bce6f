"""JSON Schemas generated from the models, one per spec kind."""

from __future__ import annotations

import json
from pathlib import Path

from interop.model.documents import DOCUMENT_KINDS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# A name, not an address: nothing is published to fetch, so editors use a local copy (docs/editors.md).
SCHEMA_BASE_URI = "urn:interop-rescue:schema:"


def schema_filename(kind: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in kind).lstrip("-") + ".schema.json"


def generate_schemas() -> dict[str, str]:
    """File name -> schema text, deterministic byte for byte."""
    texts = {}
    for kind, model in DOCUMENT_KINDS.items():
        schema = model.model_json_schema(mode="validation")
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
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate_schemas().items():
        path = directory / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
