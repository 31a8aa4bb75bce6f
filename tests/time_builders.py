"""Builders for the time tests' generated catalogs: fully published vehicles, the two-leg lunar catalog.

Also the shelter catalogs (a lander or a station where the crew is, a
scenario's shelter). The lunar catalog is the one the path search was built to need (docs/time.md):
a crew stranded in low lunar orbit, a lander there that can carry it up to
NRHO, and a capsule waiting in NRHO that takes it home. ``check`` tests read
it between two systems; scenario tests read it with a scenario over the same
vehicles.
"""

from __future__ import annotations

from pathlib import Path

from interop.load import load_catalog
from tests.spec_builders import SOURCE, interface, load_yaml, port, system, vehicle, write

BASE = Path(__file__).resolve().parent / "rules" / "base"
IDSS = interface("idss", passage_diameter_mm=800, utilities=["power", "data", "air"])

LANDER = "lander"
CAPSULE = "capsule"
STRANDED = "stranded"
LUNAR_SCENARIO = "moon-crew"


def full(id, ports, **changes):
    """A vehicle whose every rule-relevant value is published (the rule fixtures' rescuer), changed."""
    document = load_yaml((BASE / "vehicles" / "rescuer.yaml").read_text())
    document.update(id=id, name=id, ports=ports, sources=SOURCE, **changes)
    return document


def transfers(llo_to_nrho_days):
    """The transfer table of the lunar catalog: LLO to NRHO in ``llo_to_nrho_days``."""
    return {
        "kind": "TransferTable",
        "schema_version": 1,
        "id": "moon",
        "name": "moon",
        "transfers": [{"origin": "llo", "destination": "nrho", "vehicle_delta_v_mps": 850, "days": llo_to_nrho_days}],
        "sources": SOURCE,
    }


def stranded(place, supplies):
    """The crew's vehicle: stuck at ``place`` (no Earth return), keeping its crew alive ``supplies`` days."""
    return full(
        STRANDED,
        [port("nose", "idss", "passive")],
        regimes=[place],
        earth_return=False,
        life_support={"endurance_days": supplies, "max_crew": 6},
    )


def lunar_documents(*, lander: bool = True, capsule: bool = True, supplies: float = 20, hop: float = 0.5):
    """The two-leg catalog's documents; ``lander`` and ``capsule`` say whether each leg's carrier is in it.

    Systems ``crews`` (the stranded vehicle, in LLO) and ``rescuers`` (the
    lander stationed in LLO, flying LLO and NRHO; the capsule stationed in
    NRHO, five days from home).
    """
    documents = [
        IDSS,
        transfers(hop),
        stranded("llo", supplies),
        system("crews", [{"vehicle": STRANDED, "role": "crew-transport", "stationed_at": ["llo"]}]),
    ]
    elements = []
    if capsule:
        documents.append(
            full(CAPSULE, [port("nose", "idss", "active")], regimes=["nrho"], return_transit_days={"nrho": 5})
        )
        elements.append({"vehicle": CAPSULE, "role": "crew-transport", "stationed_at": ["nrho"]})
    if lander:
        documents.append(
            full(
                LANDER,
                [port("nose", "idss", "active"), port("aft", "idss", "passive")],
                vehicle_type="lander",
                regimes=["llo", "nrho"],
                earth_return=False,
                return_transit_days={},
            )
        )
        elements.append({"vehicle": LANDER, "role": "lander", "stationed_at": ["llo"]})
    documents.append(system("rescuers", elements))
    return documents


def lunar_scenario(*, lander: bool = True, capsule: bool = True, crew: int = 2):
    """A scenario over the lunar catalog: the stranded crew, its responders the carriers in the catalog."""
    responders = [
        {"vehicle": v, "system": "rescuers"} for v, present in ((LANDER, lander), (CAPSULE, capsule)) if present
    ]
    return {
        "kind": "RescueScenario",
        "schema_version": 1,
        "id": LUNAR_SCENARIO,
        "name": "moon crew",
        "hypothetical": True,
        "distressed": {"vehicle": STRANDED, "system": "crews", "at": "llo", "crew": crew},
        "responders": responders,
        "sources": SOURCE,
    }


def load_clean(folder: Path, documents):
    """Write ``documents`` into ``folder`` and load them: a catalog without a single finding."""
    loaded = load_catalog([write(folder, *documents)])
    assert loaded.findings == [], [f.format() for f in loaded.findings]
    return loaded.catalog


def lunar_catalog(
    folder: Path,
    *,
    lander: bool = True,
    capsule: bool = True,
    supplies: float = 20,
    hop: float = 0.5,
    scenario: bool = False,
):
    """The two-leg lunar catalog, loaded; with ``scenario``, the scenario :data:`LUNAR_SCENARIO` over it too."""
    documents = lunar_documents(lander=lander, capsule=capsule, supplies=supplies, hop=hop)
    if scenario:
        documents.append(lunar_scenario(lander=lander, capsule=capsule))
    return load_clean(folder, documents)


# ------------------------------------------------------------- shelters where the crew is (Apollo 13)


def capsule_on_standby(place, ready, trip):
    """An Earth-return capsule kept on standby on the ground: it launches ``ready`` days after the call."""
    capsule = full(
        "capsule",
        [port("nose", "idss", "active")],
        regimes=[place],
        transit_days={place: trip},
        return_transit_days={place: 3},
    )
    return capsule, {"vehicle": "capsule", "role": "crew-transport", "standby": True, "launch_ready_days": ready}


