"""Which systems are compared: their eras, and the systems that stand for a nation's whole fleet."""

from __future__ import annotations

from interop.load.catalog import Catalog


def era_span(era: str | None) -> tuple[int, float] | None:
    """The years of a system's era ("1975", "1998-", "2030-2040"), open-ended to the future; None when not known."""
    if not era:
        return None
    first, dash, last = era.partition("-")
    return (int(first), float(last) if last else (float("inf") if dash else float(first)))


def eras_overlap(catalog: Catalog, a: str, b: str) -> bool:
    """Whether two systems fly in years in common; an era nobody gave is taken to overlap any."""
    span_a, span_b = era_span(catalog.systems[a].era), era_span(catalog.systems[b].era)
    if span_a is None or span_b is None:
        return True
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def present_era(catalog: Catalog) -> list[str]:
    """The systems of the catalog's latest era: those whose era overlaps the one that starts last.

    The default view of ``matrix`` and ``gaps``; the others (ASTP, Shuttle-Mir)
    are asked about with ``all_eras``. A system with no era is in every era.
    """
    spans = {system_id: era_span(system.era) for system_id, system in catalog.systems.items()}
    latest = max((span for span in spans.values() if span is not None), key=lambda span: span[0], default=None)
    if latest is None:
        return sorted(catalog.systems)
    return sorted(
        system_id
        for system_id, span in spans.items()
        if span is None or (span[0] <= latest[1] and latest[0] <= span[1])
    )


def nation_fleets(catalog: Catalog) -> list[str]:
    """The systems that stand for one nation's whole fleet, by id.

    A fleet is a system of one nation that includes other systems and that no
    other system of that nation alone includes (``us`` includes ``us-artemis``
    and ``us-iss``; ``russia`` includes ``ru-lunar`` and ``ru-iss``).
    """
    sole = {
        system_id: system.nations[0]
        for system_id, system in catalog.systems.items()
        if system.nations is not None and len(system.nations) == 1
    }
    included = {child for system_id in sole for child in catalog.systems[system_id].includes if child in sole}
    return sorted(system_id for system_id in sole if catalog.systems[system_id].includes and system_id not in included)
