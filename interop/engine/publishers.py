"""Who would publish a document's values: stated, or inferred and marked so.

A document may state its ``publisher`` (an interface's standards body or
maker, a vehicle's operator). Where it does not, the publisher is inferred,
in this order, and the basis is kept so that a report can say "inferred":

- a vehicle: its operators; a transport system: its nations (not marked
  inferred: that is who publishes them);
- an interface: the stated publisher of its family's standard (the interface
  whose id is the family, as ``idss`` is for ``nds``);
- else the operators of the vehicles that use it, when they all have the same
  operators (``chinese-docking-mechanism``: CMSA's vehicles only).

Otherwise nobody is named, and the document ranks on its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from interop.load.catalog import Catalog
from interop.model.documents import DockingInterface, TransportSystem, Vehicle


class Basis(str, enum.Enum):
    STATED = "stated"
    OPERATORS = "operators"
    NATIONS = "nations"
    STANDARD = "standard"
    USERS = "users"
    NONE = "none"


@dataclass(frozen=True)
class Publisher:
    names: tuple[str, ...]
    basis: Basis

    @property
    def inferred(self) -> bool:
        """A vehicle's operators and a system's nations are what its publisher is; the rest is inference."""
        return self.basis in (Basis.STANDARD, Basis.USERS)

    def describe(self) -> str:
        """``CMSA``, ``NASA (inferred from its standard)``, ``publisher not stated``."""
        if not self.names:
            return "publisher not stated"
        names = ", ".join(self.names)
        return names if not self.inferred else f"{names} (inferred: {_BASIS_WORDS[self.basis]})"


_BASIS_WORDS = {
    Basis.STANDARD: "its standard's body",
    Basis.USERS: "the operators of the vehicles that use it",
}

NOBODY = Publisher((), Basis.NONE)


def publisher_of(catalog: Catalog, kind: str, ident: str) -> Publisher:
    """The publisher of document (``kind``, ``ident``); :data:`NOBODY` when none can be named."""
    document = catalog.table(kind).get(ident) if kind else None
    if document is None:
        return NOBODY
    if document.publisher:
        return Publisher(tuple(document.publisher), Basis.STATED)
    if isinstance(document, Vehicle):
        return Publisher(tuple(document.operators), Basis.OPERATORS) if document.operators else NOBODY
    if isinstance(document, TransportSystem):
        return Publisher(tuple(document.nations), Basis.NATIONS) if document.nations else NOBODY
    if isinstance(document, DockingInterface):
        return _interface_publisher(catalog, document)
    return NOBODY


def _interface_publisher(catalog: Catalog, interface: DockingInterface) -> Publisher:
    standard = catalog.interfaces.get(interface.family) if interface.family else None
    if standard is not None and standard.id != interface.id and standard.publisher:
        return Publisher(tuple(standard.publisher), Basis.STANDARD)
    operators: set[tuple[str, ...]] = set()
    for vehicle in catalog.vehicles.values():
        if any(port.interface == interface.id for port in vehicle.ports or ()):
            operators.add(tuple(vehicle.publisher or vehicle.operators or ()))
    if len(operators) == 1:
        (names,) = operators
        if names:
            return Publisher(names, Basis.USERS)
    return NOBODY
