"""Spec files to a catalog: text, positioned trees, models, references.

Names are imported on first use, so that importing one module of this package
imports only what that module needs.
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
