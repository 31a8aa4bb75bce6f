"""The four spec kinds and their parts."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from interop.model.base import (
    Count,
    CrewCount,
    Document,
    Flag,
    RefTo,
    Slug,
    SlugRef,
    StrictModel,
    Text,
    quantity_metadata,
)
from interop.model.vocabulary import (
    Band,
    ElementRole,
    Gender,
    MatingStyle,
    PortRole,
    ProgramStatus,
    RadioPurpose,
    Regime,
    SeatLiners,
    Utility,
    VehicleType,
)

Millimetres = Annotated[float, *quantity_metadata("mm", le=20_000)]
Metres = Annotated[float, *quantity_metadata("m", le=1_000)]
Kilopascals = Annotated[float, *quantity_metadata("kpa", le=1_000)]
MetresPerSecond = Annotated[float, *quantity_metadata("mps", le=100_000)]
Days = Annotated[float, *quantity_metadata("days", le=100_000)]
Hours = Annotated[float, *quantity_metadata("hours", le=1_000_000)]
Kilograms = Annotated[float, *quantity_metadata("kg", le=10_000_000)]
Fraction = Annotated[float, *quantity_metadata("fraction", le=1)]
Volts = Annotated[float, *quantity_metadata("v", le=100_000)]
Watts = Annotated[float, *quantity_metadata("w", le=10_000_000)]
Degrees = Annotated[float, *quantity_metadata("deg", le=360)]

DockingInterfaceRef = Annotated[SlugRef, RefTo("DockingInterface")]
VehicleRef = Annotated[SlugRef, RefTo("Vehicle")]
TransportSystemRef = Annotated[SlugRef, RefTo("TransportSystem")]

# ---------------------------------------------------------------- interfaces


class CaptureLimits(StrictModel):
    """Envelope within which soft capture succeeds."""

    closing_speed_min_mps: MetresPerSecond | None = None
    closing_speed_max_mps: MetresPerSecond | None = None
    lateral_offset_max_m: Metres | None = None
    angular_offset_max_deg: Degrees | None = None


class DockingInterface(Document):
    """A docking or berthing mechanism: a standard or one member of a family."""

    KIND: ClassVar[str] = "DockingInterface"
    kind: Literal["DockingInterface"]

    style: MatingStyle
    gender: Gender | None = None
    family: Slug | None = None
    standard: Text | None = None
    mates_with: list[DockingInterfaceRef] | None = None
    passage_diameter_mm: Millimetres | None = None
    utilities: list[Utility] | None = None
    robotic_arm_required: Flag | None = None
    capture: CaptureLimits | None = None
    mass_kg: Kilograms | None = None
    status: ProgramStatus | None = None
    internal_transfer: Flag | None = None
    """False: the mechanism has no internal passage (early probe-and-drogue): crews cross outside."""


# ------------------------------------------------------------------ vehicles


class Port(StrictModel):
    """One docking or berthing port on a vehicle."""

    id: Slug
    interface: DockingInterfaceRef
    role: PortRole
    gender: Gender | None = None
    location: Text | None = None
    hatch_diameter_mm: Millimetres | None = None
    internal_transfer: Flag | None = None
    """False: no crew passage through this port (no hatch, or a blocked one)."""


class Seats(StrictModel):
    total: Count | None = None
    nominal_crew: Count | None = None
    addable: Count | None = None
    min_crew: Count | None = None


class CrewEquipment(StrictModel):
    """Suits and seat liners: what a person needs to ride in this vehicle."""

    suits: list[Slug] | None = None
    spare_suits: Count | None = None
    seat_liners: SeatLiners | None = None
    spare_seat_liners: Count | None = None


class Atmosphere(StrictModel):
    pressure_kpa: Kilopascals | None = None
    o2_fraction: Fraction | None = None
    adjustable_min_kpa: Kilopascals | None = None
    adjustable_max_kpa: Kilopascals | None = None
    max_o2_fraction: Fraction | None = None


class Sensor(StrictModel):
    """A rendezvous sensor and the target types it can track."""

    name: Slug
    tracks: list[Slug] | None = None


class Rendezvous(StrictModel):
    sensors: list[Sensor] | None = None
    targets: list[Slug] | None = None


class Radio(StrictModel):
    band: Band
    purposes: list[RadioPurpose] | None = None
    system: Slug | None = None


class Power(StrictModel):
    bus_voltage_v: Volts | None = None
    shares_power: Flag | None = None
    generation_w: Watts | None = None


class Propulsion(StrictModel):
    delta_v_mps: MetresPerSecond | None = None


class LifeSupport(StrictModel):
    endurance_days: Days | None = None
    docked_endurance_days: Days | None = None
    crew_days: Days | None = None
    max_crew: Count | None = None


class Vehicle(Document):
    """A crew vehicle, station, module, lander or adapter."""

    KIND: ClassVar[str] = "Vehicle"
    kind: Literal["Vehicle"]

    vehicle_type: VehicleType
    status: ProgramStatus
    crewed: Flag
    design: Slug | None = None
    """The design this vehicle is an instance or variant of (two of one design share liners, suits, training)."""
    operators: list[Text] | None = None
    ports: list[Port] | None = None
    seats: Seats | None = None
    crew_equipment: CrewEquipment | None = None
    atmosphere: Atmosphere | None = None
    airlock: Flag | None = None
    eva_capable: Flag | None = None
    robotic_arm: Flag | None = None
    rendezvous: Rendezvous | None = None
    radios: list[Radio] | None = None
    power: Power | None = None
    propulsion: Propulsion | None = None
    life_support: LifeSupport | None = None
    regimes: list[Regime] | None = None
    earth_return: Flag | None = None
    return_transit_days: dict[Regime, Days] | None = None
    launch_vehicle: Text | None = None
    mass_kg: Kilograms | None = None

    def port(self, port_id: str) -> Port | None:
        for port in self.ports or ():
            if port.id == port_id:
                return port
        return None


# ----------------------------------------------------------- transport systems


class Element(StrictModel):
    """A vehicle in a system, where it is kept and how."""

    vehicle: VehicleRef
    role: ElementRole
    stationed_at: list[Regime] | None = None
    standby: Flag = False
    carried_by: VehicleRef | None = None


class PortRef(StrictModel):
    vehicle: VehicleRef
    port: Slug


class Connection(StrictModel):
    """Two ports that stay mated: how a station's modules and adapters stack."""

    a: PortRef
    b: PortRef


