"""The changes a plan can make, the edits they apply, and the patches that say so.

A :class:`Change` is one edit to the specs, named by a stable verb
(``action``) and its parameters; :func:`apply_changes` makes them on a copy of
a catalog in memory, and :func:`patch_of` says the same edit as data a
machine can apply without reading prose: a list of
``{op: set|add|remove|create, document: {kind, id}, path, before, after}``
with paths in the dotted form ``interop diff`` prints (``ports[nose].role``;
a plain list such as ``regimes`` is set as a whole, as diff compares it).

Publishing a value is not a change: a value nobody has published is a
requirement of the plan (a condition record, interop.model.finding.Condition:
what it must be for the plan to hold, and who would publish it), never an
entry of its changes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interop.load.catalog import Catalog
from interop.model.base import Source
from interop.model.documents import CrewEquipment, Element, Port, Radio, Rendezvous, Vehicle
from interop.model.finding import Condition
from interop.model.vocabulary import (
    Band,
    ElementRole,
    Gender,
    PortRole,
    ProgramStatus,
    RadioPurpose,
    Regime,
    VehicleType,
)


class ChangeKind(str, enum.Enum):
    """In the order every report lists them: hardware, qualification, then crew and procedure."""

    HARDWARE = "hardware"
    QUALIFICATION = "qualification"
    CREW = "crew"
    PROCEDURE = "procedure"


ORDER = (ChangeKind.HARDWARE, ChangeKind.QUALIFICATION, ChangeKind.CREW, ChangeKind.PROCEDURE)


@dataclass(frozen=True, order=True)
class Change:
    """One change to the specs, as a planner would order it."""

    kind: ChangeKind
    action: str
    """A stable verb: add-port, add-adapter, port-role, qualify-regime, carry-suits, carry-liners,
    add-radio, fit-target, crew-aboard, seats-added."""
    document: tuple[str, str]
    """(kind, id) of the document it edits."""
    path: tuple
    """Where in that document (for the spec line it would touch)."""
    params: tuple = ()
    summary: str = field(default="", compare=False)
    requires: tuple[Condition, ...] = field(default=(), compare=False)
    """Values the change itself rests on (the delta-v a qualification needs, when it is not published)."""

    def sort_key(self) -> tuple:
        return (ORDER.index(self.kind), self.action, self.document, self.path, self.params)


def ordered(changes) -> list[Change]:
    """Hardware first, then qualification, then crew and procedure; deterministic within each."""
    return sorted(changes, key=Change.sort_key)


# ------------------------------------------------------------ applying changes


class _Edited:
    """A catalog copy that copies a document the first time a change edits it."""

    def __init__(self, catalog: Catalog):
        self.catalog = Catalog(
            dict(catalog.interfaces),
            dict(catalog.vehicles),
            dict(catalog.systems),
            dict(catalog.scenarios),
            dict(catalog.sources),
            transfers=catalog.transfers,
        )
        self._copied: set[tuple[str, str]] = set()

    def edit(self, kind: str, ident: str) -> Any:
        table = self.catalog.table(kind)
        if (kind, ident) not in self._copied:
            table[ident] = table[ident].model_copy(deep=True)
            self._copied.add((kind, ident))
        return table[ident]


def apply_changes(catalog: Catalog, changes) -> Catalog:
    """A copy of ``catalog`` with ``changes`` made; ``catalog`` itself is left as it was."""
    edited = _Edited(catalog)
    for change in ordered(changes):
        _APPLY[change.action](edited, change)
    return edited.catalog


def _port(kind: tuple[str, str, str | None], port_id: str, location: str | None = None) -> Port:
    interface, role, gender = kind
    return Port(
        id=port_id,
        interface=interface,
        role=PortRole(role),
        gender=Gender(gender) if gender else None,
        location=location,
    )


def adapter_document(adapter_id: str, near, far) -> Vehicle:
    """The adapter vehicle a plan proposes: two ports, nothing else claimed."""
    return Vehicle(
        kind="Vehicle",
        schema_version=1,
        id=adapter_id,
        name=f"Adapter proposed by interop plan ({near[0]} to {far[0]})",
        sources=[Source(title="interop plan: a proposed change, not a real vehicle")],
        vehicle_type=VehicleType.ADAPTER,
        status=ProgramStatus.PLANNED,
        crewed=False,
        ports=[_port(near, "end-0"), _port(far, "end-1")],
    )


def _apply_add_adapter(edited: _Edited, change: Change) -> None:
    carrier, adapter_id, (near, far) = change.params
    edited.catalog.vehicles[adapter_id] = adapter_document(adapter_id, near, far)
    system = edited.edit(*change.document)
    system.elements = [*system.elements, Element(vehicle=adapter_id, role=ElementRole.ADAPTER, carried_by=carrier)]


def _apply_add_port(edited: _Edited, change: Change) -> None:
    kind, port_id = change.params
    vehicle = edited.edit(*change.document)
    vehicle.ports = [*(vehicle.ports or ()), _port(kind, port_id, "proposed by interop plan")]


def _apply_port_role(edited: _Edited, change: Change) -> None:
    port_id, role = change.params
    vehicle = edited.edit(*change.document)
    vehicle.ports = [p.model_copy(update={"role": PortRole(role)}) if p.id == port_id else p for p in vehicle.ports]


def _apply_qualify(edited: _Edited, change: Change) -> None:
    (regime,) = change.params
    vehicle = edited.edit(*change.document)
    vehicle.regimes = [*(vehicle.regimes or ()), Regime(regime)]


def _equipment(vehicle: Vehicle) -> CrewEquipment:
    if vehicle.crew_equipment is None:
        vehicle.crew_equipment = CrewEquipment()
    return vehicle.crew_equipment


def _apply_suits(edited: _Edited, change: Change) -> None:
    (count,) = change.params
    equipment = _equipment(edited.edit(*change.document))
    equipment.spare_suits = max(equipment.spare_suits or 0, count)


def _apply_liners(edited: _Edited, change: Change) -> None:
    (count,) = change.params
    equipment = _equipment(edited.edit(*change.document))
    equipment.spare_seat_liners = max(equipment.spare_seat_liners or 0, count)


def _apply_radio(edited: _Edited, change: Change) -> None:
    (band,) = change.params
    vehicle = edited.edit(*change.document)
    vehicle.radios = [*(vehicle.radios or ()), _radio(band)]


def _radio(band: str) -> Radio:
    return Radio(band=Band(band), purposes=[RadioPurpose.PROXIMITY, RadioPurpose.VOICE])


def _apply_target(edited: _Edited, change: Change) -> None:
    (target,) = change.params
    vehicle = edited.edit(*change.document)
    rendezvous = vehicle.rendezvous or Rendezvous()
    rendezvous.targets = [*(rendezvous.targets or ()), target]
    vehicle.rendezvous = rendezvous


def _apply_responder(edited: _Edited, change: Change) -> None:
    """crew-aboard and seats-added: a responder's figure for the mission (scenario plans)."""
    index, name, value = change.params
    scenario = edited.edit(*change.document)
    responders = list(scenario.responders)
    responders[index] = responders[index].model_copy(update={name: value})
    scenario.responders = responders


