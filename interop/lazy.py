"""Package attributes imported on first use (PEP 562).

``import interop`` and the packages under it stay cheap: a name is imported
from its module only when someone reads it, so a command imports only what it
needs (tests/test_startup.py).
"""

from __future__ import annotations


def lazy_exports(package: str, exports: dict[str, str]):
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``exports`` map names to modules."""

    def __getattr__(name: str):
        module_name = exports.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import importlib

        return getattr(importlib.import_module(module_name), name)

    def __dir__():
        import sys

        return sorted(list(vars(sys.modules[package])) + list(exports))

    return __getattr__, __dir__
