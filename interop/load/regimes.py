"""Declared regimes read against the transfer table (SPEC027, a warning).

A vehicle's ``regimes`` stand as its record declares them: nothing here
changes a verdict. ``validate`` only warns where a declaration contradicts
what the catalog says elsewhere: the vehicle's type where the table names
the kinds of vehicle a place takes (a capsule declared on the lunar surface),
or its published delta-v, which falls short of the transfers there and back
from every place it could start (Earth, or its other declared regimes).
"""

from __future__ import annotations

from collections.abc import Iterator

from interop.load import errors
from interop.model.finding import Finding, Severity
from interop.model.transfers import Reach, assess_reach, place_rule, waypoint
from interop.model.vocabulary import Waypoint


def regimes_beyond_the_vehicle(catalog) -> Iterator[Finding]:
    """A warning per declared regime of ``catalog`` (a Catalog) that the vehicle's type or published delta-v contradicts."""
    tables = list(catalog.transfers.values())
    if not tables:
        return
    for vehicle in catalog.vehicles.values():
        declared = vehicle.regimes or []
        for index, place in enumerate(declared):
            where = catalog.position(vehicle, "regimes", index)
            rule = place_rule(tables, place)
            if rule is not None and vehicle.vehicle_type not in rule.vehicle_types:
                kinds = " or ".join(t.value for t in rule.vehicle_types)
                yield Finding(
                    errors.REGIME_BEYOND_VEHICLE,
                    f"regimes: {vehicle.id} is a {vehicle.vehicle_type.value} and declares {place.value}, where the "
                    f"transfer table says only a {kinds} can be; the declaration stands (check the record)",
                    where,
                    severity=Severity.WARNING,
                )
                continue
            origins = [Waypoint.EARTH] + [waypoint(r) for r in declared if r is not place]
            assessments = [assess_reach(tables, vehicle, place, origin) for origin in origins]
            if all(a.reach is Reach.SHORT for a in assessments):
                least = min(assessments, key=lambda a: a.needed_mps or 0.0)
                yield Finding(
                    errors.REGIME_BEYOND_VEHICLE,
                    f"regimes: {vehicle.id} declares {place.value}, but {least.reason} (from "
                    f"{least.there.origin.value if least.there else 'earth'}); the declaration stands (check the record)",
                    where,
                    severity=Severity.WARNING,
                    evidence=[catalog.position(vehicle, "propulsion", "delta_v_mps")],
                )
