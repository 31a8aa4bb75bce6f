"""The spec models' validators, written down once and reused without pydantic.

Why: ``interop validate`` runs on every save and every commit, where the
whole process is the wait. Importing pydantic and building model classes is
more than half of a cold start, yet the validator pydantic builds is
pydantic-core's, from a *core schema*: a tree of plain values plus a few
references to our own code. This module writes that tree down for the four
document kinds (:func:`remember`, after a run that built the models anyway)
and later rebuilds the same pydantic-core validators from it
(:func:`load_kinds`) with only pydantic-core imported. Validation is the same
code on the same schema, so the findings are the same; the validated parts
are plain objects of classes made here, walked by shape like the models
(:mod:`interop.model.shape`).

The file lives in a cache folder (``INTEROP_CACHE_DIR``, else
``$XDG_CACHE_HOME/interop``, else ``~/.cache/interop``; ``INTEROP_NO_CACHE=1``
turns it off). Its name and contents carry what the schema depends on: this
file format, interop's version, pydantic-core's version and a checksum of the
model sources. Any other file is ignored, so an upgrade or an edited model
means one slower run that writes a new file. A file that cannot be read,
parsed or rebuilt is a miss, never an error; one that cannot be written is
skipped. Deleting the folder is always safe.

Reading the file resolves only names on fixed lists (our enums, our
converters, the classes made here): nothing in it is evaluated or imported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from interop.model.shape import FieldShape, Part

if TYPE_CHECKING:
    from interop.load.documents import KindValidator

FORMAT = 1

# Keys of a core schema that only pydantic's JSON Schema generation and
# serialisation read (and that hold functions we could not write down).
_NOT_FOR_VALIDATION = frozenset({"metadata", "serialization"})

_MODEL_SOURCES = Path(__file__).resolve().parent.parent / "model"


class CompileError(Exception):
    """A model's core schema holds something this module cannot write down."""


