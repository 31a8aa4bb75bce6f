"""The typed input every rule reads: one rescuer, one distressed crew, one place.

The engine builds a RescueContext (including the mating plan it found) and
hands it to each rule. Rules only read it. What more than one rule module
works out from it (the crew aboard, the days home, the airlocks on the path,
radio bands, the remedy when no docking path exists) is a method here, so
the rule modules never import each other.

Longer than 500 lines because those shared methods are the reason it
exists: moving them out would put them back in the rule modules, which
must not import each other.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interop.model.documents import DockingInterface, Port, RescueScenario, Responder, Vehicle
from interop.model.finding import Condition, ConditionField, Verdict
from interop.model.vocabulary import AgreementTerm, Band, PortRole, RadioPurpose, Regime
from interop.rules.agreements import AgreementCover, under_agreement
from interop.rules.base import Anchor, condition, field_of
from interop.rules.port_compatibility import MateCause as MateCause  # read with the plan it fills
from interop.rules.port_compatibility import MateCheck, MateStatus, check_mate
from interop.rules.timing import Figure, LegTime


@dataclass(frozen=True)
class PortEnd:
    """One port of one vehicle, by index so it can point back at its spec line."""

    vehicle: Vehicle
    index: int

    @property
    def port(self) -> Port:
        ports = self.vehicle.ports
        assert ports is not None, "a PortEnd is made only for a port the vehicle declares"
        return ports[self.index]

    def anchor(self, *path) -> Anchor:
        return Anchor(self.vehicle, ("ports", self.index, *path))

    def label(self) -> str:
        return f"{self.vehicle.id}/{self.port.id}"


def missing_name(missing: Anchor | str) -> str:
    """How a missing value is named in reports: ``<id>.<path>``, or an absent interface's id."""
    return missing.describe() if isinstance(missing, Anchor) else missing


@dataclass(frozen=True)
class Hold:
    """A station port held for a while by a visiting vehicle (a ``dockings`` entry).

    ``anchor`` points at the entry; ``undock_path`` and ``relocate_path``
    are where its flags are (or would be) in the same document, for an
    UNKNOWN (``relocate_path`` None: the entry has no such flag, which counts
    as "cannot").
    """

    visitor: str
    visitor_port: str | None
    vehicle: str
    port: str
    can_undock: bool | None
    can_relocate: bool | None
    anchor: Anchor
    undock_path: tuple
    relocate_path: tuple | None = None
    note: str | None = None

    @property
    def movable(self) -> bool | None:
        """Can the visitor free the port: True, False, or None when not known."""
        relocate = self.can_relocate if self.relocate_path is not None else False
        if self.can_undock or relocate:
            return True
        if self.can_undock is False and relocate is False:
            return False
        return None

    @property
    def missing(self) -> list[Anchor]:
        """The flags nobody has set, as anchors in the document that holds the docking."""
        document = self.anchor.document
        names = [Anchor(document, self.undock_path)] if self.can_undock is None else []
        if self.relocate_path is not None and self.can_relocate is None:
            names.append(Anchor(document, self.relocate_path))
        return names

    def how(self) -> str:
        """What the visitor must do to free the port."""
        if self.can_undock:
            return "undock"
        return "move to another port"

    def label(self) -> str:
        return f"{self.vehicle}/{self.port}"


@dataclass(frozen=True)
class NearMiss:
    """Two ports that came closest to mating when there is no path, and why they do not."""

    near: PortEnd
    far: PortEnd
    check: MateCheck

    def describe(self) -> str:
        return f"{self.near.label()} with {self.far.label()}: {self.check.reason}"


@dataclass(frozen=True)
class Link:
    """Two ports joined on the path from the rescuer to the distressed crew."""

    near: PortEnd  # the side nearer the rescuer
    far: PortEnd
    check: MateCheck
    permanent: bool = False  # already mated in a station stack


class MatingMode(str, enum.Enum):
    DIRECT = "direct"
    ADAPTERS = "adapters"
    EVA = "eva"
    STACK = "stack"  # the rescuer is already in the crew's station stack: an internal transfer
    NONE = "none"
    UNKNOWN = "unknown"


