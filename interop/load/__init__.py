"""Spec files to a catalog: text, positioned trees, models, references."""

from interop.load.catalog import Catalog, LoadResult, load_catalog, load_file
from interop.load.files import Unreadable
from interop.load.limits import DEFAULT_LIMITS, Limits

__all__ = ["Catalog", "DEFAULT_LIMITS", "Limits", "LoadResult", "Unreadable", "load_catalog", "load_file"]