def apollo_catalog(folder: Path, *, lander: bool, supplies: float, ready: float, trip: float = 3):
    """A crew in low lunar orbit whose vehicle keeps it alive ``supplies`` days; a lander there with a month's
    supplies; a capsule that can bring it home but must launch first."""
    capsule, launching = capsule_on_standby("llo", ready, trip)
    documents = [
        IDSS,
        stranded("llo", supplies),
        capsule,
        system("crews", [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["llo"]}]),
    ]
    elements = [launching]
    if lander:
        documents.append(
            full(
                "lm",
                [port("top", "idss", "active"), port("aft", "idss", "passive")],
                vehicle_type="lander",
                regimes=["llo"],
                earth_return=False,
                return_transit_days={},
            )
        )
        elements.append({"vehicle": "lm", "role": "lander", "stationed_at": ["llo"]})
    documents.append(system("rescuers", elements))
    return load_clean(folder, documents)


def station_catalog(
    folder: Path,
    *,
    station_supplies: float | None,
    own_supplies: float | None = 2,
    station: bool = True,
    hatch_mm: int | None = None,
    pressure_kpa: float | None = 101.3,
):
    """A crew in low Earth orbit whose vehicle (no Earth return) keeps it ``own_supplies`` days; a station
    there it can dock at (``station``), keeping a crew aboard ``station_supplies`` days, its hatches
    ``hatch_mm`` wide (unpublished: None), its cabin at ``pressure_kpa`` (no atmosphere published:
    None); a capsule on standby, ready on
    day 5, one day's trip."""
    capsule, launching = capsule_on_standby("leo", 5, 1)
    support = {"endurance_days": station_supplies} if station_supplies is not None else None
    outpost = vehicle(
        "outpost",
        [port(name, "idss", "passive", **({"hatch_diameter_mm": hatch_mm} if hatch_mm else {})) for name in "ab"],
        vehicle_type="station",
        **({"atmosphere": {"pressure_kpa": pressure_kpa, "o2_fraction": 0.21}} if pressure_kpa is not None else {}),
        radios=[{"band": "s-band", "purposes": ["proximity", "voice"]}],
        rendezvous={"targets": ["reflector"]},
        regimes=["leo"],
        **({"life_support": support} if support else {}),
    )
    crews_vehicle = full(
        "stranded", [port("nose", "idss", "active")], regimes=["leo"], earth_return=False,
        life_support={"max_crew": 6, **({"endurance_days": own_supplies} if own_supplies is not None else {})},
    )  # fmt: skip
    documents = [
        IDSS,
        crews_vehicle,
        capsule,
        system(
            "crews",
            [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["leo"]}]
            + ([{"vehicle": "outpost", "role": "station", "stationed_at": ["leo"]}] if station else []),
        ),
        system("rescuers", [launching]),
    ] + ([outpost] if station else [])
    return load_clean(folder, documents)


DOCKED_IN = ("shelter", "system", "scenario")
"""Where a shelter can be declared docked to the crew's vehicle: its own ``docked_to``, a system's
``dockings:``, the scenario's ``dockings:``."""


def apollo_scenario(
    folder: Path,
    *,
    docked: bool | str,
    hours: float | None,
    offered: bool = True,
    own: float = 1,
    ready: float = 5,
    shelter_hatch_mm: int | None = None,
):
    """Apollo 13: the crew's vehicle keeps it ``own`` days (1); the lander docked to it shelters it; the
    capsule comes, ready on day ``ready`` (5), three days' trip. ``shelter_hatch_mm``: the lander's hatch
    where it docks to the crew's vehicle (unpublished: None).

    ``docked``: True or "shelter" (the shelter's ``docked_to``), "system" or "scenario" (a docking there), False.
    ``offered``: whether the scenario offers the lander as a shelter at all (the responder names it).
    """
    capsule, launching = capsule_on_standby("llo", ready, 3)
    hatch = {"hatch_diameter_mm": shelter_hatch_mm} if shelter_hatch_mm else {}
    lm = full(
        "lm", [port("top", "idss", "active", **hatch), port("aft", "idss", "passive")], vehicle_type="lander",
        regimes=["llo"], earth_return=False, return_transit_days={},
    )  # fmt: skip
    shelter: dict = {"vehicle": "lm"}
    docking = {"vehicle": "lm", "port": "top", "at": {"vehicle": "stranded", "port": "nose"}}
    if docked is True or docked == "shelter":
        shelter["docked_to"] = {"vehicle": "stranded", "port": "nose"}
    if hours is not None:
        shelter["life_support_hours"] = hours
    documents = [
        IDSS,
        stranded("llo", own),
        capsule,
        lm,
        system(
            "crews",
            [{"vehicle": "stranded", "role": "crew-transport", "stationed_at": ["llo"]}],
            **({"dockings": [docking]} if docked == "system" else {}),
        ),
        system("rescuers", [launching, {"vehicle": "lm", "role": "lander", "stationed_at": ["llo"]}]),
        {
            **({"dockings": [docking]} if docked == "scenario" else {}),
            "kind": "RescueScenario",
            "schema_version": 1,
            "id": "aquarius",
            "name": "aquarius",
            "hypothetical": True,
            "distressed": {"vehicle": "stranded", "system": "crews", "at": "llo", "crew": 2},
            "shelters": [shelter] if offered else [],
            "responders": [{"vehicle": "capsule", "system": "rescuers", **({"shelter": "lm"} if offered else {})}],
            "sources": SOURCE,
        },
    ]
    return load_clean(folder, documents)