@dataclass
class MatingPlan:
    """How the rescuer reaches the distressed crew's cabin."""

    mode: MatingMode
    links: list[Link] = field(default_factory=list)
    adapters: list[Vehicle] = field(default_factory=list)
    carried_adapters: list[Vehicle] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    missing: list[Anchor | str] = field(default_factory=list)
    requirements: list[Condition] = field(default_factory=list)
    """UNKNOWN: for each docking whose answer is open, what its missing values must be for it to mate."""
    suggested_adapters: list[Vehicle] = field(default_factory=list)
    """When there is no path: catalog adapters that would make one if stationed at the place."""
    holds: list[tuple[PortEnd, Hold]] = field(default_factory=list)
    """Ports on the path held by a visitor that must leave or move first, each with its docking."""
    stack_docking: Hold | None = None
    """STACK: where the rescuer is already docked in the crew's stack."""
    crew_stack: list[Vehicle] = field(default_factory=list)
    """EVA: the vehicles of the stack the crew is in (a station's modules): where its airlocks and spacewalk suits are."""

    @property
    def docking_links(self) -> list[Link]:
        return [link for link in self.links if not link.permanent]

    def vehicles(self) -> list[Vehicle]:
        """Every vehicle whose cabin the crew passes through, rescuer first."""
        seen, ordered = set(), []
        for link in self.links:
            for vehicle in (link.near.vehicle, link.far.vehicle):
                if vehicle.id not in seen:
                    seen.add(vehicle.id)
                    ordered.append(vehicle)
        return ordered

    def describe(self) -> str:
        if not self.links:
            return self.mode.value
        steps = [self.links[0].near.label()]
        for link in self.links:
            joint = "=" if link.permanent else "<->"
            steps.append(f"{joint} {link.far.label()}")
        return " ".join(steps)


