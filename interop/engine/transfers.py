"""The transfer table as the library offers it: one transfer, a route, a vehicle's reach.

    import interop
    catalog = interop.load_catalog("specs").catalog
    interop.transfer(catalog, "cislunar-transit", "nrho").transfer.vehicle_delta_v_mps   # 450.0
    interop.route(catalog, "earth", "llo").delta_v                                         # 952.0
    interop.reach(catalog, "orion", "llo").reach                                           # Reach.SHORT

The figures are the catalog's TransferTable documents' (specs/transfers/);
a transfer nobody published is not there, and a route through it is None.
"""

from __future__ import annotations

from interop.load.catalog import Catalog
from interop.model.transfers import (
    Leg,
    ReachAssessment,
    Route,
    assess_reach,
    find_route,
    find_transfer,
    waypoint,
)
from interop.model.vocabulary import Regime, Waypoint


def transfer(catalog: Catalog, origin: str | Waypoint, destination: str | Waypoint) -> Leg | None:
    """The published transfer from ``origin`` straight to ``destination``, or None when none is."""
    return find_transfer(catalog.transfers.values(), waypoint(origin), waypoint(destination))


def route(catalog: Catalog, origin: str | Waypoint, destination: str | Waypoint) -> Route | None:
    """The transfers of least vehicle delta-v from ``origin`` to ``destination``, or None."""
    return find_route(catalog.transfers.values(), waypoint(origin), waypoint(destination))


def reach(
    catalog: Catalog, vehicle_id: str, place: str | Regime, origin: str | Waypoint = Waypoint.EARTH
) -> ReachAssessment:
    """Whether vehicle ``vehicle_id``'s type and published delta-v take it from ``origin`` (Earth, or
    where it is stationed) to ``place`` and back.

    Raises KeyError for a vehicle the catalog does not have.
    """
    vehicle = catalog.vehicles[vehicle_id]
    where = Regime(place.value if isinstance(place, Regime) else place)
    return assess_reach(catalog.transfers.values(), vehicle, where, waypoint(origin))


__all__ = ["Leg", "ReachAssessment", "Route", "reach", "route", "transfer"]
