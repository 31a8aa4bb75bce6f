"""Small builders for spec documents written into tmp folders by core tests."""

from __future__ import annotations

from pathlib import Path

import yaml

# libyaml's emitter when PyYAML has it: the suite writes thousands of spec
# files, and the pure-Python emitter was 14 s of its CPU. Both write YAML that
# reads back the same (they fold long quoted strings at different places).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """``yaml.safe_load`` with libyaml's parser: the same safe loader, ten times faster.

    For the project's own files (fixtures, bundled specs) that tests read as data;
    tests of how YAML is read use the loaders they compare by name.
    """
    return yaml.load(text, Loader=_LOADER)


SOURCE = [{"title": "test fixture", "url": "https://example.org/fixture"}]


def interface(id, style="androgynous", mates_with=None, **extra):
    return {
        "kind": "DockingInterface",
        "schema_version": 1,
        "id": id,
        "name": id,
        "style": style,
        "mates_with": mates_with if mates_with is not None else [id],
        "sources": SOURCE,
        **extra,
    }


def vehicle(id, ports, vehicle_type="crew-vehicle", crewed=True, **extra):
    return {
        "kind": "Vehicle",
        "schema_version": 1,
        "id": id,
        "name": id,
        "vehicle_type": vehicle_type,
        "status": "operational",
        "crewed": crewed,
        "ports": ports,
        "sources": SOURCE,
        **extra,
    }


def port(id, interface, role, **extra):
    return {"id": id, "interface": interface, "role": role, **extra}


def system(id, elements, connections=(), **extra):
    return {
        "kind": "TransportSystem",
        "schema_version": 1,
        "id": id,
        "name": id,
        "elements": list(elements),
        "connections": list(connections),
        "sources": SOURCE,
        **extra,
    }


def element(vehicle, role="crew-transport", stationed_at=("leo",), **extra):
    return {"vehicle": vehicle, "role": role, "stationed_at": list(stationed_at), **extra}


def write(folder: Path, *documents) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (folder / f"{document['kind'].lower()}-{document['id']}.yaml").write_text(
            yaml.dump(document, Dumper=_DUMPER, sort_keys=False)
        )
    return folder
