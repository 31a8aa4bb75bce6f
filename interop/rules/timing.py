"""Time in a rescue: the figures a leg's timeline is made of, in days from the call.

The engine (interop.engine.timing) picks each figure from the specs and hands
the rules a :class:`LegTime`; the rules only compare. A figure is a
:class:`Span` (a number is a span of one value; a published range keeps both
bounds), or unknown, with the spec value it comes from or would come from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from interop.rules.base import Anchor


@dataclass(frozen=True)
class Span:
    """Days, known to lie between ``low`` and ``high`` (equal for a plain number)."""

    low: float
    high: float

    @classmethod
    def of(cls, value) -> Span:
        """A number, or a range with ``low`` and ``high`` bounds."""
        if isinstance(value, Span):
            return value
        # A spec range (interop.model.values) is also a float, its low end: read its ends first.
        low, high = getattr(value, "low", None), getattr(value, "high", None)
        if isinstance(low, (int, float)) and isinstance(high, (int, float)):
            return cls(float(low), float(high))
        if isinstance(value, (int, float)):
            return cls(float(value), float(value))
        raise TypeError(f"days are a number or a range, not {type(value).__name__}")

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def scaled(self, factor: float) -> Span:
        return Span(self.low * factor, self.high * factor)

    @staticmethod
    def latest(a: Span, b: Span) -> Span:
        """When both of two things have happened."""
        return Span(max(a.low, b.low), max(a.high, b.high))

    @property
    def ranged(self) -> bool:
        return self.low != self.high

    def describe(self) -> str:
        low, high = round(self.low, 2), round(self.high, 2)
        return f"{low:g}" if low == high else f"{low:g}..{high:g}"


ZERO = Span(0.0, 0.0)


class Source(str, enum.Enum):
    """Where a figure comes from: decided on, never read back from words."""

    STATED = "stated"  # a scenario's figure for this event
    AT_PLACE = "at-place"  # the rescuer is already there (stationed, or docked in the stack): no wait, no trip
    ELEMENT = "element"  # a system element's launch_ready_days
    VEHICLE = "vehicle"  # the vehicle's own figure (transit_days, return_transit_days, life support)
    TRANSFERS = "transfers"  # the transfer table
    DERIVED = "derived"  # worked out from published figures (endurance for more people than nominal)
    STATION = "station"  # the station the crew is aboard
    NONE = "none"  # not published


@dataclass(frozen=True)
class Figure:
    """One figure of a timeline: its days (None: not known), where it is published, how it was chosen."""

    days: Span | None
    source: Source
    anchor: Anchor | None = None
    """The spec value it is read from, or the one that would hold it when it is unknown."""
    missing: str = ""
    """When unknown and no spec value can hold it: the value's name in words."""
    note: str = ""
    """How it was chosen, in a few words, for the reports."""

    @property
    def known(self) -> bool:
        return self.days is not None


@dataclass(frozen=True)
class LegTime:
    """One leg's timeline: a carrier goes to the crew, takes it aboard, carries it on.

    Every time is in days from the call. The carrier leaves at ``readiness``
    and arrives after ``transit``; the crew is at the place from ``crew_ready``
    (0 for the first leg) and can wait there until ``supplies``; it boards
    when both are there, and is carried for ``onward`` days (home, or to the
    next place). The carrier's ``endurance`` for everyone aboard counts from
    ``clock_start`` (its launch; the boarding for a vehicle already at the
    place, whose time there nobody counts).
    """

    carrier: str
    from_vehicle: str
    place: str
    to_place: str
    readiness: Figure
    transit: Figure
    supplies: Figure
    onward: Figure | None
    """The trip after boarding; None when the carrier goes nowhere the rules time (no Earth return, no next leg)."""
    endurance: Figure | None
    crew_ready: Span = ZERO
    reserve: float = 0.0
    launched: bool = True
    """True when the carrier's clock starts at its departure; False when at the boarding."""
    moved: bool = False
    """True for the crew's own move into a shelter where it is: no carrier comes, so no arrival can be late."""

    # ``arrival``, ``boarding`` and ``end`` are worked out once per leg (the record is frozen): every
    # time rule, the margins and the reports read them, a dozen times per rescue.

    @cached_property
    def arrival(self) -> Span | None:
        """When the carrier is at the place."""
        if self.readiness.days is None or self.transit.days is None:
            return None
        return self.readiness.days + self.transit.days

    @cached_property
    def boarding(self) -> Span | None:
        arrival = self.arrival
        return Span.latest(arrival, self.crew_ready) if arrival is not None else None

    @cached_property
    def end(self) -> Span | None:
        """When the crew gets off at the next place (home)."""
        boarding = self.boarding
        if boarding is None or self.onward is None or self.onward.days is None:
            return None
        return boarding + self.onward.days

    def arrival_margin(self) -> Span | None:
        """Supplies left at boarding less the reserve: ``low`` the worst case, ``high`` the best."""
        boarding, supplies = self.boarding, self.supplies.days
        if boarding is None or supplies is None:
            return None
        return Span(supplies.low - boarding.high - self.reserve, supplies.high - boarding.low - self.reserve)

    def carrier_runs_out(self) -> Span | None:
        """When the carrier's supplies for everyone aboard run out."""
        if self.endurance is None or self.endurance.days is None:
            return None
        start = (self.readiness.days if self.launched else self.boarding) if self.readiness.days is not None else None
        if start is None:
            return None
        return start + self.endurance.days

    def onward_margin(self) -> Span | None:
        """The carrier's endurance left when the crew gets off, less the reserve."""
        end, out = self.end, self.carrier_runs_out()
        if end is None or out is None:
            return None
        return Span(out.low - end.high - self.reserve, out.high - end.low - self.reserve)

    def unknown_arrival(self) -> list[Figure]:
        return [f for f in (self.readiness, self.transit, self.supplies) if not f.known]

    def unknown_onward(self) -> list[Figure]:
        return [f for f in (self.onward, self.endurance) if f is not None and not f.known]
