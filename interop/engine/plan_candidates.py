"""The candidate changes a plan tries: what could lift each blocking finding of a rescue.

Physics before paperwork:

- "qualify V for P" only where V's type allows P and V's published delta-v
  covers the transfers there and back (interop.model.transfers); a delta-v
  nobody has published makes the qualification rest on a requirement, never
  a free step; a vehicle that cannot be there (a capsule on a surface) or
  whose delta-v falls short is out of reach, with the physical reason and
  what it would take (a lander, a propulsion stage, a different vehicle).
- The mating end of every proposed port or adapter is chosen from what does
  mate, by the engine's one docking decision (check_mate): never "the same
  interface, the other gender" unless that mates. Candidates: a port on the
  rescuer (it serves both directions and all its targets), a port on the
  station or vehicle where the crew waits, an adapter the rescuer carries.
- Crew before seats: the engine already flies a rescuer with its minimum crew
  and counts seats that can be fitted before launch (never beyond
  ``seats.addable``); a scenario's stated crew is lowered towards
  ``seats.min_crew`` first. Too few seats even then is out of reach.

A finding that waits only for unpublished values proposes nothing: the row
rests on those values (the plan's requirements); a docking that waits for
values also tries hardware that would mate whatever they turn out to be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interop.engine.plan_changes import Change, ChangeKind
from interop.engine.results import RescueResult
from interop.engine.world import World
from interop.load.catalog import Catalog
from interop.model.documents import DockingInterface, Port, Vehicle
from interop.model.finding import Condition, ConditionField, ConditionOp, Finding, Verdict
from interop.model.transfers import Reach, ReachAssessment, assess_reach
from interop.model.vocabulary import (
    Gender,
    MatingStyle,
    PortRole,
    ProgramStatus,
    RadioPurpose,
    Regime,
    Waypoint,
)
from interop.rules.port_compatibility import MateStatus, check_mate

DOCKING_CODES = frozenset({"DOCK001", "DOCK002", "DOCK003", "DOCK005", "DOCK006", "DOCK007"})
KINDS_PER_PORT = 2
"""Mating kinds proposed per port: the same interface first, then other standards."""

PortKind = tuple[str, str, str | None]
"""(interface, role, gender) of a port: all that decides whether it mates."""


@dataclass
class OutOfReachReason:
    """Why a finding proposes no change, and what it would take."""

    code: str
    text: str
    needs: tuple[str, ...] = ()
    """What is missing, as hardware nobody can declare here: lander, propulsion-stage, different-vehicle."""


@dataclass
class Proposals:
    """For each finding that blocks, the alternative change sets that could lift it."""

    alternatives: list[list[frozenset[Change]]] = field(default_factory=list)
    blocked: OutOfReachReason | None = None


def requirement_of(finding: Finding) -> list[Condition]:
    """The condition records a finding that waits for values rests on (its own, or one made from what it names)."""
    if finding.requirements:
        return list(finding.requirements)
    fields = []
    for name, where in zip(finding.missing, finding.wanted or [None] * len(finding.missing), strict=True):
        kind, ident = (where[0], where[1]) if where else ("", "")
        fields.append(ConditionField(kind, ident, name))
    return [Condition(finding.message, tuple(fields), ConditionOp.IS, None, rule=finding.code)]


def waits_for_values(finding: Finding) -> bool:
    return bool(finding.missing)


_BLOCKING = frozenset({Verdict.FAIL, Verdict.UNKNOWN})


def blocking(result: RescueResult) -> list[Finding]:
    """The counted findings that keep ``result`` from passing (FAIL, or UNKNOWN), in order; the rest
    of its findings are left unstamped (StageResult.counted)."""
    return [f for stage in result.stages for f in stage.counted(_BLOCKING)]


class Candidates:
    """Proposes changes for one catalog (as changed so far) and its world; caches what mates with what."""

    def __init__(self, catalog: Catalog, world: World):
        self.catalog, self.world = catalog, world
        self._mating: dict[PortKind, list[PortKind]] = {}

    # ---------------------------------------------------------------- docking

    def kind_of(self, port: Port) -> PortKind:
        interface = self.catalog.interfaces.get(port.interface)
        gender = port.gender or (interface.gender if interface else None)
        return (port.interface, port.role.value, gender.value if gender else None)

    def mating_kinds(self, kind: PortKind) -> list[PortKind]:
        """Port kinds that the docking decision says mate with ``kind`` (not slow berthing, not unknown).

        The same interface first, then interfaces in service before historical
        or cancelled ones, androgynous before gendered; per interface the
        first role that mates of either, passive, active (either serves both
        sides). Bounded by the catalog's interfaces, three roles and two genders.
        """
        found = self._mating.get(kind)
        if found is not None:
            return found
        interface_id, role, gender = kind
        other = self.catalog.interfaces.get(interface_id)
        target = Port(
            id="target", interface=interface_id, role=PortRole(role), gender=Gender(gender) if gender else None
        )
        found = []
        for interface in sorted(self.catalog.interfaces.values(), key=lambda i: _preference(i, interface_id)):
            for candidate_role in (PortRole.EITHER, PortRole.PASSIVE, PortRole.ACTIVE):
                hit = next(
                    (
                        (interface.id, candidate_role.value, g.value if g else None)
                        for g in _genders(interface)
                        if check_mate(_probe(interface, candidate_role, g), interface, target, other).status
                        is MateStatus.MATES
                    ),
                    None,
                )
                if hit is not None:
                    found.append(hit)
                    break
        self._mating[kind] = found
        return found

    def docking(self, rescuer: Vehicle, distressed: Vehicle, rescuer_system: str | None) -> list[Change]:
        """Hardware that would let ``rescuer`` mate with the crew's vehicle or the station it waits in."""
        from interop.engine.mating import free_ports

        ours = [end.port for end in free_ports(self.world, rescuer)]
        hosts = [distressed]
        visits = self.world.visits.get(distressed.id)
        if visits and visits[0].vehicle in self.catalog.vehicles:
            hosts.insert(0, self.world.vehicle(visits[0].vehicle))
        theirs = [(host, end.port) for host in hosts for end in free_ports(self.world, host)]
        own_kinds = {self.kind_of(p) for p in rescuer.ports or ()}
        changes: dict[tuple, Change] = {}

        def keep(change: Change) -> None:
            changes.setdefault((change.action, change.document, change.params), change)

        # A port on the rescuer, mating with a free port where the crew is: serves every row it docks in.
        for host, port in theirs:
            for kind in self.mating_kinds(self.kind_of(port))[:KINDS_PER_PORT]:
                if kind in own_kinds:
                    continue
                keep(
                    Change(
                        ChangeKind.HARDWARE,
                        "add-port",
                        ("Vehicle", rescuer.id),
                        ("ports",),
                        (kind, f"plan-{kind[0]}"),
                        f"fit {rescuer.id} with a docking port: {describe(kind)} (it mates with {host.id}'s {port.id}, {port.interface})",
                    )
                )
        # A port where the crew waits, mating with one of the rescuer's free ports.
        for port in ours:
            for kind in self.mating_kinds(self.kind_of(port))[:KINDS_PER_PORT]:
                for host in hosts[:1]:
                    if kind in {self.kind_of(p) for p in host.ports or ()}:
                        continue
                    keep(
                        Change(
                            ChangeKind.HARDWARE,
                            "add-port",
                            ("Vehicle", host.id),
                            ("ports",),
                            (kind, f"plan-{kind[0]}"),
                            f"fit {host.id} with a docking port: {describe(kind)}, for {rescuer.id}'s {port.id} ({port.interface})",
                        )
                    )
        # An adapter the rescuer carries: one end mates with its port, the other with the crew's.
        for port in ours:
            near = self.mating_kinds(self.kind_of(port))[:1]
            for host, their in theirs:
                far = self.mating_kinds(self.kind_of(their))[:1]
                if near and far and rescuer_system is not None:
                    adapter_id = f"plan-adapter-{near[0][0]}-{far[0][0]}"
                    keep(
                        Change(
                            ChangeKind.HARDWARE,
                            "add-adapter",
                            ("TransportSystem", rescuer_system),
                            ("elements",),
                            (rescuer.id, adapter_id, (near[0], far[0])),
                            f"an adapter carried by {rescuer.id}: a {describe(near[0])} end for its {port.id} "
                            f"and a {describe(far[0])} end for {host.id}'s {their.id}",
                        )
                    )
        # A port of the crew's vehicle that only takes one role, where taking either would mate.
        for host, port in theirs:
            if port.role is PortRole.EITHER:
                continue
            either = (port.interface, PortRole.EITHER.value, self.kind_of(port)[2])
            if any(either in self.mating_kinds(self.kind_of(own)) for own in ours):
                keep(
                    Change(
                        ChangeKind.HARDWARE,
                        "port-role",
                        ("Vehicle", host.id),
                        ("ports", _index(host, port.id), "role"),
                        (port.id, PortRole.EITHER.value),
                        f"make {host.id}'s port {port.id} able to act either way (active or passive)",
                    )
                )
        return list(changes.values())

    # ------------------------------------------------------------------ reach

    def reach(self, rescuer: Vehicle, place: Regime) -> ReachAssessment:
        """The rescuer's reach for ``place`` from where it starts (where it is stationed, else Earth)."""
        tables = list(self.catalog.transfers.values())
        stationed = sorted(r.value for r in (self.world.places_of(rescuer) or ()) if r is not place)
        origins = [Waypoint(s) for s in stationed] + [Waypoint.EARTH]
        assessments = [assess_reach(tables, rescuer, place, origin) for origin in origins]
        return min(assessments, key=lambda a: _REACH_RANK[a.reach])

    def qualification(self, rescuer: Vehicle, place: Regime) -> Change | OutOfReachReason:
        assessment = self.reach(rescuer, place)
        reach = assessment.reach
        if reach is Reach.NOT_ITS_TYPE:
            return OutOfReachReason("REACH001", assessment.reason + "; it would take a lander", ("lander",))
        if reach is Reach.SHORT:
            return OutOfReachReason(
                "REACH001",
                assessment.reason + "; it would take a propulsion stage or a different vehicle",
                ("propulsion-stage", "different-vehicle"),
            )
        requires: tuple[Condition, ...] = ()
        summary = f"qualify {rescuer.id} for {place.value}"
        if reach is Reach.COVERS:
            summary += f" ({assessment.reason})"
        elif reach is Reach.UNKNOWN and assessment.has_mps is None:
            name = f"{rescuer.id}.propulsion.delta_v_mps"
            requires = (
                Condition(
                    f"{name} at least {assessment.needed_mps:.0f} m/s: the transfers to {place.value} and back",
                    (ConditionField("Vehicle", rescuer.id, name),),
                    ConditionOp.AT_LEAST,
                    round(assessment.needed_mps or 0.0),
                    "m/s",
                    rule="plan",
                    publishers=tuple(rescuer.operators or ()),
                ),
            )
            summary += f", once its delta-v is shown to cover the {assessment.needed_mps:.0f} m/s there and back"
        else:
            field_ = ConditionField("TransferTable", "", f"transfers.{place.value}")
            requires = (
                Condition(
                    f"the delta-v of the transfers to {place.value} and back is published and within {rescuer.id}'s",
                    (field_,),
                    ConditionOp.IS,
                    None,
                    rule="plan",
                ),
            )
            summary += ", once the transfers there and back are published"
        return Change(
            ChangeKind.QUALIFICATION,
            "qualify-regime",
            ("Vehicle", rescuer.id),
            ("regimes",),
            (place.value,),
            summary,
            requires,
        )

    # --------------------------------------------------------------- proposals

    def proposals(
        self,
        result: RescueResult,
        rescuer_system: str | None,
        scenario: tuple[str, int] | None = None,
    ) -> Proposals:
        """For each blocking finding of ``result``, the alternatives that could lift it; or why none can.

        A finding that waits only for values has one alternative, the empty
        set (the row rests on the values); a docking that waits for values has
        hardware alternatives besides. ``scenario`` is (scenario id, responder
        index) for a scenario's responder, whose stated crew can be lowered.
        """
        catalog = self.catalog
        rescuer = catalog.vehicles[result.rescuer]
        distressed = catalog.vehicles[result.distressed]
        place = Regime(result.place)
        out = Proposals()
        seen_docking = False
        for finding in blocking(result):
            code = finding.code
            if code in DOCKING_CODES:
                if seen_docking:
                    continue  # one mating problem, reported by several rules: one set of proposals
                seen_docking = True
                hardware = [frozenset({c}) for c in self.docking(rescuer, distressed, rescuer_system)]
                if waits_for_values(finding):
                    out.alternatives.append([frozenset(), *hardware])
                elif hardware:
                    out.alternatives.append(hardware)
                else:
                    out.blocked = OutOfReachReason(code, f"{finding.message}; no port or adapter that mates is known")
                    return out
                continue
            if waits_for_values(finding):
                out.alternatives.append([frozenset()])
                continue
            changes = self._lift(finding, result, rescuer, distressed, place, scenario)
            if isinstance(changes, OutOfReachReason):
                out.blocked = changes
                return out
            if not changes:
                out.blocked = OutOfReachReason(code, finding.message)
                return out
            out.alternatives.append([frozenset({change}) for change in changes])
        return out

    def _lift(self, finding, result, rescuer, distressed, place, scenario) -> list[Change] | OutOfReachReason:
        code = finding.code
        if code == "REACH001":
            qualification = self.qualification(rescuer, place)
            return qualification if isinstance(qualification, OutOfReachReason) else [qualification]
        if code == "CREW004":
            return [
                Change(
                    ChangeKind.PROCEDURE,
                    "carry-suits",
                    ("Vehicle", rescuer.id),
                    ("crew_equipment",),
                    (result.crew,),
                    f"{rescuer.id} carries {result.crew} spare suits sized for the distressed crew",
                )
            ]
        if code == "CREW005":
            return [
                Change(
                    ChangeKind.PROCEDURE,
                    "carry-liners",
                    ("Vehicle", rescuer.id),
                    ("crew_equipment",),
                    (result.crew,),
                    f"{rescuer.id} carries {result.crew} seat liners moulded for the distressed crew",
                )
            ]
        if code == "CREW002":
            return self._fewer_crew(finding, result, rescuer, scenario)
        if code == "COMM001":
            bands = sorted(
                b.band.value
                for b in distressed.radios or ()
                if b.purposes is None or RadioPurpose.PROXIMITY in b.purposes
            )
            return [
                Change(
                    ChangeKind.HARDWARE,
                    "add-radio",
                    ("Vehicle", rescuer.id),
                    ("radios",),
                    (band,),
                    f"fit {rescuer.id} with a {band} proximity radio",
                )
                for band in bands[:2]
            ]
        if code == "RDV001":
            sensors = (rescuer.rendezvous.sensors if rescuer.rendezvous else None) or []
            tracks = sorted({t for s in sensors for t in (s.tracks or ())})
            return [
                Change(
                    ChangeKind.HARDWARE,
                    "fit-target",
                    ("Vehicle", distressed.id),
                    ("rendezvous",),
                    (t,),
                    f"fit {distressed.id} with a {t} target",
                )
                for t in tracks[:2]
            ]
        return []

    def _fewer_crew(self, finding, result, rescuer: Vehicle, scenario) -> list[Change] | OutOfReachReason:
        """Crew before seats: a scenario's stated crew lowered towards the minimum; otherwise out of reach.

        The engine already flies a system's rescuer with its minimum crew and
        counts the seats that can be fitted before launch (``seats.addable``),
        so a failure there is physical: too few seats even so.
        """
        seats = rescuer.seats
        if scenario is not None and seats is not None and seats.total is not None and seats.min_crew is not None:
            scenario_id, index = scenario
            responder = self.catalog.scenarios[scenario_id].responders[index]
            aboard = responder.crew_aboard
            added = responder.seats_added or 0
            if aboard is not None and aboard > seats.min_crew:
                room = seats.total + added + (seats.addable or 0) - result.crew
                fewer = max(seats.min_crew, min(aboard - 1, room))
                if fewer < aboard:
                    return [
                        Change(
                            ChangeKind.CREW,
                            "crew-aboard",
                            ("RescueScenario", scenario_id),
                            ("responders", index, "crew_aboard"),
                            (index, "crew_aboard", fewer),
                            f"{rescuer.id} flies with {fewer} crew instead of {aboard}"
                            + (" (uncrewed)" if fewer == 0 else f" (its minimum is {seats.min_crew})"),
                        )
                    ]
        return OutOfReachReason(
            "CREW002", f"{finding.message} (even with its minimum crew and every seat it can be fitted with)"
        )


_REACH_RANK = {Reach.COVERS: 0, Reach.UNKNOWN: 1, Reach.NO_ROUTE: 2, Reach.SHORT: 3, Reach.NOT_ITS_TYPE: 4}


def _preference(interface: DockingInterface, same: str) -> tuple:
    retired = interface.status in (ProgramStatus.HISTORICAL, ProgramStatus.CANCELLED)
    return (interface.id != same, retired, interface.style is not MatingStyle.ANDROGYNOUS, interface.id)


def _genders(interface: DockingInterface) -> list[Gender | None]:
    if interface.style is not MatingStyle.GENDERED:
        return [None]
    return [interface.gender] if interface.gender else [Gender.PROBE, Gender.DROGUE]


def _probe(interface: DockingInterface, role: PortRole, gender: Gender | None) -> Port:
    return Port(id="candidate", interface=interface.id, role=role, gender=gender)


def _index(vehicle: Vehicle, port_id: str) -> int:
    return next(i for i, p in enumerate(vehicle.ports or ()) if p.id == port_id)


def describe(kind: PortKind) -> str:
    interface, role, gender = kind
    return f"{interface} {role}" + (f" {gender}" if gender else "")