_APPLY = {
    "add-adapter": _apply_add_adapter,
    "add-port": _apply_add_port,
    "port-role": _apply_port_role,
    "qualify-regime": _apply_qualify,
    "carry-suits": _apply_suits,
    "carry-liners": _apply_liners,
    "add-radio": _apply_radio,
    "fit-target": _apply_target,
    "crew-aboard": _apply_responder,
    "seats-added": _apply_responder,
}


# ---------------------------------------------------------------- patches


def _json(model) -> Any:
    return model.model_dump(mode="json", exclude_none=True, exclude_unset=True)


def _op(op: str, document: tuple[str, str], path: str, before: Any, after: Any) -> dict:
    return {
        "op": op,
        "document": {"kind": document[0], "id": document[1]},
        "path": path,
        "before": before,
        "after": after,
    }


def patch_of(catalog: Catalog, change: Change) -> list[dict]:
    """``change`` as patch operations on ``catalog`` (the catalog before any change of the plan)."""
    action, document = change.action, change.document
    if action == "add-adapter":
        carrier, adapter_id, (near, far) = change.params
        element = Element(vehicle=adapter_id, role=ElementRole.ADAPTER, carried_by=carrier)
        return [
            _op("create", ("Vehicle", adapter_id), "", None, _json(adapter_document(adapter_id, near, far))),
            _op("add", document, f"elements[{adapter_id}]", None, _json(element)),
        ]
    if action == "add-port":
        kind, port_id = change.params
        return [
            _op("add", document, f"ports[{port_id}]", None, _json(_port(kind, port_id, "proposed by interop plan")))
        ]
    if action == "port-role":
        port_id, role = change.params
        vehicle = catalog.vehicles[document[1]]
        port = vehicle.port(port_id)
        return [_op("set", document, f"ports[{port_id}].role", port.role.value if port else None, role)]
    if action == "qualify-regime":
        (regime,) = change.params
        declared = catalog.vehicles[document[1]].regimes
        regimes = [r.value for r in declared or ()]
        return [_op("set", document, "regimes", regimes if declared is not None else None, [*regimes, regime])]
    if action in ("carry-suits", "carry-liners"):
        (count,) = change.params
        name = "spare_suits" if action == "carry-suits" else "spare_seat_liners"
        equipment = catalog.vehicles[document[1]].crew_equipment
        before = getattr(equipment, name) if equipment is not None else None
        return [_op("set", document, f"crew_equipment.{name}", before, max(before or 0, count))]
    if action == "add-radio":
        (band,) = change.params
        radios = catalog.vehicles[document[1]].radios or ()
        return [_op("add", document, f"radios[{len(radios)}]", None, _json(_radio(band)))]
    if action == "fit-target":
        (target,) = change.params
        rendezvous = catalog.vehicles[document[1]].rendezvous
        targets: list[str] = list(rendezvous.targets or ()) if rendezvous is not None else []
        return [_op("set", document, "rendezvous.targets", targets or None, [*targets, target])]
    if action in ("crew-aboard", "seats-added"):
        index, name, value = change.params
        responder = catalog.scenarios[document[1]].responders[index]
        return [_op("set", document, f"responders[{responder.vehicle}].{name}", getattr(responder, name), value)]
    raise ValueError(f"no patch for action {action!r}")


