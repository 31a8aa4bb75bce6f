"""Settings of the ``interop`` process itself, made once where the command line starts.

They hold for the command-line process only: a program that imports interop
as a library keeps pydantic's and Python's defaults. Both exist because
``interop validate`` runs on every editor save and every commit, where its
whole-process time is what users feel (docs/performance.md).
"""

from __future__ import annotations

import gc
import os
import sys
import types

# Set to 1 to let pydantic look for and load its plugins (logfire and the like)
# in the command line, as it does by default in other programs.
PLUGINS_VARIABLE = "INTEROP_PYDANTIC_PLUGINS"
_LOADER = "pydantic.plugin._loader"


def pydantic_plugins_wanted() -> bool:
    """Whether ``INTEROP_PYDANTIC_PLUGINS=1`` asks for pydantic's plugins.

    Plugins see the validators pydantic builds for the models.
    """
    return os.environ.get(PLUGINS_VARIABLE) == "1"


def _no_plugins() -> tuple:
    return ()


def _real_loader_attribute(name: str):
    """Whatever else pydantic asks of its plugin loader comes from the real one.

    The stand-in then cannot break a pydantic release that reads more from its
    loader than ``get_plugins``: it answers those names as pydantic would.
    """
    if name.startswith("__") and name.endswith("__"):
        # The import system asks modules for __path__ and the like; a plain
        # module has none, and asking the real loader would import it.
        raise AttributeError(name)
    import importlib.machinery
    import importlib.util

    import pydantic.plugin

    spec = importlib.machinery.PathFinder.find_spec(_LOADER, pydantic.plugin.__path__)
    if spec is None or spec.loader is None:
        raise AttributeError(name)
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    return getattr(real, name)


def skip_pydantic_plugin_discovery() -> bool:
    """Tell pydantic that this process has no plugins, without looking for any.

    The first validator pydantic builds asks ``importlib.metadata`` for entry
    points in the ``pydantic`` group: importing it (with the ``email`` package
    it reads metadata with) and reading every installed distribution's
    metadata is a noticeable part of a one-file ``interop validate``
    (docs/performance.md, round 3). Plugins instrument validation; the
    command line has no use for them.
    pydantic's own switch, ``PYDANTIC_DISABLE_PLUGINS=__all__``, saves only the
    scan: its loader imports ``importlib.metadata`` before it reads the
    variable. So a stand-in loader that answers "no plugins" is put in its
    place before pydantic is imported.

    Returns whether the stand-in was installed: not when
    ``INTEROP_PYDANTIC_PLUGINS=1`` asks for pydantic's plugins, nor when the
    real loader is already imported (pydantic has already looked).
    """
    if pydantic_plugins_wanted() or _LOADER in sys.modules:
        return False
    stand_in = types.ModuleType(_LOADER, "interop's stand-in for pydantic's plugin loader: no plugins.")
    # __getattr__ (PEP 562) answers the names not defined here.
    vars(stand_in).update(get_plugins=_no_plugins, __getattr__=_real_loader_attribute)
    sys.modules[_LOADER] = stand_in
    return True


def collect_garbage_less_often() -> None:
    """Raise the cyclic collector's first threshold for a short-lived process.

    Importing pydantic and building the models' classes and validators
    allocates a great many objects, none of them garbage, and each 700
    allocations (Python's default) start a collection that finds nothing to
    free. A command runs for a moment and
    exits; collecting every 100,000 allocations instead still bounds memory in
    long runs (mypy's command line does the same). The matrix commands pause
    the collector altogether while they accumulate results
    (interop.engine.systems).
    """
    _threshold, older, oldest = gc.get_threshold()
    gc.set_threshold(100_000, older, oldest)


def configure() -> None:
    """Everything above, in the order it must happen: before pydantic is imported."""
    skip_pydantic_plugin_discovery()
    collect_garbage_less_often()