class Docking(StrictModel):
    """A visitor holding a station port for a while: it may leave or move to free it."""

    vehicle: VehicleRef
    port: Slug | None = None
    at: PortRef
    can_undock: Flag | None = None
    can_relocate: Flag | None = None
    note: Text | None = None


class TransportSystem(Document):
    """One nation's or partnership's set of elements."""

    KIND: ClassVar[str] = "TransportSystem"
    kind: Literal["TransportSystem"]

    nations: list[Text] | None = None
    elements: list[Element] = []
    connections: list[Connection] = []
    dockings: list[Docking] = []
    includes: list[TransportSystemRef] = []
    era: Annotated[str, Field(pattern=r"^\d{4}(-\d{4})?$|^\d{4}-$")] | None = None


# -------------------------------------------------------------- scenarios

VerdictName = Literal["pass", "conditional", "fail", "unknown"]


class Distressed(StrictModel):
    vehicle: VehicleRef
    system: TransportSystemRef | None = None
    docked_to: VehicleRef | None = None
    port: Slug | None = None
    can_undock: Flag | None = None
    at: Regime
    crew: CrewCount
    life_support_hours: Hours | None = None


class Responder(StrictModel):
    vehicle: VehicleRef
    system: TransportSystemRef | None = None
    stationed_at: Regime | None = None
    crew_aboard: Count | None = None
    transit_hours: Hours | None = None
    delta_v_required_mps: MetresPerSecond | None = None
    docked_to: PortRef | None = None
    spare_suits: Count | None = None
    spare_seat_liners: Count | None = None
    seats_added: Count | None = None
    moved_in_orbit_from: VehicleRef | None = None
    liners_move_across: Flag | None = None
    crew_trained: Flag | None = None
    expected: VerdictName | None = None


class RescueScenario(Document):
    """Who is in distress, where, for how long, and who may respond."""

    KIND: ClassVar[str] = "RescueScenario"
    kind: Literal["RescueScenario"]

    distressed: Distressed
    responders: Annotated[list[Responder], Field(min_length=1)]
    return_days: Days | None = None
    dockings: list[Docking] = []
    hypothetical: Flag = False
    assumptions: list[Text] = []
    outcome: Text | None = None


DOCUMENT_KINDS: dict[str, type[Document]] = {
    model.KIND: model for model in (DockingInterface, Vehicle, TransportSystem, RescueScenario)
}
