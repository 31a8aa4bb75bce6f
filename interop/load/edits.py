"""What changed between two catalogs, document by document, without evaluating them.

- :func:`document_edits`: the field-by-field differences (dotted paths, old
  and new values, old and new positions) of every document in both;
- :func:`breaking_changes`: schema-level breaks, documents removed and
  references in BASE to ids that HEAD no longer has.

Both need only the catalogs; ``interop diff`` (:mod:`interop.engine.diff`)
attaches the edits to the verdicts they explain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from interop.load.catalog import Catalog, iter_models, iter_references
from interop.model.documents import PortRef
from interop.model.finding import Position


@dataclass
class FieldChange:
    """One spec value that differs between BASE and HEAD."""

    kind: str
    id: str
    field: str
    """Dotted path; list items with an id are named by it (``ports[nose].role``)."""
    old: Any
    new: Any
    old_position: Position | None
    new_position: Position | None

    @property
    def position(self) -> Position | None:
        return self.new_position or self.old_position


@dataclass
class BreakingChange:
    """A schema-level break: a document gone, or an id others relied on."""

    kind: str
    """``removed`` or ``reference``."""
    message: str
    position: Position | None


# ---------------------------------------------------------- document edits


def document_edits(base: Catalog, head: Catalog) -> dict[tuple[str, str], list[FieldChange]]:
    """Field-by-field differences of every document present in both catalogs.

    Values are compared as written (fields left out stay out, defaults are not
    filled in); a list item added or removed as a whole is one change.
    """
    edits: dict[tuple[str, str], list[FieldChange]] = {}
    for key in sorted(set(base.sources) & set(head.sources)):
        kind, ident = key
        old_document, new_document = base.table(kind)[ident], head.table(kind)[ident]
        old_fields, old_items = _fields(old_document)
        new_fields, new_items = _fields(new_document)
        whole = {
            name: side
            for side, items, other in (("old", old_items, new_items), ("new", new_items, old_items))
            for name in items
            if name not in other
        }
        changes: list[FieldChange] = []
        for name in _ordered_union(old_fields, new_fields):
            item = next((w for w in whole if name.startswith(w + ".") or name.startswith(w + "[") or name == w), None)
            if item is not None:
                if item in _fields_named(changes):
                    continue
                name = item
                old_value, old_path = old_items.get(name, (None, None))
                new_value, new_path = new_items.get(name, (None, None))
            else:
                old_value, old_path = old_fields.get(name, (None, None))
                new_value, new_path = new_fields.get(name, (None, None))
                if name in old_fields and name in new_fields and old_value == new_value:
                    continue
            changes.append(
                FieldChange(
                    kind,
                    ident,
                    name,
                    old_value,
                    new_value,
                    base.position(old_document, *old_path) if old_path is not None else None,
                    head.position(new_document, *new_path)
                    if new_path is not None
                    else _nearest(head, new_document, old_path),
                )
            )
        if changes:
            edits[key] = changes
    return edits


def _fields_named(changes: list[FieldChange]) -> set[str]:
    return {change.field for change in changes}


def _fields(document) -> tuple[dict, dict]:
    items: dict[str, tuple[Any, tuple]] = {}
    fields = flatten(document.model_dump(mode="json", exclude_unset=True, exclude_none=True), items=items)
    return fields, items


def _nearest(catalog: Catalog, document, path) -> Position | None:
    """Where a removed value's parent stands in the new file."""
    if path is None:
        return None
    return catalog.position(document, *path[:-1])


def _ordered_union(first: dict, second: dict) -> list:
    return list(first) + [k for k in second if k not in first]


def flatten(value, name: str = "", path: tuple = (), items: dict | None = None) -> dict[str, tuple[Any, tuple]]:
    """Leaf values by display name, each with its real path in the document.

    Items of a list of mappings that carry an ``id`` (or a ``vehicle``) are
    named by it, so removing the first port does not renumber the others;
    ``items``, when given, collects those items themselves by name.
    """
    found: dict[str, tuple[Any, tuple]] = {}
    if isinstance(value, dict):
        if not value:
            found[name] = ({}, path)
        for key, item in value.items():
            found.update(flatten(item, f"{name}.{key}" if name else str(key), path + (key,), items))
    elif isinstance(value, list):
        labels = _item_labels(value)
        if labels is None:
            found[name] = (value, path)  # a list of plain values compares as a whole
        else:
            for index, (label, item) in enumerate(zip(labels, value, strict=False)):
                if items is not None:
                    items[f"{name}[{label}]"] = (item, path + (index,))
                found.update(flatten(item, f"{name}[{label}]", path + (index,), items))
            if not value:
                found[name] = ([], path)
    else:
        found[name] = (value, path)
    return found


def _item_labels(items: list) -> list[str] | None:
    if not items or not all(isinstance(i, dict) for i in items):
        return None if items else []
    for key in ("id", "vehicle", "name"):
        labels = [str(i.get(key)) for i in items]
        if all(key in i for i in items) and len(set(labels)) == len(labels):
            return labels
    return [str(index) for index in range(len(items))]


# -------------------------------------------------------- breaking changes


def breaking_changes(base: Catalog, head: Catalog) -> list[BreakingChange]:
    found = []
    removed = sorted(set(base.sources) - set(head.sources))
    head_by_file = {source.file: key for key, source in head.sources.items()}
    head_by_name = {PurePath(source.file).name: key for key, source in head.sources.items()}
    for kind, ident in removed:
        document = base.table(kind)[ident]
        where = base.position(document, "id")
        # The same file under a new id is most likely a rename; folders
        # compared side by side differ in their roots, so the name decides.
        file = base.file_of(document)
        successor = head_by_file.get(file) or head_by_name.get(PurePath(file).name)
        hint = (
            f" (renamed to {successor[1]!r}?)"
            if successor and successor[0] == kind and successor not in base.sources
            else ""
        )
        found.append(BreakingChange("removed", f"{kind} {ident!r} was removed{hint}", where))
    gone = set(removed)
    for kind in ("DockingInterface", "Vehicle", "TransportSystem", "RescueScenario"):
        for document in base.table(kind).values():
            for path, target_kind, target in iter_references(document):
                if (target_kind, target) in gone:
                    dotted = ".".join(str(p) for p in path)
                    found.append(
                        BreakingChange(
                            "reference",
                            f"{kind} {document.id!r} refers to {target_kind} {target!r} ({dotted}), which HEAD no longer has",
                            base.position(document, *path),
                        )
                    )
            for path, port_ref in iter_models(document, PortRef):
                old_vehicle, new_vehicle = base.vehicles.get(port_ref.vehicle), head.vehicles.get(port_ref.vehicle)
                if (
                    old_vehicle
                    and new_vehicle
                    and old_vehicle.port(port_ref.port)
                    and not new_vehicle.port(port_ref.port)
                ):
                    dotted = ".".join(str(p) for p in path)
                    found.append(
                        BreakingChange(
                            "reference",
                            f"{kind} {document.id!r} refers to port {port_ref.port!r} of {port_ref.vehicle!r} ({dotted}), which HEAD no longer has",
                            base.position(document, *path, "port"),
                        )
                    )
    return found
