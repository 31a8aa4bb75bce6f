"""A folder of spec files as one catalog, with cross-references resolved.

Longer than 500 lines because loading, the duplicate-id check and the
reference resolution share one catalog under construction; they read best
together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from interop.load import docking_mates, dockings, errors
from interop.load.documents import suggest, validate_document
from interop.load.files import SpecTextError, discover, read_text
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.load.regimes import regimes_beyond_the_vehicle
from interop.load.tree import SourceMap, TreeError, parse_tree
from interop.model.base import Document, StrictModel
from interop.model.documents import Docking, DockingInterface, PortRef, RescueScenario, TransportSystem, Vehicle
from interop.model.finding import Finding, Position, Severity
from interop.model.shape import shape_of
from interop.model.transfers import TransferTable
from interop.model.vocabulary import Gender, MatingStyle, styles_mate

PartT = TypeVar("PartT", bound=StrictModel)


@dataclass
class Catalog:
    """Every valid document, by kind and id, with where each came from."""

    interfaces: dict[str, DockingInterface] = field(default_factory=dict)
    vehicles: dict[str, Vehicle] = field(default_factory=dict)
    systems: dict[str, TransportSystem] = field(default_factory=dict)
    scenarios: dict[str, RescueScenario] = field(default_factory=dict)
    sources: dict[tuple[str, str], SourceMap] = field(default_factory=dict)
    broken: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> file of the documents that exist but did not validate, so
    that a reference to one says so instead of "no such id"."""
    transfers: dict[str, TransferTable] = field(default_factory=dict)
    """The transfer tables (interop.model.transfers): delta-v and days between places."""

    def table(self, kind: str) -> dict[str, Document]:
        # Each table holds one kind; Any because dict[str, Vehicle] is not a dict[str, Document].
        tables: dict[str, dict[str, Any]] = {
            "DockingInterface": self.interfaces,
            "Vehicle": self.vehicles,
            "TransportSystem": self.systems,
            "RescueScenario": self.scenarios,
            "TransferTable": self.transfers,
        }
        return tables[kind]

    def add(self, document: Document, source_map: SourceMap) -> None:
        self.table(document.KIND)[document.id] = document
        self.sources[(document.KIND, document.id)] = source_map

    def source_map(self, document: Document) -> SourceMap | None:
        return self.sources.get((document.KIND, document.id))

    def position(self, document: Document, *path) -> Position:
        """Where ``path`` (keys and indexes) stands in ``document``'s file."""
        source_map = self.source_map(document)
        if source_map is None:
            return Position(f"<{document.KIND} {document.id}>")
        return source_map.value(tuple(path))

    def locate(self, document: Document, *path) -> Position:
        """Where a report points for ``path``: its position, or, for the document
        itself or a value missing with all its parents, the document's ``id:``
        line (the mapping's own start is the ``kind:`` line, which names nothing)."""
        position = self.position(document, *path)
        if position == self.position(document):
            return self.position(document, "id")
        return position

    def file_of(self, document: Document) -> str:
        source_map = self.source_map(document)
        return source_map.file if source_map else ""

    def __len__(self) -> int:
        return len(self.sources)


@dataclass
class LoadResult:
    catalog: Catalog
    findings: list[Finding]
    files: int

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        """The findings that make the specs unusable: all but warnings (a deprecated field)."""
        return [f for f in self.findings if f.severity is not Severity.WARNING]


def set_aside_refused_scenarios(result: LoadResult) -> dict[str, list[Finding]]:
    """Take out of ``result`` the scenarios whose files have problems; return their findings by scenario id.

    A scenario is a question asked of the catalog, not part of it: one that
    cannot be read or validated is refused on its own and leaves the
    interfaces, vehicles and systems (and the other scenarios) usable. The
    findings left in ``result`` are the rest of the catalog's.
    """
    catalog = result.catalog
    scenario_files: dict[str, str] = {}
    for (kind, ident), source_map in catalog.sources.items():
        if kind == "RescueScenario":
            scenario_files[source_map.file] = ident
    for (kind, ident), file in catalog.broken.items():
        if kind == "RescueScenario":
            scenario_files[str(file)] = ident
    other_files = {m.file for (kind, _i), m in catalog.sources.items() if kind != "RescueScenario"}
    other_files |= {str(f) for (kind, _i), f in catalog.broken.items() if kind != "RescueScenario"}
    refused: dict[str, list[Finding]] = {}
    kept: list[Finding] = []
    for finding in result.findings:
        where = finding.position.path if finding.position is not None else None
        owner = scenario_files.get(where) if where is not None and where not in other_files else None
        if owner is None or finding.severity is Severity.WARNING:
            kept.append(finding)
        else:
            refused.setdefault(owner, []).append(finding)
    for ident in refused:
        catalog.scenarios.pop(ident, None)
    result.findings = kept
    return refused


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, SourceMap | None, list[Finding]]:
    """Read, parse and validate one spec file."""
    try:
        text = read_text(path, limits)
        data, source_map = parse_tree(text, str(path), limits)
    except (SpecTextError, TreeError) as exc:
        return None, None, [exc.finding]
    document, findings = validate_document(data, source_map)
    return document, source_map, findings