__all__ = [
    "ORDER",
    "Change",
    "ChangeKind",
    "adapter_document",
    "apply_changes",
    "ordered",
    "patch_of",
]


# ---------------------------------------------------------- the patched catalog


def patched_files(catalog: Catalog, changes) -> dict[str, str]:
    """Every document of ``catalog`` with ``changes`` applied, as files: relative path -> text.

    One file per document, in the library's layout (``vehicles/orion.yaml``).
    A document no change touches keeps its file's text as it was read; a
    changed or created one is written from its model (values as the model
    holds them, in the field's unit; what was left out stays out).
    """
    import yaml

    from interop.load.files import SpecTextError, Unreadable, read_text
    from interop.load.scaffold import FOLDERS

    changed = apply_changes(catalog, changes)
    touched = {change.document for change in changes} | {
        ("Vehicle", change.params[1]) for change in changes if change.action == "add-adapter"
    }
    files: dict[str, str] = {}
    for kind, folder in FOLDERS.items():
        for ident, document in sorted(changed.table(kind).items()):
            name = f"{folder}/{ident}.yaml"
            source = catalog.sources.get((kind, ident))
            if (kind, ident) not in touched and source is not None and source.file:
                try:
                    files[name] = read_text(Path(source.file))
                    continue
                except (SpecTextError, Unreadable):  # gone since it was read: written from its model
                    pass
            data = document.model_dump(mode="json", exclude_none=True, exclude_unset=True)
            files[name] = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return files