@dataclass
class RescueContext:
    """Everything the rules may read about one rescue."""

    rescuer: Vehicle
    distressed: Vehicle
    place: Regime
    crew: int
    interfaces: Mapping[str, DockingInterface]
    plan: MatingPlan
    scenario: RescueScenario | None = None
    responder_index: int | None = None
    rescuer_crew_aboard: int | None = None
    rescuer_stationed_at: frozenset[Regime] | None = None
    rescuer_standby: bool = False
    transit_hours: float | None = None
    delta_v_required_mps: float | None = None
    life_support_hours: float | None = None
    return_days: float | None = None
    safe_havens: tuple[Vehicle, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    """The running rule's options: its declared defaults overlaid with the
    project's ``[rules.CODE]`` settings. The engine sets them before each rule runs."""
    responder: Responder | None = None
    docked_to: Vehicle | None = None
    """The station vehicle the distressed crew is aboard (None: in their own vehicle)."""
    cabin: Vehicle | None = None
    """The cabin the crew leaves from: the station module nearest the rescuer's port, or their own vehicle."""
    approach_targets: tuple[Vehicle, ...] = ()
    """What the rescuer approaches: the distressed vehicle, the station it is at, the modules on the path."""
    same_design: str | None = None
    """The design rescuer and distressed vehicle share, when they do (their common id or ``design``)."""
    timeline: LegTime | None = None
    onward_place: Regime | None = None
    """For a leg of a path that is not the last: where the rescuer takes the crew on to (not Earth)."""
    onward_days: float | None = None
    """The days of that trip (the late end of a range), for the rules that count days home."""
    onward_anchor: Anchor | None = None
    """This leg's times, from the call: the rescuer's readiness and trip, the crew's supplies, the trip on."""
    agreements: tuple[AgreementCover, ...] = ()
    """Crew agreements the rescuer's and the crew's systems both fly under that name the rescuer
    (interop.rules.agreements): what they provide, the crew rules count."""

    @property
    def crew_cabin(self) -> Vehicle:
        return self.cabin if self.cabin is not None else self.distressed

    def design_note(self) -> str:
        """How a value inferred from a shared design is credited in a message."""
        if not self.same_design:
            return ""
        if self.same_design == self.distressed.id:
            return f"same design as {self.distressed.id}"
        return f"same design ({self.same_design}) as {self.distressed.id}"

    def interface(self, port_end: PortEnd) -> DockingInterface | None:
        return self.interfaces.get(port_end.port.interface)

    def mate(self, port_a: Port, port_b: Port) -> MateCheck:
        """The one mate decision (interop.rules.port_compatibility) for two ports, e.g. of a declared docking."""
        return check_mate(port_a, self.interfaces.get(port_a.interface), port_b, self.interfaces.get(port_b.interface))

    def under_agreement(
        self,
        outcomes,
        term: AgreementTerm,
        *,
        stated: bool = False,
        detail: str = "",
        verdicts: tuple[Verdict, ...] = (Verdict.FAIL, Verdict.UNKNOWN),
    ):
        """``outcomes`` with each FAIL or UNKNOWN made CONDITIONAL on what a crew agreement of both
        sides provides (interop.rules.agreements.under_agreement); as they are when none applies."""
        return under_agreement(
            outcomes, self.agreements, term, self.rescuer.id, stated=stated, detail=detail, verdicts=verdicts
        )

    def scenario_anchor(self, *path) -> Anchor | None:
        if self.scenario is None:
            return None
        return Anchor(self.scenario, tuple(path))

    def responder_anchor(self, *path) -> Anchor | None:
        if self.scenario is None or self.responder_index is None:
            return None
        return Anchor(self.scenario, ("responders", self.responder_index, *path))

    def crew_aboard(self) -> tuple[int | None, str]:
        """The rescuer's own crew for this flight, and how that number was chosen.

        The scenario's figure wins; otherwise the smallest crew the vehicle can
        fly with, then its nominal crew. None when nothing is published.
        """
        if self.rescuer_crew_aboard is not None:
            return self.rescuer_crew_aboard, "as the scenario states"
        seats = self.rescuer.seats
        if seats is not None and seats.min_crew is not None:
            return seats.min_crew, "its minimum crew"
        if seats is not None and seats.nominal_crew is not None:
            return seats.nominal_crew, "its nominal crew"
        return None, ""

    def return_days_home(self) -> tuple[float | None, Anchor | None]:
        """Days from the place to Earth, and where that figure is (or would be) published.

        The responder's figure for this mission wins over the rescuer's
        ``return_transit_days`` for the place; a scenario's one figure for
        every responder applies to none (issue 26). When neither is known the
        anchor is the missing one.
        """
        if self.onward_place is not None:
            return self.onward_days, self.onward_anchor
        if self.return_days is not None:
            return self.return_days, self.responder_anchor("return_days")
        where = Anchor(self.rescuer, ("return_transit_days", self.place.value))
        transit = self.rescuer.return_transit_days
        if transit is not None and self.place in transit:
            return transit[self.place], where
        return None, where

    def airlocks(self) -> list[Vehicle]:
        """Vehicles with an airlock on the path, else the rescuer or the crew's cabin if either has one."""
        return [v for v in self.plan.vehicles() if v.airlock] or [
            v for v in (self.rescuer, self.crew_cabin) if v.airlock
        ]

    # ------------------------------------------------ rescue situations (issue 16)

    def stack_note(self) -> str:
        """Where a rescuer already in the crew's stack is, for a rule that does not apply to it."""
        docking = self.plan.stack_docking
        where = f"docked at {docking.label()}" if docking is not None else "a module"
        return f"{self.rescuer.id} is already {where} in the crew's station stack"

    def stack_anchor(self) -> Anchor:
        docking = self.plan.stack_docking
        return docking.anchor if docking is not None else Anchor(self.rescuer, ())

    def mission(self, name: str):
        """The responder's figure for this mission (None when the scenario does not state it)."""
        return getattr(self.responder, name, None) if self.responder is not None else None

    def cabins_alike(self) -> bool:
        """Rescuer and crew cabin are of one design, so their air is the same by declaration."""
        return bool(self.same_design) and self.crew_cabin is self.distressed

    def approached(self) -> tuple[Vehicle, ...]:
        """What the rescuer approaches: the crew's vehicle, the station it is at, the modules on the path."""
        return self.approach_targets or (self.distressed,)

    def approached_bands(self, purpose: RadioPurpose) -> set[Band] | None:
        """The bands of everything approached (the station's radios count); None when none is known."""
        known = [b for b in (self.radio_bands(v, purpose) for v in self.approached()) if b is not None]
        return set().union(*known) if known else None

    def closed_passages(self) -> list[tuple[Link, Anchor]]:
        """Joints on the path with no internal passage, each with the value that says so.

        A port or interface with ``internal_transfer: false``, or an interface
        whose passage is 0 mm wide: the crew cannot pass inside there.
        """
        closed = []
        for link in self.plan.links:
            for end in (link.near, link.far):
                interface = self.interface(end)
                if end.port.internal_transfer is False:
                    closed.append((link, end.anchor("internal_transfer")))
                elif interface is not None and interface.internal_transfer is False:
                    closed.append((link, Anchor(interface, ("internal_transfer",))))
                elif interface is not None and interface.passage_diameter_mm == 0:
                    closed.append((link, Anchor(interface, ("passage_diameter_mm",))))
                else:
                    continue
                break
        return closed

    def outside_sides(self, link: Link) -> tuple[list[Vehicle], list[Vehicle]]:
        """The vehicles on the rescuer's side of ``link`` and on the crew's side of it."""
        links = self.plan.links
        at = links.index(link)
        near = [self.rescuer] + [step.far.vehicle for step in links[:at]] + [link.near.vehicle]
        far = [link.far.vehicle] + [step.far.vehicle for step in links[at + 1 :]]
        return list({v.id: v for v in near}.values()), list({v.id: v for v in far}.values())

    def approached_station(self) -> Vehicle:
        """What is named when nothing on the approached side is known: the station, else the crew's vehicle."""
        return self.docked_to or self.distressed

    @staticmethod
    def bands_needed(missing: list[Anchor], ours, theirs, purpose: RadioPurpose, *alternatives: str) -> Condition:
        """What unpublished radios must carry: a ``purpose`` band the other side has, or one in common."""
        known = ours if ours is not None else theirs
        if known is None:
            return condition(
                missing,
                "share",
                clause=f"{' and '.join(a.describe() for a in missing)} must have a {purpose.value} band in common",
                alternatives=alternatives,
            )
        bands = sorted(b.value for b in known)
        return condition(
            missing,
            "includes-any",
            bands,
            clause=f"{missing[0].describe()} must include a {purpose.value} radio on {' or '.join(bands) or 'a band the other side has'}",
            alternatives=alternatives,
        )

    @staticmethod
    def radio_bands(vehicle: Vehicle, purpose: RadioPurpose) -> set[Band] | None:
        """The bands ``vehicle`` can use for ``purpose``; None when its radios are not known."""
        if vehicle.radios is None:
            return None
        return {radio.band for radio in vehicle.radios if radio.purposes is None or purpose in radio.purposes}

    def no_path_remedy(self) -> str:
        """What would give the rescuer a docking path to the distressed vehicle.

        The adapter is described by its two ports (interface and role), worked
        out from the vehicles' ports; catalog adapters are named only when
        the engine found them within reach of the place in one of the two
        vehicles' systems (interop.engine.mating).
        """
        adapter = self.adapter_needed()
        bring = f"stationed at {self.place.value} or carried by {self.rescuer.id}"
        suggested = self.plan.suggested_adapters
        if suggested:
            names = " and ".join(a.id for a in suggested)
            return (
                f"bring {names} to {self.place.value} (stationed there or carried by {self.rescuer.id}): "
                f"in these systems already, with it the catalog has a docking path from {self.rescuer.id} "
                f"to {self.distressed.id}; otherwise {adapter}, {bring}"
            )
        return (
            f"{adapter}, {bring}, as the 1975 docking module joined Apollo's probe to Soyuz's APAS-75; "
            f"or give both vehicles a common standard such as IDSS, one side active and one passive"
        )

    def adapter_needed(self) -> str:
        """``an adapter with ports X (role) for <rescuer> and Y (role) for <what it approaches>``."""
        near = _port_for(self.rescuer, self.interfaces)
        far = next((found for v in self.approached() if (found := _port_for(v, self.interfaces))), None)
        if near is not None and far is not None:
            return f"an adapter with ports {near} and {far}"
        # A side whose mate the catalog cannot work out is described, not named as a port.
        sides = [
            f"port {near}" if near is not None else f"a port that mates {self.rescuer.id}'s mechanism",
            f"port {far}" if far is not None else f"a port that mates {self.approached_station().id}'s mechanism",
        ]
        return f"an adapter with {sides[0]} and {sides[1]}"


def figure_anchors(figures: list[Figure]) -> list[Anchor]:
    """The spec values that would hold the unknown ``figures``."""
    return [f.anchor for f in figures if not f.known and f.anchor is not None]


def figure_names(figures: list[Figure]) -> list[str]:
    """The unknown ``figures`` no spec value can hold, by the name they are missing under."""
    return [f.missing for f in figures if not f.known and f.anchor is None and f.missing]


def figure_fields(figures: list[Figure]) -> list[ConditionField]:
    """The unknown ``figures`` as a condition names them: their spec value, else the name they are missing under."""
    fields = []
    for figure in figures:
        if figure.known:
            continue
        if figure.anchor is not None:
            fields.append(field_of(figure.anchor))
        elif figure.missing:
            fields.append(ConditionField("", "", figure.missing))
    return fields


def arrival_condition(leg: LegTime) -> Condition | None:
    """TIME001's condition: arrival (readiness + transit, not before the crew is there) by the supplies' end less
    the reserve, at the worst end of every range; solved for the figure when only one is unknown."""
    lacking = [f for f in (leg.readiness, leg.transit, leg.supplies) if not f.known]
    fields = figure_fields(lacking)
    if not fields:
        return None
    reserve = f" less the {leg.reserve:g}-day reserve" if leg.reserve else ""
    r, t, s = leg.readiness.days, leg.transit.days, leg.supplies.days
    if len(lacking) == 1 and len(fields) == 1:
        if s is None and r is not None and t is not None:
            boarding = max((r + t).high, leg.crew_ready.high)
            return condition(fields, ">=", boarding + leg.reserve, "days")
        if s is not None and leg.crew_ready.high <= s.low - leg.reserve:
            if r is None and t is not None:
                return condition(fields, "<=", s.low - leg.reserve - t.high, "days")
            if t is None and r is not None:
                return condition(fields, "<=", s.low - leg.reserve - r.high, "days")
    return condition(
        fields,
        "expression",
        leg.reserve,
        clause=(f"{leg.carrier}'s readiness + transit to {leg.place} <= the days the crew's supplies last{reserve}"),
    )


def onward_condition(leg: LegTime, lacking: list[Figure]) -> Condition | None:
    """TIME002's condition: the carrier's endurance, from its clock start, outlasts the trip onward."""
    fields = figure_fields(lacking)
    if not fields:
        return None
    reserve = f" plus the {leg.reserve:g}-day reserve" if leg.reserve else ""
    return condition(
        fields,
        "expression",
        leg.reserve,
        clause=(
            f"{leg.carrier}'s endurance for everyone aboard >= the days from its clock start until the crew "
            f"gets off at {leg.to_place}{reserve}"
        ),
    )


def describe_figures(figures: list[Figure]) -> str:
    """``not known: <what>, <what>``."""
    names = [f.note or (f.anchor.describe() if f.anchor else f.missing) for f in figures if not f.known]
    return "not known: " + ", ".join(names)


_COMPLEMENT = {
    PortRole.ACTIVE: (PortRole.PASSIVE, PortRole.EITHER),
    PortRole.PASSIVE: (PortRole.ACTIVE, PortRole.EITHER),
    PortRole.EITHER: (PortRole.PASSIVE, PortRole.ACTIVE, PortRole.EITHER),
}


def _port_for(vehicle: Vehicle, interfaces: Mapping[str, DockingInterface]) -> str | None:
    """``X (role) for <vehicle>``: the first adapter port, in the vehicle's port order, that mates one of its ports."""
    for port in vehicle.ports or ():
        own = interfaces.get(port.interface)
        if own is None:
            continue
        listing = sorted(i.id for i in interfaces.values() if own.id in (i.mates_with or ()))
        for candidate_id in dict.fromkeys([own.id, *sorted(own.mates_with or ()), *listing]):
            candidate = interfaces.get(candidate_id)
            if candidate is None:
                continue
            for role in _COMPLEMENT[port.role]:
                trial = Port.model_construct(id="adapter", interface=candidate_id, role=role, gender=None)
                if check_mate(port, own, trial, candidate).status in (MateStatus.MATES, MateStatus.SLOW):
                    return f"{candidate_id} ({role.value}) for {vehicle.id}"
    return None