def load_catalog(paths, limits: Limits = DEFAULT_LIMITS, context=()) -> LoadResult:
    """Load every spec file under ``paths`` and check references between them.

    ``context`` names further spec folders or files that references may point
    into (the rest of the catalog when only a few files are being checked, as
    in an editor or a pre-commit hook); problems in them are not reported.
    ``paths`` and ``context`` are each one path (a ``str`` or ``os.PathLike``)
    or an iterable of them.
    Raises ``Unreadable`` when a named path does not exist or cannot be read,
    ``TypeError`` for anything else than paths.
    """
    paths, context = as_paths(paths, "paths"), as_paths(context, "context")
    resolved, findings = discover(paths, limits)
    files = list(resolved)
    catalog = Catalog()
    if context:
        named = set(resolved.values())
        context_files, _ = discover(context, limits)
        context_catalog = Catalog()
        for path, real in context_files.items():
            if real in named:
                continue
            document, source_map, problems = load_file(path, limits)
            if document is None:
                _note_broken(context_catalog, path, limits)
            elif source_map is not None and not problems and document.id not in context_catalog.table(document.KIND):
                context_catalog.add(document, source_map)
        reported = _load_into(catalog, files, limits, findings, context_catalog)
        return LoadResult(catalog, reported, len(files))
    _load_into(catalog, files, limits, findings)
    return LoadResult(catalog, findings, len(files))


def as_paths(value, name: str = "paths") -> list:
    """One path or an iterable of paths, as a list; a clear ``TypeError`` otherwise."""
    import os

    if isinstance(value, (str, os.PathLike)):
        return [value]
    accepted = f"{name} must be a path (str or pathlib.Path) or a list of them"
    if isinstance(value, (bytes, bytearray)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{accepted}, not {type(value).__name__}")
    items = list(value)
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"{accepted}; got a value of type {type(item).__name__} among them")
    return items


def _load_into(
    catalog: Catalog, files, limits: Limits, findings: list[Finding], context: Catalog | None = None
) -> list[Finding]:
    """Load ``files`` into ``catalog`` (after ``context``); return the findings in ``files``."""
    if context is not None:
        for (kind, ident), known in context.sources.items():
            catalog.add(context.table(kind)[ident], known)
        catalog.broken.update(context.broken)
    own = set()
    for path in files:
        document, source_map, problems = load_file(path, limits)
        findings.extend(problems)
        if document is None or source_map is None:
            _note_broken(catalog, path, limits)
            continue
        duplicate = add_unique(catalog, document, source_map)
        if duplicate is not None:
            findings.append(duplicate)
            continue
        own.add(source_map.file)
    references = check_references(catalog)
    if context is not None:
        references = [f for f in references if f.position is not None and f.position.path in own]
    findings.extend(references)
    findings.sort(key=Finding.sort_key)
    return findings


def _note_broken(catalog: Catalog, path: Path, limits: Limits) -> None:
    """Remember the kind and id a file that did not validate declares, if it declares them."""
    try:
        data, _ = parse_tree(read_text(path, limits), str(path), limits)
    except (SpecTextError, TreeError):
        return
    if isinstance(data, dict) and isinstance(data.get("kind"), str) and isinstance(data.get("id"), str):
        catalog.broken.setdefault((data["kind"], data["id"]), str(path))


def add_unique(catalog: Catalog, document: Document, source_map: SourceMap) -> Finding | None:
    """Add ``document`` to ``catalog``, or the SPEC021 finding when its kind and id are taken."""
    table = catalog.table(document.KIND)
    if document.id in table:
        first = catalog.position(table[document.id], "id")
        return Finding(
            errors.DUPLICATE_ID,
            f"duplicate {document.KIND} id {document.id!r} (first defined at {first})",
            source_map.value(("id",)),
        )
    catalog.add(document, source_map)
    return None


# ------------------------------------------------------------ cross-references


