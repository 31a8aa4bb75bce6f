"""Builders for the time tests' generated catalogs: fully published vehicles, and the two-leg lunar catalog.

The lunar catalog is the one the path search was built to need (docs/time.md):
a crew stranded in low lunar orbit, a lander there that can carry it up to
NRHO, and a capsule waiting in NRHO that takes it home. ``check`` tests read
it between two systems; scenario tests read it with a scenario over the same
vehicles.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from interop.load import load_catalog
from tests.spec_builders import SOURCE, interface, port, system, write

BASE = Path(__file__).resolve().parent / "rules" / "base"
IDSS = interface("idss", passage_diameter_mm=800, utilities=["power", "data", "air"])

LANDER = "lander"
CAPSULE = "capsule"
STRANDED = "stranded"
LUNAR_SCENARIO = "moon-crew"


def full(id, ports, **changes):
    """A vehicle whose every rule-relevant value is published (the rule fixtures' rescuer), changed."""
    document = yaml.safe_load((BASE / "vehicles" / "rescuer.yaml").read_text())
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