def cache_dir() -> Path | None:
    """Where compiled validators are kept, or None when caching is off."""
    if os.environ.get("INTEROP_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("INTEROP_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative, which the XDG spec says to ignore
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home to keep a cache in: never one in the working folder
    return Path(base) / "interop"


def cache_key() -> dict:
    """Everything the written schema depends on."""
    import zlib

    import pydantic_core

    from interop import __version__

    checksum = 0
    for entry in sorted(os.scandir(_MODEL_SOURCES), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            with open(entry.path, "rb") as source:
                checksum = zlib.crc32(entry.name.encode() + source.read(), checksum)
    return {
        "format": FORMAT,
        "interop": __version__,
        "pydantic_core": pydantic_core.__version__,
        "models": f"{checksum:08x}",
    }


def cache_file(key: dict, directory: Path) -> Path:
    return directory / f"validators-{key['format']}-{key['interop']}-{key['pydantic_core']}-{key['models']}.json"


# Files kept in the cache folder: every interop install, version and edit of
# the models writes its own; the oldest beyond this many are removed.
KEEP_FILES = 8


def load_kinds() -> dict[str, KindValidator] | None:
    """The four kinds' validators from the cache, or None (off, not there, stale or unreadable)."""
    directory = cache_dir()
    if directory is None:
        return None
    key = cache_key()
    path = cache_file(key, directory)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    import json

    try:
        stored = json.loads(text)
        if stored.get("key") != key:
            return None
        return rebuild(stored)
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache file, it is a miss
        return None


def remember() -> Path | None:
    """Write the models' validators to the cache; the file written, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    key = cache_key()
    path = cache_file(key, directory)
    import json

    from interop.atomic import write_atomically

    text = json.dumps({"key": key, **export()}, separators=(",", ":"), sort_keys=False)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError:
        return None  # a read-only home or a full disk: run without a cache
    _remove_oldest(directory, KEEP_FILES)
    return path


def _remove_oldest(directory: Path, keep: int) -> None:
    try:
        written = sorted(directory.glob("validators-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in written[keep:]:
            stale.unlink()
    except OSError:
        pass  # another process removed it first, or the folder is not ours to tidy


# ------------------------------------------------------------------ writing


def export() -> dict:
    """The document kinds' core schemas and their parts' shapes, as plain JSON values."""
    from interop.model.documents import DOCUMENT_KINDS
    from interop.model.shape import shape_of

    parts: dict[str, dict] = {}
    kinds: dict[str, dict] = {}
    for kind, model in DOCUMENT_KINDS.items():
        model.model_rebuild()  # the models are built on first use (defer_build)
        kinds[kind] = {"root": model.__name__, "schema": _written(model.__pydantic_core_schema__, parts)}
    for _name, entry in parts.items():
        model = entry.pop("class")
        entry["fields"] = {
            field: [shape.refers_to, shape.part.__name__ if shape.part else None]
            for field, shape in shape_of(model).items()
        }
    return {"kinds": kinds, "parts": parts}


def _written(value, parts: dict):
    if isinstance(value, dict):
        schema_type = value.get("type")
        out = {}
        for key, item in value.items():
            if isinstance(schema_type, str) and key in _NOT_FOR_VALIDATION:
                continue
            if key == "cls" and schema_type == "model":
                out[key] = {"$part": _part_name(item, parts)}
            elif key == "cls" and schema_type == "enum":
                out[key] = {"$enum": _enum_name(item)}
            elif key == "members" and schema_type == "enum":
                out[key] = [member.value for member in item]
            else:
                out[key] = _written(item, parts)
        return out
    if isinstance(value, (list, tuple)):
        return [_written(item, parts) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if callable(value) and not isinstance(value, type):
        return _function_marker(value)
    raise CompileError(f"cannot write down {value!r} ({type(value).__name__}) in a core schema")


def _part_name(model: type, parts: dict) -> str:
    name = model.__name__
    known = parts.get(name)
    if known is not None and known.get("class", model) is not model:
        raise CompileError(f"two model classes are named {name!r}")
    if known is None:
        parts[name] = {"class": model, "kind": getattr(model, "KIND", "") or None}
    return name


def _enum_name(enum_class: type) -> str:
    from interop.model import vocabulary

    if getattr(vocabulary, enum_class.__name__, None) is not enum_class:
        raise CompileError(f"enum {enum_class!r} is not one of interop.model.vocabulary's")
    return enum_class.__name__


def _function_marker(function) -> dict:
    from interop.model import values

    unit = getattr(function, "unit", None)
    if isinstance(unit, str):
        return {"$unit": unit}
    for name in _CALLABLE_NAMES:
        if getattr(values, name) is function:
            return {"$call": name}
    raise CompileError(f"cannot write down the validator function {function!r}")


_CALLABLE_NAMES = ("integral_float_to_int",)


# ------------------------------------------------------------------ reading


def rebuild(stored: dict) -> dict[str, KindValidator]:
    """pydantic-core validators and part classes from what :func:`export` wrote."""
    from pydantic_core import SchemaValidator

    from interop.load.documents import KindValidator

    classes = {name: _part_class(name, entry) for name, entry in stored["parts"].items()}
    for name, entry in stored["parts"].items():
        classes[name].__interop_shape__ = {
            field: FieldShape(refers_to, classes[part] if part else None)
            for field, (refers_to, part) in entry["fields"].items()
        }
    reader = _Reader(classes)
    return {
        kind: KindValidator(SchemaValidator(reader.revived(entry["schema"])).validate_python, classes[entry["root"]])
        for kind, entry in stored["kinds"].items()
    }


def _part_class(name: str, entry: dict) -> type:
    namespace = {"__module__": __name__, "__qualname__": name, "__repr__": _part_repr}
    if entry.get("kind"):
        namespace["KIND"] = entry["kind"]
    return type(name, (Part,), namespace)


def _part_repr(part) -> str:
    fields = ", ".join(f"{name}={value!r}" for name, value in vars(part).items() if not name.startswith("__"))
    return f"{type(part).__name__}({fields})"


class _Reader:
    """Turns the written markers back into our classes and functions, by name from fixed lists."""

    def __init__(self, classes: dict[str, type]):
        from interop.model import values, vocabulary

        self.classes = classes
        self.values = values
        self.vocabulary = vocabulary
        self.converters: dict[str, object] = {}

    def revived(self, value):
        if isinstance(value, dict):
            if len(value) == 1:
                marker, name = next(iter(value.items()))
                if marker == "$part":
                    return self.classes[name]
                if marker == "$enum":
                    return self._enum(name)
                if marker == "$call":
                    if name not in _CALLABLE_NAMES:
                        raise CompileError(f"unknown function {name!r}")
                    return getattr(self.values, name)
                if marker == "$unit":
                    if name not in self.converters:
                        self.converters[name] = self.values.unit_converter(name)
                    return self.converters[name]
            out = {key: self.revived(item) for key, item in value.items()}
            if out.get("type") == "enum":
                out["members"] = [out["cls"](member) for member in out["members"]]
            return out
        if isinstance(value, list):
            return [self.revived(item) for item in value]
        return value

    def _enum(self, name: str) -> type:
        import enum

        found = getattr(self.vocabulary, name, None)
        if not (isinstance(found, type) and issubclass(found, enum.Enum)):
            raise CompileError(f"unknown vocabulary {name!r}")
        return found