def check_references(catalog: Catalog) -> list[Finding]:
    findings: list[Finding] = []
    for kind in ("DockingInterface", "Vehicle", "TransportSystem", "RescueScenario", "TransferTable"):
        for document in catalog.table(kind).values():
            findings.extend(_document_references(catalog, document))
            findings.extend(_estimate_paths(catalog, document))
    for vehicle in catalog.vehicles.values():
        findings.extend(_duplicate_ports(catalog, vehicle))
    findings.extend(_partners_that_cannot_mate(catalog))
    findings.extend(regimes_beyond_the_vehicle(catalog))
    for vehicle in catalog.vehicles.values():
        if vehicle.eva_capable is not None:
            findings.append(
                Finding(
                    errors.DEPRECATED,
                    "eva_capable is now suited_egress (a suited crew can leave or enter the vehicle; "
                    "the airlock is its own field): rename it; until then it is read as suited_egress",
                    catalog.position(vehicle, "eva_capable"),
                    severity=Severity.WARNING,
                )
            )
    for scenario in catalog.scenarios.values():
        findings.extend(_scenario_cast(catalog, scenario))
        findings.extend(_deprecated_scenario_fields(catalog, scenario))
        findings.extend(_shelters(catalog, scenario))
    for kind in ("TransportSystem", "RescueScenario"):
        for document in catalog.table(kind).values():
            findings.extend(dockings.contradictions(catalog, document))
            findings.extend(docking_mates.unmatable(catalog, document))
    findings.extend(_inclusion_cycles(catalog))
    return findings


def _document_references(catalog: Catalog, document: Document):
    for path, kind, target in iter_references(document):
        table = catalog.table(kind)
        if target in table:
            continue
        broken = catalog.broken.get((kind, target))
        if broken is not None:
            yield Finding(
                errors.UNRESOLVED,
                f"{_dotted(path)}: {kind} {target!r} is defined in {broken}, which has errors; validate that file",
                catalog.position(document, *path),
                evidence=[Position(broken)],
            )
        else:
            yield Finding(
                errors.UNRESOLVED,
                f"{_dotted(path)}: no {kind} with id {target!r}{suggest(target, table)}",
                catalog.position(document, *path),
            )
    for path, port_ref in iter_models(document, PortRef):
        vehicle = catalog.vehicles.get(port_ref.vehicle)
        if vehicle is not None and not any(port.id == port_ref.port for port in vehicle.ports or ()):
            ports = [p.id for p in vehicle.ports or ()]
            yield Finding(
                errors.UNRESOLVED,
                f"{_dotted(path + ('port',))}: vehicle {vehicle.id!r} has no port {port_ref.port!r}{suggest(port_ref.port, ports)}",
                catalog.position(document, *path, "port"),
            )
    # A port named beside its vehicle, not in a PortRef: a visitor's own port,
    # the port of docked_to that the distressed vehicle holds.
    for path, vehicle_id, port_id in _named_ports(document):
        vehicle = catalog.vehicles.get(vehicle_id)
        if vehicle is not None and not any(port.id == port_id for port in vehicle.ports or ()):
            ports = [p.id for p in vehicle.ports or ()]
            yield Finding(
                errors.UNRESOLVED,
                f"{_dotted(path)}: vehicle {vehicle.id!r} has no port {port_id!r}{suggest(port_id, ports)}",
                catalog.position(document, *path),
            )


def _named_ports(document: Document):
    """(path, vehicle id, port id) of each port named by id next to the vehicle that holds it."""
    for path, docking in iter_models(document, Docking):
        if docking.port is not None:
            yield path + ("port",), docking.vehicle, docking.port
    distressed = getattr(document, "distressed", None)
    if distressed is not None and getattr(distressed, "port", None) is not None and distressed.docked_to:
        yield ("distressed", "port"), distressed.docked_to, distressed.port


def _shelters(catalog: Catalog, scenario: RescueScenario):
    """A shelter is a crewed vehicle listed once; a responder's shelter is one of them and not itself."""
    listed: dict[str, int] = {}
    for index, shelter in enumerate(scenario.shelters):
        vehicle = catalog.vehicles.get(shelter.vehicle)
        if shelter.vehicle in listed:
            yield Finding(
                errors.BAD_SHELTER,
                f"shelters.{index}.vehicle: {shelter.vehicle!r} is listed as a shelter twice",
                catalog.position(scenario, "shelters", index, "vehicle"),
            )
        listed.setdefault(shelter.vehicle, index)
        if vehicle is not None and not vehicle.crewed:
            yield Finding(
                errors.BAD_SHELTER,
                f"shelters.{index}.vehicle: {vehicle.id!r} is not crewed: it has no cabin and life support to shelter a crew",
                catalog.position(scenario, "shelters", index, "vehicle"),
                evidence=[catalog.position(vehicle, "crewed")],
            )
    for index, responder in enumerate(scenario.responders):
        if responder.shelter is None:
            continue
        if responder.shelter == responder.vehicle:
            message = f"responders.{index}.shelter: {responder.vehicle!r} cannot shelter the crew it takes home: a shelter is another vehicle"
        elif responder.shelter not in listed and responder.shelter in catalog.vehicles:
            message = f"responders.{index}.shelter: {responder.shelter!r} is not among the scenario's shelters{suggest(responder.shelter, listed)}"
        else:
            continue
        yield Finding(errors.BAD_SHELTER, message, catalog.position(scenario, "responders", index, "shelter"))


