"""The typed input every rule reads: one rescuer, one distressed crew, one place.

The engine builds a RescueContext (including the mating plan it found) and
hands it to each rule. Rules only read it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interop.model.documents import DockingInterface, Port, RescueScenario, Vehicle
from interop.model.vocabulary import Regime
from interop.rules.base import Anchor


@dataclass(frozen=True)
class PortEnd:
    """One port of one vehicle, by index so it can point back at its spec line."""

    vehicle: Vehicle
    index: int

    @property
    def port(self) -> Port:
        return self.vehicle.ports[self.index]

    def anchor(self, *path) -> Anchor:
        return Anchor(self.vehicle, ("ports", self.index, *path))

    def label(self) -> str:
        return f"{self.vehicle.id}/{self.port.id}"


class MateStatus(str, enum.Enum):
    MATES = "mates"
    SLOW = "slow"  # berthing: mates, but needs an arm and hours
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class MateCheck:
    status: MateStatus
    reason: str
    missing: tuple[str, ...] = ()


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
    NONE = "none"
    UNKNOWN = "unknown"


@dataclass
class MatingPlan:
    """How the rescuer reaches the distressed crew's cabin."""

    mode: MatingMode
    links: list[Link] = field(default_factory=list)
    adapters: list[Vehicle] = field(default_factory=list)
    carried_adapters: list[Vehicle] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    suggested_adapters: list[Vehicle] = field(default_factory=list)
    """When there is no path: catalog adapters that would make one if stationed at the place."""

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
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def interface(self, port_end: PortEnd) -> DockingInterface | None:
        return self.interfaces.get(port_end.port.interface)

    def scenario_anchor(self, *path) -> Anchor | None:
        if self.scenario is None:
            return None
        return Anchor(self.scenario, tuple(path))

    def responder_anchor(self, *path) -> Anchor | None:
        if self.scenario is None or self.responder_index is None:
            return None
        return Anchor(self.scenario, ("responders", self.responder_index, *path))

    def option(self, code: str, name: str, default):
        return self.options.get(code, {}).get(name, default)
