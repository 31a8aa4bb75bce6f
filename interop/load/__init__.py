"""Spec files to a catalog: text, positioned trees, models, references.

Names are imported on first use: ``interop validate`` reads files through
modules of this package that do not import pydantic (interop.load.compiled).
"""

_EXPORTS = {
    "Catalog": "interop.load.catalog",
    "LoadResult": "interop.load.catalog",
    "load_catalog": "interop.load.catalog",
    "load_file": "interop.load.catalog",
    "Unreadable": "interop.load.files",
    "DEFAULT_LIMITS": "interop.load.limits",
    "Limits": "interop.load.limits",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'interop.load' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))