def _deprecated_scenario_fields(catalog: Catalog, scenario: RescueScenario):
    """Warnings for scenario fields kept with an old meaning."""
    if scenario.return_days is not None:
        yield Finding(
            errors.DEPRECATED,
            "return_days: one trip home for every responder no longer applies to any of them "
            "(each returns in its own vehicle); give each responder its own return_days",
            catalog.position(scenario, "return_days"),
            severity=Severity.WARNING,
        )


def _scenario_cast(catalog: Catalog, scenario: RescueScenario):
    """The distressed vehicle and responders that are no element of the system they name."""
    for role, index, party in [("distressed", None, scenario.distressed)] + [
        ("responders", i, r) for i, r in enumerate(scenario.responders)
    ]:
        at: tuple[str | int, ...] = (role,) if index is None else (role, index)
        system = catalog.systems.get(party.system) if party.system else None
        if system is not None and party.vehicle in catalog.vehicles and party.vehicle not in _members(catalog, system):
            yield Finding(
                errors.NOT_AN_ELEMENT,
                f"{_dotted(at + ('vehicle',))}: {party.vehicle!r} is not an element of transport system {system.id!r}",
                catalog.position(scenario, *at, "vehicle"),
                evidence=[catalog.position(system, "elements")],
            )
    # A responder with too few seats is no input error: it is the question a
    # "what if" scenario asks, answered FAIL by CREW002/CREW003 with the figures.


def _members(catalog: Catalog, system: TransportSystem) -> set[str]:
    """Vehicle ids of ``system``'s elements and of the systems it includes."""
    members: set[str] = set()
    pending, seen = [system], set()
    while pending:
        current = pending.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        members.update(element.vehicle for element in current.elements)
        pending.extend(catalog.systems[i] for i in current.includes if i in catalog.systems)
    return members


def _partners_that_cannot_mate(catalog: Catalog):
    """``mates_with`` entries that style or gender rule out (SPEC026), at the entry.

    Styles: only alike styles mate (interop.model.vocabulary.styles_mate).
    Genders: an interface's possible genders are its own and those its ports
    declare (both when neither says); an entry contradicts when every pairing
    of the two is of one gender.
    """
    genders = _possible_genders(catalog)
    for interface in catalog.interfaces.values():
        for index, partner_id in enumerate(interface.mates_with or ()):
            partner = catalog.interfaces.get(partner_id)
            if partner is None:
                continue  # SPEC020 says so
            where = catalog.position(interface, "mates_with", index)
            if not styles_mate(interface.style, partner.style):
                yield Finding(
                    errors.PARTNER_CANNOT_MATE,
                    f"mates_with: {interface.id} is {interface.style.value} and {partner_id} is "
                    f"{partner.style.value}; mechanisms of different styles never mate",
                    where,
                )
            elif interface.style is MatingStyle.GENDERED:
                ours, theirs = genders[interface.id], genders[partner_id]
                if all(g == h for g in ours for h in theirs):
                    [gender] = ours
                    yield Finding(
                        errors.PARTNER_CANNOT_MATE,
                        f"mates_with: {interface.id} and {partner_id} are both {gender.value} on every port "
                        f"of the catalog; a probe needs a drogue",
                        where,
                    )


def _possible_genders(catalog: Catalog) -> dict[str, set[Gender]]:
    """Per gendered interface, the genders its ports can have: declared on a port, else the interface's."""
    found: dict[str, set[Gender]] = {}
    for interface in catalog.interfaces.values():
        if interface.style is MatingStyle.GENDERED:
            found[interface.id] = {interface.gender} if interface.gender else set(Gender)
    for vehicle in catalog.vehicles.values():
        for port in vehicle.ports or ():
            if port.interface in found and port.gender is not None:
                found[port.interface].add(port.gender)
    return found


