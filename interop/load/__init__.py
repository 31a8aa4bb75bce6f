"""Spec files to a catalog: text, positioned trees, models, references.

Names are imported on first use: ``interop validate`` reads files through
modules of this package that do not import pydantic (interop.load.compiled).
"""

from interop.lazy import lazy_exports

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


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
