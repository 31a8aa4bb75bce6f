"""The spec kinds and their parts (the transfer table is in interop.model.transfers).

Longer than 500 lines because a Vehicle's parts (ports, seats, atmosphere,
crew equipment, life support, rendezvous, radios) and the system and
scenario documents that refer to them are one schema: the JSON Schemas are
generated from these classes together, and each field's docstring is its
description in editors (interop.model.schema).
"""

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
from interop.model.transfers import TransferTable
from interop.model.vocabulary import (
    AgreementTerm,
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
    """The slowest closing speed at which soft capture still succeeds."""
    closing_speed_max_mps: MetresPerSecond | None = None
    """The fastest closing speed at which soft capture still succeeds."""
    lateral_offset_max_m: Metres | None = None
    """The largest sideways offset between the two mechanisms' axes that capture tolerates."""
    angular_offset_max_deg: Degrees | None = None
    """The largest angle between the two mechanisms' axes that capture tolerates."""


class DockingInterface(Document):
    """A docking or berthing mechanism: a standard or one member of a family."""

    KIND: ClassVar[str] = "DockingInterface"
    kind: Literal["DockingInterface"]
    """The document's kind: DockingInterface."""

    style: MatingStyle
    """How the halves join: androgynous (alike), gendered (probe into drogue), berthing (an arm holds the visitor)."""
    gender: Gender | None = None
    """For one half of a gendered mechanism: probe or drogue. A port can say it instead."""
    family: Slug | None = None
    """The family of designs it belongs to (apas, ssvp); mates_with, not the family, says what it mates with."""
    standard: Text | None = None
    """The standard or interface document that defines the mechanism, with its revision."""
    mates_with: list[DockingInterfaceRef] | None = None
    """Ids of the interfaces it mates with (itself too, if two of it mate). Unknown when absent; [] means none."""
    passage_diameter_mm: Millimetres | None = None
    """The diameter of the crew passage through the mated mechanism; 0 when there is none. Unknown when absent."""
    utilities: list[Utility] | None = None
    """What the mated mechanism connects across (power, data, air...). Unknown when absent; [] means nothing."""
    robotic_arm_required: Flag | None = None
    """True when a robotic arm must capture and hold the visitor (berthing). Unknown when absent."""
    capture: CaptureLimits | None = None
    """The limits within which soft capture succeeds. Unknown when absent."""
    mass_kg: Kilograms | None = None
    """The mass of the mechanism. Unknown when absent."""
    status: ProgramStatus | None = None
    """Where its programme stands: historical, operational, in development, planned, cancelled. Unknown when absent."""
    internal_transfer: Flag | None = None
    """False: the mechanism has no internal passage (early probe-and-drogue): crews cross outside."""


# ------------------------------------------------------------------ vehicles


class Port(StrictModel):
    """One docking or berthing port on a vehicle."""

    id: Slug
    """The port's id, unique on its vehicle (nose, zenith, nadir)."""
    interface: DockingInterfaceRef
    """The id of the docking interface (a DockingInterface document) at this port."""
    role: PortRole
    """Which side of a docking this port can take: active (it drives the capture), passive, or either."""
    gender: Gender | None = None
    """probe or drogue, for a port of a gendered mechanism. When absent, the interface's gender applies."""
    location: Text | None = None
    """Where the port is on the vehicle, in words."""
    hatch_diameter_mm: Millimetres | None = None
    """The diameter of the port's hatch, which bounds the crew passage with the mechanism's. Unknown when absent."""
    internal_transfer: Flag | None = None
    """False: no crew passage through this port (no hatch, or a blocked one)."""


class Seats(StrictModel):
    """Seats for crew, and how many people the vehicle flies with."""

    total: Count | None = None
    """How many people the vehicle can seat. Unknown when absent."""
    nominal_crew: Count | None = None
    """How many people it usually flies with. Unknown when absent."""
    addable: Count | None = None
    """How many more seats can be installed before launch; 0 when none can. Unknown when absent."""
    min_crew: Count | None = None
    """The fewest people it can fly with (0 for a vehicle that can fly uncrewed). Unknown when absent."""
    improvised: Count | None = None
    """Places for more people that can be improvised in orbit in an emergency, with no seat fitted before launch
    (Crew-8's cargo-pallet places, 2024); life_support.max_crew still caps everyone aboard. When absent none is
    counted: an emergency improvisation is never assumed."""


class CrewEquipment(StrictModel):
    """Suits and seat liners: what a person needs to ride in this vehicle."""

    suits: list[Slug] | None = None
    """Ids of the launch and entry suits that plug into its connections. Unknown when absent."""
    spare_suits: Count | None = None
    """Spare suits it carries, for people who are not its own crew. Unknown when absent."""
    seat_liners: SeatLiners | None = None
    """How a seat fits its occupant: custom-per-crew (a moulded liner each), adjustable, none. Unknown when absent."""
    spare_seat_liners: Count | None = None
    """Spare seat liners it carries, for people who are not its own crew. Unknown when absent."""
    eva_suits: list[Slug] | None = None
    """Ids of the spacesuits made for spacewalks it carries (orlan-mks, emu); launch and entry suits
    (Sokol, the Dragon suit) are not. Unknown when absent; [] means none."""
    eva_suit_count: Count | None = None
    """How many of those spacewalk suits are aboard, for anyone who must cross outside. Unknown when absent."""


class Atmosphere(StrictModel):
    """The cabin's air."""

    pressure_kpa: Kilopascals | None = None
    """The cabin's usual total pressure. Unknown when absent."""
    o2_fraction: Fraction | None = None
    """The share of oxygen in the cabin's gas. Unknown when absent."""
    adjustable_min_kpa: Kilopascals | None = None
    """The lowest pressure the cabin can be set to. Unknown when absent."""
    adjustable_max_kpa: Kilopascals | None = None
    """The highest pressure the cabin can be set to. Unknown when absent."""
    max_o2_fraction: Fraction | None = None
    """The highest share of oxygen the cabin is rated for (its materials' fire risk). Unknown when absent."""


class Sensor(StrictModel):
    """A rendezvous sensor and the target types it can track."""

    name: Slug
    """The sensor's id (kurs-na)."""
    tracks: list[Slug] | None = None
    """Ids of the target types it can track (kurs, idss-reflectors). Unknown when absent."""


class Rendezvous(StrictModel):
    """How the vehicle finds others and is found when it is approached."""

    sensors: list[Sensor] | None = None
    """The rendezvous sensors it carries. Unknown when absent; [] means none."""
    targets: list[Slug] | None = None
    """Ids of the target types it carries for others' sensors (kurs, idss-reflectors). Unknown when absent."""


class Radio(StrictModel):
    """One radio link the vehicle carries."""

    band: Band
    """The radio band."""
    purposes: list[RadioPurpose] | None = None
    """What the link is used for (proximity, ground, relay, voice). Unknown when absent."""
    system: Slug | None = None
    """The id of the radio system, when it has a name (c2v2, unified-s-band)."""


class Power(StrictModel):
    """The vehicle's electrical power."""

    bus_voltage_v: Volts | None = None
    """The voltage of its main power bus. Unknown when absent."""
    shares_power: Flag | None = None
    """True when it shares power with a docked vehicle through the interface. Unknown when absent."""
    generation_w: Watts | None = None
    """The electrical power it generates. Unknown when absent."""


class Propulsion(StrictModel):
    """What the vehicle can manoeuvre with."""

    delta_v_mps: MetresPerSecond | None = None
    """The velocity change its propellant allows. Unknown when absent."""


class LifeSupport(StrictModel):
    """How many people the vehicle keeps alive, and for how long."""

    endurance_days: Days | None = None
    """How long it can fly free with its nominal crew. Unknown when absent."""
    docked_endurance_days: Days | None = None
    """How long it can stay docked to a station. Unknown when absent."""
    crew_days: Days | None = None
    """The oxygen, water and food it carries, counted in days for one person (crew-days). Unknown when absent."""
    max_crew: Count | None = None
    """How many people its life support (oxygen, carbon-dioxide removal, cooling) is sized for. Unknown when absent."""


class Vehicle(Document):
    """A crew vehicle, station, module, lander or adapter."""

    KIND: ClassVar[str] = "Vehicle"
    kind: Literal["Vehicle"]
    """The document's kind: Vehicle."""

    vehicle_type: VehicleType
    """What it is: crew or cargo vehicle, station or station module, lander, adapter, docking module, orbiter."""
    status: ProgramStatus
    """Where the vehicle's programme stands: historical, operational, in development, planned or cancelled."""
    crewed: Flag
    """True when it has a crew cabin and life support for its occupants."""
    design: Slug | None = None
    """The design this vehicle is an instance or variant of (two of one design share liners, suits, training)."""
    operators: list[Text] | None = None
    """Who operates it (agencies, companies)."""
    ports: list[Port] | None = None
    """Its docking and berthing ports. Unknown when absent; [] means none."""
    seats: Seats | None = None
    """Its seats and crew. Unknown when absent."""
    crew_equipment: CrewEquipment | None = None
    """The suits and seat liners a person needs to ride in it. Unknown when absent."""
    atmosphere: Atmosphere | None = None
    """Its cabin's air. Unknown when absent."""
    airlock: Flag | None = None
    """True when it has an airlock. Unknown when absent."""
    suited_egress: Flag | None = None
    """True when a suited crew can leave or enter the vehicle for a spacewalk (through an airlock or by
    depressurising its cabin); the airlock itself is ``airlock``. Unknown when absent."""
    eva_capable: Flag | None = None
    """Deprecated name of suited_egress (a SPEC040 warning): read as suited_egress when that is absent."""
    robotic_arm: Flag | None = None
    """True when it has a robotic arm that can capture a visitor for berthing. Unknown when absent."""
    rendezvous: Rendezvous | None = None
    """Its rendezvous sensors and the targets it carries. Unknown when absent."""
    radios: list[Radio] | None = None
    """The radio links it carries. Unknown when absent; [] means none."""
    power: Power | None = None
    """Its electrical power. Unknown when absent."""
    propulsion: Propulsion | None = None
    """What it can manoeuvre with. Unknown when absent."""
    life_support: LifeSupport | None = None
    """How many people it keeps alive, and for how long. Unknown when absent."""
    regimes: list[Regime] | None = None
    """The places it is designed to fly in (leo, nrho, llo, lunar-surface...). Unknown when absent; [] means none."""
    earth_return: Flag | None = None
    """True when it can bring its crew back to Earth (it can re-enter). Unknown when absent."""
    return_transit_days: dict[Regime, Days] | None = None
    """How long it takes to bring its crew home to Earth from each place, by regime. Unknown for a place not listed."""
    transit_days: dict[Regime, Days] | None = None
    """How long it takes from its launch to arrive at each place, by regime, waits for a window included.
    Overrides the transfer table for this vehicle. Unknown for a place not listed."""
    launch_vehicle: Text | None = None
    """The rocket it launches on."""
    mass_kg: Kilograms | None = None
    """Its mass. Unknown when absent."""

    def egress_flag(self) -> tuple[bool | None, str]:
        """``suited_egress``, else its deprecated name ``eva_capable``, with the field that holds it."""
        if self.suited_egress is not None or self.eva_capable is None:
            return self.suited_egress, "suited_egress"
        return self.eva_capable, "eva_capable"

    def lets_suited_crew_out(self) -> bool | None:
        """Can a suited crew leave or enter it: through an airlock or its own egress; None when not known."""
        egress, _field = self.egress_flag()
        if egress or self.airlock:
            return True
        if egress is False and self.airlock is False:
            return False
        return None

    def port(self, port_id: str) -> Port | None:
        for port in self.ports or ():
            if port.id == port_id:
                return port
        return None


# ----------------------------------------------------------- transport systems


class Element(StrictModel):
    """A vehicle in a system, where it is kept and how."""

    vehicle: VehicleRef
    """The id of the vehicle (a Vehicle document)."""
    role: ElementRole
    """What it does in the system: crew transport, lander, station, adapter or cargo."""
    stationed_at: list[Regime] | None = None
    """The regimes where the system keeps it. When absent, nowhere in particular; its crew is checked in its regimes."""
    standby: Flag = False
    """True when it is kept ready to launch on demand; launch_ready_days says how ready."""
    launch_ready_days: Days | None = None
    """How long from the call until it can launch (or leave where it is kept). Unknown when absent."""
    carried_by: VehicleRef | None = None
    """The id of the vehicle that carries it along (an adapter brought by a crew vehicle)."""


class PortRef(StrictModel):
    """A port of a vehicle, named by the vehicle's id and the port's."""

    vehicle: VehicleRef
    """The id of the vehicle (a Vehicle document)."""
    port: Slug
    """The id of one of that vehicle's ports."""


class Connection(StrictModel):
    """Two ports that stay mated: how a station's modules and adapters stack."""

    a: PortRef
    """One of the two mated ports."""
    b: PortRef
    """The other mated port."""


class Docking(StrictModel):
    """A visitor holding a station port for a while: it may leave or move to free it."""

    vehicle: VehicleRef
    """The id of the visiting vehicle (a Vehicle document)."""
    port: Slug | None = None
    """The id of the visitor's own port that is docked, when it has more than one."""
    at: PortRef
    """The port it holds."""
    can_undock: Flag | None = None
    """True when it can leave to free the port. Unknown when absent."""
    can_relocate: Flag | None = None
    """True when it can move to another port to free this one. Unknown when absent."""
    note: Text | None = None
    """Which visit this is, and since when."""


class AgreementExtension(StrictModel):
    """A later amendment or extension of an agreement."""

    signed: Text
    """When it was signed or announced (2025-04, 2023-12)."""
    until: Text | None = None
    """The year it runs to, when stated."""
    note: Text | None = None
    """What it changed, in words."""


class Agreement(StrictModel):
    """An agreement between partners about each other's crews (seats, training, suits, liners)."""

    name: Text
    """What the agreement is called (the 2022 NASA-Roscosmos integrated-crew agreement)."""
    partners: Annotated[list[Text], Field(min_length=2)]
    """The agencies that signed it."""
    signed: Text
    """When it was signed (2022-07-14)."""
    until: Text | None = None
    """The year it runs to, as last extended, when stated."""
    covers: list[AgreementTerm] = []
    """What it provides: seats, crew-training, suits, seat-liners, rescue."""
    vehicles: list[VehicleRef] = []
    """The ids of the vehicles partners' crew members fly under it."""
    extensions: list[AgreementExtension] = []
    """Later amendments and extensions, oldest first."""
    note: Text | None = None
    """What it provides, in words, as the record gives it."""


class TransportSystem(Document):
    """One nation's or partnership's set of elements."""

    KIND: ClassVar[str] = "TransportSystem"
    kind: Literal["TransportSystem"]
    """The document's kind: TransportSystem."""

    nations: list[Text] | None = None
    """The nations or partners whose system this is."""
    elements: list[Element] = []
    """The vehicles in the system, where each is kept and how."""
    connections: list[Connection] = []
    """Pairs of ports that stay mated: how a station's modules and adapters stack."""
    dockings: list[Docking] = []
    """Visitors holding a station port for a while."""
    includes: list[TransportSystemRef] = []
    """Ids of other transport systems whose elements belong to it too."""
    era: Annotated[str, Field(pattern=r"^\d{4}(-\d{4})?$|^\d{4}-$")] | None = None
    """The years this system describes: one year (1975), a span (1995-1998) or an open span (2028-)."""
    agreements: list[Agreement] = []
    """The partners' agreements about each other's crews that this system's crews fly under."""


# -------------------------------------------------------------- scenarios

VerdictName = Literal["pass", "conditional", "fail", "unknown"]


class Distressed(StrictModel):
    """The crew in distress: their vehicle, where it is, and how many they are."""

    vehicle: VehicleRef
    """The id of the crew's vehicle (a Vehicle document)."""
    system: TransportSystemRef | None = None
    """The id of its transport system: that system's stations, adapters and stacks count in the scenario."""
    docked_to: VehicleRef | None = None
    """The id of the station vehicle the crew's vehicle is docked to; the crew is aboard the station."""
    port: Slug | None = None
    """The id of the port of docked_to that the crew's vehicle holds."""
    can_undock: Flag | None = None
    """True when the crew's vehicle can leave uncrewed to free that port. Unknown when absent."""
    at: Regime
    """The regime the crew is in (leo, nrho, llo...)."""
    crew: CrewCount
    """How many people are to be rescued."""
    life_support_hours: Hours | None = None
    """How long the crew's life support lasts. When absent, arriving in time is not checked."""


class Shelter(StrictModel):
    """A vehicle the crew lives in while it waits, that is not the one taking it home (Apollo 13's lunar module)."""

    vehicle: VehicleRef
    """The id of the sheltering vehicle (a Vehicle document): crewed, with life support of its own."""
    system: TransportSystemRef | None = None
    """The id of its transport system, when it belongs to one in play."""
    docked_to: PortRef | None = None
    """The port it is docked at, when it is docked to the crew's vehicle or station."""
    life_support_hours: Hours | None = None
    """How long it keeps the crew alive, in place of its own endurance. Unknown when absent."""
    note: Text | None = None
    """How the crew reaches it and lives in it."""


class Responder(StrictModel):
    """A vehicle that may respond, with its figures for this mission; each replaces the vehicle's own."""

    vehicle: VehicleRef
    """The id of the responding vehicle (a Vehicle document)."""
    system: TransportSystemRef | None = None
    """The id of its transport system: that system's stations, adapters and stacks count in the scenario."""
    stationed_at: Regime | None = None
    """The regime where it is kept for this scenario, in place of its system's stationed_at."""
    crew_aboard: Count | None = None
    """How many of its own crew fly this mission. When absent, its minimum crew, else its nominal crew."""
    transit_hours: Hours | None = None
    """How long it takes to reach the crew, compared with their life_support_hours. Unknown when absent."""
    delta_v_required_mps: MetresPerSecond | None = None
    """The velocity change the flight to the crew needs. When absent, delta-v is not checked."""
    docked_to: PortRef | None = None
    """The port it is already docked at, in the crew's station stack."""
    spare_suits: Count | None = None
    """Spare suits for the rescued crew on this mission (flown up or already aboard), in place of the vehicle's spare_suits."""
    spare_suits_flown_up: Count | None = None
    """How many of spare_suits were flown up for this mission; the rest were aboard already. Unknown when absent."""
    spare_seat_liners: Count | None = None
    """Spare seat liners flown up or moved for this mission, in place of the vehicle's."""
    seats_added: Count | None = None
    """Seats added for this mission, counted with the vehicle's seats."""
    moved_in_orbit_from: VehicleRef | None = None
    """The id of the vehicle the added seats and liners were moved from in orbit."""
    liners_move_across: Flag | None = None
    """Whether the crew's own seat liners move across from their vehicle. When absent, yes if both are of one design."""
    crew_trained: Flag | None = None
    """Whether the crew is trained to fly this vehicle home. When absent, yes if both are of one design."""
    under_agreement: Flag | None = None
    """False: the rescued crew does not fly this vehicle under a crew agreement of the two systems, so what one provides (liners, suits, training) is not counted. When absent, an agreement both systems declare that names the vehicle counts."""
    shelter: VehicleRef | None = None
    """The id of one of the scenario's shelters: the crew waits there and this responder takes it home from it."""
    return_days: Days | None = None
    """How long this responder's trip home to Earth takes on this mission, replacing its vehicle's return_transit_days."""
    expected: VerdictName | None = None
    """The verdict the record of a real event supports; interop scenario fails on another. Absent when hypothetical."""


class RescueScenario(Document):
    """Who is in distress, where, for how long, and who may respond."""

    KIND: ClassVar[str] = "RescueScenario"
    kind: Literal["RescueScenario"]
    """The document's kind: RescueScenario."""

    distressed: Distressed
    """The crew in distress."""
    responders: Annotated[list[Responder], Field(min_length=1)]
    """The vehicles that may respond: at least one."""
    return_days: Days | None = None
    """Deprecated: one trip home for every responder is wrong when they differ. It applies to no responder; give each its own return_days (a deprecation finding says so)."""
    dockings: list[Docking] = []
    """Visitors holding station ports at the time of the event; one replaces a system's docking at the same port."""
    shelters: list[Shelter] = []
    """Vehicles the crew can live in while it waits, that are not the ones taking it home."""
    hypothetical: Flag = False
    """True for a case that never happened; it changes no verdict."""
    assumptions: list[Text] = []
    """Modelling choices the scenario makes, in words."""
    outcome: Text | None = None
    """What happened, for a real event."""


DOCUMENT_KINDS: dict[str, type[Document]] = {
    model.KIND: model for model in (DockingInterface, Vehicle, TransportSystem, RescueScenario, TransferTable)
}