def _duplicate_ports(catalog: Catalog, vehicle: Vehicle):
    seen: dict[str, int] = {}
    for index, port in enumerate(vehicle.ports or ()):
        if port.id in seen:
            yield Finding(
                errors.DUPLICATE_ID,
                f"port id {port.id!r} is used twice in vehicle {vehicle.id!r}",
                catalog.position(vehicle, "ports", index, "id"),
            )
        seen.setdefault(port.id, index)


def _estimate_paths(catalog: Catalog, document: Document):
    for index, estimate in enumerate(document.estimates):
        if resolve_path(document, estimate.field) is None:
            yield Finding(
                errors.BAD_ESTIMATE,
                f"estimates.{index}.field: {estimate.field!r} names no value set in this document",
                catalog.position(document, "estimates", index, "field"),
            )


def resolve_path(document: StrictModel, dotted: str) -> Any:
    """The value at a dotted path (``ports.0.hatch_diameter_mm``, ``return_transit_days.leo``), or None."""
    node: Any = document
    for part in dotted.split("."):
        if isinstance(node, dict):
            # A mapping's keys may be enum members (a Regime): match their value.
            node = next((v for k, v in node.items() if getattr(k, "value", k) == part), None)
        elif isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return None
            node = node[int(part)]
        elif isinstance(node, StrictModel):
            if part not in shape_of(type(node)):
                return None
            node = getattr(node, part)
        else:
            return None
        if node is None:
            return None
    return node


# A cycle's chain in a message names at most this many systems.
CYCLE_NAMES_SHOWN = 12


def _inclusion_cycles(catalog: Catalog):
    """Each system that a chain of inclusions leads back to, once.

    One depth-first walk over every system (iterative, so no recursion limit;
    each system and each inclusion visited once: linear in the catalog).
    """
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in catalog.systems.values():
        if start.id in state:
            continue
        path, position = [start.id], {start.id: 0}
        state[start.id] = 1
        stack = [iter(start.includes)]
        while stack:
            included = next(stack[-1], None)
            if included is None:
                stack.pop()
                done = path.pop()
                del position[done]
                state[done] = 2
                continue
            if included not in catalog.systems:
                continue
            seen = state.get(included)
            if seen is None:
                state[included] = 1
                position[included] = len(path)
                path.append(included)
                stack.append(iter(catalog.systems[included].includes))
            elif seen == 1 and included in position:
                yield _cycle_finding(catalog, path[position[included] :] + [included])
                state[included] = 3  # reported: another way back to it is the same cycle's news


def _cycle_finding(catalog: Catalog, chain: list[str]) -> Finding:
    system = catalog.systems[chain[0]]
    index = system.includes.index(chain[1]) if len(chain) > 1 and chain[1] in system.includes else 0
    shown = chain if len(chain) <= CYCLE_NAMES_SHOWN else [*chain[: CYCLE_NAMES_SHOWN - 2], "...", chain[-1]]
    return Finding(
        errors.INCLUSION_CYCLE,
        f"transport system {system.id!r} includes itself: {' -> '.join(shown)}",
        catalog.position(system, "includes", index),
    )


def _dotted(path) -> str:
    return ".".join(str(p) for p in path)


# ----------------------------------------------------------- walking parts


def _walked_fields(part_class: type[StrictModel]) -> tuple[tuple[str, str | None, type | None], ...]:
    """(name, referenced kind, nested part class) of the fields that hold references or parts."""
    fields = _walked.get(part_class)
    if fields is None:
        fields = _walked[part_class] = tuple(
            (name, shape.refers_to, shape.part)
            for name, shape in shape_of(part_class).items()
            if shape.refers_to or shape.part
        )
    return fields


_walked: dict[type, tuple[tuple[str, str | None, type | None], ...]] = {}


def iter_references(part: StrictModel, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Yield (path, kind, id) for every reference inside ``part``."""
    for name, kind, _nested in _walked_fields(type(part)):
        value = getattr(part, name)
        if value is None:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            here = path + ((name,) if index is None else (name, index))
            if kind and isinstance(item, str):
                yield here, kind, item
            elif isinstance(item, StrictModel):
                yield from iter_references(item, here)


def iter_models(part: StrictModel, wanted: type[PartT], path: tuple = ()) -> Iterator[tuple[tuple, PartT]]:
    """Yield (path, part) for every nested part of class ``wanted``."""
    for name, _kind, nested in _walked_fields(type(part)):
        if nested is None:
            continue
        value = getattr(part, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if not isinstance(item, StrictModel):
                continue
            here = path + ((name,) if index is None else (name, index))
            if isinstance(item, wanted):
                yield here, item
            yield from iter_models(item, wanted, here)
