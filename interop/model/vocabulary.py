"""Closed vocabularies. Error messages list the allowed values."""

from __future__ import annotations

import enum


class MatingStyle(str, enum.Enum):
    ANDROGYNOUS = "androgynous"
    GENDERED = "gendered"
    BERTHING = "berthing"


def styles_mate(a: MatingStyle, b: MatingStyle) -> bool:
    """Whether mechanisms of these styles can ever mate: only alike styles do.

    A gendered probe or drogue has nothing to catch on an androgynous ring,
    nor an androgynous ring on a cone; a berthing mechanism is held in place
    by an arm and never docks with a docking mechanism. One source for the
    engine's mate check and the loader's check of ``mates_with`` lists.
    """
    return a is b


class Gender(str, enum.Enum):
    PROBE = "probe"
    DROGUE = "drogue"


class PortRole(str, enum.Enum):
    ACTIVE = "active"
    PASSIVE = "passive"
    EITHER = "either"


class Regime(str, enum.Enum):
    LEO = "leo"
    HEO = "heo"
    CISLUNAR_TRANSIT = "cislunar-transit"
    NRHO = "nrho"
    DRO = "dro"
    ELLIPTICAL_LUNAR_ORBIT = "elliptical-lunar-orbit"
    LLO = "llo"
    LUNAR_SURFACE = "lunar-surface"


class VehicleType(str, enum.Enum):
    CREW_VEHICLE = "crew-vehicle"
    CARGO_VEHICLE = "cargo-vehicle"
    STATION = "station"
    STATION_MODULE = "station-module"
    LANDER = "lander"
    ADAPTER = "adapter"
    DOCKING_MODULE = "docking-module"
    ORBITER = "orbiter"


class ProgramStatus(str, enum.Enum):
    HISTORICAL = "historical"
    OPERATIONAL = "operational"
    IN_DEVELOPMENT = "in-development"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class Utility(str, enum.Enum):
    POWER = "power"
    DATA = "data"
    COMMANDS = "commands"
    AIR = "air"
    WATER = "water"
    COMMS = "comms"
    PROPELLANT = "propellant"


class Band(str, enum.Enum):
    VHF = "vhf"
    UHF = "uhf"
    L = "l-band"
    S = "s-band"
    C = "c-band"
    X = "x-band"
    KU = "ku-band"
    KA = "ka-band"
    OPTICAL = "optical"


class RadioPurpose(str, enum.Enum):
    PROXIMITY = "proximity"
    GROUND = "ground"
    RELAY = "relay"
    VOICE = "voice"


class SeatLiners(str, enum.Enum):
    """How a seat fits its occupant."""

    CUSTOM_PER_CREW = "custom-per-crew"  # moulded liner per person (Soyuz Kazbek)
    ADJUSTABLE = "adjustable"  # one seat fits a range of people
    NONE = "none"


class ElementRole(str, enum.Enum):
    CREW_TRANSPORT = "crew-transport"
    LANDER = "lander"
    STATION = "station"
    ADAPTER = "adapter"
    CARGO = "cargo"


class Waypoint(str, enum.Enum):
    """One end of a transfer: the ground before launch, or a regime."""

    EARTH = "earth"
    LEO = "leo"
    HEO = "heo"
    CISLUNAR_TRANSIT = "cislunar-transit"
    NRHO = "nrho"
    DRO = "dro"
    ELLIPTICAL_LUNAR_ORBIT = "elliptical-lunar-orbit"
    LLO = "llo"
    LUNAR_SURFACE = "lunar-surface"


class AgreementTerm(str, enum.Enum):
    """What a crew agreement between partners provides."""

    SEATS = "seats"  # partners' crew members fly on each other's vehicles
    CREW_TRAINING = "crew-training"  # they are trained to fly the other's vehicle
    SUITS = "suits"  # suits of the vehicle they fly
    SEAT_LINERS = "seat-liners"  # seat liners moulded for the vehicle they fly
    RESCUE = "rescue"  # each keeps the other's crew a way home
