"""Dockings that cannot all be true: each a finding at the docking (SPEC028).

A system's ``dockings``, a scenario's ``dockings``, the distressed vehicle's
``docked_to`` and ``port`` and a responder's ``docked_to`` each say that a
vehicle holds a port. Within one document they must fit together, and with
the permanent connections of the systems in play: the engine would otherwise
keep one of two claims and drop the other without a word. A scenario's
docking that takes a port a system's docking holds is the scenario's point
(the situation at the time of the event), so documents are never compared
with one another, only with the stacks the connections build.

All of it is linear in the dockings and connections of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from interop.load import errors
from interop.model.base import Document
from interop.model.documents import RescueScenario, TransportSystem
from interop.model.finding import Finding, Position


@dataclass(frozen=True)
class Claim:
    """One statement that ``visitor`` holds ``port`` of ``vehicle``."""

    path: tuple
    """Where the claim is written in its document."""
    visitor: str
    visitor_port: str | None
    vehicle: str
    port: str | None


def claims(document: Document) -> list[Claim]:
    """The dockings a system or a scenario states, in the order written."""
    found = [
        Claim(("dockings", index), docking.vehicle, docking.port, docking.at.vehicle, docking.at.port)
        for index, docking in enumerate(getattr(document, "dockings", ()))
    ]
    if isinstance(document, RescueScenario):
        distressed = document.distressed
        if distressed.docked_to is not None:
            path = ("distressed", "port") if distressed.port is not None else ("distressed", "docked_to")
            found.append(Claim(path, distressed.vehicle, None, distressed.docked_to, distressed.port))
        for index, responder in enumerate(document.responders):
            if responder.docked_to is not None:
                ref = responder.docked_to
                found.append(Claim(("responders", index, "docked_to"), responder.vehicle, None, ref.vehicle, ref.port))
    return found


def systems_in_play(catalog, document: Document) -> list[TransportSystem]:
    """A system and the systems it includes; for a scenario, those its parties name. Each once."""
    if isinstance(document, TransportSystem):
        pending = [document]
    elif isinstance(document, RescueScenario):
        # As the engine builds a scenario's world: the systems its parties
        # name, else those holding its vehicles, else every system.
        named = [document.distressed.system, *(r.system for r in document.responders)]
        pending = [catalog.systems[i] for i in dict.fromkeys(named) if i is not None and i in catalog.systems]
        if not any(named):
            vehicles = {document.distressed.vehicle, *(r.vehicle for r in document.responders)}
            pending = [
                system
                for _id, system in sorted(catalog.systems.items())
                if any(e.vehicle in vehicles or e.carried_by in vehicles for e in system.elements)
            ] or [system for _id, system in sorted(catalog.systems.items())]
    else:
        return []
    seen: dict[str, TransportSystem] = {}
    while pending:
        system = pending.pop()
        if system.id in seen:
            continue
        seen[system.id] = system
        pending.extend(catalog.systems[i] for i in system.includes if i in catalog.systems and i not in seen)
    return list(seen.values())


def contradictions(catalog, document: Document) -> Iterator[Finding]:
    """SPEC028 findings for the dockings of ``document`` that cannot all be true."""
    stated = claims(document)
    if isinstance(document, RescueScenario):
        yield from _moved_from_itself(catalog, document)
    if not stated:
        return
    permanent: dict[tuple[str, str], Position] = {}
    for system in systems_in_play(catalog, document):
        for index, connection in enumerate(system.connections):
            for end in (connection.a, connection.b):
                permanent.setdefault((end.vehicle, end.port), catalog.position(system, "connections", index))
    held: dict[tuple[str, str], Claim] = {}
    places: dict[str, list[Claim]] = {}
    visitor_ports: dict[tuple[str, str], Claim] = {}
    for claim in stated:
        where = catalog.position(document, *claim.path)
        if claim.visitor == claim.vehicle:
            yield Finding(
                errors.CONTRADICTORY_DOCKING, f"{_dotted(claim.path)}: {claim.visitor!r} is docked to itself", where
            )
            continue
        if claim.port is None:
            continue
        at = (claim.vehicle, claim.port)
        if at in permanent:
            yield Finding(
                errors.CONTRADICTORY_DOCKING,
                f"{_dotted(claim.path)}: port {claim.port!r} of {claim.vehicle!r} is held by a permanent connection; "
                f"{claim.visitor!r} cannot dock there",
                where,
                evidence=[permanent[at]],
            )
            continue
        first = held.get(at)
        if first is not None:
            yield Finding(
                errors.CONTRADICTORY_DOCKING,
                f"{_dotted(claim.path)}: port {claim.port!r} of {claim.vehicle!r} is held by {first.visitor!r} "
                f"already ({_dotted(first.path)}); one port holds one vehicle",
                where,
                evidence=[catalog.position(document, *first.path)],
            )
            continue
        held[at] = claim
        if claim.visitor_port is not None:
            own = (claim.visitor, claim.visitor_port)
            earlier = visitor_ports.get(own)
            if earlier is not None:
                yield Finding(
                    errors.CONTRADICTORY_DOCKING,
                    f"{_dotted(claim.path)}: port {claim.visitor_port!r} of {claim.visitor!r} is docked at "
                    f"{earlier.vehicle!r} already ({_dotted(earlier.path)})",
                    where,
                    evidence=[catalog.position(document, *earlier.path)],
                )
                continue
            visitor_ports[own] = claim
        places.setdefault(claim.visitor, []).append(claim)
    for visitor, at_places in places.items():
        vehicle = catalog.vehicles.get(visitor)
        if vehicle is None or vehicle.ports is None:
            continue
        if len(at_places) > len(vehicle.ports):
            first, extra = at_places[0], at_places[len(vehicle.ports)]
            count = len(vehicle.ports)
            yield Finding(
                errors.CONTRADICTORY_DOCKING,
                f"{_dotted(extra.path)}: {visitor!r} has {count} port{'s' if count != 1 else ''} "
                f"and is docked at {len(at_places)} places ({_dotted(first.path)} too)",
                catalog.position(document, *extra.path),
                evidence=[catalog.position(vehicle, "ports")],
            )


def _moved_from_itself(catalog, scenario: RescueScenario) -> Iterator[Finding]:
    for index, responder in enumerate(scenario.responders):
        if responder.moved_in_orbit_from is not None and responder.moved_in_orbit_from == responder.vehicle:
            path = ("responders", index, "moved_in_orbit_from")
            yield Finding(
                errors.CONTRADICTORY_DOCKING,
                f"{_dotted(path)}: {responder.vehicle!r} cannot have seats moved to it from itself",
                catalog.position(scenario, *path),
            )


def _dotted(path) -> str:
    return ".".join(str(p) for p in path)
