#!/usr/bin/env python3
"""Synthetic spec catalogs for the benchmarks, the same for the same seed.

Two kinds of catalog:

- a validation corpus: ``count`` vehicle files shaped like the bundled specs
  (ports, seats, atmosphere with some unit strings, rendezvous, radios,
  estimates, sources), plus the docking interfaces they refer to;
- an engine catalog: two transport systems (``alpha`` and ``bravo``) of
  ``size`` vehicles each: crew vehicles, landers, stations whose modules are
  stacked by connections, adapters (stationed at a place or carried by a crew
  vehicle) and cargo vehicles, over a handful of docking interfaces that mate
  directly, through adapters, or not at all.

    python3 benchmarks/generate.py validation OUT [--count 2000] [--seed 8]
    python3 benchmarks/generate.py engine OUT [--size 50] [--seed 8]

Standard library and PyYAML only, so it runs in the project's environment.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

# libyaml's emitter where PyYAML has it (the same documents, written faster).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SEED = 8
SOURCES = [{"title": "synthetic benchmark catalog", "url": "https://example.org/interop-benchmark"}]
SCHEMA_LINE = "# yaml-language-server: $schema=../../interop/schemas/{}.schema.json\n"

# Interface id -> (style, gender, mates_with, passage mm). Shaped like the real
# families: two androgynous standards that mate with each other, an older
# androgynous one, a probe-and-drogue pair, a berthing mechanism, and two
# mechanisms that mate only with themselves.
INTERFACES = {
    "std-a": ("androgynous", None, ["std-a", "std-b"], 800),
    "std-b": ("androgynous", None, ["std-a", "std-b"], 800),
    "legacy-c": ("androgynous", None, ["legacy-c"], 800),
    "probe-d": ("gendered", "probe", ["drogue-d"], 800),
    "drogue-d": ("gendered", "drogue", ["probe-d"], 800),
    "berth-e": ("berthing", None, ["berth-e"], 1270),
    "national-f": ("androgynous", None, ["national-f"], 800),
    "national-g": ("androgynous", None, ["national-g"], 850),
}
DOCKING = ["std-a", "std-b", "legacy-c", "probe-d", "drogue-d", "national-f", "national-g"]
PLACES = ["leo", "nrho", "llo", "lunar-surface"]
BANDS = ["s-band", "uhf", "vhf", "ka-band"]
SENSORS = ["lidar", "radar", "camera", "kurs"]
SUITS = ["suit-a", "suit-b", "suit-c"]


def interface_document(interface_id: str) -> dict:
    style, gender, mates_with, passage = INTERFACES[interface_id]
    document = {
        "kind": "DockingInterface",
        "schema_version": 1,
        "id": interface_id,
        "name": f"Synthetic interface {interface_id}",
        "style": style,
    }
    if gender:
        document["gender"] = gender
    document.update(
        mates_with=list(mates_with),
        passage_diameter_mm=passage,
        utilities=["power", "data"],
        robotic_arm_required=style == "berthing",
        status="operational",
        sources=SOURCES,
    )
    return document


def _port(rng: random.Random, port_id: str, interface_id: str, role: str | None = None) -> dict:
    style, gender, _mates, _passage = INTERFACES[interface_id]
    port = {"id": port_id, "interface": interface_id}
    if style == "berthing":
        port["role"] = role or rng.choice(["active", "passive"])
    else:
        port["role"] = role or rng.choice(["active", "passive", "either", "either"])
    if gender:
        port["gender"] = gender
    port["hatch_diameter_mm"] = rng.choice([800, 800, 850, 900, 1000])
    return port


def vehicle_document(
    rng: random.Random, vehicle_id: str, vehicle_type: str, *, ports: list[dict] | None = None, regimes=None
) -> dict:
    """One vehicle, with the fields a real spec of its type carries."""
    crewed = vehicle_type in ("crew-vehicle", "lander", "station", "orbiter")
    if ports is None:
        count = {
            "crew-vehicle": rng.choice([1, 1, 2]),
            "lander": rng.choice([1, 2]),
            "station": rng.choice([3, 4]),
        }.get(vehicle_type, 1)
        ports = [_port(rng, f"port-{i + 1}", rng.choice(DOCKING)) for i in range(count)]
    places = regimes or sorted(rng.sample(PLACES, rng.choice([1, 1, 2, 3])), key=PLACES.index)
    document: dict = {
        "kind": "Vehicle",
        "schema_version": 1,
        "id": vehicle_id,
        "name": f"Synthetic {vehicle_type} {vehicle_id}",
        "vehicle_type": vehicle_type,
        "status": rng.choice(["operational", "in-development", "planned"]),
        "crewed": crewed,
        "operators": [rng.choice(["Agency One", "Agency Two", "Company Three"])],
        "ports": ports,
    }
    if crewed:
        total = rng.choice([3, 4, 4, 6, 7]) if vehicle_type != "station" else rng.choice([3, 6, 7])
        document["seats"] = {
            "total": total,
            "nominal_crew": max(2, total - rng.choice([0, 1, 2])),
            "addable": rng.choice([0, 0, 1]),
        }
        document["crew_equipment"] = {
            "suits": rng.sample(SUITS, rng.choice([1, 2])),
            "spare_suits": rng.choice([0, 1, 2]),
            "seat_liners": rng.choice(["custom-per-crew", "adjustable", "none"]),
        }
        # About one vehicle in four writes its pressure with a unit, as the real specs do.
        pressure = rng.choice([101.3, 101.3, 101.3, "14.7 psi", 70.3, "760 mmHg"])
        document["atmosphere"] = {"pressure_kpa": pressure, "o2_fraction": rng.choice([0.21, 0.21, 0.265, 0.3])}
        document["airlock"] = rng.random() < 0.3
        document["suited_egress"] = rng.random() < 0.5
    document["rendezvous"] = {
        "sensors": [{"name": s, "tracks": ["reflector", "beacon"]} for s in rng.sample(SENSORS, rng.choice([1, 2]))],
        "targets": rng.sample(["reflector", "beacon", "visual-target"], rng.choice([1, 2])),
    }
    document["radios"] = [
        {"band": b, "purposes": ["proximity", "voice"]} for b in rng.sample(BANDS, rng.choice([1, 2]))
    ]
    document["power"] = {"bus_voltage_v": rng.choice([28, 120, 160]), "shares_power": rng.random() < 0.5}
    if vehicle_type in ("crew-vehicle", "lander", "orbiter"):
        document["propulsion"] = {"delta_v_mps": rng.choice([800, 1200, 1500, "1.2 km/s", 2500])}
        document["life_support"] = {
            "endurance_days": rng.choice([5, 14, 21, 30]),
            "crew_days": rng.choice([20, 60, 120]),
        }
        document["earth_return"] = vehicle_type != "lander"
        if document["earth_return"]:
            document["return_transit_days"] = {place: (1 if place == "leo" else 5) for place in places}
    elif crewed:
        document["life_support"] = {"endurance_days": 365, "crew_days": 2000, "max_crew": 7}
    document["regimes"] = list(places)
    document["mass_kg"] = rng.randrange(900, 40_000)
    document["estimates"] = [{"field": "mass_kg", "basis": "estimate", "note": "Rounded from published figures."}]
    document["notes"] = ["Synthetic vehicle generated for the performance benchmarks."]
    document["sources"] = SOURCES
    return document


def _dump(path: Path, document: dict, schema: str) -> None:
    path.write_text(SCHEMA_LINE.format(schema) + yaml.dump(document, Dumper=_DUMPER, sort_keys=False, width=120))


def write_interfaces(root: Path) -> list[Path]:
    folder = root / "interfaces"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for interface_id in INTERFACES:
        path = folder / f"{interface_id}.yaml"
        _dump(path, interface_document(interface_id), "docking-interface")
        paths.append(path)
    return paths


def write_validation_corpus(root: Path, count: int = 2000, seed: int = SEED) -> list[Path]:
    """``count`` valid vehicle files under ``root/vehicles`` and their interfaces."""
    rng = random.Random(seed)
    root = Path(root)
    write_interfaces(root)
    folder = root / "vehicles"
    folder.mkdir(parents=True, exist_ok=True)
    kinds = ["crew-vehicle"] * 4 + ["lander"] * 2 + ["station", "station-module", "adapter", "cargo-vehicle"]
    paths = []
    for index in range(count):
        vehicle_type = rng.choice(kinds)
        ports = None
        if vehicle_type == "adapter":
            ports = [_port(rng, "a", rng.choice(DOCKING)), _port(rng, "b", rng.choice(DOCKING))]
        path = folder / f"vehicle-{index:05d}.yaml"
        _dump(path, vehicle_document(rng, f"vehicle-{index:05d}", vehicle_type, ports=ports), "vehicle")
        paths.append(path)
    return paths


def _system(rng: random.Random, name: str, size: int, vehicles: dict[str, dict]) -> dict:
    """One transport system of ``size`` vehicles; fills ``vehicles``."""
    elements: list[dict] = []
    connections: list[dict] = []
    crew_vehicles: list[str] = []

    def add(vehicle_id: str, document: dict, role: str, stationed_at, **extra) -> None:
        vehicles[vehicle_id] = document
        element = {"vehicle": vehicle_id, "role": role}
        if stationed_at is not None:
            element["stationed_at"] = list(stationed_at)
        element.update(extra)
        elements.append(element)

    index = 0
    while len(elements) < size:
        slot = index % 20
        index += 1
        vehicle_id = f"{name}-{index:03d}"
        left = size - len(elements)
        if slot in (0, 1, 2, 3, 4, 5):  # 30 %: crew vehicles
            document = vehicle_document(rng, vehicle_id, "crew-vehicle")
            crew_vehicles.append(vehicle_id)
            add(vehicle_id, document, "crew-transport", rng.sample(document["regimes"], 1), standby=rng.random() < 0.2)
        elif slot in (6, 7):  # 10 %: landers
            document = vehicle_document(rng, vehicle_id, "lander", regimes=["nrho", "llo", "lunar-surface"])
            add(vehicle_id, document, "lander", ["nrho", "llo", "lunar-surface"][: rng.choice([1, 2, 3])])
        elif slot in (8, 9, 10, 11) and left >= 3:  # 20 %: a station and two modules, stacked
            place = rng.choice(["leo", "nrho", "llo"])
            station = vehicle_document(rng, vehicle_id, "station", regimes=[place])
            add(vehicle_id, station, "station", [place])
            previous, previous_port = vehicle_id, "port-1"
            for module_index in (1, 2):
                module_id = f"{vehicle_id}-m{module_index}"
                ports = [_port(rng, "aft", "berth-e", "passive"), _port(rng, "forward", rng.choice(DOCKING))]
                add(
                    module_id,
                    vehicle_document(rng, module_id, "station-module", ports=ports, regimes=[place]),
                    "station",
                    [place],
                )
                connections.append(
                    {"a": {"vehicle": previous, "port": previous_port}, "b": {"vehicle": module_id, "port": "aft"}}
                )
                # The station's port-1 (or the module's forward port) holds the next module.
                if previous == vehicle_id:
                    station["ports"][0] = _port(rng, "port-1", "berth-e", "active")
                else:
                    vehicles[previous]["ports"][1] = _port(rng, "forward", "berth-e", "active")
                previous, previous_port = module_id, "forward"
            index += 2
        elif slot in (12, 13, 14, 15, 16):  # 25 %: adapters, stationed or carried
            a, b = rng.sample(DOCKING, 2)
            ports = [_port(rng, "a", a), _port(rng, "b", b)]
            document = vehicle_document(
                rng, vehicle_id, rng.choice(["adapter", "adapter", "docking-module"]), ports=ports
            )
            if crew_vehicles and rng.random() < 0.35:
                add(vehicle_id, document, "adapter", None, carried_by=rng.choice(crew_vehicles))
            else:
                add(vehicle_id, document, "adapter", rng.sample(document["regimes"], 1))
        else:  # 15 %: cargo vehicles
            document = vehicle_document(rng, vehicle_id, "cargo-vehicle")
            add(vehicle_id, document, "cargo", rng.sample(document["regimes"], 1))
    return {
        "kind": "TransportSystem",
        "schema_version": 1,
        "id": name,
        "name": f"Synthetic system {name}",
        "nations": ["Synthetica"],
        "elements": elements,
        "connections": connections,
        "sources": SOURCES,
    }


def write_engine_catalog(root: Path, size: int = 50, seed: int = SEED, systems=("alpha", "bravo")) -> list[str]:
    """Two systems of ``size`` vehicles each under ``root``; returns their ids."""
    rng = random.Random(seed * 1000 + size)
    root = Path(root)
    write_interfaces(root)
    vehicles: dict[str, dict] = {}
    documents = [_system(rng, name, size, vehicles) for name in systems]
    (root / "systems").mkdir(parents=True, exist_ok=True)
    for document in documents:
        _dump(root / "systems" / f"{document['id']}.yaml", document, "transport-system")
    (root / "vehicles").mkdir(parents=True, exist_ok=True)
    for vehicle_id, document in vehicles.items():
        _dump(root / "vehicles" / f"{vehicle_id}.yaml", document, "vehicle")
    return list(systems)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["validation", "engine"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000, help="vehicle files in a validation corpus")
    parser.add_argument("--size", type=int, default=50, help="vehicles per system in an engine catalog")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.what == "validation":
        paths = write_validation_corpus(args.out, args.count, args.seed)
        print(f"wrote {len(paths)} vehicle files under {args.out}")
    else:
        ids = write_engine_catalog(args.out, args.size, args.seed)
        print(f"wrote systems {', '.join(ids)} of {args.size} vehicles each under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
