"""Visitors' declared dockings through the one mate decision: a finding where the ports cannot mate (SPEC029).

A system's ``dockings`` (Crew Dragon at IDA-2) and a scenario's ``dockings``
say that a third-party visitor's port and a station port are joined, whether
or not any rescue reads them. Each pair goes through
:func:`interop.model.mating.check_mate`, as every docking in a rescue does
(interop.engine.mating.declared_docking_check): ports that cannot mate are a
finding at the docking; an answer open only for want of a published partner
list is settled by the docking itself (a real docking is evidence that the
two mate), and any other open answer is left to the rescue that reads it.
The distressed vehicle's and a responder's ``docked_to`` are the rescue's
own situation, checked in the rescue (DOCK001). A docking whose vehicle or
port the catalog lacks is reported elsewhere (SPEC020, SPEC028) and skipped
here. Linear in the dockings.
"""

from __future__ import annotations

from collections.abc import Iterator

from interop.load import errors
from interop.load.dockings import claims
from interop.model.base import Document
from interop.model.documents import Port, Vehicle
from interop.model.finding import Finding
from interop.model.mating import MateStatus, check_mate


def unmatable(catalog, document: Document) -> Iterator[Finding]:
    """SPEC029 findings for the dockings of ``document`` whose two ports cannot mate."""
    for claim in claims(document):
        if claim.path[0] != "dockings":
            continue  # a party's own docked_to: the rescue checks it
        visitor = catalog.vehicles.get(claim.visitor)
        station = catalog.vehicles.get(claim.vehicle)
        if visitor is None or station is None or claim.port is None:
            continue
        own = _own_port(visitor, claim.visitor_port)
        at = _port(station, claim.port)
        if own is None or at is None:
            continue
        check = check_mate(own, catalog.interfaces.get(own.interface), at, catalog.interfaces.get(at.interface))
        if check.status is not MateStatus.NO:
            continue
        dotted = ".".join(str(p) for p in claim.path)
        yield Finding(
            errors.DOCKING_CANNOT_MATE,
            f"{dotted}: {visitor.id}/{own.id} ({own.interface}) cannot dock at {station.id}/{at.id} "
            f"({at.interface}): {check.reason}",
            catalog.position(document, *claim.path),
            evidence=[
                catalog.position(visitor, "ports", (visitor.ports or []).index(own)),
                catalog.position(station, "ports", (station.ports or []).index(at)),
            ],
        )


def _own_port(vehicle: Vehicle, port_id: str | None) -> Port | None:
    """The visitor's port at its docking: the one named, else its only port."""
    if port_id is not None:
        return _port(vehicle, port_id)
    ports = vehicle.ports or []
    return ports[0] if len(ports) == 1 else None


def _port(vehicle: Vehicle, port_id: str) -> Port | None:
    return next((p for p in vehicle.ports or () if p.id == port_id), None)
