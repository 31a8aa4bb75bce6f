"""The rules, one module per rule named by its code, in one package per code family.

``DOCK002`` is ``interop/rules/docking/DOCK002.py``; the family packages are
named by ``Domain`` (reach, rendezvous, comms, docking, transfer, atmosphere,
crew, consumables, return, power). Importing this package imports every rule
module, and each registers itself with ``interop.rules.base``: adding a rule
is adding its file, with nothing else to keep in step.
"""

from __future__ import annotations

import importlib
import pkgutil


def _import_every_rule() -> None:
    for family in pkgutil.iter_modules(__path__):
        if family.ispkg:
            package = importlib.import_module(f"{__name__}.{family.name}")
            for module in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{package.__name__}.{module.name}")


_import_every_rule()
